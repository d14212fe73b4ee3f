"""The shared model: municipalities, accounts and roles, households and carers,
and the notification outbox every app uses.

``carers`` imports none of the other apps.
"""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def jis_check_digit(first_five: str) -> int:
    """Check digit of a JIS X 0402 local government code (全国地方公共団体コード)."""
    total = sum(int(d) * w for d, w in zip(first_five, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def is_valid_local_government_code(code: str) -> bool:
    return (
        isinstance(code, str)
        and len(code) == 6
        and code.isdigit()
        and jis_check_digit(code[:5]) == int(code[5])
    )


class MunicipalityQuerySet(models.QuerySet):
    def municipalities(self):
        return self.filter(is_prefecture=False)

    def in_portal_prefecture(self):
        """Municipalities of the prefecture this portal serves (PORTAL_PREFECTURE_CODE)."""
        return self.municipalities().filter(prefecture_code=settings.PORTAL_PREFECTURE_CODE)


class Municipality(models.Model):
    """A prefecture or municipality of Japan, keyed by its 6-digit JIS X 0402 code."""

    code = models.CharField(_("local government code"), max_length=6, primary_key=True)
    prefecture_code = models.CharField(max_length=2, db_index=True)
    prefecture = models.CharField(_("prefecture"), max_length=10)
    prefecture_kana = models.CharField(max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=40, blank=True)
    name_kana = models.CharField(max_length=60, blank=True)
    is_prefecture = models.BooleanField(default=False)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name or self.prefecture

    @property
    def full_name(self):
        return self.prefecture if self.is_prefecture else f"{self.prefecture}{self.name}"


class Role(models.TextChoices):
    REGISTERED = "registered", _("Registered user")
    ORGANISER = "organiser", _("Salon organiser")
    MUNICIPAL_STAFF = "municipal_staff", _("Municipal staff")
    PREFECTURE_STAFF = "prefecture_staff", _("Prefecture staff")
    ADVISOR = "advisor", _("Advisor")


STAFF_ROLES = frozenset({Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF, Role.ADVISOR})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. The email address is the login; the role decides the scope."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.REGISTERED)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("Required for municipal staff: the municipality whose records they may see."),
    )
    language = models.CharField(
        _("language for emails"), max_length=5, choices=settings.LANGUAGES, default="ja"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("Django admin access"), default=False, help_text=_("Can open the Django admin.")
    )
    is_demo = models.BooleanField(default=False, editable=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="municipal_staff_has_municipality",
                condition=~models.Q(role="municipal_staff") | models.Q(municipality__isnull=False),
            )
        ]

    def __str__(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name or self.email.split("@")[0]

    @property
    def is_municipal_staff(self):
        return self.role == Role.MUNICIPAL_STAFF

    @property
    def is_prefecture_staff(self):
        return self.role == Role.PREFECTURE_STAFF

    @property
    def is_advisor(self):
        return self.role == Role.ADVISOR

    @property
    def is_organiser(self):
        return self.role == Role.ORGANISER

    @property
    def has_staff_role(self):
        return self.role in STAFF_ROLES


# --- Households, carers and the people they care for ------------------------------
# Sensitive personal data (要配慮個人情報). Read it only through
# Household.objects.for_user(); never log it, put it in URLs or in emails.


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


class HouseholdQuerySet(models.QuerySet):
    def for_user(self, user):
        """The one entry point for reading households: staff of the household's
        municipality only. Everyone else gets nothing (a 404 in views)."""
        if not user.is_authenticated or user.role != Role.MUNICIPAL_STAFF or not user.municipality_id:
            return self.none()
        return self.filter(municipality_id=user.municipality_id)


class Household(models.Model):
    """A household supported by municipal staff. Referenced in URLs only by
    ``public_id`` (opaque), never by its sequential primary key."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="households")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self):
        # Deliberately not personal: shown in admin lists and logs.
        return f"Household {str(self.public_id)[:8]}"


class Carer(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="carers")
    name = models.CharField(_("name"), max_length=80, blank=True)
    relationship = models.CharField(_("relationship to the person cared for"), max_length=40, blank=True)
    age_band = models.CharField(_("age band"), max_length=6, choices=AgeBand.choices, blank=True)
    is_under_18 = models.BooleanField(_("under 18 (young carer)"), default=False)
    is_working = models.BooleanField(_("working"), default=False)

    class Meta:
        verbose_name = _("carer")
        verbose_name_plural = _("carers")

    def __str__(self):
        return f"Carer #{self.pk}"


class CareRecipient(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="care_recipients")
    name = models.CharField(_("name"), max_length=80, blank=True)
    relationship = models.CharField(_("relationship to the carer"), max_length=40, blank=True)
    age_band = models.CharField(_("age band"), max_length=6, choices=AgeBand.choices, blank=True)
    care_level = models.CharField(
        _("care level"), max_length=8, choices=CareLevel.choices, default=CareLevel.UNKNOWN
    )

    class Meta:
        verbose_name = _("person cared for")
        verbose_name_plural = _("people cared for")

    def __str__(self):
        return f"Care recipient #{self.pk}"


# --- Outbox ------------------------------------------------------------------------


class OutboundEmailQuerySet(models.QuerySet):
    def due(self, now=None):
        now = now or timezone.now()
        return self.filter(status=OutboundEmail.Status.PENDING, next_attempt_at__lte=now)


class OutboundEmail(models.Model):
    """A notification written in the same transaction as the change that caused
    it, then sent by a Celery task. See carers.outbox."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (gave up)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    to_email = models.EmailField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=5, default="ja")
    template = models.CharField(max_length=100, help_text="Template base name, e.g. 'salons/email/approved'")
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")

    def __str__(self):
        return f"{self.template} → {self.to_email} ({self.status})"
