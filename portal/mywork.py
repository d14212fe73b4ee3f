""" "My work": where staff land after signing in. Each app contributes its
sections through a small ``api`` function; this page only lays them out."""

import logging

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from carers.access import role_required
from carers.models import Role

logger = logging.getLogger(__name__)
WORKERS = (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF, Role.ADVISOR)


def _sections(user) -> list[dict]:
    from advisors import api as advisors_api
    from carers import api as carers_api
    from salons import api as salons_api

    sections = []
    if user.role in (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF):
        sections += salons_api.staff_work(user)
    sections += advisors_api.staff_work(user)
    if user.role == Role.MUNICIPAL_STAFF:
        sections.append(
            {
                "key": "follow_ups_due",
                "title": _("Case follow-ups due"),
                "count": carers_api.follow_ups_due_count(user),
                "url": reverse("carers:household_list") + "?due=1",
                "items": [],
            }
        )
    # What needs a step first; empty sections last (they still show "nothing waiting").
    return sorted(sections, key=lambda s: s["count"] == 0)


@role_required(*WORKERS)
def my_work(request):
    sections = _sections(request.user)
    return render(
        request,
        "portal/my_work.html",
        {"sections": sections, "total": sum(s["count"] for s in sections)},
    )
