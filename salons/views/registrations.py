"""Signing up for a session, as a member or a guest, and managing a sign-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from carers.errors import NOT_FOUND, ActionError, show_error

from .. import actions
from ..forms import (
    GuestJoinForm,
)
from ..models import (
    ACTIVE_STATUSES,
    Registration,
    RegistrationStatus,
    Session,
)
from ..ratelimit import guest_rate_limited
from .public import _join_form, salon_detail


@require_POST
@login_required
def session_join(request, pk):
    session = get_object_or_404(Session.objects.public().select_related("salon"), pk=pk)
    if not session.salon.is_public:
        raise Http404
    form = _join_form(session.salon, session.pk, request.POST)
    form.session_pk = session.pk
    if not form.is_valid():
        messages.error(request, _("Please check the sign-up form."))
        return salon_detail(request, session.salon_id, join_form=form, status=400)
    try:
        reg = actions.session_join(
            session=session,
            by=request.user,
            nickname=form.cleaned_data["nickname"],
            age_band=form.cleaned_data.get("age_band", ""),
        )
    except ActionError as error:
        # Refused (already signed up, cancelled, started): say why, keep what was typed.
        show_error(request, error)
        return salon_detail(request, session.salon_id, join_form=form, status=409)
    _say_joined(request, reg, _("You are signed up. See you there!"))
    return redirect(reg)


def _say_joined(request, reg, booked_text):
    if reg.status == RegistrationStatus.WAITING:
        messages.warning(
            request,
            _(
                "The session is full. You are on the waiting list; we will email you if a seat frees up."
            ),
        )
    else:
        messages.success(request, booked_text)


def guest_join(request, pk):
    session = get_object_or_404(Session.objects.public().select_related("salon"), pk=pk)
    if not session.salon.is_public:
        raise Http404
    form = GuestJoinForm(request.POST or None, young=session.salon.is_for_young_carers)
    if request.method == "POST" and form.is_valid():
        if guest_rate_limited(request):
            form.add_error(
                None, _("Too many sign-up requests from here. Please try again in a few minutes.")
            )
            return render(
                request, "salons/guest_join.html", {"session": session, "form": form}, status=429
            )
        try:
            actions.guest_request(
                session=session,
                email=form.cleaned_data["email"],
                nickname=form.cleaned_data["nickname"],
                age_band=form.cleaned_data.get("age_band", ""),
            )
        except ActionError as error:
            show_error(request, error, form)
        else:
            return render(request, "salons/guest_sent.html", {"session": session})
    return render(request, "salons/guest_join.html", {"session": session, "form": form})


def guest_confirm(request, token):
    try:
        actions.guest_registration(token=token)
    except ActionError as error:
        return render(request, "salons/guest_confirm.html", {"error": error.message}, status=404)
    if request.method == "POST":
        try:
            reg = actions.guest_confirm(token=token)
        except ActionError as error:
            status = 404 if error.code == NOT_FOUND else 400
            return render(
                request, "salons/guest_confirm.html", {"error": error.message}, status=status
            )
        _say_joined(request, reg, _("Your email address is confirmed and you are signed up."))
        return redirect(reg)
    return render(request, "salons/guest_confirm.html", {"token": token})


def _registration(request, token):
    reg = get_object_or_404(
        Registration.objects.select_related("session__salon", "user"), token=token
    )
    if reg.user_id and reg.user_id != request.user.pk:
        raise Http404  # an account's sign-up is only for that account
    if reg.status == RegistrationStatus.EMAIL_UNCONFIRMED:
        raise Http404
    return reg


def registration_detail(request, token):
    """A participant's own page: status, cancel, and the meeting URL at the right time."""
    reg = _registration(request, token)
    session = reg.session
    opens, _closes = session.link_window()
    meeting_url = session.meeting_url_for(request.user, reg)
    booked = reg.status == RegistrationStatus.CONFIRMED
    return render(
        request,
        "salons/registration_detail.html",
        {
            "reg": reg,
            "session": session,
            "salon": session.salon,
            "meeting_url": meeting_url,
            "link_opens": opens,
            "awaiting_link": session.is_online
            and booked
            and not meeting_url
            and not session.has_ended
            and not session.is_cancelled,
            "is_offered": reg.status == RegistrationStatus.OFFERED,
            "can_cancel": reg.status in ACTIVE_STATUSES and not session.has_ended,
        },
    )


def registration_cancel(request, token):
    reg = _registration(request, token)
    if request.method != "POST":
        return render(
            request, "salons/registration_cancel.html", {"reg": reg, "session": reg.session}
        )
    try:
        actions.registration_cancel(registration=reg)
    except ActionError as error:
        show_error(request, error)
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    return redirect(reg)


@require_POST
def registration_accept(request, token):
    reg = _registration(request, token)
    try:
        actions.registration_accept_offer(registration=reg)
    except ActionError as error:
        show_error(request, error)
    else:
        messages.success(request, _("The seat is yours. See you there!"))
    return redirect(reg)


@login_required
def my_registrations(request):
    regs = (
        Registration.objects.filter(
            user=request.user, status__in=ACTIVE_STATUSES, session__ends_at__gt=timezone.now()
        )
        .select_related("session__salon")
        .order_by("session__starts_at")
    )
    facilitating = (
        Session.objects.manageable_by(request.user)
        .upcoming()
        .filter(facilitator=request.user)
        .select_related("salon")[:20]
    )
    return render(
        request,
        "salons/my_registrations.html",
        {"registrations": regs, "facilitating": facilitating},
    )
