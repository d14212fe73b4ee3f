"""/dashboard/: the prefecture's overview, built from each initiative's public
``dashboard_counts()`` function."""

import importlib

from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from carers.access import role_required
from carers.caching import cached
from carers.models import Role, User

SECTIONS = (
    # (app whose api.dashboard_counts() feeds the card, title, page for the details)
    ("salons", _("Salons and cafés (initiative 2)"), "salons:manage"),
    ("advisors", _("Advisor dispatch (initiative 3)"), "advisors:figures"),
    ("services", _("Public services (initiative 4)"), "services:manage"),
    ("portal", _("Awareness and self-check (initiative 1)"), "awareness:manage"),
)


def _counts(app):
    module = importlib.import_module(f"{app}.api")
    # Whole-table counts: computed at most once a minute (AGGREGATE_CACHE_SECONDS)
    # and again at once when public data changes; labels in the viewer's language.
    return cached(
        f"dashboard:{app}:{get_language()}",
        lambda: [(str(k), v) for k, v in module.dashboard_counts()],
    )


@role_required(Role.PREFECTURE_STAFF)
def dashboard(request):
    sections = [(title, _counts(app), reverse(url)) for app, title, url in SECTIONS]
    counts = cached(
        "dashboard:accounts",
        lambda: dict(
            User.objects.filter(is_active=True)
            .values_list("role")
            .annotate(n=Count("pk"))
            .order_by()
        ),
    )
    accounts = [(label, counts.get(value, 0)) for value, label in Role.choices]
    return render(request, "portal/dashboard.html", {"sections": sections, "accounts": accounts})
