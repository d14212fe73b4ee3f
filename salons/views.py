import hashlib
from datetime import datetime, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from carers import csvsafe, residence
from carers.access import login_required_404, role_required
from carers.models import Role
from carers.throttle import over_limit

from . import actions
from .actions import SalonError
from .feeds import public_event_json_ld, sessions_json_ld, sessions_to_ical
from .forms import (
    CancelForm,
    GuestJoinForm,
    JoinForm,
    MessageForm,
    MoveForm,
    ReportForm,
    ReturnForm,
    RuleForm,
    SalonForm,
    SearchForm,
    SessionEditForm,
    SessionForm,
)
from .models import (
    ACTIVE_STATUSES,
    SALON_TRANSITIONS,
    PublicEvent,
    Registration,
    RegistrationStatus,
    Salon,
    SalonStatus,
    Session,
    SessionRule,
    distance_km_expression,
)

PAGE_SIZE = 10
# Salons anyone in the prefecture can join, listed for every municipality.
WIDE = Q(municipality__isnull=True) | Q(is_online=True)
MANAGERS = (Role.ORGANISER, Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF)
STAFF = (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF)


# --- public search, detail, feeds ---------------------------------------------------


def search_salons(params):
    """(form, queryset, origin, after) for the public search; shared by the
    page and the feed.

    With a municipality, its own salons come first ("near": every in-person
    salon, nearest first, with its distance), then the prefecture-wide and
    online salons anyone can join (``is_wide``), which are always listed."""
    form = SearchForm(params or None)
    salons = Salon.objects.searchable().select_related("municipality")
    origin = None
    local = None
    after = timezone.now()
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            salons = salons.search(data["q"])
        if data["audience"]:
            salons = salons.filter(audiences__contains=[data["audience"]])
        if data["online"]:
            salons = salons.filter(is_online=True)
        if data["from"]:
            start = datetime.combine(
                data["from"], datetime.min.time(), tzinfo=timezone.get_current_timezone()
            )
            after = max(after, start)
        municipality = data["municipality"]
        if municipality and data["near"] and municipality.lat is not None:
            origin = municipality
            local = Q(is_in_person=True, municipality__isnull=False)
        elif municipality:
            local = Q(municipality=municipality)
            salons = salons.filter(local | WIDE)
    salons = salons.with_next_start(after)
    if form.is_valid() and form.cleaned_data["from"]:
        salons = salons.filter(next_start__isnull=False)
    order = [F("next_start").asc(nulls_last=True)]
    if local is not None:
        salons = salons.annotate(
            is_wide=Case(When(local, then=Value(False)), default=Value(True)),
            distance_km=Case(
                When(local, then=distance_km_expression(origin.lat, origin.lng)),
                output_field=FloatField(),
            )
            if origin is not None
            else Value(None, output_field=FloatField()),
        )
        # Local (or nearest) first; then the wide ones, the prefecture's featured salon first.
        order = [
            "is_wide",
            F("distance_km").asc(nulls_last=True),
            F("is_featured").desc(),
            *order,
        ]
    salons = salons.order_by(*order, "name")
    return form, salons, origin, after


def salon_list(request):
    # The resident's remembered municipality, when the address names none.
    params = residence.with_default(request, request.GET)
    form, salons, origin, after = search_salons(params)
    page = Paginator(salons, PAGE_SIZE).get_page(request.GET.get("page"))
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
            "public_events": _public_events(params, after)[:5],
        },
    )


# Calendar feeds carry the sessions of the next six months (calendar apps poll
# them; the search filters narrow the all-salons feed), at most FEED_MAX_EVENTS.
FEED_WINDOW = timedelta(days=183)
FEED_MAX_EVENTS = 2000
FEED_MAX_AGE = 900  # seconds calendar apps and proxies may keep a feed


def calendar_feed(request):
    _form, salons, _origin, after = search_salons(request.GET)
    sessions = (
        Session.objects.listed(after)
        .filter(salon__in=salons.values("pk"), starts_at__lt=after + FEED_WINDOW)
        .select_related("salon")
        .order_by("starts_at")[:FEED_MAX_EVENTS]
    )
    events = _public_events(request.GET, after)
    return _ical_response(
        request, sessions_to_ical(sessions, _("Carer salons and cafés"), events), "salons.ics"
    )


def _public_events(params, after):
    """Public events (symposiums, trainings) for the all-salon feed and the
    search page: filtered by the search's municipality only."""
    events = PublicEvent.objects.upcoming(after).select_related("municipality")
    form = SearchForm(params or None)
    if form.is_valid():
        if form.cleaned_data["q"] or form.cleaned_data["audience"]:
            return []  # a salon search, not an event search
        if form.cleaned_data["municipality"]:
            events = events.filter(municipality=form.cleaned_data["municipality"])
        if form.cleaned_data["online"]:
            events = events.filter(is_online=True)
    return list(events[:50])


def event_detail(request, pk):
    event = get_object_or_404(PublicEvent.objects.select_related("municipality"), pk=pk)
    return render(
        request,
        "salons/event_detail.html",
        {
            "event": event,
            "json_ld": mark_safe(public_event_json_ld(event)),
            "is_past": event.ends_at <= timezone.now(),
        },
    )


def salon_calendar(request, pk):
    salon = get_object_or_404(Salon.objects.searchable(), pk=pk)
    now = timezone.now()
    sessions = (
        salon.sessions.listed(now)
        .filter(starts_at__lt=now + FEED_WINDOW)
        .select_related("salon")[:FEED_MAX_EVENTS]
    )
    return _ical_response(request, sessions_to_ical(sessions, salon.name), f"salon-{salon.pk}.ics")


def _ical_response(request, body, filename):
    """The feed with an ETag (a calendar app that has it gets a 304) and a max-age."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def _visible_salon(request, pk):
    """Public salons to everyone; unpublished ones to those who manage them."""
    salon = Salon.objects.select_related("municipality", "organiser").filter(pk=pk).first()
    if salon is None:
        raise Http404
    if not salon.is_public and not Salon.objects.for_user(request.user).filter(pk=pk).exists():
        raise Http404
    return salon


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
            "manages": Salon.objects.for_user(request.user).filter(pk=pk).exists(),
        },
        status=status,
    )


# --- joining ---------------------------------------------------------------------


@require_POST
@login_required_404
def session_join(request, pk):
    session = get_object_or_404(Session.objects.select_related("salon"), pk=pk)
    if not session.salon.is_public:
        raise Http404
    form = _join_form(session.salon, session.pk, request.POST)
    form.session_pk = session.pk
    if not form.is_valid():
        messages.error(request, _("Please check the sign-up form."))
        return salon_detail(request, session.salon_id, join_form=form, status=400)
    try:
        reg = actions.session_join(
            session_id=session.pk,
            user=request.user,
            nickname=form.cleaned_data["nickname"],
            age_band=form.cleaned_data.get("age_band", ""),
        )
    except SalonError as exc:
        # Refused (already signed up, cancelled, started): say why, keep what was typed.
        messages.error(request, exc.message)
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


GUEST_REQUESTS_PER_WINDOW = 5
GUEST_WINDOW_SECONDS = 600


def _guest_rate_limited(request) -> bool:
    """Each guest request sends an email to an address typed by a stranger:
    a few per address of origin per ten minutes is plenty."""
    return over_limit(
        request, "salons:guest", limit=GUEST_REQUESTS_PER_WINDOW, window=GUEST_WINDOW_SECONDS
    )


# Each report emails the organiser and the reviewing staff.
REPORTS_PER_WINDOW = 3
REPORT_WINDOW_SECONDS = 3600


def guest_join(request, pk):
    session = get_object_or_404(Session.objects.select_related("salon"), pk=pk)
    if not session.salon.is_public:
        raise Http404
    form = GuestJoinForm(request.POST or None, young=session.salon.is_for_young_carers)
    if request.method == "POST" and form.is_valid():
        if _guest_rate_limited(request):
            form.add_error(
                None, _("Too many sign-up requests from here. Please try again in a few minutes.")
            )
            return render(
                request, "salons/guest_join.html", {"session": session, "form": form}, status=429
            )
        try:
            actions.guest_request(
                session_id=session.pk,
                email=form.cleaned_data["email"],
                nickname=form.cleaned_data["nickname"],
                age_band=form.cleaned_data.get("age_band", ""),
            )
        except SalonError as exc:
            form.add_error(None, exc.message)
        else:
            return render(request, "salons/guest_sent.html", {"session": session})
    return render(request, "salons/guest_join.html", {"session": session, "form": form})


def guest_confirm(request, token):
    try:
        actions.guest_registration(token)
    except SalonError as exc:
        return render(request, "salons/guest_confirm.html", {"error": exc.message}, status=404)
    if request.method == "POST":
        try:
            reg = actions.guest_confirm(token=token)
        except SalonError as exc:
            status = 404 if isinstance(exc, actions.InvalidLink) else 400
            return render(
                request, "salons/guest_confirm.html", {"error": exc.message}, status=status
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
        actions.registration_cancel(registration_id=reg.pk)
    except SalonError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    return redirect(reg)


@require_POST
def registration_accept(request, token):
    reg = _registration(request, token)
    try:
        actions.registration_accept_offer(registration_id=reg.pk)
    except SalonError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The seat is yours. See you there!"))
    return redirect(reg)


@login_required_404
def my_registrations(request):
    regs = (
        Registration.objects.filter(
            user=request.user, status__in=ACTIVE_STATUSES, session__ends_at__gt=timezone.now()
        )
        .select_related("session__salon")
        .order_by("session__starts_at")
    )
    facilitating = (
        Session.objects.upcoming().filter(facilitator=request.user).select_related("salon")[:20]
    )
    return render(
        request,
        "salons/my_registrations.html",
        {"registrations": regs, "facilitating": facilitating},
    )


# --- reporting outdated information ------------------------------------------------------


def salon_report(request, pk):
    salon = get_object_or_404(Salon.objects.published(), pk=pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if over_limit(
            request, "salons:report", limit=REPORTS_PER_WINDOW, window=REPORT_WINDOW_SECONDS
        ):
            form.add_error(None, _("Too many reports from here. Please try again in an hour."))
            return render(
                request, "salons/salon_report.html", {"salon": salon, "form": form}, status=429
            )
        try:
            actions.salon_report_outdated(
                salon_id=salon.pk, message=form.cleaned_data["message"], reporter=request.user
            )
        except SalonError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Thank you. The organiser and the staff who approve this salon have been told."),
            )
            return redirect(salon)
    return render(request, "salons/salon_report.html", {"salon": salon, "form": form})


# --- organisers and staff --------------------------------------------------------------


@require_POST
@login_required_404
def become_organiser(request):
    try:
        actions.organiser_enrol(user=request.user)
    except SalonError as exc:
        messages.error(request, exc.message)
        return redirect("salons:list")
    messages.success(request, _("You can now register salons."))
    return redirect("salons:manage")


@role_required(*MANAGERS)
def manage(request):
    salons = (
        Salon.objects.for_user(request.user)
        .select_related("municipality")
        .annotate(
            pending_first=Case(
                When(status__in=SALON_TRANSITIONS["approve"], then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("pending_first", "name")
    )
    page = Paginator(salons, 20).get_page(request.GET.get("page"))
    sessions = (
        Session.objects.for_user(request.user)
        .upcoming()
        .select_related("salon")
        .with_counts()
        .order_by("starts_at")[:10]
        if request.user.role == Role.ORGANISER
        else []
    )
    return render(
        request,
        "salons/manage.html",
        {"page": page, "sessions": sessions, "is_staff_view": request.user.role in STAFF},
    )


def _managed(request, pk):
    return get_object_or_404(
        Salon.objects.for_user(request.user).select_related("municipality", "organiser"), pk=pk
    )


@role_required(*MANAGERS)
def manage_detail(request, pk):
    salon = _managed(request, pk)
    sessions = (
        salon.sessions.filter(ends_at__gt=timezone.now())
        .with_counts()
        .select_related("facilitator")
        .order_by("starts_at", "pk")[:30]
    )
    return render(
        request,
        "salons/manage_detail.html",
        {
            "salon": salon,
            "sessions": sessions,
            "rules": salon.rules.select_related("stopped_by"),
            "pending": _pending_rows(salon),
            "reports": salon.reports.all()[:10],
            "events": salon.events.select_related("actor")[:20],
            "can_review": salon.can_review(request.user)
            and salon.status in SALON_TRANSITIONS["approve"],
            "is_organiser": salon.organiser_id == request.user.pk,
            "return_form": ReturnForm(),
        },
    )


def _show(field, value):
    """A stored value of a public field as staff should read it."""
    from carers.models import Municipality

    from .models import Audience

    if field == "municipality":
        if hasattr(value, "name"):
            return value.name
        return Municipality.objects.filter(pk=value).values_list("name", flat=True).first() or "—"
    if field == "audiences":
        return pgettext("list separator", ", ").join(
            str(Audience(a).label) for a in value if a in Audience.values
        )
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return getattr(value, "name", value) or "—"


def _pending_rows(salon):
    """(label, published value, proposed value) for each proposed change."""
    return [
        (Salon._meta.get_field(f).verbose_name, _show(f, getattr(salon, f)), _show(f, v))
        for f, v in salon.pending_changes.items()
    ]


@role_required(Role.ORGANISER)
def salon_create(request):
    form = SalonForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            salon = actions.salon_create(organiser=request.user, data=form.cleaned_data)
        except SalonError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Thank you. The salon will be public once staff approve it.")
            )
            return redirect("salons:manage_detail", salon.pk)
    return render(request, "salons/salon_form.html", {"form": form})


@role_required(Role.ORGANISER)
def salon_edit(request, pk):
    salon = get_object_or_404(Salon.objects.filter(organiser=request.user), pk=pk)
    form = SalonForm(request.POST or None, request.FILES or None, instance=Salon.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("photo") is False:  # "clear" ticked
            data["photo"] = None
        try:
            salon = actions.salon_update(
                salon_id=salon.pk, by=request.user, data=_with_saved_photo(data, salon)
            )
        except SalonError as exc:
            form.add_error(None, exc.message)
        else:
            if salon.status == SalonStatus.CHANGES_PENDING:
                messages.success(
                    request,
                    _(
                        "Your changes are waiting for approval. The published version stays visible until then."
                    ),
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("salons:manage_detail", salon.pk)
    return render(request, "salons/salon_form.html", {"form": form, "salon": salon})


def _with_saved_photo(data, salon):
    """A newly uploaded photo is stored now so a pending change can refer to it."""
    from django.core.files.uploadedfile import UploadedFile

    photo = data.get("photo")
    # An upload is an UploadedFile (it has no ``_committed``); a photo already
    # stored is a FieldFile. Only the former needs saving.
    if isinstance(photo, UploadedFile):
        from .models import salon_photo_path

        field = Salon._meta.get_field("photo")
        name = field.storage.save(salon_photo_path(salon, photo.name), photo)
        data = {**data, "photo": field.attr_class(salon, field, name)}
    return data


@require_POST
@role_required(*STAFF)
def salon_review(request, pk):
    salon = get_object_or_404(Salon.objects.reviewable_by(request.user), pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            actions.salon_approve(salon_id=salon.pk, by=request.user)
            messages.success(request, _("Approved. The organiser has been told."))
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Write a comment so the organiser knows what to change."))
                return redirect("salons:manage_detail", salon.pk)
            actions.salon_return(
                salon_id=salon.pk, by=request.user, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("Sent back to the organiser with your comment."))
    except SalonError as exc:
        messages.error(request, exc.message)
    return redirect("salons:manage_detail", salon.pk)


@require_POST
@role_required(Role.ORGANISER)
def salon_confirm(request, pk):
    salon = get_object_or_404(Salon.objects.filter(organiser=request.user), pk=pk)
    actions.salon_confirm(salon_id=salon.pk, by=request.user)
    messages.success(request, _("Thank you for confirming the details are current."))
    return redirect("salons:manage_detail", salon.pk)


def salon_confirm_link(request, pk, token):
    """From the quarterly email (no sign-in needed: the link is signed). The
    link opens a page with a button; only its POST confirms, so a mail scanner
    that follows links confirms nothing."""
    try:
        salon = actions.confirm_link_salon(salon_id=pk, token=token)
        if request.method == "POST":
            salon = actions.salon_confirm(salon_id=pk, token=token)
            return render(request, "salons/confirm_done.html", {"salon": salon, "done": True})
    except SalonError:
        return render(request, "salons/confirm_done.html", {"error": True}, status=404)
    return render(request, "salons/confirm_done.html", {"salon": salon})


def _without_online_fields(salon, form):
    """A salon that does not meet online is offered no online session."""
    if not salon.is_online:
        for name in ("is_online", "meeting_url"):
            form.fields.pop(name, None)
    return form


@role_required(Role.ORGANISER)
def session_create(request, pk):
    salon = get_object_or_404(Salon.objects.filter(organiser=request.user), pk=pk)
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
                salon_id=salon.pk,
                by=request.user,
                starts_at=d["starts_at"],
                ends_at=d["ends_at"],
                capacity=d["capacity"],
                is_online=d.get("is_online", False),
                meeting_url=d.get("meeting_url", ""),
                facilitator=d["facilitator"],
                note=d["note"],
            )
        except SalonError as exc:
            form.add_error(None, exc.message)
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
    salon = get_object_or_404(Salon.objects.filter(organiser=request.user), pk=pk)
    form = _without_online_fields(salon, RuleForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        try:
            actions.rule_create(salon_id=salon.pk, by=request.user, data=form.cleaned_data)
        except SalonError as exc:
            form.add_error(None, exc.message)
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
        Session.objects.for_user(request.user)
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
                session_id=session.pk,
                by=request.user,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
            )
        except SalonError as exc:
            form.add_error(None, exc.message)
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
        Session.objects.filter(salon__in=Salon.objects.for_user(request.user))
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
                session_id=session.pk,
                by=request.user,
                capacity=d["capacity"],
                meeting_url=d.get("meeting_url", ""),
                facilitator=d["facilitator"],
                note=d["note"],
            )
        except SalonError as exc:
            form.add_error(None, exc.message)
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
        SessionRule.objects.filter(salon__in=Salon.objects.for_user(request.user))
        .select_related("salon")
        .filter(is_active=True),
        pk=pk,
    )
    if request.method == "POST":
        try:
            result = actions.rule_stop(rule_id=rule.pk, by=request.user)
        except SalonError as exc:
            messages.error(request, exc.message)
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
                    session_id=session.pk, by=request.user, reason=form.cleaned_data["reason"]
                )
            except SalonError as exc:
                messages.error(request, exc.message)
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
        Session.objects.filter(salon__organiser=request.user).select_related("salon"), pk=pk
    )
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                count = actions.session_message(
                    session_id=session.pk, by=request.user, message=form.cleaned_data["message"]
                )
            except SalonError as exc:
                form.add_error(None, exc.message)
                status = 400
            else:
                messages.success(
                    request,
                    _("Your message is on its way to %(count)s participants.") % {"count": count},
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
    session = get_object_or_404(Session.objects.filter(salon__organiser=request.user), pk=pk)
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
