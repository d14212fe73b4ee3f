"""Single actions on a case: consultations, follow-ups, consent withdrawal, close, delete."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import actions
from ..case_forms import (
    ConfirmForm,
    ConsultationForm,
    DeleteForm,
    FollowUpForm,
    WithdrawConsentForm,
)
from .common import EDITORS, _action_page, _household, _to_detail, case_page


@case_page(*EDITORS, methods=("GET", "POST"))
def consultation_add(request, public_id):
    def run(household, data):
        actions.consultation_add(household=household, by=request.user, **data)
        return _to_detail(request, household, _("The consultation was added."))

    return _action_page(
        request,
        public_id,
        ConsultationForm,
        "carers/consultation_form.html",
        run,
        initial={"held_on": timezone.localdate()},
    )


@case_page(*EDITORS, methods=("GET", "POST"))
def follow_up_set(request, public_id):
    def run(household, data):
        actions.household_set_follow_up(household=household, by=request.user, **data)
        return _to_detail(request, household, _("The next follow-up date was set."))

    return _action_page(request, public_id, FollowUpForm, "carers/follow_up_form.html", run)


@case_page(*EDITORS, methods=("GET", "POST"))
def consent_withdraw(request, public_id):
    def run(household, data):
        actions.consent_withdraw(
            household=household,
            by=request.user,
            withdrawn_on=data["withdrawn_on"],
            method=data["method"],
        )
        return _to_detail(
            request,
            household,
            _(
                "Consent withdrawal was recorded. The record is now restricted and reminders have stopped."
            ),
        )

    household = _household(request, public_id, log=None)
    if household.is_restricted:
        messages.info(request, _("Consent was already withdrawn for this household."))
        return redirect("carers:household_detail", public_id=household.public_id)
    return _action_page(
        request,
        public_id,
        WithdrawConsentForm,
        "carers/consent_withdraw.html",
        run,
        initial={"withdrawn_on": timezone.localdate()},
        check_locked=False,
    )


@case_page(*EDITORS, methods=("GET", "POST"))
def household_close(request, public_id):
    def run(household, data):
        actions.household_close(household=household, by=request.user)
        return _to_detail(request, household, _("The case was closed."))

    return _action_page(request, public_id, ConfirmForm, "carers/household_close.html", run)


@case_page(*EDITORS, methods=("GET", "POST"))
def household_delete(request, public_id):
    def run(household, data):
        actions.household_delete(household=household, by=request.user, reason=data["reason"])
        messages.success(
            request, _("The record was deleted. The access log keeps that it was deleted and why.")
        )
        return redirect("carers:household_list")

    return _action_page(
        request, public_id, DeleteForm, "carers/household_delete.html", run, check_locked=False
    )
