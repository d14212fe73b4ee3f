"""Pages of advisor dispatch. Every request is read through
DispatchRequest.objects.visible_to(); a request outside one's scope is a 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from carers import csvsafe
from carers.access import role_required
from carers.dates import fiscal_year_of
from carers.errors import INVALID, ActionError, show_error
from carers.models import Role
from carers.prefecture import prefecture_text
from carers.wording import format_when

from . import actions, figures
from .forms import (
    AdvisorForm,
    PublicEventForm,
    RequestFilterForm,
    RequestForm,
    action_form_class,
)
from .models import Advisor, DispatchRequest, MenuItem
from .workflow import EDITABLE, TRANSITIONS, Action, Status, available_actions, transition_for

STAFF = (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF, Role.ADVISOR)
PAGE_SIZE = 25


def _scoped(request, pk):
    return get_object_or_404(
        DispatchRequest.objects.visible_to(request.user).select_related(
            "municipality", "advisor", "created_by"
        ),
        pk=pk,
    )


@role_required(*STAFF)
def request_list(request):
    """Municipal staff: their municipality's requests. Advisors: their
    assignments. Prefecture staff: the review queue (submitted, oldest first)."""
    user = request.user
    data = request.GET.copy()
    if user.role == Role.PREFECTURE_STAFF and "status" not in data:
        data["status"] = Status.SUBMITTED  # the review queue unless another status is asked for
    form = RequestFilterForm(data)
    requests = form.filter(DispatchRequest.objects.visible_to(user)).select_related(
        "municipality", "advisor"
    )
    queue = form.is_valid() and form.cleaned_data["status"] == Status.SUBMITTED
    requests = (
        requests.order_by("submitted_at", "pk")
        if queue
        else requests.order_by("-updated_at", "-pk")
    )
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "advisors/request_list.html",
        {
            "form": form,
            "page": page,
            "queue": queue,
            "query": query.urlencode(),
        },
    )


@role_required(Role.MUNICIPAL_STAFF)
def request_create(request):
    # ?menu=salon (from the salon start-up kit) ticks that menu item.
    menu = request.GET.get("menu")
    initial = {"menu_items": [menu]} if menu in MenuItem.values else {}
    form = RequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            dispatch = actions.request_create(
                by=request.user, data=form.cleaned_data, submit=submit
            )
        except ActionError as error:
            show_error(request, error, form)
        else:
            messages.success(
                request,
                prefecture_text(_("The request was sent to the %(gov)s."))
                if submit
                else _("The draft was saved. Submit it when it is ready."),
            )
            return redirect(dispatch)
    return render(request, "advisors/request_form.html", {"form": form, "dispatch": None})


@role_required(Role.MUNICIPAL_STAFF)
def request_edit(request, pk):
    dispatch = _scoped(request, pk)
    if dispatch.status not in EDITABLE and request.method != "POST":
        messages.warning(request, _("Only drafts and returned requests can be changed."))
        return redirect(dispatch)
    form = RequestForm(request.POST or None, instance=dispatch)
    if request.method == "POST" and dispatch.status not in EDITABLE:
        # A form opened before someone else submitted or withdrew the request:
        # keep what was typed, say what happened, save nothing.
        form.is_valid()
        form.add_error(
            None,
            _(
                "Someone else changed this request in the meantime (it is now “%(status)s”). "
                "Nothing was saved; check the request before acting."
            )
            % {"status": dispatch.get_status_display()},
        )
        return render(
            request,
            "advisors/request_form.html",
            {"form": form, "dispatch": dispatch, "last_comment": _last_comment(dispatch)},
            status=409,
        )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            dispatch = actions.request_update(
                dispatch=dispatch,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                data=form.cleaned_data,
                submit=submit,
            )
        except ActionError as error:
            show_error(request, error, form)
        else:
            messages.success(
                request,
                prefecture_text(_("The request was sent to the %(gov)s."))
                if submit
                else _("The changes were saved."),
            )
            return redirect(dispatch)
    return render(
        request,
        "advisors/request_form.html",
        {"form": form, "dispatch": dispatch, "last_comment": _last_comment(dispatch)},
    )


@role_required(*STAFF)
def request_detail(request, pk):
    dispatch = _scoped(request, pk)
    return render(
        request,
        "advisors/request_detail.html",
        {
            "dispatch": dispatch,
            "events": dispatch.events.select_related("actor"),
            "report": getattr(dispatch, "report", None),
            "transitions": available_actions(request.user, dispatch.status),
            "can_publish_event": request.user.role == Role.MUNICIPAL_STAFF
            and dispatch.can_publish_event(),
            "report_not_yet": dispatch.status == Status.SCHEDULED
            and not dispatch.can_report_on(timezone.localdate()),
            "can_edit": request.user.role == Role.MUNICIPAL_STAFF and dispatch.status in EDITABLE,
        },
    )


@role_required(Role.MUNICIPAL_STAFF)
def request_public_event(request, pk):
    """Publish a scheduled symposium or training in the salon calendar, with
    the municipality's consent (a required tick)."""
    dispatch = _scoped(request, pk)
    if not dispatch.can_publish_event():
        messages.warning(
            request,
            _(
                "Only a scheduled symposium or training still to come can be published as a "
                "public event."
            ),
        )
        return redirect(dispatch)
    form = PublicEventForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.request_publish_event(
                    dispatch=dispatch, by=request.user, **form.cleaned_data
                )
            except ActionError as error:
                show_error(request, error, form)
                status = error.http_status
            else:
                messages.success(request, _("The event is published in the salon calendar."))
                return redirect(dispatch)
        else:
            status = 400
    return render(
        request,
        "advisors/request_public_event.html",
        {"dispatch": dispatch, "form": form},
        status=status,
    )


def _report_not_yet(dispatch):
    return _(
        "The report can be filed on or after the dispatch date (%(date)s), once the visit "
        "has taken place."
    ) % {"date": format_when(dispatch.dispatch_date, "date") or "—"}


def _last_comment(dispatch):
    """The prefecture's latest return comment, shown while revising."""
    return dispatch.events.filter(action=Action.RETURN).exclude(comment="").last()


def _advisor_calendar():
    """Active advisors with their coming bookings and unavailable dates, so
    the approver picks a free date instead of being refused."""
    today = timezone.localdate()
    advisors = list(Advisor.objects.active().order_by("name"))
    booked = {}
    for advisor_id, day in (
        DispatchRequest.objects.unscoped()  # advisors' bookings, no case data
        .booked()
        .filter(dispatch_date__gte=today)
        .values_list("advisor_id", "dispatch_date")
    ):
        booked.setdefault(advisor_id, []).append(day)
    return [
        (a, sorted(booked.get(a.pk, [])), [d for d in a.unavailable_dates if d >= today])
        for a in advisors
    ]


def _roles_for(action):
    return {role for t in TRANSITIONS if t.action == action for role in t.roles}


@role_required(*STAFF)
def request_action(request, pk, action):
    """GET: the form of one transition; POST: make it through advisors.actions."""
    if action not in Action.values or request.user.role not in _roles_for(action):
        raise Http404
    action = Action(action)
    dispatch = _scoped(request, pk)
    transition = transition_for(dispatch.status, action)
    form_class = action_form_class(action)
    status = 200
    if request.method != "POST":
        if transition is None:
            messages.warning(
                request,
                _("This is not possible for a request that is “%(status)s”.")
                % {"status": dispatch.get_status_display()},
            )
            return redirect(dispatch)
        if action == Action.REPORT and not dispatch.can_report_on(timezone.localdate()):
            messages.warning(request, _report_not_yet(dispatch))
            return redirect(dispatch)
        form = form_class(dispatch=dispatch, action=action)
    else:
        form = form_class(request.POST, dispatch=dispatch, action=action)
        if form.is_valid():
            try:
                actions.PERFORM[action](
                    dispatch=dispatch,
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                    **form.action_kwargs(),
                )
            except ActionError as error:
                show_error(request, error, form)
                if error.code != INVALID:  # a stale form, or the state changed meanwhile
                    status = error.http_status
            else:
                messages.success(request, _("Done: %(action)s.") % {"action": action.label})
                return redirect(dispatch)
    return render(
        request,
        "advisors/request_action.html",
        {
            "dispatch": dispatch,
            "form": form,
            "action": action,
            "transition": transition,
            "calendar": _advisor_calendar() if action == Action.APPROVE else None,
        },
        status=status,
    )


# --- The roster (prefecture staff) ------------------------------------------------


@role_required(Role.PREFECTURE_STAFF)
def advisor_list(request):
    advisors = (
        Advisor.objects.select_related("user")
        .prefetch_related("areas")
        .order_by("-is_active", "name")
    )
    page = Paginator(advisors, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "advisors/advisor_list.html", {"page": page})


@role_required(Role.PREFECTURE_STAFF)
def advisor_edit(request, pk=None):
    advisor = get_object_or_404(Advisor, pk=pk) if pk else None
    form = AdvisorForm(request.POST or None, instance=advisor)
    if request.method == "POST" and form.is_valid():
        # Roster details are plain data, not a workflow: the ModelForm saves them.
        advisor = form.save()
        messages.success(
            request, _("The roster entry of %(name)s was saved.") % {"name": advisor.name}
        )
        return redirect("advisors:advisor_list")
    return render(request, "advisors/advisor_form.html", {"form": form, "advisor": advisor})


# --- Figures (prefecture staff) ----------------------------------------------------


# Fiscal years a figures URL may ask for; anything else (a typo, year 0 or
# 99999, which ``date()`` cannot hold) shows the current fiscal year.
FIRST_FISCAL_YEAR = 2000


def _year(request):
    current = fiscal_year_of(timezone.localdate())
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return current
    return year if FIRST_FISCAL_YEAR <= year <= current + 1 else current


@role_required(Role.PREFECTURE_STAFF)
def figures_page(request):
    year = _year(request)
    return render(
        request,
        "advisors/figures.html",
        {
            "year": year,
            "tables": figures.tables(year),
            "years": figures.years_available(),
        },
    )


@role_required(Role.PREFECTURE_STAFF)
def figures_csv(request):
    year = _year(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="advisor-dispatch-fy{year}.csv"'
    response.write("\ufeff")  # BOM: Excel then reads the file as UTF-8
    writer = csvsafe.writer(response)
    writer.writerow(figures.csv_header())
    writer.writerows(figures.csv_rows(year))
    return response
