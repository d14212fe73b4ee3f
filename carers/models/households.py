"""Households, their carers and care recipients, and case-by-case audit grants."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..policy import Audience, ScopedModel, ScopedQuerySet
from .accounts import Role
from .municipalities import Municipality, choice_labels


class AgeBand(models.TextChoices):
    UNDER_12 = "u12", _("Under 12")
    AGE_12_17 = "12-17", _("12–17")
    AGE_18_29 = "18-29", _("18–29")
    AGE_30_49 = "30-49", _("30–49")
    AGE_50_64 = "50-64", _("50–64")
    AGE_65_74 = "65-74", _("65–74")
    AGE_75_PLUS = "75+", _("75 and over")


class CareLevel(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown / not applied")
    SUPPORT_1 = "s1", _("Support level 1 (要支援1)")
    SUPPORT_2 = "s2", _("Support level 2 (要支援2)")
    CARE_1 = "c1", _("Care level 1 (要介護1)")
    CARE_2 = "c2", _("Care level 2 (要介護2)")
    CARE_3 = "c3", _("Care level 3 (要介護3)")
    CARE_4 = "c4", _("Care level 4 (要介護4)")
    CARE_5 = "c5", _("Care level 5 (要介護5)")
    NOT_APPLICABLE = "na", _("Not applicable")


class ConditionCategory(models.TextChoices):
    """Broad categories only: a case record never needs a diagnosis."""

    DEMENTIA = "dementia", _("Dementia")
    PHYSICAL = "physical", _("Physical disability")
    INTELLECTUAL = "intellectual", _("Intellectual or developmental disability")
    MENTAL = "mental", _("Mental health condition")
    ILLNESS = "illness", _("Long-term or serious illness")
    FRAILTY = "frailty", _("Frailty in old age")
    ADDICTION = "addiction", _("Alcohol, drug or gambling dependence")
    CHILD = "child", _("Young child or sibling needing care")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ServiceUse(models.TextChoices):
    UNKNOWN = "unknown", _("Not known yet")
    NONE = "none", _("No services used")
    SOME = "some", _("Uses some services")


class HouseholdQuerySet(ScopedQuerySet):
    def _manageable(self, scope):
        """Staff of the household's municipality only."""
        if scope.audience is Audience.MUNICIPAL:
            return self.filter(municipality_id=scope.municipality_id)
        return self.none()

    def _visible(self, scope):
        """Staff of the household's municipality, plus (read-only) holders of a
        valid case-by-case AuditGrant. Everyone else nothing (a 404 in views)."""
        if not scope.is_public_body:
            return self.none()
        audited = models.Q(
            pk__in=AuditGrant.objects.valid().filter(user=scope.user).values("household_id")
        )
        if scope.audience is Audience.MUNICIPAL:
            return self.filter(models.Q(municipality_id=scope.municipality_id) | audited)
        return self.filter(audited)

    def open(self):
        return self.filter(status=CaseStatus.OPEN)

    def follow_up_due(self, today=None):
        """Open, unrestricted cases whose next follow-up is today or earlier:
        what the reminder counts. Withdrawn consent stops reminders."""
        today = today or timezone.localdate()
        return self.open().filter(is_restricted=False, next_follow_up__lte=today)

    def purgeable(self, retention_days, now=None):
        now = now or timezone.now()
        return self.filter(
            status=CaseStatus.CLOSED, closed_at__lt=now - timedelta(days=retention_days)
        )


class Household(ScopedModel):
    """A household supported by municipal staff. Referenced in URLs only by
    ``public_id`` (opaque), never by its sequential primary key."""

    # What staff write in the record's form (the form, the save action and the
    # version comparison all use this list).
    EDITABLE_FIELDS = (
        "reference",
        "service_use",
        "services_used",
        "needs_and_wishes",
        "notes",
        "next_follow_up",
        "assigned_to",
    )

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="households"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Case record. Everything below is sensitive; restricted (consent withdrawn)
    # records keep only what carers.actions.RESTRICTED_KEEPS lists.
    reference = models.CharField(
        _("case reference"),
        max_length=40,
        blank=True,
        help_text=_(
            "The municipality's own file number, if any. Shown in the case list instead of names."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    is_restricted = models.BooleanField(
        _("restricted (consent withdrawn)"),
        default=False,
        help_text=_("Consent was withdrawn: details were cleared and reminders stopped."),
    )
    restricted_at = models.DateTimeField(null=True, blank=True)
    service_use = models.CharField(
        _("current use of services"),
        max_length=10,
        choices=ServiceUse.choices,
        default=ServiceUse.UNKNOWN,
    )
    services_used = models.TextField(
        _("services used"), blank=True, help_text=_("Which services, if any.")
    )
    needs_and_wishes = models.TextField(_("needs and wishes"), blank=True)
    notes = models.TextField(_("free notes"), blank=True)
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff in charge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Receives the follow-up reminders for this household."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Optimistic concurrency: every change increments it; a save based on an
    # older version is refused and shown the difference (carers.actions.household_update).
    version = models.PositiveIntegerField(default=1)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        indexes = [
            # Serves follow_up_due() (the daily reminder and the "due" filter) and
            # the case list's order, so a page reads 25 entries, not the municipality's.
            models.Index(
                fields=["municipality", "status", "next_follow_up", "-updated_at", "id"],
                name="household_list_idx",
            ),
            models.Index(fields=["status", "closed_at"], name="household_purge_idx"),
        ]

    def __str__(self):
        # Deliberately not personal: shown in admin lists and logs.
        return f"Household {str(self.public_id)[:8]}"

    @property
    def is_open(self):
        return self.status == CaseStatus.OPEN

    @property
    def label(self):
        """How lists and pages name a household: its reference or a short opaque id."""
        return self.reference or str(self.public_id)[:8]


class Carer(models.Model):
    EDITABLE_FIELDS = ("name", "relationship", "age_band", "is_under_18", "is_working")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="carers")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=80, blank=True)
    relationship = models.CharField(
        _("relationship to the person cared for"), max_length=40, blank=True
    )
    age_band = models.CharField(_("age band"), max_length=6, choices=AgeBand.choices, blank=True)
    is_under_18 = models.BooleanField(_("under 18 (young carer)"), default=False)
    is_working = models.BooleanField(_("working"), default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("carer")
        verbose_name_plural = _("carers")

    def __str__(self):
        return f"Carer #{self.pk}"


class CareRecipient(models.Model):
    EDITABLE_FIELDS = ("name", "relationship", "age_band", "care_level", "conditions")

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="care_recipients"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=80, blank=True)
    relationship = models.CharField(_("relationship to the carer"), max_length=40, blank=True)
    age_band = models.CharField(_("age band"), max_length=6, choices=AgeBand.choices, blank=True)
    care_level = models.CharField(
        _("care level"), max_length=8, choices=CareLevel.choices, default=CareLevel.UNKNOWN
    )
    conditions = models.JSONField(
        _("conditions (broad categories)"),
        default=list,
        blank=True,
        help_text=_("Values of ConditionCategory; never a diagnosis."),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("person cared for")
        verbose_name_plural = _("people cared for")

    def __str__(self):
        return f"Care recipient #{self.pk}"

    @property
    def condition_labels(self):
        return choice_labels(ConditionCategory, self.conditions)


class AuditGrantQuerySet(models.QuerySet):
    def valid(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())


class AuditGrant(models.Model):
    """Case-by-case, read-only access for someone outside the household's
    municipality (e.g. prefecture staff auditing a case). Created by a
    superuser in the Django admin; ends at ``expires_at``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auditor"),
        on_delete=models.CASCADE,
        related_name="audit_grants",
        limit_choices_to={"role__in": ["prefecture_staff", "municipal_staff"]},
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="audit_grants",
    )
    reason = models.CharField(_("reason"), max_length=200)
    expires_at = models.DateTimeField(_("expires at"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AuditGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("audit grant")
        verbose_name_plural = _("audit grants")

    def __str__(self):
        return f"Audit grant #{self.pk}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.user_id and self.user.role not in (Role.PREFECTURE_STAFF, Role.MUNICIPAL_STAFF):
            raise ValidationError(
                {"user": _("Only prefecture or municipal staff can be given audit access.")}
            )
        if self.expires_at and self.expires_at <= timezone.now():
            raise ValidationError({"expires_at": _("The expiry must be in the future.")})

    @property
    def is_valid(self):
        return self.expires_at > timezone.now()
