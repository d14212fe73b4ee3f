"""A visitor reports wrong or outdated information; the owning staff are told."""

import pytest

from services.models import ReportStatus, Scope, ServiceReport


@pytest.fixture
def sapporo_entry(make_service, municipality):
    return make_service(name_ja="札幌の窓口", scope=Scope.MUNICIPAL, municipalities=[municipality])


@pytest.mark.django_db
def test_report_reaches_the_municipal_owner_only(
    visitor,
    sapporo_entry,
    municipal_staff,
    other_municipality_staff,
    prefecture_staff,
    outbox_emails,
):
    response = visitor.post(
        f"/services/{sapporo_entry.pk}/report/", {"message": "電話番号が変わっています"}
    )
    assert response.status_code == 302
    assert ServiceReport.objects.get().message == "電話番号が変わっています"
    emails = outbox_emails()
    assert [e.to_email for e in emails] == [municipal_staff.email]
    assert "電話番号" not in str(emails[0].context)  # the message itself stays out of email


@pytest.mark.django_db
def test_national_entry_reports_go_to_prefecture_staff(
    visitor, content, prefecture_staff, municipal_staff, outbox_emails
):
    from services.models import Service

    service = Service.objects.get(key="home-help")
    visitor.post(f"/services/{service.pk}/report/", {"message": "古い情報"})
    assert [e.to_email for e in outbox_emails()] == [prefecture_staff.email]


@pytest.mark.django_db
def test_empty_report_is_refused(visitor, sapporo_entry):
    response = visitor.post(f"/services/{sapporo_entry.pk}/report/", {"message": ""})
    assert response.status_code == 400
    assert not ServiceReport.objects.exists()


@pytest.mark.django_db
def test_owner_sees_and_resolves_it_others_404(
    client_for, sapporo_entry, municipal_staff, other_municipality_staff
):
    report = ServiceReport.objects.create(service=sapporo_entry, message="x")
    assert (
        client_for(other_municipality_staff)
        .post(f"/services/manage/reports/{report.pk}/resolve/")
        .status_code
        == 404
    )
    c = client_for(municipal_staff)
    assert "x" in c.get("/services/manage/reports/").content.decode()
    assert c.post(f"/services/manage/reports/{report.pk}/resolve/").status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED and report.resolved_by == municipal_staff


@pytest.mark.django_db
def test_the_email_renders(visitor, sapporo_entry, municipal_staff, outbox_emails):
    from carers.outbox import render

    visitor.post(f"/services/{sapporo_entry.pk}/report/", {"message": "古い"})
    subject, body = render(outbox_emails()[0])
    assert "札幌の窓口" in subject
    assert "/services/manage/reports/" in body


@pytest.mark.django_db
def test_a_burst_of_reports_sends_one_email_per_day(
    visitor, sapporo_entry, municipal_staff, outbox_emails
):
    from django.test import Client

    for n in range(5):  # five visitors (one visitor is throttled after three)
        Client(REMOTE_ADDR=f"192.0.2.{n}").post(
            f"/services/{sapporo_entry.pk}/report/", {"message": f"古い情報 {n}"}
        )
    assert ServiceReport.objects.count() == 5
    assert len(outbox_emails()) == 1


@pytest.mark.django_db
def test_a_refused_report_keeps_the_form_and_says_why(visitor, sapporo_entry):
    response = visitor.post(f"/services/{sapporo_entry.pk}/report/", {"message": " "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "札幌の窓口" in page  # which entry the report is about
    assert 'id="message-error"' in page and 'aria-invalid="true"' in page
    too_long = "長" * 2001
    response = visitor.post(f"/services/{sapporo_entry.pk}/report/", {"message": too_long})
    assert response.status_code == 400
    assert too_long in response.content.decode()  # nothing typed is lost
    assert not ServiceReport.objects.exists()


@pytest.mark.django_db
def test_the_service_page_links_to_the_form_on_its_own_page(visitor, sapporo_entry):
    detail = visitor.get(f"/services/{sapporo_entry.pk}/").content.decode()
    # Only the site-wide search form (a GET) remains: nothing that needs a token.
    assert 'method="post"' not in detail and "csrfmiddlewaretoken" not in detail
    assert f'href="/services/{sapporo_entry.pk}/report/"' in detail
    page = visitor.get(f"/services/{sapporo_entry.pk}/report/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "札幌の窓口" in html and 'name="message"' in html and "csrfmiddlewaretoken" in html


@pytest.mark.django_db
def test_the_report_form_is_csrf_protected(sapporo_entry, municipal_staff, outbox_emails):
    import re

    from django.test import Client

    url = f"/services/{sapporo_entry.pk}/report/"
    forged = Client(enforce_csrf_checks=True)
    assert forged.post(url, {"message": "偽の報告"}).status_code == 403
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = visitor.post(url, {"message": "電話番号が古い", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == f"/services/{sapporo_entry.pk}/"
    assert [r.message for r in ServiceReport.objects.all()] == ["電話番号が古い"]


@pytest.mark.django_db
def test_no_report_form_for_an_entry_visitors_cannot_see(visitor, sapporo_entry):
    from services.models import ServiceStatus

    sapporo_entry.status = ServiceStatus.DRAFT
    sapporo_entry.save()
    assert visitor.get(f"/services/{sapporo_entry.pk}/report/").status_code == 404


@pytest.mark.django_db
def test_reports_are_throttled_per_client_address(client, sapporo_entry, municipal_staff):
    from django.test import Client

    for n in range(3):
        response = client.post(f"/services/{sapporo_entry.pk}/report/", {"message": f"m{n}"})
        assert response.status_code == 302
    response = client.post(f"/services/{sapporo_entry.pk}/report/", {"message": "四通目の文"})
    assert response.status_code == 429
    assert "四通目の文" in response.content.decode()
    assert ServiceReport.objects.count() == 3
    other = Client(REMOTE_ADDR="192.0.2.50")
    assert other.post(f"/services/{sapporo_entry.pk}/report/", {"message": "x"}).status_code == 302
