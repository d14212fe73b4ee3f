"""Re-employment for carers who left work (content, self-check path) and the
salon start-up kit (steps, registry examples, manuals, where to ask)."""

import pytest

from salons.models import Audience, Salon, SalonStatus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path,expected",
    [
        (
            "/awareness/back-to-work/",
            [
                "ハローワーク",
                "ハロートレーニング",
                "最長3年間",
                "2025年4月",
                "勤続6か月未満",
                "出典",
            ],
        ),
        (
            "/en/awareness/back-to-work/",
            ["Hello Work", "Hello Training", "up to three years", "April 2025", "Sources"],
        ),
    ],
)
def test_back_to_work_page(client, path, expected):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    for text in expected:
        assert text in html, text
    assert 'id="self-check"' in html


def selfcheck(client, **extra):
    data = {
        "answered": "1",
        "subject": "myself",
        "municipality": "011002",
        **{
            f"sign_{k}": "no"
            for k in (
                "alone",
                "other_roles",
                "own_health",
                "no_services",
                "no_one_to_talk",
                "tired",
            )
        },
    }
    data.update(extra)
    return client.post("/awareness/check/", data).content.decode()


def test_self_check_leads_carers_who_left_work_back_to_work(client):
    html = selfcheck(client, left_work="on")
    assert 'id="step-back_to_work"' in html and "/awareness/back-to-work/" in html
    assert 'id="step-back_to_work"' not in selfcheck(client)


def test_check_sheet_items_in_the_plan_wording(client):
    html = client.post("/awareness/check/", {"subject": "someone"}).content.decode()
    for item in (
        "一人で介護を担っている",
        "介護以外にも仕事や子育てなど多くの役割を担っている",
        "自身も病気や障害を抱えている",
        "公的サービスを利用しようとしない",
        "どこにも相談していない",
        "疲れている様子がある",
    ):
        assert item in html, item
    assert html.index("公的サービスを利用しようとしない") < html.index("どこにも相談していない")


def test_startup_kit_shows_steps_examples_manuals(client, organiser):
    Salon.objects.create(
        organiser=organiser,
        name="男性介護者の集い（架空）",
        description="男性の介護者が話す会です。",
        organising_body="架空の会",
        municipality_id="011002",
        contact="011-000-0000",
        audiences=[Audience.MEN_CARERS],
        status=SalonStatus.PUBLISHED,
    )
    html = client.get("/awareness/start-a-salon/").content.decode()
    for text in (
        "立ち上げの手順",
        "既存の場所を活かす",
        "家族介護者支援マニュアル",
        "男性介護者の集い（架空）",
    ):
        assert text in html, text
    assert "/advisors/requests/new/" not in html


def test_startup_advice_routes_to_the_municipality(client, content_services):
    html = client.get("/awareness/start-a-salon/", {"municipality": "011002"}).content.decode()
    assert "地域包括支援センター" in html
    bad = client.get("/awareness/start-a-salon/", {"municipality": "999999"})
    assert bad.status_code == 200


def test_startup_advice_for_municipal_staff_goes_to_the_advisor_menu(client_for, municipal_staff):
    client = client_for(municipal_staff)
    html = client.get("/awareness/start-a-salon/").content.decode()
    assert "/advisors/requests/new/?menu=salon" in html
    form = client.get("/advisors/requests/new/?menu=salon").content.decode()
    assert (
        'value="salon" checked' in form
        or 'value="salon"\n' in form
        or "checked" in form.split('value="salon"', 1)[1][:40]
    )


@pytest.fixture
def content_services(db):
    """The built-in catalogue: in the test database since its setup (load_content)."""
    from services.models import Service

    assert Service.objects.filter(key__isnull=False).exists()
