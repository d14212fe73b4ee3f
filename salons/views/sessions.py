"""Managing sessions and schedules, and the participant list."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from carers import csvsafe
from carers.access import role_required
from carers.errors import ActionError, show_error
from carers.models import Role

from .. import actions
from ..forms import (
    CancelForm,
    MessageForm,
    MoveForm,
    RuleForm,
    SessionEditForm,
    SessionForm,
)
from ..models import (
    ACTIVE_STATUSES,
    RegistrationStatus,
    Salon,
    Session,
    SessionRule,
)
from .common import MANAGERS


def _without_online_fields(salon, form):
    """A salon that does not meet online is offered no online session."""
    if not salon.is_online:
        for name in ("is_online", "meeting_url"):
            form.fields.pop(name, None)
    return form


@role_required(Role.ORGANISER)
def session_create(request, pk):
    salon = get_object_or_404(
        Salon.objects.manageable_by(request.user).filter(organiser=request.user), pk=pk
    )
    form = _without_online_fields(
        salon,
        SessionForm(
            request.POST or None, initial={"is_online": salon.is_online and not salon.is_in_person}
        ),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.session_create(
                salon=salon,
                by=request.user,
                starts_at=d["starts_at"],
                ends_at=d["ends_at"],
                capacity=d["capacity"],
                is_online=d.get("is_online", False),
                meeting_url=d.get("meeting_url", ""),
                facilitator=d["facilitator"],
                note=d["note"],
            )
        except ActionError as error:
            show_error(request, error, form)
        else:
            messages.success(request, _("Session added."))
            return redirect("salons:manage_detail", salon.pk)
    return render(
        request,
        "salons/session_form.html",
        {"form": form, "salon": salon, "title": _("Add a session")},
    )


@role_required(Role.ORGANISER)
def rule_create(request, pk):
    salon = get_object_or_404(
        Salon.objects.manageable_by(request.user).filter(organiser=request.user), pk=pk
    )
    form = _without_online_fields(salon, RuleForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        try:
            actions.rule_create(salon=salon, by=request.user, data=form.cleaned_data)
        except ActionError as error:
            show_error(request, error, form)
        else:
            messages.success(request, _("Recurring schedule added; its sessions are listed below."))
            return redirect("salons:manage_detail", salon.pk)
    return render(
        request,
        "salons/session_form.html",
        {"form": form, "salon": salon, "title": _("Add a recurring schedule")},
    )


def _managed_session(request, pk):
    return get_object_or_404(
        Session.objects.manageable_by(request.user)
        .select_related("salon")
        .filter(salon__organiser=request.user),
        pk=pk,
    )


@role_required(Role.ORGANISER)
def session_move(request, pk):
    session = _managed_session(request, pk)
    local = timezone.localtime(session.starts_at)
    form = MoveForm(
        request.POST or None,
        initial={
            "date": local.date(),
            "start_time": local.time(),
            "end_time": timezone.localtime(session.ends_at).time(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.session_move(
                session=session,
                by=request.user,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
            )
        except ActionError as error:
            show_error(request, error, form)
        else:
            messages.success(request, _("Session moved; everyone signed up has been told."))
            return redirect("salons:manage_detail", session.salon_id)
    return render(
        request,
        "salons/session_form.html",
        {"form": form, "salon": session.salon, "session": session, "title": _("Move this session")},
    )


@role_required(*MANAGERS)
def session_edit(request, pk):
    """Capacity, meeting URL, facilitator and note of an upcoming session
    (organiser, and staff who can manage the salon)."""
    session = get_object_or_404(
        Session.objects.manageable_by(request.user)
        .filter(salon__in=Salon.objects.manageable_by(request.user))
        .select_related("salon", "facilitator")
        .upcoming(),
        pk=pk,
    )
    may_see_link = request.user.pk in (session.salon.organiser_id, session.facilitator_id)
    form = SessionEditForm(request.POST or None, session=session, may_see_link=may_see_link)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.session_update(
                session=session,
                by=request.user,
                capacity=d["capacity"],
                meeting_url=d.get("meeting_url", ""),
                facilitator=d["facilitator"],
                note=d["note"],
            )
        except ActionError as error:
            show_error(request, error, form)
        else:
            messages.success(request, _("Session details saved."))
            return redirect("salons:manage_detail", session.salon_id)
    return render(
        request,
        "salons/session_form.html",
        {
            "form": form,
            "salon": session.salon,
            "session": session,
            "title": _("Edit this session"),
        },
    )


@role_required(*MANAGERS)
def rule_stop(request, pk):
    """Stop a recurring schedule, after a confirmation page."""
    rule = get_object_or_404(
        SessionRule.objects.filter(salon__in=Salon.objects.manageable_by(request.user))
        .select_related("salon")
        .filter(is_active=True),
        pk=pk,
    )
    if request.method == "POST":
        try:
            result = actions.rule_stop(rule=rule, by=request.user)
        except ActionError as error:
            show_error(request, error)
        else:
            messages.success(
                request,
                _(
                    "Schedule stopped. %(removed)s future sessions removed, %(cancelled)s "
                    "cancelled (everyone signed up has been told)."
                )
                % result,
            )
        return redirect("salons:manage_detail", rule.salon_id)
    return render(
        request,
        "salons/rule_stop.html",
        {"rule": rule, "salon": rule.salon, **actions.rule_future_counts(rule)},
    )


@role_required(Role.ORGANISER)
def session_cancel(request, pk):
    """A confirmation page asking for the reason; POST cancels."""
    session = _managed_session(request, pk)
    form = CancelForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.session_cancel(
                    session=session, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ActionError as error:
                show_error(request, error)
            else:
                messages.success(
                    request,
                    _("Session cancelled; everyone signed up has been told, with your reason."),
                )
            return redirect("salons:manage_detail", session.salon_id)
        status = 400
    return render(
        request,
        "salons/session_cancel.html",
        {"session": session, "salon": session.salon, "form": form},
        status=status,
    )


def _participants(session):
    return session.registrations.exclude(status=RegistrationStatus.EMAIL_UNCONFIRMED).order_by(
        "created_at", "pk"
    )


@role_required(Role.ORGANISER)
def session_participants(request, pk):
    """The organiser's own session: who signed up (nicknames, never email
    addresses; young-carer sessions show nicknames and status only), and a
    message to all of them through the outbox."""
    session = get_object_or_404(
        Session.objects.manageable_by(request.user)
        .filter(salon__organiser=request.user)
        .select_related("salon"),
        pk=pk,
    )
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                count = actions.session_message(
                    session=session, by=request.user, message=form.cleaned_data["message"]
                )
            except ActionError as error:
                show_error(request, error, form)
                status = 400
            else:
                messages.success(
                    request,
                    ngettext(
                        "Your message is on its way to %(count)s participant.",
                        "Your message is on its way to %(count)s participants.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect("salons:session_participants", session.pk)
        else:
            status = 400
    registrations = list(_participants(session))
    return render(
        request,
        "salons/session_participants.html",
        {
            "session": session,
            "salon": session.salon,
            "registrations": registrations,
            "active": [r for r in registrations if r.status in ACTIVE_STATUSES],
            "nicknames_only": session.salon.is_for_young_carers,
            "form": form,
            "can_message": not session.has_ended,
        },
        status=status,
    )


@role_required(Role.ORGANISER)
def participants_csv(request, pk):
    """Participants of one of the organiser's own sessions (nickname, status,
    age band; no email addresses)."""
    session = get_object_or_404(
        Session.objects.manageable_by(request.user).filter(salon__organiser=request.user), pk=pk
    )
    response = csvsafe.csv_response(f"session-{session.pk}-participants.csv")
    writer = csvsafe.writer(response)
    writer.writerow([_("Nickname"), _("Status"), _("Age band"), _("Signed up at"), _("Account")])
    for reg in session.registrations.exclude(status=RegistrationStatus.EMAIL_UNCONFIRMED).order_by(
        "created_at"
    ):
        writer.writerow(
            [
                reg.nickname or _("(no nickname)"),
                reg.get_status_display(),
                reg.get_age_band_display() if reg.age_band else "",
                timezone.localtime(reg.created_at).strftime("%Y-%m-%d %H:%M"),
                _("yes") if reg.user_id else _("guest"),
            ]
        )
    return response
