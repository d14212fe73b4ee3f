"""Who read or changed a household's record, and the audit grants."""

from django.core.paginator import Paginator
from django.shortcuts import render

from .. import accesslog
from ..models import (
    AccessAction,
    AuditGrant,
    Role,
)
from .common import READERS, _household, case_page


@case_page(*READERS)
def household_access_log(request, public_id):
    household = _household(request, public_id, editable=False, log=AccessAction.LOG_VIEW)
    page = Paginator(accesslog.entries_for(household), 50).get_page(request.GET.get("page"))
    return render(request, "carers/household_log.html", {"household": household, "page": page})


@case_page(Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF)
def audit_list(request):
    grants = (
        AuditGrant.objects.valid()
        .filter(user=request.user)
        .select_related("household", "household__municipality")
    )
    return render(request, "carers/audit_list.html", {"grants": grants})
