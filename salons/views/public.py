"""Public pages: the search, a salon's page and the outdated-information report."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from carers import residence
from carers.caching import CachedCountPaginator
from carers.errors import ActionError, show_error
from carers.models import Role

from .. import actions
from ..feeds import sessions_json_ld
from ..forms import (
    JoinForm,
    ReportForm,
)
from ..models import (
    ACTIVE_STATUSES,
    Registration,
    Salon,
)
from ..ratelimit import report_rate_limited
from ..search import public_events, search_salons
from .common import MANAGERS

PAGE_SIZE = 10


def salon_list(request):
    # The resident's remembered municipality, when the address names none.
    params = residence.with_default(request, request.GET)
    form, salons, origin, after = search_salons(params)
    page = CachedCountPaginator(salons, PAGE_SIZE).get_page(request.GET.get("page"))
    query = params.copy()
    query.pop("page", None)
    return render(
        request,
        "salons/salon_list.html",
        {
            "form": form,
            "page": page,
            "origin": origin,
            "municipality": form.cleaned_data.get("municipality") if form.is_valid() else None,
            "query": query.urlencode(),
            "can_manage": request.user.is_authenticated and request.user.role in MANAGERS,
            "can_become_organiser": request.user.is_authenticated
            and request.user.role == Role.REGISTERED,
            "public_events": public_events(params, after)[:5],
        },
    )


def _visible_salon(request, pk):
    """Public salons to everyone; unpublished ones to those who manage them."""
    return get_object_or_404(
        Salon.objects.visible_to(request.user).select_related("municipality", "organiser"), pk=pk
    )


def _join_form(salon, session_pk, data=None):
    # One form per session, each with its own ids (labels must point at their own input).
    return JoinForm(data, young=salon.is_for_young_carers, auto_id=f"id_session{session_pk}_%s")


def salon_detail(request, pk, join_form=None, status=200):
    """The public page. ``join_form``: a refused sign-up's bound form, shown
    again on its session with what was typed."""
    salon = _visible_salon(request, pk)
    sessions = list(
        # Explicit order: Meta.ordering is dropped by the GROUP BY of with_counts().
        # Recently cancelled sessions stay listed, marked cancelled with the reason.
        salon.sessions.listed()
        .select_related("salon", "facilitator")
        .with_counts()
        .order_by("starts_at", "pk")[:12]
    )
    my_regs = {}
    if request.user.is_authenticated:
        for reg in Registration.objects.filter(
            user=request.user, session__in=[s.pk for s in sessions], status__in=ACTIVE_STATUSES
        ):
            my_regs[reg.session_id] = reg
    for session in sessions:
        session.my_registration = my_regs.get(session.pk)
        session.visible_url = session.meeting_url_for(request.user, session.my_registration)
        session.is_full = session.capacity is not None and session.booked >= session.capacity
        session.join_form = (
            join_form
            if join_form is not None and join_form.session_pk == session.pk
            else _join_form(salon, session.pk)
        )
    return render(
        request,
        "salons/salon_detail.html",
        {
            "salon": salon,
            "sessions": sessions,
            "rules": salon.rules.filter(is_active=True),
            "json_ld": mark_safe(sessions_json_ld(salon, sessions)) if salon.is_public else "",
            "manages": Salon.objects.manageable_by(request.user).filter(pk=pk).exists(),
            "join_form": join_form,  # a refused sign-up: the error summary lists it
        },
        status=status,
    )


def salon_report(request, pk):
    salon = get_object_or_404(Salon.objects.public(), pk=pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if report_rate_limited(request):
            form.add_error(None, _("Too many reports from here. Please try again in an hour."))
            return render(
                request, "salons/salon_report.html", {"salon": salon, "form": form}, status=429
            )
        try:
            actions.salon_report_outdated(
                salon=salon, message=form.cleaned_data["message"], by=request.user
            )
        except ActionError as error:
            show_error(request, error, form)
        else:
            messages.success(
                request,
                _("Thank you. The organiser and the staff who approve this salon have been told."),
            )
            return redirect(salon)
    return render(request, "salons/salon_report.html", {"salon": salon, "form": form})
