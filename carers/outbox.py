"""The outbox: the one way every app sends a notification.

``enqueue()`` writes an OutboundEmail row in the caller's transaction, so the
notification exists exactly when the change that caused it was committed. After
commit a Celery task is queued to send it; if the broker is down the request
does not wait (short timeouts, errors swallowed) and the periodic sweep
(``carers.tasks.sweep_outbox``) sends it later. ``send()`` locks the row and
marks it sent in the same transaction, so a retried task never mails twice.

Context values must not contain sensitive personal data: emails carry what
happened and a link, nothing about a household or carer.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import timezone, translation

from .models import Municipality, OutboundEmail
from .prefecture import prefecture

logger = logging.getLogger(__name__)


def enqueue(*, to, template, context=None, language=None) -> OutboundEmail:
    """Record an email to send. ``to`` is a User or an email address.

    ``template`` is a base name: ``<template>_subject.txt`` and
    ``<template>_body.txt`` are rendered in the recipient's language.
    """
    recipient = None
    if hasattr(to, "email"):
        recipient, to_email = to, to.email
        language = language or getattr(to, "language", None)
    else:
        to_email = to
    message = OutboundEmail.objects.create(
        to_email=to_email,
        recipient=recipient,
        language=language or settings.LANGUAGE_CODE,
        template=template,
        context=context or {},
    )
    transaction.on_commit(lambda: _queue(message.pk))
    return message


def _queue(message_id):
    from .tasks import send_outbound_email

    try:
        send_outbound_email.delay(str(message_id))
    except Exception as exc:  # broker down: the sweep will send it
        logger.warning(
            "outbox: could not queue %s (%s); the sweep will retry", message_id, type(exc).__name__
        )


def link_in_language(path: str, language: str) -> str:
    """A site path (``/salons/3/``, ``/en/salons/3/?x=1``) in ``language``.

    ``translate_url`` only resolves paths of the active language, so the path's
    own language (its prefix) is activated first."""
    source = settings.LANGUAGE_CODE
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE and (path + "/").startswith(f"/{code}/"):
            source = code
    with translation.override(source):
        return translate_url(path, language)


def _is_link(key) -> bool:
    return key == "path" or key.endswith(("_url", "_path"))


def localise_context(context: dict, language: str) -> dict:
    """The context as the recipient reads it, under ``translation.override(language)``.

    Links (keys ``path``, ``*_url``, ``*_path``) were reversed in the language of
    whoever acted; they are moved to the recipient's (``/en/...`` or unprefixed).
    A ``municipality_code`` also gives ``municipality``: the name in the
    recipient's language (札幌市 / Sapporo-shi); for English readers a non-empty
    ``<key>_en`` (``service_name_en``) stands in for ``<key>``."""
    context = {
        key: link_in_language(value, language)
        if _is_link(key) and isinstance(value, str) and value.startswith("/")
        else value
        for key, value in context.items()
    }
    if language == "en":
        for key, value in list(context.items()):
            if key.endswith("_en") and value:
                context[key[: -len("_en")]] = value
    code = context.get("municipality_code")
    if code:
        municipality = Municipality.objects.filter(pk=code).first()
        if municipality is not None:
            context["municipality"] = municipality.localized_name
    return context


def render(message: OutboundEmail) -> tuple[str, str]:
    with translation.override(message.language):
        context = {
            "site_url": settings.SITE_URL,
            "prefecture": prefecture(),
            **localise_context(message.context, message.language),
        }
        subject = render_to_string(f"{message.template}_subject.txt", context).strip()
        body = render_to_string(f"{message.template}_body.txt", context)
    subject = " ".join(subject.split())
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 6 * 3600))


def send(message_id) -> bool:
    """Send one outbox email if it is still pending. Safe to call twice:
    the row is locked and marked sent in the same transaction."""
    with transaction.atomic():
        message = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboundEmail.Status.PENDING)
            .first()
        )
        if message is None:
            return False
        message.attempts += 1
        try:
            subject, body = render(message)
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [message.to_email]).send()
        except Exception as exc:
            message.last_error = f"{type(exc).__name__}"[:300]
            if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                message.status = OutboundEmail.Status.FAILED
            message.next_attempt_at = timezone.now() + backoff(message.attempts)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            logger.warning(
                "outbox: sending %s failed (%s), attempt %s",
                message.pk,
                message.last_error,
                message.attempts,
            )
            return False
        message.status = OutboundEmail.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return True


def sweep(limit=200) -> int:
    """Send what is due and still pending (missed by the broker or failed)."""
    sent = 0
    for pk in OutboundEmail.objects.due().values_list("pk", flat=True)[:limit]:
        sent += send(pk)
    return sent
