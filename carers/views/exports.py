"""A household's record as JSON and as a printable page."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .. import accesslog, records
from ..models import (
    AccessAction,
)
from .common import READERS, _household, case_page


@case_page(*READERS)
def household_export_json(request, public_id):
    household = _household(request, public_id, editable=False, log=AccessAction.EXPORT_JSON)
    body = json.dumps(records.export_data(household), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="household-{str(household.public_id)[:8]}.json"'
    )
    return response


@case_page(*READERS)
def household_print(request, public_id):
    household = _household(request, public_id, editable=False, log=AccessAction.PRINT)
    return render(
        request,
        "carers/household_print.html",
        {
            "household": household,
            "now": timezone.now(),
            "carer_list": household.carers.all(),
            "recipient_list": household.care_recipients.all(),
            "consents": household.consents.select_related("taken_by"),
            "consultations": household.consultations.all(),
            "plans": household.support_plans.all(),
            "log_entries": accesslog.entries_for(household).order_by("at", "pk"),
        },
    )
