"""/services/guide/: the questionnaire, its result and bad answers."""

import pytest

from carers.models import OutboundEmail

URL = "/services/guide/"


@pytest.mark.django_db
def test_the_questionnaire_is_shown(visitor, content):
    response = visitor.get(URL)
    assert response.status_code == 200
    assert b'name="service_use"' in response.content
    assert response.content.count(b"<h1") == 1


@pytest.mark.django_db
def test_an_a_household_gets_the_first_steps_with_reasons(visitor, content):
    response = visitor.post(
        URL,
        {
            "recipient": "parent",
            "needs": ["dementia"],
            "service_use": "none",
            "municipality": "011002",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="group-start"' in html
    assert "地域包括支援センター" in html
    assert 'id="note-wishes_first"' in html


@pytest.mark.django_db
def test_a_young_carer_is_told_plainly_and_led_to_support(visitor, content):
    response = visitor.post(
        "/en" + URL,
        {
            "recipient": "parent",
            "needs": ["illness"],
            "service_use": "some",
            "services_used": ["nursing"],
            "situations": ["under_18"],
        },
    )
    html = response.content.decode()
    assert "care must never be counted on" in html
    assert 'id="group-young_carer"' in html
    assert "Review the care plan with the care manager" in html


@pytest.mark.django_db
def test_nothing_is_stored(visitor, content):
    from services.models import ServiceReport

    visitor.post(URL, {"recipient": "parent", "needs": ["ageing"], "service_use": "none"})
    assert not OutboundEmail.objects.exists()
    assert not ServiceReport.objects.exists()


@pytest.mark.django_db
def test_contradictory_answers_are_shown_again_with_the_input_kept(visitor, content):
    response = visitor.post(
        "/en" + URL,
        {
            "recipient": "partner",
            "needs": ["dementia"],
            "service_use": "none",
            "services_used": ["home_help"],
            "wishes": ["break"],
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "uses no services, but chose some services" in html
    assert 'value="partner" checked' in html
    assert 'value="break" checked' in html


@pytest.mark.django_db
def test_missing_answers_say_what_to_fix(visitor, content):
    response = visitor.post("/en" + URL, {"service_use": "some"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please tell us who needs care." in html
    assert "Please choose which services the household uses now." in html
    assert 'value="some" checked' in html


@pytest.mark.django_db
def test_nonsense_values_are_refused_not_a_500(visitor, content):
    response = visitor.post(
        URL,
        {
            "recipient": "<script>",
            "needs": ["x"],
            "service_use": "maybe",
            "care_level": "c9",
            "municipality": "999999",
        },
    )
    assert response.status_code == 400
