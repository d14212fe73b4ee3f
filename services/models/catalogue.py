"""Services, their visibility and ordering, and where they are offered."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from carers import policy
from carers.contentfiles import ContentRow
from carers.models import Municipality, choice_labels
from carers.policy import ScopedModel, ScopedQuerySet
from carers.text import normalise

from .bilingual import BilingualMixin, text
from .choices import ATTRIBUTIONS, VERIFY_AFTER_DAYS, Audience, Origin, Scope, ServiceStatus
from .organisations import Location, Organization, TaxonomyTerm


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


class ServiceQuerySet(ScopedQuerySet):
    def _published(self, today=None):
        """Published and inside its visibility window: what visitors see."""
        today = today or timezone.localdate()
        return self.filter(status=ServiceStatus.PUBLISHED).filter(
            models.Q(visible_from__isnull=True) | models.Q(visible_from__lte=today),
            models.Q(visible_until__isnull=True) | models.Q(visible_until__gte=today),
        )

    def _visible(self, scope):
        """The published catalogue; staff also preview the entries they edit
        (drafts, expired ones)."""
        if not scope.is_public_body:
            return self._published()
        return self.filter(
            models.Q(pk__in=self.model.objects.public().values("pk"))
            | models.Q(pk__in=self.model.objects.for_scope(scope, manage=True).values("pk"))
        )

    def _manageable(self, scope):
        """Prefecture staff all entries, municipal staff those of their
        municipality. Everyone else nothing (404)."""
        match scope.audience:
            case policy.Audience.PREFECTURE:
                return self.all()
            case policy.Audience.MUNICIPAL:
                return self.filter(scope=Scope.MUNICIPAL, pk__in=_serving(scope.municipality_id))
        return self.none()

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

    def unverified(self, today=None):
        today = today or timezone.localdate()
        return self.filter(last_verified__lt=today - timedelta(days=VERIFY_AFTER_DAYS))


class Service(BilingualMixin, ContentRow, ScopedModel):  # noqa: DJ008 (str from BilingualMixin)
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
        from carers.urlcache import reverse

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
