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
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.expressions import RawSQL
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


class Origin(models.TextChoices):
    """Where an entry comes from: typed by staff, or an open-data import (whose
    columns the next import overwrites; the staff-owned texts it never touches)."""

    STAFF = "", _("Entered by staff")
    KAIGO = "kaigo", _("MHLW care-service provider open data")
    FACILITIES = "facilities", _("Public facilities list (support desks)")


# 公共データ利用規約（第1.0版）asks for the source and, when the data was
# changed, a statement that it was processed (and not by the publisher).
ATTRIBUTIONS = {
    Origin.KAIGO: _(
        "Source: Ministry of Health, Labour and Welfare, Long-term Care Service Information "
        "Publication System open data (介護サービス情報公表システム オープンデータ), used under "
        "the Public Data License (公共データ利用規約) version 1.0. This portal processed the "
        "data (reformatted it and linked it to municipalities); it is not the ministry's "
        "own presentation."
    ),
    Origin.FACILITIES: _(
        "Source: public facilities lists (公共施設一覧) of local governments, recommended "
        "dataset format of the Digital Agency, used under the Public Data License "
        "(公共データ利用規約) version 1.0 / CC BY 4.0. This portal processed the data "
        "(reformatted it and linked it to municipalities)."
    ),
}


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
    corporate_number = models.CharField(
        _("corporate number"), max_length=13, blank=True, help_text=_("法人番号 (13 digits).")
    )
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

    def _with_local(self, local_sql, params):
        """National and prefectural entries plus the municipal ones whose ids the
        SQL yields. One ``id IN (... UNION ALL ...)`` keeps both halves on their
        indexes (an OR across the join would scan every entry)."""
        through = Service.municipalities.through._meta.db_table
        table = Service._meta.db_table
        ids = RawSQL(
            f"SELECT service_id FROM {through} WHERE municipality_id IN ({local_sql}) "
            f"UNION ALL SELECT id FROM {table} WHERE scope IN (%s, %s)",
            (*params, Scope.NATIONAL, Scope.PREFECTURAL),
        )
        return self.filter(pk__in=ids)

    def applying_to(self, code):
        """National and prefectural services, plus those of municipality ``code``."""
        if not code:
            return self.filter(scope__in=[Scope.NATIONAL, Scope.PREFECTURAL])
        return self._with_local("%s", (code,))

    def search(self, query: str):
        """Every word of the query in the normalised search column (width and
        kana insensitive). ``contains`` compiles to LIKE: no extension needed."""
        qs = self
        for word in normalise(query).split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def open(self):
        """Not marked closed by an open-data import."""
        return self.filter(is_closed=False)

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
    # The name and its reading, normalised: a match here ranks first.
    search_name = models.TextField(editable=False, default="")
    is_demo = models.BooleanField(default=False, editable=False)
    # Open-data imports own the fields below (and name, phone, url, the
    # location); the staff-owned texts (description, eligibility, ...) survive
    # every re-import.
    origin = models.CharField(
        _("origin"), max_length=12, choices=Origin.choices, default=Origin.STAFF, editable=False
    )
    source_key = models.CharField(max_length=80, blank=True, editable=False)
    name_kana = models.CharField(_("name (kana)"), max_length=200, blank=True)
    office_number = models.CharField(_("office number"), max_length=10, blank=True)
    service_type = models.CharField(_("type of service"), max_length=60, blank=True)
    service_type_code = models.CharField(max_length=8, blank=True)
    fax = models.CharField(_("fax"), max_length=30, blank=True)
    opening_days = models.CharField(_("open on"), max_length=100, blank=True)
    opening_notes = models.CharField(_("about the opening days"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    source_remarks = models.TextField(_("remarks in the source data"), blank=True)
    source_keywords = models.CharField(max_length=300, blank=True, editable=False)
    is_closed = models.BooleanField(_("closed"), default=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    import_hash = models.CharField(max_length=32, blank=True, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)
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
            # The import's per-file lookup of what it wrote before.
            models.Index(fields=["origin", "service_type_code"], name="service_origin_type_idx"),
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
            models.UniqueConstraint(
                fields=["origin", "source_key"],
                condition=~models.Q(source_key=""),
                name="service_source_key_unique",
            ),
            models.CheckConstraint(
                name="service_visible_window",
                condition=models.Q(visible_from__isnull=True)
                | models.Q(visible_until__isnull=True)
                | models.Q(visible_from__lte=models.F("visible_until")),
            ),
        ]

    SEARCHED = (
        "name_ja",
        "name_en",
        "summary_ja",
        "summary_en",
        "description_ja",
        "description_en",
        "keywords",
        "name_kana",
        "service_type",
        "source_keywords",
    )

    def save(self, *args, **kwargs):
        # The search columns are derived data, kept in step with the texts they index.
        self.search_text = self.compute_search_text()
        self.search_name = self.compute_search_name()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"search_text", "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("services:detail", args=[self.pk])

    def compute_search_text(self) -> str:
        return normalise(" ".join(getattr(self, f) for f in self.SEARCHED))

    def compute_search_name(self) -> str:
        return normalise(f"{self.name_ja} {self.name_en} {self.name_kana}")

    @property
    def attribution(self):
        """Source and licence statement an imported entry must carry."""
        return ATTRIBUTIONS.get(self.origin, "")

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
    address_line2 = models.CharField(_("building, floor (方書)"), max_length=200, blank=True)
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


class ImportKind(models.TextChoices):
    KAIGO = "kaigo", _("Care-service providers (MHLW open data, jigyosho_<code>.csv)")
    WINDOWS = "windows", _("Support desks (public facilities list, 公共施設一覧)")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """One uploaded open-data file and its import. The row (with the file's
    bytes) is written in the upload's transaction and the task is queued after
    commit, so an upload is never lost when the broker is down: the periodic
    sweep queues what is still waiting."""

    kind = models.CharField(_("kind of file"), max_length=10, choices=ImportKind.choices)
    file_name = models.CharField(max_length=200)
    content = models.BinaryField(editable=False)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    rows_read = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("open-data import")
        verbose_name_plural = _("open-data imports")

    def __str__(self):
        return self.file_name

    @property
    def is_finished(self):
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def bad_count(self):
        return len(self.result.get("bad", []))


class SearchEntry(models.Model):
    """The catalogue's search index: one narrow row per service with what the
    public list filters and orders by (where it applies, visibility, the
    normalised texts, a point). Derived data, rebuilt by ``services.search``
    whenever a service, its municipalities or its location change; it keeps
    searches over 200,000 imported entries off the wide service rows.

    ``areas`` holds the municipality codes of a municipal entry, or ``""``
    for national and prefectural entries (which apply everywhere); the GIN
    indexes (core PostgreSQL, no extension) answer "applies in X". They are
    built without the pending list (``fastupdate``): after a bulk import every
    search would otherwise scan the unmerged list until the next VACUUM."""

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    areas = ArrayField(models.CharField(max_length=6), default=list)
    prefectures = ArrayField(models.CharField(max_length=2), default=list)
    scope = models.CharField(max_length=12)
    audiences = ArrayField(models.CharField(max_length=20), default=list)
    text = models.TextField()
    name = models.TextField()
    sort_name = models.CharField(max_length=200)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    listed = models.BooleanField()
    visible_from = models.DateField(null=True)
    visible_until = models.DateField(null=True)

    class Meta:
        indexes = [
            GinIndex(fields=["areas"], name="searchentry_areas_gin", fastupdate=False),
            GinIndex(fields=["prefectures"], name="searchentry_prefectures_gin", fastupdate=False),
        ]

    def __str__(self):
        return self.sort_name
