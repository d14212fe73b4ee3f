"""What salon pages say, written as a person would (docs/glossary.md)."""

from datetime import date, time

import pytest
from django.utils import translation

from salons import actions
from salons.models import RecurrenceKind, RegistrationStatus, SalonEvent, SessionRule, Weekday

from .conftest import make_session

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "nth, en, ja",
    [
        (2, "2nd Tuesday of the month, 14:00–16:00", "毎月第2火曜日 14:00–16:00"),
        (1, "1st Tuesday of the month, 14:00–16:00", "毎月第1火曜日 14:00–16:00"),
        (3, "3rd Tuesday of the month, 14:00–16:00", "毎月第3火曜日 14:00–16:00"),
    ],
)
def test_a_monthly_schedule_reads_like_speech(salon, nth, en, ja):
    rule = SessionRule(
        salon=salon,
        kind=RecurrenceKind.MONTHLY_NTH_WEEKDAY,
        weekday=Weekday.TUESDAY,
        nth=nth,
        start_time=time(14),
        end_time=time(16),
        starts_on=date(2026, 12, 1),
    )
    with translation.override("en"):
        assert rule.describe() == en
    with translation.override("ja"):
        assert rule.describe() == ja


def test_the_history_names_changed_fields_by_their_labels(client_for, organiser, salon):
    """A proposal's history line shows "Fee", 「参加費」, never the field name."""
    base = {
        "name": salon.name,
        "description": salon.description,
        "organising_body": salon.organising_body,
        "municipality": salon.municipality.code,
        "is_in_person": "on",
        "venue_address": salon.venue_address,
        "audiences": salon.audiences,
        "contact": salon.contact,
    }
    c = client_for(organiser)
    response = c.post(f"/salons/manage/{salon.pk}/edit/", {**base, "fee": "300円"})
    assert response.status_code == 302
    event = salon.events.get(action=SalonEvent.Action.CHANGES_PROPOSED)
    assert event.comment == "fee"  # stored by name, shown by label
    page = c.get(f"/en/salons/manage/{salon.pk}/").content.decode()
    assert "Changes proposed (organiser@example.jp): Fee" in page or ": Fee</li>" in page
    assert ": fee<" not in page
    page_ja = c.get(f"/salons/manage/{salon.pk}/").content.decode()
    label_ja = str(_label_ja("fee"))
    assert f"：{label_ja}" in page_ja or f": {label_ja}" in page_ja
    assert ": fee<" not in page_ja


def _label_ja(name):
    from salons.models import Salon

    with translation.override("ja"):
        return str(Salon._meta.get_field(name).verbose_name)


def test_several_changed_fields_are_joined_in_the_readers_language(salon):
    event = SalonEvent(salon=salon, action=SalonEvent.Action.APPROVED, comment="fee, name")
    with translation.override("en"):
        assert event.comment_display == "Fee, Name"
    with translation.override("ja"):
        assert "、" in event.comment_display and "fee" not in event.comment_display
    # A comment written by a person is shown as written.
    returned = SalonEvent(salon=salon, action=SalonEvent.Action.RETURNED, comment="fee を確認")
    assert returned.comment_display == "fee を確認"


def test_a_participants_own_cancellation_is_kyanseru_not_chushi(client_for, resident, salon):
    session = make_session(salon)
    reg = actions.session_join(session=session, by=resident, nickname="ひまわり")
    c = client_for(resident)
    confirm = c.get(reg.get_absolute_url() + "cancel/").content.decode()
    assert "いいえ、このままにします" in confirm and "中止しません" not in confirm
    c.post(reg.get_absolute_url() + "cancel/")
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.CANCELLED
    page = c.get(reg.get_absolute_url()).content.decode()
    assert "キャンセル済み" in page and "中止" not in page


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_approval_email_names_changed_fields_in_the_organisers_language(
    client_for, organiser, municipal_staff, salon, outbox_emails, language
):
    from carers import outbox

    organiser.language = language
    organiser.save(update_fields=["language"])
    salon.pending_changes = {"fee": "300円"}
    salon.status = "changes_pending"
    salon.save(update_fields=["pending_changes", "status"])
    with translation.override("en" if language == "ja" else "ja"):  # staff use the other one
        actions.salon_approve(salon=salon, by=municipal_staff)
    email = [e for e in outbox_emails() if e.template == "salons/email/changes_approved"][-1]
    _subject, body = outbox.render(email)
    assert _label_in(language, "fee") in body
    assert "fee\n" not in body and ": fee" not in body


def _label_in(language, name):
    from salons.models import Salon

    with translation.override(language):
        return str(Salon._meta.get_field(name).verbose_name).capitalize()
