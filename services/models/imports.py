"""Import jobs: one row per uploaded file or fetched data set."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ImportKind, ImportStatus


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
