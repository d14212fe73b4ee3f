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
from carers.models import Role


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
            cases.household_for_staff(request.user, public_id, action=cases.AccessAction.VIEW)
    else:
        form = form_class(initial=guidance_initial(household))
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


# Household conditions (ConditionCategory) → the guidance questionnaire's "needs".
CONDITION_TO_NEED = {
    "dementia": "dementia",
    "physical": "disability",
    "intellectual": "disability",
    "mental": "mental",
    "illness": "illness",
    "frailty": "ageing",
    "addiction": "other",
    "child": "other",
    "other": "other",
}


# Words of a care recipient's free-text relationship → the questionnaire's
# "who needs care?" (guidance.RECIPIENTS). First match wins, so
# grandchildren are checked before the "son"/"child" words they contain.
RELATIONSHIP_WORDS = (
    ("other", ("孫", "grandchild", "grandson", "granddaughter")),
    (
        "parent",
        (
            "父",
            "母",
            "親",
            "father",
            "mother",
            "parent",
            "grandfather",
            "grandmother",
            "grandparent",
        ),
    ),
    ("partner", ("夫", "妻", "配偶", "パートナー", "husband", "wife", "spouse", "partner")),
    ("sibling", ("兄", "弟", "姉", "妹", "brother", "sister", "sibling")),
    ("child", ("息子", "娘", "子", "son", "daughter", "child")),
)


def recipient_kind(relationship: str) -> str | None:
    text = (relationship or "").strip().lower()
    if not text:
        return None
    for kind, words in RELATIONSHIP_WORDS:
        if any(word in text for word in words):
            return kind
    return "other"


def guidance_initial(household) -> dict:
    """Answers for the service guidance prefilled from the case record (the
    last plan's answers when there is one): staff check and adjust them."""
    plan = cases.latest_support_plan(household)
    if plan is not None and plan.answers:
        return {**plan.answers, "municipality": household.municipality_id}
    recipients = list(household.care_recipients.all())
    carers = list(household.carers.all())
    needs = sorted({CONDITION_TO_NEED.get(c, "other") for r in recipients for c in r.conditions})
    situations = []
    if any(c.is_working for c in carers):
        situations.append("working")
    if any(c.is_under_18 for c in carers):
        situations.append("under_18")
    initial = {"municipality": household.municipality_id, "needs": needs, "situations": situations}
    if household.service_use in (cases.ServiceUse.NONE, cases.ServiceUse.SOME):
        initial["service_use"] = household.service_use
    if recipients:
        initial["care_level"] = recipients[0].care_level
        kind = recipient_kind(recipients[0].relationship)
        if kind:
            initial["recipient"] = kind
    return initial
