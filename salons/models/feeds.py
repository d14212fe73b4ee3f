"""Public events published by other apps into the common calendar feed."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carers.models import Municipality


class PublicEventQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gt=now or timezone.now())


class PublicEvent(models.Model):
    """A public event led by someone other than a salon (an advisor's symposium
    or training), published with the municipality's consent through
    ``salons.api.publish_public_event``. Listed in the salon calendar feed."""

    # Who published it, as "<app>:<kind>:<id>": one event per source (re-publishing updates it).
    source = models.CharField(max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organising_body = models.CharField(_("organising body"), max_length=120)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    sequence = models.PositiveIntegerField(default=0)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    objects = PublicEventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("public event")
        verbose_name_plural = _("public events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="public_event_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from carers.urlcache import reverse

        return reverse("salons:event_detail", args=[self.pk])
