"""Moderation records of a salon: its event history and outdated-information reports."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from .registry import Salon


class SalonEvent(models.Model):
    """The moderation history of a salon: who did what, when, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for approval")
        CHANGES_PROPOSED = "changes_proposed", _("Changes proposed")
        CHANGES_WITHDRAWN = "changes_withdrawn", _("Proposed changes withdrawn")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        CONFIRMED = "confirmed", _("Details confirmed")

    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("salon history entry")
        verbose_name_plural = _("salon history")

    def __str__(self):
        return f"{self.get_action_display()} #{self.salon_id}"

    # Actions whose comment is the list of changed fields, stored by name.
    FIELD_LIST_ACTIONS = ("changes_proposed", "approved")

    @property
    def comment_display(self) -> str:
        """The comment as people read it: for a proposal or an approval, the
        changed fields by their labels ("Fee, Venue"), never their names."""
        if self.action not in self.FIELD_LIST_ACTIONS or not self.comment:
            return self.comment
        return salon_field_labels(self.comment.split(","))


def salon_field_labels(names) -> str:
    """Salon fields named by their labels in the active language, joined the
    way that language lists things: "Fee, Name" / 「参加費、名称」."""
    labels = []
    for name in (str(n).strip() for n in names):
        try:
            labels.append(str(capfirst(Salon._meta.get_field(name).verbose_name)))
        except FieldDoesNotExist:
            labels.append(name)
    return pgettext("list separator", ", ").join(labels)


class OutdatedReport(models.Model):
    """A visitor's report that a salon's details are wrong or out of date."""

    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="reports")
    message = models.TextField(_("what is wrong or out of date"), max_length=2000)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outdated-information report")
        verbose_name_plural = _("outdated-information reports")

    def __str__(self):
        return f"Report #{self.pk} on salon #{self.salon_id}"
