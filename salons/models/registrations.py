"""Sign-ups for a session: confirmed, waiting, offered, cancelled."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ACTIVE_STATUSES, HOLDING_STATUSES, AgeBand, RegistrationStatus
from .sessions import Session


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def holding(self):
        return self.filter(status__in=HOLDING_STATUSES)


class Registration(models.Model):
    """A sign-up for one session, by an account or by a guest who confirmed an
    email address. Only a nickname is asked (young carers may not want an
    account or to give a real name)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="salon_registrations",
    )
    guest_email = models.EmailField(blank=True)
    nickname = models.CharField(_("nickname"), max_length=40)
    age_band = models.CharField(_("age band"), max_length=6, choices=AgeBand.choices, blank=True)
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    # Opaque key of a guest's own sign-up page (never the email in a URL).
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offered_until = models.DateTimeField(null=True, blank=True)
    # A guest's emails are written in the language they signed up in (an
    # account's sign-up follows the account's language; this stays empty).
    language = models.CharField(max_length=5, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            # A person holds at most one active sign-up per session.
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(status__in=ACTIVE_STATUSES) & Q(user__isnull=False),
                name="registration_one_active_per_user",
            ),
            models.UniqueConstraint(
                fields=["session", "guest_email"],
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(guest_email=""),
                name="registration_one_active_per_guest",
            ),
        ]

    def __str__(self):
        return f"{self.nickname} ({self.get_status_display()})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("salons:registration", args=[self.token])

    @property
    def email(self):
        return self.user.email if self.user_id else self.guest_email

    @property
    def recipient(self):
        return self.user if self.user_id else self.guest_email
