"""Young carers across the apps, with the real catalogue and real salons:
the children's lines (never 189 as support), school instead of work, the
right salons for the right age, plain-Japanese questions and the help page."""

import re

import pytest

from portal.selfcheck import SIGN_KEYS
from salons.models import Audience
from salons.tests.conftest import make_salon, make_session

CHILD_LINES = {
    # number: what the result must say about when it answers
    "0120-189-783": "24時間",
    "0120-0-78310": "24時間",
    "0120-99-7777": "16時〜21時",
    "0120-007-110": "平日",
}
BARE_189 = re.compile(r"(?<![\d-])189(?![\d-])")


@pytest.fixture
def catalogue(db):
    """The built-in catalogue: in the test database since its setup (load_content)."""
    from services.models import Service

    assert Service.objects.filter(key__isnull=False).exists()


@pytest.fixture
def young_session(organiser):
    salon = make_salon(
        organiser, None, name="オンラインサロン", is_online=True, audiences=[Audience.YOUNG_CARERS]
    )
    return make_session(salon, is_online=True, meeting_url="https://meet.example.jp/room-7")


@pytest.fixture
def salons_for_both(organiser, municipality):
    adult = make_salon(organiser, municipality, name="大人のケアラーズカフェ")
    young = make_salon(
        organiser,
        None,
        name="ヤングケアラーのオンラインサロン",
        is_online=True,
        audiences=[Audience.YOUNG_CARERS],
    )
    make_session(adult, days=2)
    make_session(young, days=4, is_online=True, meeting_url="https://meet.example.jp/room")
    return adult, young


def check(client, **answers):
    data = {"answered": "1", "subject": "myself", "municipality": "011002"}
    data.update({f"sign_{k}": "no" for k in SIGN_KEYS})
    data.update(answers)
    response = client.post("/awareness/check/", data)
    assert response.status_code == 200
    return response.content.decode()


def main(html):
    return html[html.index("<main") : html.index("</main>")]


def guide(client, **answers):
    data = {
        "municipality": "011002",
        "recipient": "parent",
        "needs": ["illness"],
        "care_level": "unknown",
        "service_use": "none",
    }
    data.update(answers)
    response = client.post("/services/guide/", data)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


# --- The self-check ------------------------------------------------------------------


@pytest.mark.django_db
def test_under_18_result_lists_the_childrens_lines_with_hours_and_never_189(
    client, catalogue, salons_for_both
):
    html = main(check(client, under_18="on", studies="on", sign_tired="yes"))
    step = html[html.index('id="step-young_carer"') :]
    step = step[: step.index("</div></li>")]
    for number, hours in CHILD_LINES.items():
        assert number in step
        line = step[step.index(number) : step.index(number) + 200]
        assert hours in line, f"{number} without its hours"
    assert "チャイルドライン" in step and "子どもの人権110番" in step
    assert not BARE_189.search(html), "189 offered as support"


@pytest.mark.django_db
def test_without_the_catalogue_the_young_carer_step_still_lists_the_lines(client):
    html = main(check(client, under_18="on"))  # no services loaded: the built-in list
    for number in CHILD_LINES:
        assert number in html
    assert not BARE_189.search(html)


@pytest.mark.django_db
def test_a_student_under_18_gets_school_not_work_and_no_leave_schemes(client, catalogue):
    html = main(check(client, under_18="on", studies="on", works="on"))
    assert 'id="step-school"' in html
    assert "スクールカウンセラー" in html and "スクールソーシャルワーカー" in html
    assert 'id="step-young_job"' in html  # the separate choice: a young person with a job
    assert 'id="step-work_and_care"' not in html
    assert "/awareness/work-and-care/" not in html
    for leave in ("介護休業", "介護休暇"):
        assert leave not in html


@pytest.mark.django_db
def test_a_working_adult_still_gets_the_leave_schemes(client, catalogue):
    html = main(check(client, works="on"))
    assert 'id="step-work_and_care"' in html
    assert 'id="step-school"' not in html and 'id="step-young_job"' not in html


@pytest.mark.django_db
def test_adults_are_not_offered_the_childrens_lines_or_the_young_carer_salon_entry(
    client, catalogue
):
    html = main(check(client, **{f"sign_{k}": "yes" for k in SIGN_KEYS}))
    assert 'id="step-services"' in html and 'id="step-consult"' in html
    for young_only in ("チャイルドライン", "24時間子供SOSダイヤル", "こども家庭センター"):
        assert young_only not in html


@pytest.mark.django_db
def test_services_api_leaves_young_carer_entries_out_for_adults(catalogue):
    from services import api

    def keys(**kwargs):
        found = api.services_for_municipality(
            "011002", categories=["peer_support", "young_carer", "consultation"], limit=50, **kwargs
        )
        return {item["name"] for item in found}

    young_only = {"チャイルドライン", "ヤングケアラーのオンラインサロン", "こども家庭センター"}
    assert young_only <= keys()
    assert not young_only & keys(young_carer=False)
    assert "ケアラーサロン・ケアラーズカフェ" in keys(young_carer=False)


@pytest.mark.django_db
def test_adults_are_offered_adult_salons_and_young_carers_the_young_carer_salon(
    client, salons_for_both
):
    adult_html = main(check(client, sign_alone="yes"))
    assert "大人のケアラーズカフェ" in adult_html
    assert "ヤングケアラーのオンラインサロン" not in adult_html
    young_html = main(check(client, under_18="on", sign_alone="yes"))
    assert 'id="step-young_salon"' in young_html and 'id="step-salons"' not in young_html
    assert "ヤングケアラーのオンラインサロン" in young_html
    assert "大人のケアラーズカフェ" not in young_html


@pytest.mark.django_db
def test_salons_api_splits_young_carer_and_adult_salons(organiser, municipality):
    from salons import api

    adult = make_salon(organiser, municipality, name="A")
    young = make_salon(organiser, None, name="Y", is_online=True, audiences=[Audience.YOUNG_CARERS])
    make_session(adult)
    make_session(young, is_online=True)
    names = lambda **kw: {s["salon_name"] for s in api.upcoming_sessions_near("011002", **kw)}  # noqa: E731
    assert names(young_carers=True) == {"Y"}
    assert names(young_carers=False) == {"A"}
    assert names() == {"A", "Y"}


@pytest.mark.django_db
def test_questions_in_plain_japanese(client):
    start = client.get("/awareness/check/?easy=1").content.decode()
    assert 'name="easy" value="1"' in start
    html = client.post("/awareness/check/", {"subject": "myself", "easy": "1"}).content.decode()
    assert "家族の お世話を、ほとんど あなた 一人で して いますか？" in html
    assert "学校に 行って います" in html and "アルバイトや 仕事を して います" in html
    plain = client.post("/awareness/check/", {"subject": "myself"}).content.decode()
    assert "一人で して いますか" not in plain


# --- The services guide ----------------------------------------------------------------


@pytest.mark.django_db
def test_guide_for_a_student_under_18_school_and_childrens_lines_no_leave(client, catalogue):
    html = main(
        guide(client, situations=["under_18", "studying", "working"], wishes=["keep_studies"])
    )
    assert "介護休業" not in html and "介護休暇" not in html
    assert "スクールカウンセラー" in html and "こども家庭センター" in html
    assert "チャイルドライン" in html and "児童相談所相談専用ダイヤル" in html
    assert "24時間子供SOSダイヤル" in html and "子どもの人権110番" in html
    assert not BARE_189.search(html), "189 offered as support"
    # Young-carer support and school lead the suggestions (the wishes come first of all).
    suggestions = html.split('id="wishes"', 1)[-1].split("</section>", 1)[-1]
    assert suggestions.index("ヤングケアラー") < suggestions.index("学校")


@pytest.mark.django_db
def test_guide_for_a_working_adult_offers_the_leave_schemes(client, catalogue):
    html = main(guide(client, situations=["working"]))
    assert "介護休業" in html
    assert "チャイルドライン" not in html


@pytest.mark.django_db
def test_guide_asks_school_and_a_job_separately(client):
    html = client.get("/services/guide/").content.decode()
    assert 'value="studying"' in html and 'value="working"' in html


# --- Pages -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_leaving_no_trace_page(client):
    response = client.get("/awareness/leaving-no-trace/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-quick-exit" in html
    assert "Esc" in html
    english = client.get("/en/awareness/leaving-no-trace/").content.decode()
    assert "private window" in english


@pytest.mark.django_db
def test_young_carer_article_lists_the_lines_and_189_only_for_reporting_abuse(client):
    html = main(client.get("/awareness/young-carers/").content.decode())
    for number in CHILD_LINES:
        assert number in html
    for match in BARE_189.finditer(html):
        around = html[max(0, match.start() - 80) : match.end() + 40]
        assert "虐待" in around, "189 appears as something other than the abuse line"
    easy = client.get("/awareness/young-carers-easy/")
    assert easy.status_code == 200
    assert "0120-99-7777" in easy.content.decode()


@pytest.mark.django_db
def test_sensitive_pages_carry_neutral_titles(client, young_session):
    for path in (
        "/awareness/check/",
        "/awareness/young-carers/",
        f"/salons/{young_session.salon_id}/",
        f"/salons/sessions/{young_session.pk}/guest/",
    ):
        html = client.get(path).content.decode()
        title = html[html.index("<title>") : html.index("</title>")]
        for word in ("ヤングケアラー", "ケアラー", "介護", "気づき"):
            assert word not in title, f"{path}: {title}"
        assert "data-quick-exit" in html, path


@pytest.mark.django_db
def test_young_carer_salon_sign_up_asks_the_age_band_and_says_who_it_is_for(client, young_session):
    url = f"/en/salons/sessions/{young_session.pk}/guest/"
    html = client.get(url).content.decode()
    assert "Who this salon is for" in html and "up to about 30" in html
    response = client.post(url, {"email": "a@example.jp", "nickname": "そら"})
    assert response.status_code == 200
    assert "Please choose your age band." in response.content.decode()
    assert 'value="a@example.jp"' in response.content.decode()  # nothing typed is lost
