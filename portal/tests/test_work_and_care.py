"""/awareness/work-and-care/: the plan's five points, the statutory figures with
sources, and the employers' section, in both languages."""

import pytest

FIGURES_JA = [
    "通算93日まで、3回まで分割",
    "年5日",
    "年10日",
    "時間単位",
    "3年以上の期間に2回以上",
    "1か月24時間、1年150時間",
    "午後10時から午前5時",
    "67%",
    "個別に知らせ",
    "40歳",
]
FIGURES_EN = [
    "93 days in total per family member, in up to 3 periods",
    "5 days a year",
    "10 days",
    "usable by the hour",
    "at least twice over a period of at least 3 years",
    "24 hours a month and 150 hours a year",
    "10 p.m. and 5 a.m.",
    "67% of your wages",
    "inform them individually",
    "turn 40",
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,figures,source",
    [
        ("/awareness/work-and-care/", FIGURES_JA, "厚生労働省「育児・介護休業法について」"),
        (
            "/en/awareness/work-and-care/",
            FIGURES_EN,
            "MHLW, “About the Child Care and Family Care Leave Act”",
        ),
    ],
)
def test_statutory_figures_and_sources_in_each_language(client, path, figures, source):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    for figure in figures:
        assert figure in html, figure
    assert source in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_five_points_as_the_plan_words_them_and_employer_section(client):
    html = client.get("/en/awareness/work-and-care/").content.decode()
    section = html.split('id="points"', 1)[1].split("</ol>", 1)[0]
    assert section.count("<li>") == 5
    assert "do not “over-care” yourself" in section
    assert 'id="employers"' in html and "How to talk with an employee who cares" in html


@pytest.mark.django_db
def test_the_plan_wording_of_the_five_points_in_japanese(client):
    html = client.get("/awareness/work-and-care/").content.decode()
    section = html.split('id="points"', 1)[1].split("</ol>", 1)[0]
    for point in (
        "職場に「家族等の介護を行っていること」を伝え、仕事と介護の両立支援制度を利用する",
        "介護保険サービスを利用し、自分で「介護をしすぎない」",
        "ケアマネジャーを信頼し、何でも相談する",
        "日ごろから「家族や要介護者宅の近所の方々等と良好な関係」を築く",
        "介護を深刻に捉えすぎずに、「自分の時間を確保」する",
    ):
        assert point in section
    assert section.count("<li>") == 5
