"""Visitors' reports about a service's details."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from carers.policy import Audience, ScopedModel, ScopedQuerySet

from .catalogue import Service
from .choices import ReportStatus


class ReportQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status=ReportStatus.OPEN)

    def _manageable(self, scope):
        """Reports on the entries one edits (a visitor's message is read by
        the entry's editors only)."""
        if scope.audience is Audience.PREFECTURE:
            # Every entry (Service's own policy): no semi-join with the whole catalogue.
            return self.all()
        return self.filter(service__in=Service.objects.for_scope(scope, manage=True))

    def _visible(self, scope):
        return self._manageable(scope)


class ServiceReport(ScopedModel):
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
        # Open reports, newest first: the staff list and the counts on their pages.
        indexes = [models.Index(fields=["status", "-created_at"], name="report_open_idx")]

    def __str__(self):
        return f"Report #{self.pk}"
