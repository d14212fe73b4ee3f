"""Track B: the services the household uses now are not suggested again but
offered for review with the care manager; the wishes of the person cared for
and of the carer head the result (and its printable copy)."""

import pytest

from services.guidance import CARE_PLAN_REVIEW, evaluate

BASE = {
    "recipient": "parent",
    "needs": ["ageing"],
    "care_level": "c2",
    "service_use": "some",
    "services_used": ["home_help", "day_service"],
    "situations": [],
    "wishes": ["break", "help_at_home"],
    "municipality": "",
}


def entry_keys(result):
    return {item.service.key for item in result.items() if item.service is not None}


def suggested_entry_keys(result):
    return {
        item.service.key
        for group in result.groups
        if group.key != "in_use"
        for item in group.items
        if item.service is not None
    }


@pytest.mark.django_db
def test_services_in_use_are_reviewed_not_suggested_again(content):
    result = evaluate(BASE, "011002")
    assert result.track == "B"
    assert result.groups[0].key == "in_use"
    in_use = result.groups[0].items
    assert [i.key for i in in_use] == ["advice:in_use:home_help", "advice:in_use:day_service"]
    assert all(str(i.summary) == str(CARE_PLAN_REVIEW.text) for i in in_use)
    assert {i.service.key for i in in_use} == {"home-help", "day-service"}
    suggested = suggested_entry_keys(result)
    assert "home-help" not in suggested and "day-service" not in suggested
    assert "short-stay" in suggested  # a service not in use is still suggested


@pytest.mark.django_db
def test_without_services_in_use_the_same_entries_are_suggested(content):
    result = evaluate({**BASE, "services_used": ["other"]}, "011002")
    (in_use,) = [g for g in result.groups if g.key == "in_use"]
    assert [i.key for i in in_use.items] == ["advice:in_use:other"]
    assert {"home-help", "short-stay"} <= suggested_entry_keys(result)


@pytest.mark.django_db
def test_track_a_has_no_review_group(content):
    result = evaluate({**BASE, "service_use": "none", "services_used": []}, "011002")
    assert result.track == "A" and "in_use" not in {g.key for g in result.groups}


@pytest.mark.django_db
def test_wishes_are_kept_in_the_result_and_its_dict(content):
    answers = {
        **BASE,
        "recipient_wishes": "できるだけ自宅で暮らしたい",
        "carer_wishes": "週に一度は自分の時間がほしい",
    }
    result = evaluate(answers, "011002")
    assert result.wishes.cared_for == "できるだけ自宅で暮らしたい"
    assert result.wishes.carer_own_words == "週に一度は自分の時間がほしい"
    assert len(result.wishes.carer) == 2
    data = result.to_dict()
    assert data["wishes"]["cared_for"] == "できるだけ自宅で暮らしたい"


def post_data(**changes):
    data = {
        "recipient": "parent",
        "needs": ["ageing"],
        "care_level": "c2",
        "service_use": "some",
        "services_used": ["home_help"],
        "wishes": ["break"],
        "recipient_wishes": "自宅で暮らし続けたい",
        "carer_wishes": "仕事を続けたい",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_result_page_puts_both_wishes_first(visitor, content):
    html = visitor.post("/services/guide/", post_data()).content.decode()
    wishes = html.index('id="wishes"')
    assert "自宅で暮らし続けたい" in html and "仕事を続けたい" in html
    assert wishes < html.index('id="notes-title"')
    assert wishes < html.index('id="group-in_use"') < html.index('id="group-load"')
    assert "ケアマネジャー" in html[html.index('id="group-in_use"') :]


@pytest.mark.django_db
def test_empty_wishes_are_invited_not_refused(visitor, content):
    response = visitor.post("/services/guide/", post_data(recipient_wishes="", carer_wishes=""))
    assert response.status_code == 200
    assert 'id="wishes-cared-for"' in response.content.decode()


@pytest.mark.django_db
def test_an_over_long_wish_is_refused_and_kept(visitor, content):
    long = "あ" * 501
    response = visitor.post("/services/guide/", post_data(recipient_wishes=long))
    assert response.status_code == 400
    assert long in response.content.decode()
