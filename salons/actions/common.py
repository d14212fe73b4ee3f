"""What every salon action shares: the error type, local times and the notification helpers."""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import timezone

from carers.models import Role, User
from carers.outbox import enqueue

from ..models import (
    SalonEvent,
)


def _local(dt):
    return timezone.localtime(dt)


def _when(dt):
    # Language-neutral: the email is rendered later in the recipient's language.
    return _local(dt).strftime("%Y-%m-%d %H:%M")


def _session_context(session):
    """What every email about a session says: when, where, what it costs and
    whom to ask (the salon's public facts only; never the meeting URL)."""
    salon = session.salon
    in_person = salon.is_in_person and bool(salon.venue_address) and not session.is_online
    return {
        "salon_name": salon.name,
        "starts_at": _when(session.starts_at),
        "ends_at": _local(session.ends_at).strftime("%H:%M"),
        "salon_url": salon.get_absolute_url(),
        "is_online": session.is_online,
        "venue": salon.venue_address if in_person else "",
        "venue_access": salon.venue_access if in_person else "",
        "fee": salon.fee,
        "contact": salon.contact,
        "organising_body": salon.organising_body,
    }


def _send(*, to, template, context, language=None):
    """Queue an email in the recipient's language with its links in that
    language too: paths in ``context`` (keys ending in ``_url``) were reversed
    in the language of whoever acted, which may not be the recipient's."""
    language = language or getattr(to, "language", None) or settings.LANGUAGE_CODE
    context = {
        key: translate_url(value, language)
        if key.endswith("_url") and isinstance(value, str)
        else value
        for key, value in context.items()
    }
    return enqueue(to=to, template=template, context=context, language=language)


def _send_to_registration(reg, template, context):
    """Account holders get their account's language; guests the language
    they signed up in."""
    return _send(
        to=reg.recipient, template=template, context=context, language=reg.language or None
    )


def reviewers_for(salon):
    """Staff who approve this salon: its municipality's staff, and prefecture
    staff when the municipality has none (or for prefecture-wide salons)."""
    active = User.objects.filter(is_active=True)
    staff = (
        list(active.filter(role=Role.MUNICIPAL_STAFF, municipality_id=salon.municipality_id))
        if salon.municipality_id
        else []
    )
    return staff or list(active.filter(role=Role.PREFECTURE_STAFF))


def _notify_reviewers(salon, template, extra=None):
    for staff in reviewers_for(salon):
        _send(
            to=staff,
            template=template,
            context={
                "salon_name": salon.name,
                "manage_url": reverse("salons:manage_detail", args=[salon.pk]),
                **(extra or {}),
            },
        )


def _record(salon, action, actor=None, comment=""):
    SalonEvent.objects.create(salon=salon, action=action, actor=actor, comment=comment)
