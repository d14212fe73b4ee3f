"""The append-only access log and the record of purges."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
