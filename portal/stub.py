"""Temporary placeholder pages for sections under construction."""

from django.shortcuts import render


def placeholder(request, title=""):
    return render(request, "portal/placeholder.html", {"title": title})
