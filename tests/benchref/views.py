from django.http import HttpResponse
from django.shortcuts import render

from .models import Row


def plain(request):
    return HttpResponse("ok", content_type="text/plain")


def rows(request):
    return render(request, "benchref/rows.html", {"rows": Row.objects.order_by("id")[:20]})
