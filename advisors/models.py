"""Advisor dispatch (initiative 3): the advisor roster, dispatch requests from
municipalities, their history and the advisors' reports.

States and transitions live in ``advisors.workflow``; state changes only in
``advisors.actions``. Reads go through ``DispatchRequest.objects.visible_to(user)``.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carers.dates import fiscal_year_bounds
from carers.models import Municipality, Role
from carers.policy import Audience, ScopedModel, ScopedQuerySet
from carers.urlcache import reverse

from .workflow import Action, Status


class MenuItem(models.TextChoices):
    """The support menu of the prefecture's carer-support plan."""

    SURVEY = "survey", _("Surveying carers' situation in the area")
    LECTURE = "lecture", _("Lecturer or facilitator at a symposium or lecture")
    PLAN = (
        "plan",
        _("Examining and discussing the municipality's support plan, guidelines or rules"),
    )
    SALON = "salon", _("Advice on setting up carer salons and cafés")
    NETWORK = "network", _("Building a network among local bodies that support carers")
    OTHER = "other", _("Other (describe)")


# The timeline row of a public-event publication (not a workflow transition).
PUBLISHED_EVENT = "publish"
# Menu items whose dispatch is a public event that may be published.
PUBLIC_EVENT_ITEMS = ("lecture",)


class Format(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")


class AdvisorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)


class Advisor(models.Model):
    """An advisor on the prefecture's roster. The account (role ADVISOR) is how
    the advisor signs in and sees own assignments."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="advisor_profile",
        limit_choices_to={"role": Role.ADVISOR},
    )
    name = models.CharField(_("name"), max_length=80)
    profile = models.TextField(
        _("profile"),
        blank=True,
        help_text=_("Background and experience, shown to prefecture staff."),
    )
    specialties = ArrayField(
        models.CharField(max_length=20, choices=MenuItem.choices),
        verbose_name=_("specialties"),
        default=list,
        blank=True,
    )
    other_specialties = models.CharField(_("other specialties"), max_length=200, blank=True)
    areas = models.ManyToManyField(
        Municipality,
        verbose_name=_("areas served"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty if the advisor serves the whole prefecture."),
    )
    unavailable_dates = ArrayField(
        models.DateField(), verbose_name=_("unavailable dates"), default=list, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(default=False, editable=False)

    objects = AdvisorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("advisor")
        verbose_name_plural = _("advisors")

    def __str__(self):
        return self.name

    def get_specialties_display(self):
        return [MenuItem(v).label for v in self.specialties if v in MenuItem.values]


class DispatchRequestQuerySet(ScopedQuerySet):
    def _visible(self, scope):
        """Municipal staff: their municipality's; advisors: their assignments;
        prefecture staff: all."""
        match scope.audience:
            case Audience.PREFECTURE:
                return self.all()
            case Audience.MUNICIPAL:
                return self.filter(municipality_id=scope.municipality_id)
            case Audience.ADVISOR:
                # An advisor sees a request once assigned, never drafts of others.
                return self.filter(advisor__user=scope.user, status__in=Status.assigned())
        return self.none()

    def _manageable(self, scope):
        """Whoever sees a request may act on it; which transitions each role
        may take is the workflow's transition table (workflow.py)."""
        return self._visible(scope)

    def awaiting_review(self):
        return self.filter(status=Status.SUBMITTED)

    def booked(self):
        """Requests holding an advisor's date (double bookings are refused)."""
        return self.filter(status__in=Status.assigned(), advisor__isnull=False)

    def in_fiscal_year(self, year):
        start, end = fiscal_year_bounds(year)
        return self.filter(submitted_at__date__gte=start, submitted_at__date__lt=end)


class DispatchRequest(ScopedModel):
    """A municipality's request for an advisor. ``version`` grows with every
    change, so a form rendered before someone else acted is recognised as stale."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(default=1)

    menu_items = ArrayField(
        models.CharField(max_length=20, choices=MenuItem.choices), verbose_name=_("menu items")
    )
    other_description = models.CharField(
        _("other support wanted"),
        max_length=300,
        blank=True,
        help_text=_(
            "Required when “Other” is chosen: describe the support the municipality wants."
        ),
    )
    purpose = models.TextField(_("purpose"))
    situation = models.TextField(_("current situation"))
    preferred_date_1 = models.DateField(_("first preferred date"))
    preferred_date_2 = models.DateField(_("second preferred date"), null=True, blank=True)
    preferred_date_3 = models.DateField(_("third preferred date"), null=True, blank=True)
    format = models.CharField(
        _("on site or online"), max_length=10, choices=Format.choices, default=Format.ON_SITE
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    expected_participants = models.PositiveIntegerField(_("expected participants"))
    contact_name = models.CharField(_("contact person"), max_length=80)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    # Set by the workflow (advisors.actions), never by a form.
    submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    advisor = models.ForeignKey(
        Advisor,
        verbose_name=_("advisor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    dispatch_date = models.DateField(_("dispatch date"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    confirmed_venue = models.CharField(
        _("confirmed venue or meeting link"), max_length=200, blank=True
    )

    # An advisor-led public event (symposium, training) published in the salon
    # calendar with the municipality's consent (advisors.actions.request_publish_event).
    public_event_consent_at = models.DateTimeField(null=True, blank=True)
    public_event_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    public_event_path = models.CharField(max_length=200, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(default=False, editable=False)

    objects = DispatchRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("dispatch request")
        verbose_name_plural = _("dispatch requests")
        indexes = [
            # Serves the review queue (status filter, oldest submission first).
            models.Index(fields=["status", "submitted_at"], name="dispatch_queue_idx"),
            # Serves the double-booking check of request_approve.
            models.Index(fields=["advisor", "dispatch_date"], name="dispatch_booking_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="dispatch_participants_positive", condition=Q(expected_participants__gte=1)
            ),
            models.CheckConstraint(name="dispatch_has_menu_item", condition=~Q(menu_items=[])),
        ]

    def __str__(self):
        return f"#{self.pk} {self.municipality}"

    def get_absolute_url(self):
        return reverse("advisors:request_detail", args=[self.pk])

    @property
    def preferred_dates(self):
        return [
            d for d in (self.preferred_date_1, self.preferred_date_2, self.preferred_date_3) if d
        ]

    def get_menu_items_display(self):
        labels = []
        for value in self.menu_items:
            if value == MenuItem.OTHER and self.other_description:
                labels.append(f"{MenuItem.OTHER.label}: {self.other_description}")
            elif value in MenuItem.values:
                labels.append(MenuItem(value).label)
        return labels

    @property
    def report_opens_on(self):
        """The first day the advisor may file the report: the dispatch date."""
        return self.dispatch_date

    def can_report_on(self, day) -> bool:
        return self.dispatch_date is not None and day >= self.dispatch_date

    def can_publish_event(self, today=None) -> bool:
        """A scheduled symposium or training still to come."""
        today = today or timezone.localdate()
        return (
            self.status == Status.SCHEDULED
            and any(item in PUBLIC_EVENT_ITEMS for item in self.menu_items)
            and self.dispatch_date is not None
            and self.dispatch_date >= today
            and self.start_time is not None
        )

    @property
    def age_days(self):
        """Whole days since first submission: how long it has been waiting."""
        return (timezone.now() - self.submitted_at).days if self.submitted_at else None


class RequestEvent(models.Model):
    """One row per transition: who, when, from, to, comment. The timeline."""

    request = models.ForeignKey(DispatchRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=254)
    action = models.CharField(max_length=12)
    from_status = models.CharField(max_length=12, choices=Status.choices)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"#{self.request_id} {self.from_status} → {self.to_status}"

    @property
    def label(self):
        if self.action in Action.values:
            return Action(self.action).label
        if self.action == PUBLISHED_EVENT:
            return _("Published as a public event, with the municipality's consent")
        return _("Created as a draft")


class DispatchReport(models.Model):
    """What the advisor reports after the dispatch; filing it completes the request."""

    request = models.OneToOneField(DispatchRequest, on_delete=models.CASCADE, related_name="report")
    what_was_done = models.TextField(_("what was done"))
    participants = models.PositiveIntegerField(_("participants"))
    outcomes = models.TextField(_("outcomes"))
    follow_ups = models.TextField(_("follow-ups"), blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("dispatch report")
        verbose_name_plural = _("dispatch reports")

    def __str__(self):
        return f"Report on #{self.request_id}"
