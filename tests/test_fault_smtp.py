"""Fault injection: a real SMTP server on loopback that is down, then slow,
then up. No request answers 500, and every email arrives exactly once."""

import time

import pytest
from django.test import Client
from django.utils import timezone

from carers import outbox
from carers.models import OutboundEmail
from tests.faults import SMTPSink


@pytest.fixture
def sink(settings):
    sink = SMTPSink()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 1
    settings.SITE_URL = "https://kizuki.example.jp"
    settings.SITE_NAME = "ケアラー支援ポータル"
    yield sink
    sink.down()


def _signup(email):
    password = "a-long-enough-pass-42"
    return Client().post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )


def _status(email):
    return OutboundEmail.objects.get(to_email=email).status


def _make_due():
    OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).update(
        next_attempt_at=timezone.now()
    )


@pytest.mark.django_db(transaction=True)
def test_mail_server_down_then_slow_then_up_delivers_each_email_once(sink, resident):
    # Down: sign-up answers as usual; its email waits in the outbox.
    assert _signup("a@example.jp").status_code == 302
    assert _status("a@example.jp") == OutboundEmail.Status.PENDING
    assert OutboundEmail.objects.get(to_email="a@example.jp").last_error == "ConnectionRefusedError"

    # Slow to acknowledge: the server takes the message but answers after the
    # timeout. The email is not sent again: it is marked "uncertain".
    sink.up(data_delay=2.5)
    response = Client().post("/accounts/password/reset/", {"email": resident.email})
    assert response.status_code == 302
    assert _status(resident.email) == OutboundEmail.Status.UNCERTAIN
    assert sink.recipients() == [resident.email]

    # Slow to greet: nothing was handed over, so it is retried later.
    sink.up(greeting_delay=2.5)
    assert _signup("b@example.jp").status_code == 302
    assert _status("b@example.jp") == OutboundEmail.Status.PENDING

    # Up: the sweep delivers what is pending, and only that.
    sink.up()
    _make_due()
    assert outbox.sweep() == 2
    _make_due()
    assert outbox.sweep() == 0
    time.sleep(3)  # let the slow threads finish: nothing more may arrive
    assert sorted(sink.recipients()) == sorted(["a@example.jp", "b@example.jp", resident.email])
    ids = [m["Message-ID"] for m in sink.received]
    assert len(set(ids)) == 3
    assert {_status("a@example.jp"), _status("b@example.jp")} == {OutboundEmail.Status.SENT}
    # allauth's emails name the site from settings and link to SITE_URL.
    body = next(m for m in sink.received if m["To"] == "a@example.jp").get_payload(decode=True)
    text = body.decode("utf-8")
    assert "testserver" not in text
    assert "https://kizuki.example.jp/accounts/confirm-email/" in text
    assert "ケアラー支援ポータル" in text
