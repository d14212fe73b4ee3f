import pytest
from django.core import mail
from django.db import transaction

from carers import outbox
from carers.models import OutboundEmail


@pytest.fixture
def message(resident):
    return outbox.enqueue(
        to=resident, template="carers/email/test_notice", context={"what": "テスト"}
    )


@pytest.mark.django_db
def test_enqueue_writes_a_pending_row_in_the_recipients_language(resident):
    resident.language = "en"
    resident.save()
    msg = outbox.enqueue(to=resident, template="carers/email/test_notice", context={"what": "x"})
    assert msg.status == OutboundEmail.Status.PENDING
    assert msg.language == "en"
    assert msg.to_email == resident.email


@pytest.mark.django_db
def test_send_renders_in_language_and_marks_sent(message):
    assert outbox.send(message.pk) is True
    message.refresh_from_db()
    assert message.status == OutboundEmail.Status.SENT and message.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("[Kizuki] ")
    assert "テスト" in mail.outbox[0].body


@pytest.mark.django_db
def test_english_recipient_gets_english(resident):
    resident.language = "en"
    resident.save()
    msg = outbox.enqueue(to=resident, template="carers/email/test_notice", context={"what": "x"})
    outbox.send(msg.pk)
    assert "This is a test notice" in mail.outbox[0].body


@pytest.mark.django_db
def test_sending_twice_mails_once(message):
    outbox.send(message.pk)
    outbox.send(message.pk)
    outbox.sweep()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failed_send_backs_off_and_sweep_resends(message, settings):
    settings.EMAIL_BACKEND = "carers.tests.failing_backend.FailingBackend"
    assert outbox.send(message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboundEmail.Status.PENDING
    assert message.attempts == 1 and message.last_error == "ConnectionRefusedError"
    assert message.next_attempt_at > message.created_at
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.sweep() == 0  # not due yet
    OutboundEmail.objects.filter(pk=message.pk).update(next_attempt_at=message.created_at)
    assert outbox.sweep() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_gives_up_after_max_attempts(message, settings):
    settings.EMAIL_BACKEND = "carers.tests.failing_backend.FailingBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 2
    outbox.send(message.pk)
    outbox.send(message.pk)
    message.refresh_from_db()
    assert message.status == OutboundEmail.Status.FAILED


@pytest.mark.django_db(transaction=True)
def test_rolled_back_change_leaves_no_email(resident):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(to=resident, template="carers/email/test_notice", context={"what": "x"})
        raise RuntimeError("the change failed")
    assert not OutboundEmail.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_committed_change_is_sent_after_commit(resident):
    """Eager mode (no REDIS_URL in this test): the task runs on commit."""
    with transaction.atomic():
        outbox.enqueue(to=resident, template="carers/email/test_notice", context={"what": "x"})
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_dead_broker_does_not_block_or_lose_the_email(resident, settings):
    from portal.celery import app

    app.conf.task_always_eager = False
    old = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    try:
        import time

        started = time.monotonic()
        with transaction.atomic():
            outbox.enqueue(to=resident, template="carers/email/test_notice", context={"what": "x"})
        assert time.monotonic() - started < 10
    finally:
        app.conf.broker_url = old
        app.conf.task_always_eager = True
    msg = OutboundEmail.objects.get()
    assert msg.status == OutboundEmail.Status.PENDING
    assert outbox.sweep() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_leased_row_is_not_taken_by_a_second_sender(message):
    from carers.outbox import _claim

    assert _claim(message.pk) is not None
    assert outbox.send(message.pk) is False  # already being sent elsewhere
    assert len(mail.outbox) == 0
    message.refresh_from_db()
    assert message.status == OutboundEmail.Status.SENDING and message.lease_until


@pytest.mark.django_db
def test_a_dead_senders_expired_lease_becomes_uncertain_not_resent(message):
    from django.utils import timezone

    from carers.outbox import _claim

    _claim(message.pk)
    OutboundEmail.objects.filter(pk=message.pk).update(lease_until=timezone.now())
    assert outbox.sweep() == 0
    message.refresh_from_db()
    assert message.status == OutboundEmail.Status.UNCERTAIN
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_admin_can_send_an_uncertain_email_again(message, client_for):
    from conftest import make_user

    OutboundEmail.objects.filter(pk=message.pk).update(status=OutboundEmail.Status.UNCERTAIN)
    admin_user = make_user("root@example.jp", is_superuser=True, is_staff=True, mfa=True)
    response = client_for(admin_user).post(
        "/admin/carers/outboundemail/",
        {"action": "send_again", "_selected_action": [str(message.pk)]},
    )
    assert response.status_code == 302
    assert outbox.sweep() == 1 and len(mail.outbox) == 1


@pytest.mark.django_db
def test_prerendered_email_is_sent_as_written_and_then_erased():
    msg = outbox.enqueue_rendered(
        to="x@example.jp", subject="[Kizuki] s", body="link: /reset/abc", template="account/x"
    )
    assert outbox.send(msg.pk)
    assert mail.outbox[0].body == "link: /reset/abc"
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<{msg.pk}@127.0.0.1>"
    msg.refresh_from_db()
    assert msg.body == "" and msg.status == OutboundEmail.Status.SENT


@pytest.mark.django_db
def test_records_older_than_a_year_are_purged(message):
    from datetime import timedelta

    from django.utils import timezone

    outbox.send(message.pk)
    recent = outbox.enqueue(to="x@example.jp", template="carers/email/test_notice")
    OutboundEmail.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(days=366)
    )
    assert outbox.purge_old() == 1
    assert list(OutboundEmail.objects.values_list("pk", flat=True)) == [recent.pk]
