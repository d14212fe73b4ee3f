"""What the case-record views share: roles, the logged page wrapper and the household lookup."""

from functools import wraps

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from .. import accesslog
from ..access import role_required
from ..errors import ActionError, show_error
from ..models import (
    AccessAction,
    CaseStatus,
    Household,
    Role,
)

EDITORS = (Role.MUNICIPAL_STAFF,)
READERS = (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF)  # prefecture staff: with an AuditGrant only
PAGE_SIZE = 25


def case_page(*roles, methods=("GET",)):
    """Guard a case-record view: roles (404 for others, sign-in for visitors),
    allowed methods, never cached; POST data and the local variables of this
    view and everything it calls hidden from error reports."""

    def decorator(view):
        inner = sensitive_variables()(require_http_methods(list(methods))(view))
        guarded = role_required(*roles)(sensitive_post_parameters()(inner))
        return wraps(view)(never_cache(guarded))

    return decorator


def _household(request, public_id, *, editable=True, log=AccessAction.VIEW):
    qs = (
        Household.objects.manageable_by(request.user)
        if editable
        else Household.objects.visible_to(request.user)
    )
    household = get_object_or_404(qs.select_related("municipality"), public_id=public_id)
    if log:
        accesslog.record(user=request.user, household=household, action=log)
    return household


def _refuse_if_locked(request, household):
    """Closed or restricted records cannot change: back to the record with a message."""
    if household.is_restricted or household.status == CaseStatus.CLOSED:
        messages.warning(
            request,
            _("Consent was withdrawn: this record is restricted and cannot be changed.")
            if household.is_restricted
            else _("This case is closed and cannot be changed."),
        )
        return redirect("carers:household_detail", public_id=household.public_id)
    return None


def _action_page(request, public_id, form_class, template, run, *, initial=None, check_locked=True):
    """A small form page that changes a household: GET shows it (logged as a
    view); a valid POST runs ``run(household, cleaned_data)`` (which logs)."""
    household = _household(request, public_id, log=None)
    if check_locked:
        refused = _refuse_if_locked(request, household)
        if refused:
            return refused
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            response = run(household, form.cleaned_data)
        except ActionError as error:
            show_error(request, error)
        else:
            return response
    accesslog.record(user=request.user, household=household, action=AccessAction.VIEW)
    return render(request, template, {"household": household, "form": form})


def _to_detail(request, household, message):
    messages.success(request, message)
    return redirect("carers:household_detail", public_id=household.public_id)
