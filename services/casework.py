"""The service guidance run for a household by municipal staff, saved as a
dated support plan in the case record (carers). Scope, the access log and the
write go through carers.api; this module only runs the guidance."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from carers import api as cases
from carers.access import role_required
from carers.errors import ActionError, show_error
from carers.models import AccessAction, Role


@never_cache
@role_required(Role.MUNICIPAL_STAFF)
@sensitive_post_parameters()
@sensitive_variables()
def household_guidance(request, public_id):
    """GET: the questionnaire prefilled from the record. POST "preview": the
    result and what changed since the last plan. POST "save": a dated support
    plan. Each request writes exactly one access-log entry."""
    from services.api import evaluate_guidance, guidance_form_class

    saving = request.method == "POST" and "save" in request.POST
    household = cases.household_for_staff(request.user, public_id, log=not saving)
    if not cases.household_is_changeable(household):
        messages.warning(request, cases.CASE_LOCKED)
        return redirect("carers:household_detail", public_id=household.public_id)

    form_class = guidance_form_class()
    latest = cases.latest_support_plan(household)
    result = diff = None
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            answers = {**form.cleaned_data, "municipality": household.municipality_id}
            result_dict = evaluate_guidance(answers, household.municipality_id).to_dict()
            if saving:
                result_dict["by_language"] = _in_each_language(
                    evaluate_guidance, answers, household.municipality_id
                )
                try:
                    cases.support_plan_save(
                        household=household,
                        by=request.user,
                        answers=answers,
                        result_dict=result_dict,
                    )
                except ActionError as error:
                    show_error(request, error)
                    return redirect("carers:household_detail", public_id=household.public_id)
                messages.success(request, cases.PLAN_SAVED)
                return redirect("carers:household_detail", public_id=household.public_id)
            result = result_dict
            diff = cases.support_plan_diff(latest.shown_result if latest else None, result_dict)
        elif saving:  # nothing saved, so the view is what gets logged
            cases.household_for_staff(request.user, public_id, action=AccessAction.VIEW)
    else:
        form = form_class(initial=cases.guidance_initial(household))
    if "municipality" in form.fields:  # always the household's own municipality
        form.fields["municipality"].widget = forms.HiddenInput()
    return render(
        request,
        "services/casework/guidance.html",
        {
            "title": cases.GUIDANCE_TITLE,
            "household": household,
            "form": form,
            "result": result,
            "diff": diff,
            "latest": latest,
        },
    )


def _in_each_language(evaluate_guidance, answers, code) -> dict:
    """The result in every site language, so the saved plan reads in the
    language of whoever opens it later (carers.models.SupportPlan.shown_result)."""
    by_language = {}
    for lang, _name in settings.LANGUAGES:
        with translation.override(lang):
            by_language[lang] = evaluate_guidance(answers, code).to_dict()
    return by_language
