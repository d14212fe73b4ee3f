"""Case records of a household: consent, consultations, support plans, follow-ups."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .households import Household
from .municipalities import choice_labels


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
