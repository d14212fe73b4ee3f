from datetime import timedelta

import pytest
from django.utils import timezone

from carers.wording import format_when
from salons import actions
from salons.models import OutdatedReport

pytestmark = pytest.mark.django_db


def age(salon, days):
    salon.last_confirmed_at = timezone.now() - timedelta(days=days)
    salon.save()


def test_detail_shows_last_confirmed_date(visitor, salon):
    body = visitor.get(f"/salons/{salon.pk}/").content.decode()
    assert format_when(salon.last_confirmed_at, "date", "ja") in body


def test_quarterly_request_once_with_one_click_link(visitor, salon, organiser, outbox_emails):
    age(salon, 30)
    assert actions.salons_request_confirmation() == 0
    age(salon, 95)
    assert actions.salons_request_confirmation() == 1
    assert actions.salons_request_confirmation() == 0  # safe to run twice
    email = outbox_emails()[-1]
    assert (email.to_email, email.template) == (organiser.email, "salons/email/confirm_request")
    response = visitor.get(email.context["confirm_url"])
    assert response.status_code == 200
    salon.refresh_from_db()
    assert timezone.now() - salon.last_confirmed_at > timedelta(days=90)  # a GET changes nothing
    assert 'method="post"' in response.content.decode()
    response = visitor.post(email.context["confirm_url"])
    assert response.status_code == 200
    salon.refresh_from_db()
    assert timezone.now() - salon.last_confirmed_at < timedelta(minutes=1)


def test_tampered_or_foreign_confirm_link_is_refused(visitor, salon, organiser, municipality):
    from .conftest import make_salon

    age(salon, 100)
    token = actions.confirm_token(salon)
    assert visitor.get(f"/salons/confirm/{salon.pk}/{token}x/").status_code == 404
    assert visitor.post(f"/salons/confirm/{salon.pk}/{token}x/").status_code == 404
    other = make_salon(organiser, municipality, name="別")
    assert visitor.get(f"/salons/confirm/{other.pk}/{token}/").status_code == 404
    assert visitor.post(f"/salons/confirm/{other.pk}/{token}/").status_code == 404
    salon.refresh_from_db()
    assert salon.last_confirmed_at < timezone.now() - timedelta(days=99)  # unchanged


def test_six_months_unconfirmed_leaves_search_until_confirmed(
    client_for, visitor, salon, organiser
):
    age(salon, 190)
    assert list(visitor.get("/salons/").context["page"]) == []
    assert (
        "six months" in visitor.get(f"/salons/{salon.pk}/").content.decode()
        or "6か月" in visitor.get(f"/salons/{salon.pk}/").content.decode()
    )
    client_for(organiser).post(f"/salons/manage/{salon.pk}/confirm/")
    assert [s.pk for s in visitor.get("/salons/").context["page"]] == [salon.pk]


def test_visitor_report_reaches_organiser_and_approving_staff(
    visitor, salon, organiser, municipal_staff, outbox_emails
):
    response = visitor.post(f"/salons/{salon.pk}/report/", {"message": "開催日が変わっています"})
    assert response.status_code == 302
    assert OutdatedReport.objects.get().message == "開催日が変わっています"
    recipients = {
        m.to_email for m in outbox_emails() if m.template == "salons/email/outdated_report"
    }
    assert recipients == {organiser.email, municipal_staff.email}


def test_empty_report_is_explained(visitor, salon):
    response = visitor.post(f"/salons/{salon.pk}/report/", {"message": ""})
    assert response.status_code == 200 and response.context["form"].errors["message"]
    assert not OutdatedReport.objects.exists()


def test_stale_salon_page_offers_no_calendar_link_that_would_404(client, salon):
    from salons.models import STALE_AFTER

    feed = f"/salons/{salon.pk}/calendar.ics"
    assert feed in client.get(f"/salons/{salon.pk}/").content.decode()
    assert client.get(feed).status_code == 200
    salon.last_confirmed_at = timezone.now() - STALE_AFTER - timedelta(days=1)
    salon.save(update_fields=["last_confirmed_at"])
    page = client.get(f"/salons/{salon.pk}/")
    assert page.status_code == 200 and feed not in page.content.decode()
    assert client.get(feed).status_code == 404


def test_reports_are_throttled_per_client_address(client, salon, outbox_emails):
    from django.test import Client

    for n in range(3):
        assert client.post(f"/salons/{salon.pk}/report/", {"message": f"m{n}"}).status_code == 302
    sent = len(outbox_emails())
    response = client.post(f"/salons/{salon.pk}/report/", {"message": "まだ書いた文"})
    assert response.status_code == 429
    assert "まだ書いた文" in response.content.decode()  # nothing typed is lost
    assert OutdatedReport.objects.count() == 3 and len(outbox_emails()) == sent
    other = Client(REMOTE_ADDR="192.0.2.50")
    assert other.post(f"/salons/{salon.pk}/report/", {"message": "別の人"}).status_code == 302
