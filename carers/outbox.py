"""The outbox: the one way every app sends a notification.

``enqueue()`` writes an OutboundEmail row in the caller's transaction, so the
notification exists exactly when the change that caused it was committed. After
commit a Celery task is queued to send it; if the broker is down the request
does not wait (short timeouts, errors swallowed) and the periodic sweep
(``carers.tasks.sweep_outbox``) sends it later. ``send()`` first leases the row
(pending -> sending, committed), then talks to the mail server, then marks it
sent: a retried task or a second worker never mails twice, and a mail server
that took the message without confirming it in time leaves the row
"uncertain" instead of being sent again.

Context values must not contain sensitive personal data: emails carry what
happened and a link, nothing about a household or carer.
"""

import logging
import smtplib
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
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


def enqueue_rendered(*, to, subject, body, template, language=None) -> OutboundEmail:
    """Record an email whose text is already rendered (allauth's emails carry
    objects and one-time links that cannot be re-rendered later)."""
    message = OutboundEmail.objects.create(
        to_email=to,
        language=(language or settings.LANGUAGE_CODE)[:5],
        template=template[:100],
        subject=subject[:300],
        body=body,
    )
    transaction.on_commit(lambda: _queue(message.pk))
    return message


def render(message: OutboundEmail) -> tuple[str, str]:
    if message.body:
        return message.subject, message.body
    with translation.override(message.language):
        context = {
            "site_url": settings.SITE_URL,
            "site_name": settings.SITE_NAME,
            "prefecture": prefecture(),
            **localise_context(message.context, message.language),
        }
        subject = render_to_string(f"{message.template}_subject.txt", context).strip()
        body = render_to_string(f"{message.template}_body.txt", context)
    subject = " ".join(subject.split())
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 6 * 3600))


def lease_length() -> timedelta:
    # Connect, send and wait for the answer, each bounded by EMAIL_TIMEOUT.
    return timedelta(seconds=4 * settings.EMAIL_TIMEOUT + 30)


def message_id(message: OutboundEmail) -> str:
    """A Message-ID fixed per outbox row: a resend, should one ever happen, is
    recognisably the same email to the receiving server."""
    domain = urlsplit(settings.SITE_URL).hostname or "kizuki.invalid"
    return f"<{message.pk}@{domain}>"


def _claim(message_pk):
    """Take the row for sending: pending -> sending with a lease, committed
    before the mail server is contacted, so no other worker takes it."""
    with transaction.atomic():
        message = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=message_pk, status=OutboundEmail.Status.PENDING)
            .first()
        )
        if message is None:
            return None
        message.status = OutboundEmail.Status.SENDING
        message.attempts += 1
        message.lease_until = timezone.now() + lease_length()
        message.save(update_fields=["status", "attempts", "lease_until"])
    return message


def send(message_pk) -> bool:
    """Send one outbox email if it is still pending. Safe to call twice and from
    several workers: the row is leased first. A mail server that took the
    message but did not confirm it in time leaves the row "uncertain": it is
    not resent automatically (an administrator may resend it)."""
    message = _claim(message_pk)
    if message is None:
        return False
    try:
        subject, body = render(message)
        email = EmailMessage(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [message.to_email],
            headers={"Message-ID": message_id(message)},
        )
        deliver(email)
    except DeliveryUncertain as exc:
        _finish(message, OutboundEmail.Status.UNCERTAIN, f"{exc}", body=message.body)
        logger.warning("outbox: %s perhaps sent (%s); not resending", message.pk, exc)
        return False
    except Exception as exc:
        failed = message.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        message.next_attempt_at = timezone.now() + backoff(message.attempts)
        status = OutboundEmail.Status.FAILED if failed else OutboundEmail.Status.PENDING
        _finish(message, status, type(exc).__name__, body=message.body)
        logger.warning(
            "outbox: sending %s failed (%s), attempt %s",
            message.pk,
            message.last_error,
            message.attempts,
        )
        return False
    message.sent_at = timezone.now()
    _finish(message, OutboundEmail.Status.SENT, "", body="")
    return True


def _finish(message, status, error, body):
    message.status = status
    message.last_error = error[:300]
    message.lease_until = None
    message.body = body  # one-time links are not kept once delivered
    message.save(
        update_fields=["status", "last_error", "lease_until", "body", "sent_at", "next_attempt_at"]
    )


class DeliveryUncertain(Exception):
    """The message was handed to the mail server, which did not confirm it."""


def deliver(email: EmailMessage) -> None:
    """Send one email. Over SMTP the conversation is split so that a failure
    before the message is handed over (connection refused, slow greeting,
    refused sender) is an ordinary error and may be retried, while a timeout or
    a dropped connection after the message text was sent raises
    ``DeliveryUncertain``: the server may have taken it, and a retry could
    deliver it twice."""
    connection = get_connection()
    if not isinstance(connection, SMTPBackend):
        email.connection = connection
        email.send()
        return
    if not connection.open():
        raise smtplib.SMTPServerDisconnected("no connection")
    try:
        smtp = connection.connection
        encoding = email.encoding or settings.DEFAULT_CHARSET
        from_email = sanitize_address(email.from_email, encoding)
        recipients = [sanitize_address(a, encoding) for a in email.recipients()]
        data = email.message().as_bytes(linesep="\r\n")
        smtp.ehlo_or_helo_if_needed()
        code, reply = smtp.mail(from_email)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, from_email)
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
        try:
            code, reply = smtp.data(data)
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            raise DeliveryUncertain(
                f"no answer after the message was sent ({type(exc).__name__})"
            ) from exc
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)
    finally:
        try:
            connection.close()
        except Exception:
            pass


def release_expired_leases() -> int:
    """A worker that died while sending leaves its row "sending"; whether the
    mail server got the message is unknown, so it is marked uncertain."""
    return OutboundEmail.objects.filter(
        status=OutboundEmail.Status.SENDING, lease_until__lt=timezone.now()
    ).update(
        status=OutboundEmail.Status.UNCERTAIN,
        lease_until=None,
        last_error="the sending worker stopped before the server answered",
    )


def resend(queryset) -> int:
    """An administrator's decision: send these (uncertain or failed) again."""
    return queryset.filter(
        status__in=[OutboundEmail.Status.UNCERTAIN, OutboundEmail.Status.FAILED]
    ).update(status=OutboundEmail.Status.PENDING, next_attempt_at=timezone.now(), attempts=0)


RETENTION = timedelta(days=365)  # the privacy policy promises "up to one year"


def purge_old(now=None) -> int:
    """Delete records of emails created more than a year ago (any status)."""
    cutoff = (now or timezone.now()) - RETENTION
    return (
        OutboundEmail.objects.filter(created_at__lt=cutoff)
        .exclude(status=OutboundEmail.Status.SENDING)
        .delete()[0]
    )


def sweep(limit=200) -> int:
    """Send what is due and still pending (missed by the broker or failed)."""
    release_expired_leases()
    sent = 0
    for pk in OutboundEmail.objects.due().values_list("pk", flat=True)[:limit]:
        sent += send(pk)
    return sent
