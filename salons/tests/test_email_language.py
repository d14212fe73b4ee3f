"""Emails are written in the recipient's language and link to pages in it,
whatever language the person who caused them was browsing in."""

import re

import pytest

from carers.outbox import render
from salons.models import Registration

pytestmark = pytest.mark.django_db


def _link(message):
    _subject, body = render(message)
    return re.search(r"https?://\S+", body).group(0), body


def test_a_guest_who_signs_up_in_english_gets_english_emails(visitor, session, outbox_emails):
    visitor.post(
        f"/en/salons/sessions/{session.pk}/guest/", {"email": "yui@example.com", "nickname": "Yui"}
    )
    (confirm,) = outbox_emails()
    assert confirm.language == "en"
    link, body = _link(confirm)
    assert "/en/salons/guest/confirm/" in link
    assert "Open this link" in body
    visitor.post(confirm.context["confirm_url"])
    joined = outbox_emails()[-1]
    assert joined.template == "salons/email/joined"
    assert joined.language == "en"
    assert "/en/salons/signups/" in _link(joined)[0]
    assert Registration.objects.get(guest_email="yui@example.com").language == "en"


def test_a_guest_who_signs_up_in_japanese_gets_unprefixed_links(visitor, session, outbox_emails):
    visitor.post(
        f"/salons/sessions/{session.pk}/guest/", {"email": "yui@example.com", "nickname": "ゆい"}
    )
    (confirm,) = outbox_emails()
    assert confirm.language == "ja"
    assert "/en/" not in _link(confirm)[0]


def test_staff_get_links_in_their_language_when_the_organiser_browses_in_english(
    client_for, organiser, municipal_staff, municipality, outbox_emails
):
    assert municipal_staff.language == "ja"
    organiser.language = "en"
    organiser.save(update_fields=["language"])
    client_for(organiser).post(
        "/en/salons/manage/new/",
        {
            "name": "Evening café",
            "description": "A café for working carers.",
            "organising_body": "Test group",
            "municipality": municipality.pk,
            "is_in_person": "on",
            "venue_address": "札幌市中央区 1-1",
            "audiences": ["working"],
            "contact": "011-000-0000",
        },
    )
    emails = [e for e in outbox_emails() if e.recipient_id == municipal_staff.pk]
    assert emails, "the municipality's staff are told about the new salon"
    link, _body = _link(emails[0])
    assert "/salons/manage/" in link and "/en/" not in link
