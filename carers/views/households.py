"""Households: the list, create, detail and edit."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.forms.formsets import BaseFormSet
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import accesslog, actions, records
from ..api import household_tools, support_plan_diff
from ..case_forms import (
    MAX_MEMBERS,
    CareRecipientFormSet,
    CarerFormSet,
    ConsentForm,
    FollowUpForm,
    HouseholdForm,
    VersionForm,
)
from ..errors import ActionError, show_error
from ..models import (
    AccessAction,
    Carer,
    CareRecipient,
    CaseStatus,
    Household,
)
from .common import EDITORS, PAGE_SIZE, READERS, _household, _refuse_if_locked, case_page


@case_page(*EDITORS)
def household_list(request):
    user = request.user
    today = timezone.localdate()
    qs = Household.objects.manageable_by(user)
    status = request.GET.get("status", CaseStatus.OPEN)
    if status in CaseStatus.values:
        qs = qs.filter(status=status)
    due = request.GET.get("due") == "1"
    if due:
        qs = qs.follow_up_due(today)
    q = request.GET.get("q", "").replace("\x00", "").strip()[:40]  # PostgreSQL refuses NUL in text
    if q:
        match = Q(reference__icontains=q)
        if _looks_like_id(q):
            match |= Q(public_id__startswith=q.lower())
        qs = qs.filter(match)
    # Subqueries, evaluated for the shown page only (not a grouping of every case).
    qs = qs.annotate(
        carer_count=_count_per_household(Carer), recipient_count=_count_per_household(CareRecipient)
    )
    qs = qs.order_by(F("next_follow_up").asc(nulls_last=True), "-updated_at", "pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    due_count = Household.objects.manageable_by(user).follow_up_due(today).count()
    return render(
        request,
        "carers/household_list.html",
        {
            "page": page,
            "status": status,
            "due": due,
            "q": q,
            "today": today,
            "due_count": due_count,
            "statuses": CaseStatus.choices,
        },
    )


def _count_per_household(model):
    rows = model.objects.filter(household=OuterRef("pk")).order_by().values("household")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


def _looks_like_id(q):
    return all(c in "0123456789abcdef-" for c in q.lower()) and len(q) >= 4


def _member_forms(request, instance=None, data=None):
    return (
        CarerFormSet(data, instance=instance or Household(), prefix="carers"),
        CareRecipientFormSet(data, instance=instance or Household(), prefix="recipients"),
    )


MEMBER_KINDS = ("carers", "recipients")  # the prefixes of the two member formsets


def _adding(data):
    """The formset prefix whose "add another" button was pressed, or None."""
    if data is None:
        return None
    kind = data.get("add")
    return kind if kind in MEMBER_KINDS else None


def _with_one_more_row(request, data, kind):
    """The no-JavaScript "add another": the same form again with one more blank
    entry for ``kind``; everything typed is kept and nothing is saved."""
    data = data.copy()
    key = f"{kind}-TOTAL_FORMS"
    try:
        total = int(data.get(key, ""))
    except ValueError:
        return data  # the formset reports the broken management form itself
    if total >= MAX_MEMBERS:
        messages.warning(
            request,
            _("A record holds at most %(max)s of each kind of person.") % {"max": MAX_MEMBERS},
        )
        return data
    data[key] = str(total + 1)
    return data


def _quiet(*forms):
    """Bound forms shown again after "add another": their values, without
    errors (nothing was submitted for saving yet)."""
    for form in forms:
        if isinstance(form, BaseFormSet):
            form._errors, form._non_form_errors = [], form.error_class()
            _quiet(*form.forms)
        else:
            form._errors = ErrorDict()
            form.cleaned_data = {}


def _focus_new_row(formset):
    """Put the cursor in the entry just added (its first field), if one was."""
    row = formset.forms[-1] if formset.forms else None
    if row is not None and not row.instance.pk and not row.has_changed():
        next(iter(row.fields.values())).widget.attrs["autofocus"] = True


def _has_members(carers, recipients):
    rows = [r for r in carers.members() + recipients.members() if not r.get("DELETE")]
    return bool(rows)


@case_page(*EDITORS, methods=("GET", "POST"))
def household_create(request):
    municipality = request.user.municipality
    data = request.POST if request.method == "POST" else None
    adding = _adding(data)
    if adding:
        data = _with_one_more_row(request, data, adding)
    form = HouseholdForm(data, municipality=municipality, prefix="household")
    consent = ConsentForm(data, prefix="consent")
    carers, recipients = _member_forms(request, data=data)
    if adding:
        _quiet(form, consent, carers, recipients)
        _focus_new_row(carers if adding == "carers" else recipients)
    elif data is not None:
        valid = all([form.is_valid(), consent.is_valid(), carers.is_valid(), recipients.is_valid()])
        no_members = valid and not _has_members(carers, recipients)
        if no_members:
            messages.error(request, _("Add at least one carer or one person cared for."))
        elif valid:
            try:
                household = actions.household_create(
                    by=request.user,
                    fields=form.cleaned_data,
                    consent=consent.cleaned_data,
                    carers=carers.members(),
                    recipients=recipients.members(),
                )
            except ActionError as error:
                show_error(request, error)
            else:
                messages.success(request, _("The household was recorded with its consent."))
                return redirect("carers:household_detail", public_id=household.public_id)
        else:
            messages.error(
                request, _("Please correct the errors below. Nothing you typed was lost.")
            )
    return render(
        request,
        "carers/household_form.html",
        {
            "form": form,
            "consent_form": consent,
            "carers": carers,
            "recipients": recipients,
            "creating": True,
        },
    )


@case_page(*READERS)
def household_detail(request, public_id):
    household = _household(request, public_id, editable=False)
    editable = household.municipality_id == request.user.municipality_id
    plans = list(household.support_plans.select_related("created_by")[:10])
    plan_diff = (
        support_plan_diff(plans[1].shown_result, plans[0].shown_result) if len(plans) > 1 else None
    )
    return render(
        request,
        "carers/household_detail.html",
        {
            "household": household,
            "editable": editable
            and not household.is_restricted
            and household.status == CaseStatus.OPEN,
            "can_manage": editable,
            "carer_list": household.carers.all(),
            "recipient_list": household.care_recipients.all(),
            "consents": household.consents.select_related("taken_by"),
            "consultations": household.consultations.select_related("recorded_by")[:50],
            "plans": plans,
            "plan_diff": plan_diff,
            "household_tools": household_tools(household),
            "follow_up_form": FollowUpForm(initial={"next_follow_up": household.next_follow_up}),
            "today": timezone.localdate(),
        },
    )


@case_page(*EDITORS, methods=("GET", "POST"))
def household_edit(request, public_id):
    household = _household(request, public_id, log=None)
    refused = _refuse_if_locked(request, household)
    if refused:
        return refused
    data = _forget_vanished_members(request.POST, household) if request.method == "POST" else None
    adding = _adding(data)
    if adding:
        data = _with_one_more_row(request, data, adding)
    form = HouseholdForm(
        data, instance=household, municipality=household.municipality, prefix="household"
    )
    version = VersionForm(data, initial={"version": household.version})
    carers, recipients = _member_forms(request, household, data)
    conflict_rows = None
    if adding:
        _quiet(form, version, carers, recipients)
        _focus_new_row(carers if adding == "carers" else recipients)
    elif data is not None:
        if all([form.is_valid(), version.is_valid(), carers.is_valid(), recipients.is_valid()]):
            try:
                actions.household_update(
                    household=household,
                    by=request.user,
                    expected_version=version.cleaned_data["version"],
                    fields=form.cleaned_data,
                    carers=carers.members(),
                    recipients=recipients.members(),
                )
            except ActionError as error:
                show_error(request, error)
                # An edit conflict carries the record as saved by someone else:
                # show the differences and re-bind with its version so a second,
                # deliberate save succeeds. Other refusals keep the form as typed.
                current = error.details.get("current")
                if current is not None:
                    conflict_rows = records.diff(
                        records.household_snapshot(current),
                        _submitted_snapshot(form, carers, recipients),
                    )
                    data = data.copy()
                    data["version"] = current.version
                    form = HouseholdForm(
                        data,
                        instance=current,
                        municipality=current.municipality,
                        prefix="household",
                    )
                    version = VersionForm(data)
                    carers, recipients = _member_forms(request, current, data)
            else:
                messages.success(request, _("The record was saved."))
                return redirect("carers:household_detail", public_id=household.public_id)
        else:
            messages.error(
                request, _("Please correct the errors below. Nothing you typed was lost.")
            )
    accesslog.record(user=request.user, household=household, action=AccessAction.VIEW)
    return render(
        request,
        "carers/household_form.html",
        {
            "household": household,
            "form": form,
            "version_form": version,
            "carers": carers,
            "recipients": recipients,
            "conflict_rows": conflict_rows,
            "creating": False,
        },
    )


def _forget_vanished_members(data, household):
    """A colleague may have removed a member since this form was loaded. Its row
    then becomes a new entry (moved after the rows that still exist), so the save
    reaches the edit-conflict check, which shows the difference, instead of
    failing on a hidden id field. An id that is not one of this household's
    members is treated the same way: another household's members are never touched."""
    data = data.copy()
    for prefix, members in (
        ("carers", household.carers),
        ("recipients", household.care_recipients),
    ):
        current = {str(pk) for pk in members.values_list("pk", flat=True)}
        try:
            total = min(int(data.get(f"{prefix}-TOTAL_FORMS", "")), 50)
            initial = min(int(data.get(f"{prefix}-INITIAL_FORMS", "")), total)
        except ValueError:
            continue  # the formset reports the broken management form itself
        rows = []
        for i in range(total):
            head = f"{prefix}-{i}-"
            rows.append({k[len(head) :]: data.getlist(k) for k in list(data) if k.startswith(head)})
            for k in [k for k in data if k.startswith(head)]:
                del data[k]
        kept = [r for r in rows[:initial] if (r.get("id") or [""])[0] in current]
        moved = [  # a row the editor also meant to delete is simply gone
            {**r, "id": [""]}
            for r in rows[:initial]
            if (r.get("id") or [""])[0] not in current and not r.get("DELETE")
        ]
        for i, row in enumerate(kept + moved + rows[initial:]):
            for name, values in row.items():
                data.setlist(f"{prefix}-{i}-{name}", values)
        data[f"{prefix}-INITIAL_FORMS"] = str(len(kept))
    return data


def _submitted_snapshot(form, carers, recipients):
    fields = dict(form.cleaned_data)
    keep = lambda rows: [r for r in rows if not r.get("DELETE")]  # noqa: E731
    return records.snapshot(fields, keep(carers.members()), keep(recipients.members()))
