"""Every page of the app renders with one <h1>, in both languages; the content command is idempotent."""

import pytest

from services.models import Service


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_have_one_h1(visitor, demo_content, prefix):
    detail_path = f"/services/{Service.objects.get(key='demo-sapporo-centre').pk}/"
    for path in ("/services/", "/services/guide/", detail_path):
        response = visitor.get(prefix + path)
        assert response.status_code == 200, path
        assert response.content.count(b"<h1") == 1, path
    detail = visitor.get(prefix + detail_path).content.decode()
    assert "badge-demo" in detail and "011-000-0000" in detail


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/services/manage/",
        "/services/manage/new/",
        "/services/manage/reports/",
        "/services/manage/import/",
        "/en/services/manage/",
    ],
)
def test_staff_pages_have_one_h1(client_for, prefecture_staff, content, path):
    response = client_for(prefecture_staff).get(path)
    assert response.status_code == 200
    assert response.content.count(b"<h1") == 1


@pytest.mark.django_db
def test_verification_email_renders_in_the_recipients_language(
    make_service, municipality, municipal_staff, outbox_emails
):
    import datetime

    from carers.outbox import render
    from services.actions import unverified_reminders_send

    municipal_staff.language = "en"
    municipal_staff.save(update_fields=["language"])
    make_service(
        name_ja="古い窓口",
        scope="municipal",
        municipalities=[municipality],
        last_verified=datetime.date(2020, 1, 1),
    )
    unverified_reminders_send()
    subject, body = render(outbox_emails()[0])
    assert "1 service entry needs checking" in subject
    assert "古い窓口" in body and "/services/manage/?show=unverified" in body


@pytest.mark.django_db
def test_removing_the_demo_keeps_staff_entries(demo_content, make_service):
    from services import demo
    from services.models import Organization

    org = Organization.objects.get(key="demo-sapporo")
    kept = make_service(name_ja="職員が作った項目", organization=org)
    demo.remove()
    assert not Service.objects.filter(is_demo=True).exists()
    assert Service.objects.filter(pk=kept.pk).exists()
    assert not Organization.objects.filter(key="demo-hakodate").exists()
