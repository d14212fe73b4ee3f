"""The public-service catalogue: organisations, a category taxonomy, services,
locations and visitors' reports. Identifiers are UUIDs so the same ids serve
the pages, the CSV files and the Open Referral HSDS 3.0 API.

Long texts are bilingual (``_ja`` and ``_en`` fields); ``text(obj, "name")``
picks the active language and falls back to Japanese.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from carers.models import Municipality, Role, choice_labels

from .text import normalise

VERIFY_AFTER_DAYS = 365  # an entry not verified for 12 months is flagged


def text(obj, field: str) -> str:
    """The value of ``<field>_<active language>``, or the Japanese one when empty."""
    lang = (translation.get_language() or "ja")[:2]
    value = getattr(obj, f"{field}_{lang}", "") if lang in ("ja", "en") else ""
    return value or getattr(obj, f"{field}_ja", "")


class _Texts:
    """``obj.t.summary`` in templates: the text in the active language."""

    def __init__(self, obj):
        self._obj = obj

    def __getattr__(self, field):
        if field.startswith("_"):
            raise AttributeError(field)
        return text(self._obj, field)


class BilingualMixin:
    @property
    def t(self):
        return _Texts(self)

    @property
    def name(self):
        return text(self, "name")

    def __str__(self):
        return self.name


class Audience(models.TextChoices):
    CARED_FOR = "cared_for", _("The person cared for")
    CARERS = "carers", _("Carers")
    YOUNG_CARERS = "young_carers", _("Young carers")
    WORKING_CARERS = "working_carers", _("Working carers")
    FAMILY = "family", _("The family")


class Scope(models.TextChoices):
    NATIONAL = "national", _("National")
    PREFECTURAL = "prefectural", _("Prefectural")
    MUNICIPAL = "municipal", _("Municipal")


class ServiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Organization(BilingualMixin, models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.SlugField(
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable key of built-in content."),
    )
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(default=False, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_ja"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")


class Taxonomy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField()
    version = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self):
        return self.name


class TaxonomyTerm(BilingualMixin, models.Model):
    """A service category (e.g. ``consultation``). ``code`` is what URLs,
    CSV files and other apps (portal's self-check) use."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.SlugField(max_length=40, unique=True)
    name_ja = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    description_ja = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")


def _serving(code):
    """Ids of the services linked to municipality ``code``."""
    return Service.municipalities.through.objects.filter(municipality_id=code).values("service_id")


def scope_order(local_first: bool):
    """The catalogue's order of scopes. With a municipality chosen: its own
    entries first (the most actionable); without one: national and prefectural
    entries, which apply everywhere, first. One expression for the list and its index."""
    return models.Case(
        models.When(scope=Scope.MUNICIPAL, then=models.Value(0 if local_first else 2)),
        models.When(scope=Scope.NATIONAL, then=models.Value(1 if local_first else 0)),
        default=models.Value(2 if local_first else 1),
    )


class ServiceQuerySet(models.QuerySet):
    def visible(self, today=None):
        """Published and inside its visibility window: what visitors see."""
        today = today or timezone.localdate()
        return self.filter(status=ServiceStatus.PUBLISHED).filter(
            models.Q(visible_from__isnull=True) | models.Q(visible_from__lte=today),
            models.Q(visible_until__isnull=True) | models.Q(visible_until__gte=today),
        )

    def applying_to(self, code):
        """National and prefectural services, plus those of municipality ``code``."""
        wide = models.Q(scope__in=[Scope.NATIONAL, Scope.PREFECTURAL])
        if not code:
            return self.filter(wide)
        # A subquery rather than a join: no DISTINCT over every column to count or page.
        return self.filter(wide | models.Q(scope=Scope.MUNICIPAL, pk__in=_serving(code)))

    def search(self, query: str):
        """Every word of the query in the normalised search column (width and
        kana insensitive). ``contains`` compiles to LIKE: no extension needed."""
        qs = self
        for word in normalise(query).split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def for_user(self, user):
        """Entries a staff member may edit: prefecture staff all, municipal
        staff those of their municipality. Everyone else nothing (404)."""
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.PREFECTURE_STAFF:
            return self.all()
        if user.role == Role.MUNICIPAL_STAFF and user.municipality_id:
            return self.filter(scope=Scope.MUNICIPAL, pk__in=_serving(user.municipality_id))
        return self.none()

    def unverified(self, today=None):
        today = today or timezone.localdate()
        return self.filter(last_verified__lt=today - timedelta(days=VERIFY_AFTER_DAYS))


class Service(BilingualMixin, models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.SlugField(
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable key of built-in content."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=pgettext_lazy("service", "provider"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    summary_ja = models.CharField(_("summary (Japanese)"), max_length=300)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    eligibility_ja = models.TextField(_("who can use it (Japanese)"), blank=True)
    eligibility_en = models.TextField(_("who can use it (English)"), blank=True)
    how_to_apply_ja = models.TextField(_("how to apply (Japanese)"), blank=True)
    how_to_apply_en = models.TextField(_("how to apply (English)"), blank=True)
    cost_ja = models.TextField(_("cost (Japanese)"), blank=True)
    cost_en = models.TextField(_("cost (English)"), blank=True)
    keywords = models.CharField(
        _("search keywords"),
        max_length=300,
        blank=True,
        help_text=_("Extra words people search with, e.g. readings in kana (かいご)."),
    )
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where the facts come from.")
    )
    categories = models.ManyToManyField(
        TaxonomyTerm, verbose_name=_("categories"), related_name="services"
    )
    audiences = ArrayField(
        models.CharField(max_length=20, choices=Audience.choices),
        verbose_name=_("who it is for"),
        default=list,
    )
    scope = models.CharField(
        _("scope"), max_length=12, choices=Scope.choices, default=Scope.MUNICIPAL
    )
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("municipalities"),
        blank=True,
        related_name="+",
        help_text=_("For municipal services: where it applies."),
    )
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_ja = models.CharField(_("contact (Japanese)"), max_length=200, blank=True)
    contact_en = models.CharField(_("contact (English)"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.PUBLISHED
    )
    last_verified = models.DateField(_("last verified"), default=timezone.localdate)
    visible_from = models.DateField(_("visible from"), null=True, blank=True)
    visible_until = models.DateField(_("visible until"), null=True, blank=True)
    verification_reminded_on = models.DateField(null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["scope", "name_ja"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            models.Index(fields=["status", "scope"], name="service_status_scope_idx"),
            # The orders of the public list, of the HSDS API and of the staff list.
            models.Index(
                scope_order(False),
                "name_ja",
                "id",
                name="service_list_order_idx",
                condition=models.Q(status=ServiceStatus.PUBLISHED),
            ),
            models.Index(
                scope_order(True),
                "name_ja",
                "id",
                name="service_local_order_idx",
                condition=models.Q(status=ServiceStatus.PUBLISHED),
            ),
            models.Index(
                fields=["name_ja", "id"],
                name="service_name_order_idx",
                condition=models.Q(status=ServiceStatus.PUBLISHED),
            ),
            models.Index(fields=["scope", "name_ja", "id"], name="service_staff_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="service_visible_window",
                condition=models.Q(visible_from__isnull=True)
                | models.Q(visible_until__isnull=True)
                | models.Q(visible_from__lte=models.F("visible_until")),
            )
        ]

    SEARCHED = (
        "name_ja",
        "name_en",
        "summary_ja",
        "summary_en",
        "description_ja",
        "description_en",
        "keywords",
    )

    def save(self, *args, **kwargs):
        # The search column is derived data, kept in step with the texts it indexes.
        self.search_text = normalise(" ".join(getattr(self, f) for f in self.SEARCHED))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("services:detail", args=[self.pk])

    @property
    def is_published(self):
        return self.status == ServiceStatus.PUBLISHED

    @property
    def is_unverified(self):
        return self.last_verified < timezone.localdate() - timedelta(days=VERIFY_AFTER_DAYS)

    def audience_labels(self):
        return choice_labels(Audience, self.audiences)

    def tr(self, field):
        return text(self, field)


class Location(BilingualMixin, models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="locations", null=True, blank=True
    )
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    address_ja = models.CharField(_("address (Japanese)"), max_length=200, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["name_ja"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_location_unique")
        ]
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")

    def __str__(self):
        return f"{self.service} @ {self.location}"


class ReportStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("report status", "Open")
    RESOLVED = "resolved", _("Resolved")


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ReportStatus.OPEN)

    def for_user(self, user):
        return self.filter(service__in=Service.objects.for_user(user))


class ServiceReport(models.Model):
    """A visitor's note that a service page is wrong or out of date."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="reports")
    message = models.TextField(_("what is wrong or out of date"), max_length=2000)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report about a service")
        verbose_name_plural = _("reports about services")

    def __str__(self):
        return f"Report #{self.pk}"
