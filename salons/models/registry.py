"""The salon registry: salons (with their venue and organiser) and the distance maths of the search."""

import math
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Case, F, FloatField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carers import policy
from carers.models import Municipality, choice_labels
from carers.policy import ScopedQuerySet
from carers.text import normalise

from ..validators import validate_image_file
from .choices import (
    PUBLIC_STATUSES,
    STALE_AFTER,
    Audience,
    SalonStatus,
    SessionStatus,
)

EARTH_RADIUS_KM = 6371.0


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


def review_order():
    """0 for salons waiting for a decision, 1 for the others: the staff list
    shows the former first. One expression for the list and its index."""
    from ..workflow import REVIEWABLE_STATUSES

    return Case(
        When(status__in=REVIEWABLE_STATUSES, then=Value(0)),
        default=Value(1),
        output_field=models.IntegerField(),
    )


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


class SalonQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def fresh(self, now=None):
        now = now or timezone.now()
        return self.filter(last_confirmed_at__gte=now - STALE_AFTER)

    def searchable(self, now=None):
        """What the public search, feeds and the home page list."""
        return self.published().fresh(now)

    def _manageable(self, scope):
        """Organisers their own salons, municipal staff their municipality's,
        prefecture staff all."""
        match scope.audience:
            case policy.Audience.PREFECTURE:
                return self.all()
            case policy.Audience.MUNICIPAL:
                return self.filter(municipality_id=scope.municipality_id)
            case policy.Audience.ORGANISER:
                return self.filter(organiser=scope.user)
        return self.none()

    def _visible(self, scope):
        """Published salons; unpublished ones to those who manage them."""
        if scope.audience is policy.Audience.PUBLIC:
            return self.published()
        return self.filter(Q(status__in=PUBLIC_STATUSES) | Q(pk__in=self._manageable(scope)))

    def reviewable_by(self, user):
        """What a user may approve: the salons staff manage (not organisers)."""
        if not policy.scope_of(user).is_public_body:
            return self.none()._mark_scoped()
        return self.manageable_by(user)

    def with_next_start(self, after=None):
        """Each salon's next scheduled session start at or after ``after`` (or
        None), from the stored ``next_session_at``: the next start when it was
        last stored (on every change of a salon's sessions; ``refresh_passed``
        once it has started). A salon with none then has none now; a stored
        start at or after ``after`` is the answer; only an earlier one (a later
        ``after``: the search's "from" date) is looked up, one index probe.
        Without ``after`` (from now on, after ``refresh_passed``) the stored
        value itself, which salon_next_session_idx keeps in order."""
        if after is None:
            return self.annotate(next_start=F("next_session_at"))
        return self.annotate(
            next_start=Case(
                When(next_session_at__isnull=True, then=Value(None)),
                When(next_session_at__gte=after, then=F("next_session_at")),
                default=Subquery(_next_start_of(OuterRef("pk"), after)),
                output_field=models.DateTimeField(),
            )
        )

    def refresh_passed(self, now=None) -> int:
        """Store the next session of salons whose stored one has started (the
        periodic task, and a search just before it lists): an index probe that
        finds nothing, usually."""
        now = now or timezone.now()
        passed = self.filter(next_session_at__lt=now)
        return passed.refresh_next_session(now) if passed.exists() else 0

    def refresh_next_session(self, now=None) -> int:
        """Store each salon's next scheduled session start (or None) as of now."""
        return self.update(next_session_at=Subquery(_next_start_of(OuterRef("pk"), now)))

    def search(self, text):
        for term in normalise(text).split():
            self = self.filter(search_text__contains=term)
        return self


def _next_start_of(salon, after=None):
    """The start of ``salon``'s first scheduled session at or after ``after``."""
    from .sessions import Session

    return (
        Session.objects.filter(
            salon=salon, status=SessionStatus.SCHEDULED, starts_at__gte=after or timezone.now()
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )


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
    # The start of the next scheduled session (None: none planned), kept by
    # salons.signals on every change of a session and by the periodic task
    # salons.tasks.refresh_next_sessions as sessions pass (with_next_start).
    next_session_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False, editable=False)

    objects = SalonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("salon")
        verbose_name_plural = _("salons")
        indexes = [
            models.Index(fields=["status", "last_confirmed_at"], name="salon_public_idx"),
            # The managers' list: waiting for a decision first, then by name.
            models.Index(review_order(), F("name"), F("id"), name="salon_manage_idx"),
            # The public search's order (with_next_start), and salons whose stored
            # next session has started (refresh_passed).
            models.Index(fields=["next_session_at", "name"], name="salon_next_session_idx"),
            # The home page's featured salon.
            models.Index(fields=["id"], condition=Q(is_featured=True), name="salon_featured_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from carers.urlcache import reverse

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
