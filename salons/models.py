"""Carer salons and cafés (initiative 2): the registry, its sessions and sign-ups.

Visibility rules live here as QuerySet methods; state changes live in
``salons.actions``. The online meeting URL of a session is a secret: it is read
only through ``Session.meeting_url_for()``.
"""

import math
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Count, F, FloatField, OuterRef, Q, Subquery, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from carers.models import Municipality, Role, choice_labels
from carers.wording import format_when

from .text import normalise
from .validators import validate_https, validate_image_file

# A salon not confirmed by its organiser for this long leaves the public search.
STALE_AFTER = timedelta(days=183)
# Organisers are asked to confirm their details this often.
CONFIRM_EVERY = timedelta(days=91)
# Participants see the meeting URL from this long before the start until the end.
LINK_OPENS_BEFORE = timedelta(minutes=30)
# A cancelled session stays on the page and in the feeds (marked 中止, with the
# organiser's reason) this long after the cancellation, so those who planned to
# come are told and calendar clients receive the cancellation.
CANCELLED_VISIBLE_FOR = timedelta(days=30)
EARTH_RADIUS_KM = 6371.0
# Default of Session.meeting_url_for(registration=...): find the viewer's sign-up.
LOOK_UP = object()


class Audience(models.TextChoices):
    ALL_CARERS = "all", _("All carers")
    DEMENTIA_FAMILIES = "dementia", _("Families of people with dementia")
    YOUNG_CARERS = "young", _("Young carers")
    WORKING_CARERS = "working", _("Working carers")
    MEN_CARERS = "men", _("Men who care")
    WITH_CARED_FOR = "together", _("Carers together with the person cared for")
    BEREAVED = "bereaved", _("Bereaved carers")


class SalonStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")
    CHANGES_PENDING = "changes_pending", _("Published; changes waiting for approval")


# The moderation workflow in one place: action -> {from state: to state}.
# Used by salons.actions, by the templates (which buttons to show) and the tests.
SALON_TRANSITIONS = {
    "resubmit": {SalonStatus.RETURNED: SalonStatus.PENDING},
    "propose_changes": {
        SalonStatus.PUBLISHED: SalonStatus.CHANGES_PENDING,
        SalonStatus.CHANGES_PENDING: SalonStatus.CHANGES_PENDING,
    },
    # The organiser set every proposed field back to its published value.
    "withdraw_changes": {SalonStatus.CHANGES_PENDING: SalonStatus.PUBLISHED},
    "approve": {
        SalonStatus.PENDING: SalonStatus.PUBLISHED,
        SalonStatus.CHANGES_PENDING: SalonStatus.PUBLISHED,
    },
    "return": {
        SalonStatus.PENDING: SalonStatus.RETURNED,
        # Returned changes are dropped; the published version stays as it was.
        SalonStatus.CHANGES_PENDING: SalonStatus.PUBLISHED,
    },
}
PUBLIC_STATUSES = (SalonStatus.PUBLISHED, SalonStatus.CHANGES_PENDING)
REVIEWABLE_STATUSES = tuple(SALON_TRANSITIONS["approve"])

# Public facts: a change to any of these on a published salon needs approval.
PUBLIC_FIELDS = (
    "name",
    "description",
    "organising_body",
    "municipality",
    "is_in_person",
    "venue_address",
    "venue_access",
    "barrier_free_notes",
    "is_online",
    "audiences",
    "fee",
    "contact",
    "photo",
    "photo_alt",
)


def can_transition(salon, action) -> bool:
    return salon.status in SALON_TRANSITIONS[action]


def distance_km_expression(lat, lng, prefix=""):
    """Great-circle (haversine) distance in km from (lat, lng) to the row's
    municipality point, in plain SQL (no PostGIS/earthdistance)."""
    mlat, mlng = F(f"{prefix}municipality__lat"), F(f"{prefix}municipality__lng")
    dlat = (Radians(mlat) - Value(math.radians(lat))) / 2
    dlng = (Radians(mlng) - Value(math.radians(lng))) / 2
    a = Power(Sin(dlat), 2) + Value(math.cos(math.radians(lat))) * Cos(Radians(mlat)) * Power(
        Sin(dlng), 2
    )
    return models.ExpressionWrapper(
        Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(a)), output_field=FloatField()
    )


def haversine_km(lat1, lng1, lat2, lng2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


class SalonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def fresh(self, now=None):
        now = now or timezone.now()
        return self.filter(last_confirmed_at__gte=now - STALE_AFTER)

    def searchable(self, now=None):
        """What the public search, feeds and the home page list."""
        return self.published().fresh(now)

    def for_user(self, user):
        """Salons a signed-in user may manage: organisers their own, municipal
        staff their municipality's, prefecture staff all."""
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.PREFECTURE_STAFF:
            return self.all()
        if user.role == Role.MUNICIPAL_STAFF and user.municipality_id:
            return self.filter(municipality_id=user.municipality_id)
        if user.role == Role.ORGANISER:
            return self.filter(organiser=user)
        return self.none()

    def reviewable_by(self, user):
        if not user.is_authenticated or user.role not in (
            Role.MUNICIPAL_STAFF,
            Role.PREFECTURE_STAFF,
        ):
            return self.none()
        return self.for_user(user)

    def with_next_start(self, after=None):
        """Each salon's next scheduled session start (or None), one index probe
        per salon (session_next_idx) instead of grouping every session."""
        after = after or timezone.now()
        upcoming = Session.objects.filter(
            salon=OuterRef("pk"), status=SessionStatus.SCHEDULED, starts_at__gte=after
        ).order_by("starts_at")
        return self.annotate(next_start=Subquery(upcoming.values("starts_at")[:1]))

    def search(self, text):
        for term in normalise(text).split():
            self = self.filter(search_text__contains=term)
        return self


def salon_photo_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower()[:5]
    return f"salons/{uuid.uuid4().hex}.{ext}"


class Salon(models.Model):
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="salons",
        verbose_name=_("organiser"),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"))
    organising_body = models.CharField(_("organising body"), max_length=120)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="salons",
        verbose_name=_("municipality"),
        help_text=_("Leave empty only for a prefecture-wide online salon."),
    )
    is_in_person = models.BooleanField(_("meets in person"), default=True)
    venue_address = models.CharField(_("venue address"), max_length=200, blank=True)
    venue_access = models.CharField(_("access"), max_length=200, blank=True)
    barrier_free_notes = models.CharField(_("barrier-free notes"), max_length=300, blank=True)
    is_online = models.BooleanField(_("meets online"), default=False)
    audiences = ArrayField(
        models.CharField(max_length=10, choices=Audience.choices),
        verbose_name=_("audiences"),
        default=list,
    )
    fee = models.CharField(_("fee"), max_length=100, blank=True)
    contact = models.CharField(_("contact"), max_length=200)
    photo = models.FileField(
        _("photo"), upload_to=salon_photo_path, blank=True, validators=[validate_image_file]
    )
    photo_alt = models.CharField(_("photo description (alt text)"), max_length=200, blank=True)
    is_featured = models.BooleanField(
        _("prefecture's monthly online salon"),
        default=False,
        help_text=_("Listed first on the home page."),
    )

    status = models.CharField(
        _("status"), max_length=20, choices=SalonStatus.choices, default=SalonStatus.PENDING
    )
    # Proposed changes to public facts of a published salon (field -> value),
    # applied on approval; until then the published version stays visible.
    pending_changes = models.JSONField(default=dict, blank=True)
    review_comment = models.TextField(_("comment from staff"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    last_confirmed_at = models.DateTimeField(_("details last confirmed"), default=timezone.now)
    confirm_requested_at = models.DateTimeField(null=True, blank=True)
    # Normalised (width, kana, case) text the search matches against.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False, editable=False)

    objects = SalonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("salon")
        verbose_name_plural = _("salons")
        indexes = [models.Index(fields=["status", "last_confirmed_at"], name="salon_public_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("salons:detail", args=[self.pk])

    def build_search_text(self) -> str:
        parts = [
            self.name,
            self.description,
            self.organising_body,
            self.venue_address,
            self.venue_access,
        ]
        if self.municipality_id:
            parts += [self.municipality.name, self.municipality.name_kana]
        return normalise(" ".join(p for p in parts if p))

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES

    @property
    def is_stale(self):
        return self.last_confirmed_at < timezone.now() - STALE_AFTER

    def audience_labels(self):
        return choice_labels(Audience, self.audiences, skip_unknown=True)

    @property
    def is_for_young_carers(self):
        return Audience.YOUNG_CARERS in self.audiences

    def can_review(self, user) -> bool:
        return Salon.objects.reviewable_by(user).filter(pk=self.pk).exists()


class SalonEvent(models.Model):
    """The moderation history of a salon: who did what, when, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for approval")
        CHANGES_PROPOSED = "changes_proposed", _("Changes proposed")
        CHANGES_WITHDRAWN = "changes_withdrawn", _("Proposed changes withdrawn")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        CONFIRMED = "confirmed", _("Details confirmed")

    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("salon history entry")
        verbose_name_plural = _("salon history")

    def __str__(self):
        return f"{self.get_action_display()} #{self.salon_id}"

    # Actions whose comment is the list of changed fields, stored by name.
    FIELD_LIST_ACTIONS = ("changes_proposed", "approved")

    @property
    def comment_display(self) -> str:
        """The comment as people read it: for a proposal or an approval, the
        changed fields by their labels ("Fee, Venue"), never their names."""
        if self.action not in self.FIELD_LIST_ACTIONS or not self.comment:
            return self.comment
        return salon_field_labels(self.comment.split(","))


def salon_field_labels(names) -> str:
    """Salon fields named by their labels in the active language, joined the
    way that language lists things: "Fee, Name" / 「参加費、名称」."""
    labels = []
    for name in (str(n).strip() for n in names):
        try:
            labels.append(str(capfirst(Salon._meta.get_field(name).verbose_name)))
        except FieldDoesNotExist:
            labels.append(name)
    return pgettext("list separator", ", ").join(labels)


class RecurrenceKind(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    MONTHLY_NTH_WEEKDAY = "monthly_nth", _("Every month, on one weekday (e.g. the 2nd Tuesday)")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


# Which week of the month, as people say it: "the 2nd Tuesday", 「第2火曜日」.
NTH_LABELS = {
    1: pgettext_lazy("week of the month", "1st"),
    2: pgettext_lazy("week of the month", "2nd"),
    3: pgettext_lazy("week of the month", "3rd"),
    4: pgettext_lazy("week of the month", "4th"),
    5: pgettext_lazy("week of the month", "5th"),
}


class SessionDetails(models.Model):
    """Fields a recurring rule passes on to the sessions it generates."""

    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    is_online = models.BooleanField(_("online"), default=False)
    meeting_url = models.URLField(
        _("meeting URL"),
        blank=True,
        validators=[validate_https],
        help_text=_("https only. Shown only to participants from 30 minutes before the start."),
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("facilitator"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        abstract = True


class SessionRule(SessionDetails):
    """A recurrence ("3rd Saturday of each month, 14:00-15:30"); sessions are
    generated ahead by ``salons.actions.rule_generate_sessions`` (daily beat)."""

    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("repeats"), max_length=12, choices=RecurrenceKind.choices)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    nth = models.PositiveSmallIntegerField(
        _("week of the month"), null=True, blank=True, help_text=_("1-5, for monthly rules.")
    )
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    starts_on = models.DateField(_("first date"))
    ends_on = models.DateField(_("last date"), null=True, blank=True)
    is_active = models.BooleanField(default=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recurring schedule")
        verbose_name_plural = _("recurring schedules")

    def __str__(self):
        return self.describe()

    def describe(self):
        from django.utils.formats import time_format
        from django.utils.translation import gettext

        times = f"{time_format(self.start_time, 'H:i')}–{time_format(self.end_time, 'H:i')}"
        day = Weekday(self.weekday).label
        if self.kind == RecurrenceKind.WEEKLY:
            return gettext("Every %(day)s, %(times)s") % {"day": day, "times": times}
        return gettext("%(nth)s %(day)s of the month, %(times)s") % {
            "nth": NTH_LABELS.get(self.nth, self.nth),
            "day": day,
            "times": times,
        }


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class SessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        now = now or timezone.now()
        # A session starts and ends on the same day (the forms and rules make it
        # so): the bound on starts_at changes no result and lets the index on
        # (status, starts_at) skip every past session.
        return self.filter(
            status=SessionStatus.SCHEDULED, ends_at__gt=now, starts_at__gt=now - timedelta(days=1)
        )

    def listed(self, after=None, now=None):
        """What the public page and the feeds list: upcoming sessions, and
        sessions cancelled in the last 30 days that had not yet taken place."""
        now = now or timezone.now()
        after = after or now
        return self.filter(
            Q(status=SessionStatus.SCHEDULED)
            | Q(status=SessionStatus.CANCELLED, cancelled_at__gte=now - CANCELLED_VISIBLE_FOR),
            ends_at__gt=after,
        )

    def public(self, now=None):
        return self.filter(salon__in=Salon.objects.searchable(now))

    def for_user(self, user):
        """Sessions a signed-in user may manage (those of salons they manage,
        and those they facilitate)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(salon__in=Salon.objects.for_user(user)) | Q(facilitator=user))

    def with_counts(self):
        return self.annotate(
            booked=Count("registrations", filter=Q(registrations__status__in=HOLDING_STATUSES)),
            waiting=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )


class Session(SessionDetails):
    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="sessions")
    rule = models.ForeignKey(
        SessionRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    # The date the rule generated this occurrence for; kept when it is moved,
    # so regeneration never creates it again.
    occurrence_date = models.DateField(null=True, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # iCalendar SEQUENCE: raised by every change a calendar client must apply
    # (a move, a cancellation), so it replaces the copy it holds (same UID).
    sequence = models.PositiveIntegerField(default=0)
    moved_at = models.DateTimeField(null=True, blank=True)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "occurrence_date"], name="session_once_per_rule_date"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="session_upcoming_idx"),
            # A salon's next session (SalonQuerySet.with_next_start) and its upcoming ones.
            models.Index(fields=["salon", "status", "starts_at"], name="session_next_idx"),
        ]

    def __str__(self):
        return f"{self.salon} {format_when(self.starts_at)}"

    @property
    def is_cancelled(self):
        return self.status == SessionStatus.CANCELLED

    @property
    def has_ended(self):
        return self.ends_at <= timezone.now()

    def link_window(self):
        return self.starts_at - LINK_OPENS_BEFORE, self.ends_at

    def meeting_url_for(self, user=None, registration=LOOK_UP, now=None):
        """The meeting URL if this viewer may see it now, else "".

        Organiser and facilitator: always. A participant (a confirmed sign-up,
        by account or by guest token): from 30 minutes before the start until
        the end. Nobody else, ever."""
        if not self.is_online or not self.meeting_url or self.is_cancelled:
            return ""
        if user is not None and user.is_authenticated:
            if user.pk in (self.salon.organiser_id, self.facilitator_id):
                return self.meeting_url
            if registration is LOOK_UP:
                registration = self.registrations.filter(
                    user=user, status=RegistrationStatus.CONFIRMED
                ).first()
        if registration in (None, LOOK_UP) or registration.session_id != self.pk:
            return ""
        if registration.user_id and getattr(user, "pk", None) != registration.user_id:
            return ""  # an account's sign-up counts only for that account
        if registration.status != RegistrationStatus.CONFIRMED:
            return ""
        now = now or timezone.now()
        opens, closes = self.link_window()
        return self.meeting_url if opens <= now <= closes else ""


class RegistrationStatus(models.TextChoices):
    EMAIL_UNCONFIRMED = "unconfirmed", _("Email not yet confirmed")
    CONFIRMED = "confirmed", _("Booked")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Seat offered")
    # The participant's own cancellation (キャンセル), not a cancelled session (中止).
    CANCELLED = "cancelled", pgettext_lazy("sign-up", "Cancelled")
    EXPIRED = "expired", _("Offer expired")


# Statuses that hold a seat: a pending offer keeps the seat until it expires.
HOLDING_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
ACTIVE_STATUSES = (*HOLDING_STATUSES, RegistrationStatus.WAITING)


class AgeBand(models.TextChoices):
    """Asked only for young-carer sessions, and optional."""

    UNDER_15 = "u15", _("Under 15")
    AGE_15_18 = "15-18", _("15–18")
    AGE_19_29 = "19-29", _("19–29")
    AGE_30_PLUS = "30+", _("30 or over")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def holding(self):
        return self.filter(status__in=HOLDING_STATUSES)


class Registration(models.Model):
    """A sign-up for one session, by an account or by a guest who confirmed an
    email address. Only a nickname is asked (young carers may not want an
    account or to give a real name)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="salon_registrations",
    )
    guest_email = models.EmailField(blank=True)
    nickname = models.CharField(_("nickname"), max_length=40)
    age_band = models.CharField(_("age band"), max_length=6, choices=AgeBand.choices, blank=True)
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    # Opaque key of a guest's own sign-up page (never the email in a URL).
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offered_until = models.DateTimeField(null=True, blank=True)
    # A guest's emails are written in the language they signed up in (an
    # account's sign-up follows the account's language; this stays empty).
    language = models.CharField(max_length=5, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            # A person holds at most one active sign-up per session.
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(status__in=ACTIVE_STATUSES) & Q(user__isnull=False),
                name="registration_one_active_per_user",
            ),
            models.UniqueConstraint(
                fields=["session", "guest_email"],
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(guest_email=""),
                name="registration_one_active_per_guest",
            ),
        ]

    def __str__(self):
        return f"{self.nickname} ({self.get_status_display()})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("salons:registration", args=[self.token])

    @property
    def email(self):
        return self.user.email if self.user_id else self.guest_email

    @property
    def recipient(self):
        return self.user if self.user_id else self.guest_email


class OutdatedReport(models.Model):
    """A visitor's report that a salon's details are wrong or out of date."""

    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="reports")
    message = models.TextField(_("what is wrong or out of date"), max_length=2000)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outdated-information report")
        verbose_name_plural = _("outdated-information reports")

    def __str__(self):
        return f"Report #{self.pk} on salon #{self.salon_id}"


class PublicEventQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gt=now or timezone.now())


class PublicEvent(models.Model):
    """A public event led by someone other than a salon (an advisor's symposium
    or training), published with the municipality's consent through
    ``salons.api.publish_public_event``. Listed in the salon calendar feed."""

    # Who published it, as "<app>:<kind>:<id>": one event per source (re-publishing updates it).
    source = models.CharField(max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organising_body = models.CharField(_("organising body"), max_length=120)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    sequence = models.PositiveIntegerField(default=0)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    objects = PublicEventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("public event")
        verbose_name_plural = _("public events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="public_event_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("salons:event_detail", args=[self.pk])
