"""/dashboard/: the prefecture's overview, built from each initiative's public
``dashboard_counts()`` function."""

import importlib

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from carers.access import role_required
from carers.models import Role, User

SECTIONS = (
    ("salons", _("Salons and cafés (initiative 2)")),
    ("advisors", _("Advisor dispatch (initiative 3)")),
    ("services", _("Public services (initiative 4)")),
    ("portal", _("Awareness and self-check (initiative 1)")),
)


def _counts(app):
    try:
        module = importlib.import_module(f"{app}.api")
        return list(module.dashboard_counts())
    except (ImportError, AttributeError):
        return None


@role_required(Role.PREFECTURE_STAFF)
def dashboard(request):
    sections = [(title, _counts(app)) for app, title in SECTIONS]
    accounts = [
        (label, User.objects.filter(role=value, is_active=True).count())
        for value, label in Role.choices
    ]
    return render(request, "portal/dashboard.html", {"sections": sections, "accounts": accounts})
