"""The shared model: municipalities, accounts and roles, households and carers,
and the notification outbox every app uses.

``carers`` imports none of the other apps.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
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


def choice_labels(choices, values, *, skip_unknown=False):
    """Labels of stored choice values (ArrayField/JSON lists of TextChoices values).

    Unknown values are shown as stored, or left out with ``skip_unknown``."""
    labels = dict(choices.choices)
    return [labels.get(v, v) for v in values if not skip_unknown or v in labels]


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
        return self.localized_name

    @property
    def full_name(self):
        return self.prefecture if self.is_prefecture else f"{self.prefecture}{self.name}"

    @property
    def name_en(self):
        """Hepburn romanisation of the reading: the code list has no English names."""
        from .romaji import municipality_romaji, prefecture_romaji

        if self.is_prefecture:
            return prefecture_romaji(self.prefecture, self.prefecture_kana)
        return municipality_romaji(self.name, self.name_kana)

    @property
    def localized_name(self):
        if get_language() == "en":
            return self.name_en
        return self.name or self.prefecture

    @property
    def localized_full_name(self):
        if get_language() != "en":
            return self.full_name
        from .romaji import prefecture_romaji

        prefecture = prefecture_romaji(self.prefecture, self.prefecture_kana)
        return prefecture if self.is_prefecture else f"{self.name_en}, {prefecture}"


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


class HouseholdQuerySet(models.QuerySet):
    def editable_by(self, user):
        """Households a user may change: staff of the household's municipality only."""
        if (
            not user.is_authenticated
            or user.role != Role.MUNICIPAL_STAFF
            or not user.municipality_id
        ):
            return self.none()
        return self.filter(municipality_id=user.municipality_id)

    def for_user(self, user):
        """The one entry point for reading households: staff of the household's
        municipality, plus (read-only) holders of a valid case-by-case AuditGrant.
        Everyone else gets nothing (a 404 in views)."""
        if not user.is_authenticated or user.role not in (
            Role.MUNICIPAL_STAFF,
            Role.PREFECTURE_STAFF,
        ):
            return self.none()
        audited = models.Q(
            pk__in=AuditGrant.objects.valid().filter(user=user).values("household_id")
        )
        if user.role == Role.MUNICIPAL_STAFF and user.municipality_id:
            return self.filter(models.Q(municipality_id=user.municipality_id) | audited)
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


class Household(models.Model):
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
            # Serves follow_up_due(): the daily reminder and the "due" filter of the list.
            models.Index(
                fields=["municipality", "status", "next_follow_up"], name="household_follow_up_idx"
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


# --- Consent, consultations, support plans -------------------------------------------


class ConsentMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    WRITTEN = "written", _("In writing")


class ConsentPurpose(models.TextChoices):
    CASE_RECORD = "case_record", _("Keeping this case record to support the household")
    GUIDANCE = "guidance", _("Guidance to public services and support plans")
    FOLLOW_UP = "follow_up", _("Contacting the household to follow up")
    SHARING = "sharing", _("Sharing with service providers the household chooses")


class Consent(models.Model):
    """Who agreed to the record, when, how and for what; who took it. A household
    is never saved without one (carers.actions.household_create)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField(
        _("consent given by"),
        max_length=80,
        help_text=_(
            "Who agreed, e.g. “the carer (main carer)” or “the person cared for and their daughter”."
        ),
    )
    given_on = models.DateField(_("date consent was given"))
    method = models.CharField(
        _("how consent was given"), max_length=10, choices=ConsentMethod.choices
    )
    purposes = models.JSONField(_("purposes agreed to"), default=list)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_on = models.DateField(_("date consent was withdrawn"), null=True, blank=True)
    withdrawn_method = models.CharField(
        _("how the withdrawal was received"),
        max_length=10,
        choices=ConsentMethod.choices,
        blank=True,
    )
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"Consent #{self.pk}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_on is not None

    def get_purposes_display(self):
        return choice_labels(ConsentPurpose, self.purposes)


class ConsultationChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person at the office")
    HOME_VISIT = "home_visit", _("Home visit")
    PHONE = "phone", _("Phone")
    ONLINE = "online", _("Online")
    LETTER = "letter", _("Letter or email")
    OTHER = "other", _("Other")


class ConsultationLog(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="consultations")
    held_on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=12, choices=ConsultationChannel.choices)
    summary = models.TextField(_("summary"))
    next_step = models.TextField(_("next step"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self):
        return f"Consultation #{self.pk}"


class SupportPlan(models.Model):
    """A dated result of the service guidance run for a household (answers and
    the JSON of services.api.evaluate_guidance(...).to_dict())."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="support_plans")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answers = models.JSONField(default=dict)
    result = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")

    def __str__(self):
        return f"Support plan #{self.pk}"

    @property
    def shown_result(self) -> dict:
        """The result in the active language: services.casework saves it once per
        site language under ``by_language``, so a plan saved in English reads in
        Japanese on the Japanese pages. Older plans are shown as saved."""
        by_language = (self.result or {}).get("by_language") or {}
        return by_language.get((get_language() or "")[:2]) or self.result


# --- Audit grants, the access log, purges -------------------------------------------------


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


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    CONSULTATION_ADD = "consultation_add", _("Added a consultation")
    FOLLOW_UP_SET = "follow_up_set", _("Set the follow-up date")
    PLAN_SAVE = "plan_save", _("Saved a support plan")
    CONSENT_WITHDRAW = "consent_withdraw", _("Recorded consent withdrawal")
    CLOSE = "close", _("Closed the case")
    EXPORT_JSON = "export_json", _("Exported as JSON")
    PRINT = "print", _("Opened the printable copy")
    LOG_VIEW = "log_view", _("Viewed the access log")
    DELETE = "delete", _("Deleted")


class DeletionReason(models.TextChoices):
    REQUEST = "request", _("The person asked for deletion")
    ERROR = "error", _("Entered in error or a duplicate")
    NOT_NEEDED = "not_needed", _("No longer needed for support")
    OTHER = "other", _("Other lawful reason")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The access log is append-only.")

    def delete(self):
        raise PermissionError("The access log is append-only.")


class AccessLogEntry(models.Model):
    """One row per view, change or export of a household. Append-only: save()
    refuses updates, delete() refuses, and a database trigger (migration
    0003) rejects UPDATE and DELETE from anywhere. It has no foreign keys, so
    deleting a household or a user never touches it, and it holds no personal
    data of the household: only its opaque public_id."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(_("who"), max_length=254)
    household_public_id = models.UUIDField(_("household"), db_index=True)
    municipality_code = models.CharField(max_length=6)
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    via_audit_grant = models.BooleanField(_("under an audit grant"), default=False)
    reason = models.CharField(
        _("reason"), max_length=12, choices=DeletionReason.choices, blank=True
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The access log is append-only.")


class PurgeRecord(models.Model):
    """That a retention purge happened: when, how many, under which period. Never what."""

    ran_at = models.DateTimeField(default=timezone.now)
    purged_count = models.PositiveIntegerField()
    retention_days = models.PositiveIntegerField()

    class Meta:
        ordering = ["-ran_at"]
        verbose_name = _("purge record")
        verbose_name_plural = _("purge records")

    def __str__(self):
        return f"Purge {self.ran_at:%Y-%m-%d}: {self.purged_count}"


class FollowUpReminder(models.Model):
    """One reminder email per staff member per day, so the task is safe to run twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    due_count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_follow_up_reminder_a_day")
        ]

    def __str__(self):
        return f"Reminder {self.sent_on}: {self.due_count}"


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
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        UNCERTAIN = "uncertain", _("Perhaps sent (the mail server did not confirm)")
        FAILED = "failed", _("Failed (gave up)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    to_email = models.EmailField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=5, default="ja")
    template = models.CharField(
        max_length=100, help_text="Template base name, e.g. 'salons/email/approved'"
    )
    context = models.JSONField(default=dict, blank=True)
    # Emails rendered when they were caused (allauth's: confirmation, password
    # reset) keep their text here until sent; it is erased once sent.
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # While one worker talks to the mail server no other may take the row.
    lease_until = models.DateTimeField(null=True, blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")

    def __str__(self):
        return f"{self.template} → {self.to_email} ({self.status})"
