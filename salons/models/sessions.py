"""Sessions of a salon and the recurrence rules that generate them."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carers import policy
from carers.policy import ScopedQuerySet
from carers.wording import format_when

from ..validators import validate_https
from .choices import (
    CANCELLED_VISIBLE_FOR,
    HOLDING_STATUSES,
    LINK_OPENS_BEFORE,
    LOOK_UP,
    NTH_LABELS,
    PUBLIC_STATUSES,
    RecurrenceKind,
    RegistrationStatus,
    SessionStatus,
    Weekday,
)
from .registry import Salon


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


class SessionQuerySet(ScopedQuerySet):
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

    def searchable(self, now=None):
        """Sessions of the salons the public search lists (fresh ones)."""
        return self.filter(salon__in=Salon.objects.public().searchable(now))

    def _manageable(self, scope):
        """Sessions of the salons one manages, and those one facilitates."""
        rows = Q(salon__in=Salon.objects.for_scope(scope, manage=True))
        if scope.user is not None:
            rows |= Q(facilitator=scope.user)
        return self.filter(rows)

    def _visible(self, scope):
        """Sessions of published salons; others to those who manage them."""
        public = Q(salon__status__in=PUBLIC_STATUSES)
        if scope.audience is policy.Audience.PUBLIC:
            return self.filter(public)
        return self.filter(public | Q(pk__in=self._manageable(scope).values("pk")))

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
