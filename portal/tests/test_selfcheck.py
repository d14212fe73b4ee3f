"""The self-check: the rule table, the form's bad input, the result page and
the opt-in anonymous tally."""

import types

import pytest

from portal.models import SelfCheckTally
from portal.selfcheck import SIGN_KEYS, Answer, Answers, Step, Subject, evaluate

ALL_NO = dict.fromkeys(SIGN_KEYS, Answer.NO)


def answers(subject=Subject.MYSELF, works=False, under_18=False, studies=False, **signs):
    return Answers(
        subject=subject,
        signs={**ALL_NO, **signs},
        works=works,
        under_18=under_18,
        studies=studies,
    )


# (case, answers, steps expected exactly, in page order)
CASES = [
    ("no signs", answers(), (Step.CONSULT, Step.STAY_IN_TOUCH)),
    ("alone", answers(alone=Answer.YES), (Step.CONSULT, Step.SERVICES, Step.SALONS)),
    (
        "unsure counts as possible",
        answers(alone=Answer.UNSURE),
        (Step.CONSULT, Step.SERVICES, Step.SALONS),
    ),
    ("other roles", answers(other_roles=Answer.YES), (Step.CONSULT, Step.SERVICES)),
    ("own health", answers(own_health=Answer.YES), (Step.CONSULT, Step.SERVICES, Step.OWN_HEALTH)),
    ("no services", answers(no_services=Answer.YES), (Step.CONSULT, Step.SERVICES)),
    ("no one to talk to", answers(no_one_to_talk=Answer.YES), (Step.CONSULT, Step.SALONS)),
    ("tired", answers(tired=Answer.YES), (Step.CONSULT, Step.OWN_HEALTH, Step.SALONS)),
    (
        "works, no signs",
        answers(works=True),
        (Step.CONSULT, Step.WORK_AND_CARE, Step.STAY_IN_TOUCH),
    ),
    (
        "under 18, no signs",
        answers(under_18=True),
        (Step.YOUNG_CARER, Step.CONSULT, Step.YOUNG_SALON, Step.STAY_IN_TOUCH),
    ),
    (
        "under 18 at school: school, not work",
        answers(under_18=True, studies=True, tired=Answer.YES),
        (Step.YOUNG_CARER, Step.SCHOOL, Step.CONSULT, Step.OWN_HEALTH, Step.YOUNG_SALON),
    ),
    (
        "about someone, tired",
        answers(subject=Subject.SOMEONE, tired=Answer.YES),
        (Step.CONSULT, Step.OWN_HEALTH, Step.SALONS, Step.APPROACH),
    ),
    (
        "all six, working young carer",
        answers(works=True, under_18=True, **dict.fromkeys(SIGN_KEYS, Answer.YES)),
        (
            Step.YOUNG_CARER,
            Step.CONSULT,
            Step.SERVICES,
            Step.OWN_HEALTH,
            Step.YOUNG_SALON,
            Step.YOUNG_JOB,
        ),
    ),
]


@pytest.mark.parametrize("case,given,expected", CASES, ids=[c[0] for c in CASES])
def test_rules_give_these_next_steps(case, given, expected):
    assert evaluate(given).step_keys == expected


def test_service_categories_follow_the_signs_young_carer_first():
    result = evaluate(answers(under_18=True, works=True, tired=Answer.YES))
    assert result.service_categories() == ("young_carer", "respite", "peer_support")
    adult = evaluate(answers(works=True, tired=Answer.YES))
    assert adult.service_categories() == ("respite", "peer_support", "work_care")


def test_result_names_noticed_and_unsure_signs_without_a_score():
    from django.utils import translation

    result = evaluate(answers(alone=Answer.YES, tired=Answer.UNSURE))
    with translation.override("en"):
        assert [str(s) for s in result.noticed] == ["caring mostly alone"]
        assert [str(s) for s in result.unsure] == ["tiredness"]


# --- The page --------------------------------------------------------------------


def full_post(**overrides):
    data = {"answered": "1", "subject": "myself", "municipality": "011002"}
    data.update({f"sign_{k}": "no" for k in SIGN_KEYS})
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def fake_apis(monkeypatch):
    """services.api and salons.api as other apps provide them, answering per municipality."""
    import salons.api
    import services.api
    from carers.models import Municipality

    def name(code):
        return Municipality.objects.get(code=code).name

    services_api = types.SimpleNamespace(
        # The fake windows are the municipality's own: no fallback needed.
        consultation_fallback=lambda code: None,
        consultation_windows=lambda code, limit=5, young_carer=True: [
            {
                "id": 1,
                "name": f"{name(code)} 地域包括支援センター",
                "summary": "介護の総合相談",
                "url": "/services/1/",
                "category": "consultation",
            }
        ],
        services_for_municipality=lambda code, categories=None, limit=5, young_carer=True: [
            {
                "id": 2,
                "name": f"{name(code)} ショートステイ ({','.join(categories or [])})",
                "summary": "",
                "url": "/services/2/",
                "category": "respite",
            }
        ],
    )
    salons_api = types.SimpleNamespace(
        upcoming_sessions_near=lambda code, limit=3, young_carers=None: [
            {
                "salon_name": f"{name(code)} {'ヤングケアラーサロン' if young_carers else 'ケアラーサロン'}",
                "url": "/salons/1/",
                "starts_at": None,
                "municipality_name": name(code),
                "is_online": False,
            }
        ],
    )
    # The real modules' functions answer from the namespaces, looked up at each
    # call (a test may replace one of them).
    for module, fake in ((services.api, services_api), (salons.api, salons_api)):
        for fn in vars(fake):
            monkeypatch.setattr(
                module, fn, lambda *a, _f=fake, _n=fn, **k: getattr(_f, _n)(*a, **k)
            )
    return services_api


@pytest.mark.django_db
def test_start_page_offers_both_subjects_and_a_quick_exit(client):
    html = client.get("/en/awareness/check/").content.decode()
    assert 'value="myself"' in html and 'value="someone"' in html
    assert "data-quick-exit" in html and "quick-exit.js" in html
    assert "<script>" not in html  # no inline script (CSP)


@pytest.mark.django_db
def test_choosing_someone_words_the_questions_about_them(client):
    html = client.post("/en/awareness/check/", {"subject": "someone"}).content.decode()
    assert "Do they look after their family member mostly on their own?" in html
    assert 'name="subject" value="someone"' in html


@pytest.mark.django_db
def test_unknown_subject_re_shows_the_choice(client):
    response = client.post("/en/awareness/check/", {"subject": "everyone"})
    assert response.status_code == 400
    assert "Please choose whether you answer about yourself" in response.content.decode()


@pytest.mark.django_db
def test_missing_answers_are_marked_and_given_answers_kept(client):
    response = client.post(
        "/en/awareness/check/",
        full_post(sign_alone="yes", sign_tired=None, sign_own_health=None, works="on"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        html.count("Please answer this question") == 4
    )  # two in the summary, two by the questions
    summary = html.split('id="error-summary"', 1)[1].split("</ul>", 1)[0]
    assert summary.index("#q-sign_own_health") < summary.index("#q-sign_tired")  # page order
    assert 'id="q-sign_tired" aria-describedby="sign_tired-help sign_tired-error"' in html
    assert 'value="yes" checked' in html  # sign_alone kept
    assert 'name="works" id="id_works" checked' in html
    assert '<option value="011002" selected>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code", ["999999", "131016", "abc"]
)  # unknown, other prefecture (Tokyo), junk
def test_unknown_municipality_is_a_form_error(client, code):
    response = client.post("/en/awareness/check/", full_post(municipality=code))
    assert response.status_code == 400
    assert "This municipality is not in the list" in response.content.decode()


@pytest.mark.django_db
def test_result_gives_the_chosen_municipalitys_next_steps(client, fake_apis):
    response = client.post(
        "/en/awareness/check/", full_post(municipality="012025", sign_alone="yes", works="on")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "函館市 地域包括支援センター" in html
    assert "函館市 ショートステイ (long_term_care,respite,work_care)" in html
    assert "函館市 ケアラーサロン" in html
    assert 'href="/en/awareness/work-and-care/"' in html
    assert 'id="step-young_carer"' not in html
    assert "Nothing from this check was saved." in html
    assert "no-store" in response["Cache-Control"]
    assert SelfCheckTally.objects.count() == 0


@pytest.mark.django_db
def test_under_18_leads_to_young_carer_support(client, fake_apis):
    html = client.post("/en/awareness/check/", full_post(under_18="on")).content.decode()
    assert html.index('id="step-young_carer"') < html.index('id="step-consult"')
    assert "Tell a teacher" in html
    assert "札幌市 ショートステイ (young_carer)" in html


@pytest.mark.django_db
def test_a_service_listed_by_an_earlier_step_is_not_repeated(client, monkeypatch, fake_apis):
    monkeypatch.setattr(
        fake_apis,
        "services_for_municipality",
        lambda code, categories=None, limit=5, young_carer=True: (
            fake_apis.consultation_windows(code)
            + [{"id": 9, "name": "Home help", "summary": "", "url": "/services/9/"}]
        ),
    )
    html = client.post("/en/awareness/check/", full_post(sign_alone="yes")).content.decode()
    assert html.count("札幌市 地域包括支援センター") == 1
    assert "Home help" in html


@pytest.mark.django_db
def test_opt_in_tally_stores_only_municipality_count_and_month(client, fake_apis):
    client.post(
        "/awareness/check/",
        full_post(sign_alone="yes", sign_tired="yes", sign_own_health="unsure", tally="on"),
    )
    row = SelfCheckTally.objects.get()
    assert (row.municipality_id, row.sign_count, row.month.day) == ("011002", 2, 1)
    assert {f.name for f in SelfCheckTally._meta.get_fields()} == {
        "id",
        "municipality",
        "sign_count",
        "month",
    }


@pytest.mark.django_db
def test_answers_never_go_into_a_url(client):
    html = client.post("/awareness/check/", {"subject": "myself"}).content.decode()
    assert 'method="post"' in html and 'method="get"' not in html.split("<main", 1)[1]


@pytest.mark.django_db
def test_result_is_in_japanese_at_the_unprefixed_url(client, fake_apis):
    html = client.post("/awareness/check/", full_post(sign_alone="yes")).content.decode()
    assert '<html lang="ja">' in html
    assert "札幌市 地域包括支援センター" in html


@pytest.mark.django_db
def test_the_other_apps_public_functions_answer_as_agreed():
    """Contract with services.api and salons.api: the calls the result makes work."""
    from portal import awareness

    assert isinstance(
        awareness._from_services("consultation_windows", "011002", limit=5, young_carer=False),
        list,
    )
    assert isinstance(
        awareness._from_services(
            "services_for_municipality",
            "011002",
            categories=["respite"],
            limit=5,
            young_carer=True,
        ),
        list,
    )
    assert isinstance(awareness._upcoming_salons("011002", young_carers=True), list)
    assert isinstance(awareness._upcoming_salons("011002", young_carers=False), list)


@pytest.mark.django_db
def test_steps_about_someone_else_speak_about_them_not_to_the_reader(client):
    data = {
        "subject": "someone",
        "answered": "1",
        "municipality": "011002",
        "under_18": "on",
        **{
            f"sign_{key}": "yes"
            for key in (
                "alone",
                "other_roles",
                "own_health",
                "no_services",
                "no_one_to_talk",
                "tired",
            )
        },
    }
    body = client.post("/en/awareness/check/", data).content.decode()
    assert "Let them know that they can tell a teacher" in body
    assert "Encourage them to see their own doctor" in body
    assert "Tell a teacher, the school nurse or the school counsellor you trust" not in body
    assert "See your own doctor, and tell them" not in body
    mine = client.post("/en/awareness/check/", {**data, "subject": "myself"}).content.decode()
    assert "Tell a teacher, the school nurse or the school counsellor you trust" in mine
    japanese = client.post("/awareness/check/", data).content.decode()
    assert "その方にも受診をすすめ" in japanese


@pytest.mark.django_db
def test_japanese_result_names_each_noticed_sign_as_a_situation(client):
    body = client.post(
        "/awareness/check/", full_post(sign_tired="yes", sign_own_health="yes")
    ).content.decode()
    assert (
        "<li>疲れている様子がある</li>" in body
        and "<li>介護する人自身に病気や障害がある</li>" in body
    )


@pytest.mark.django_db
def test_work_step_about_someone_else_speaks_about_them(client):
    someone = client.post(
        "/en/awareness/check/", full_post(subject="someone", works="on")
    ).content.decode()
    assert (
        "employers must tell them about these" in someone
        and "employers must tell you about them" not in someone
    )
    myself = client.post("/en/awareness/check/", full_post(works="on")).content.decode()
    assert "employers must tell you about them" in myself
