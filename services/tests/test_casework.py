"""Running the service guidance for a household and saving dated support plans."""

import pytest
from django.urls import reverse

from carers import actions
from carers.models import AccessAction, AccessLogEntry, SupportPlan
from carers.tests.conftest import make_household

pytestmark = pytest.mark.django_db

ANSWERS_A = {
    "municipality": "011002",
    "recipient": "parent",
    "needs": ["dementia"],
    "care_level": "unknown",
    "service_use": "none",
}
ANSWERS_B = {
    **ANSWERS_A,
    "service_use": "some",
    "services_used": ["day_service"],
    "situations": ["alone"],
}


@pytest.fixture
def household(municipal_staff):
    return make_household(municipal_staff)


def url(household):
    return reverse("services:household_guidance", args=[household.public_id])


def entries(household):
    return list(
        AccessLogEntry.objects.filter(household_public_id=household.public_id).values_list(
            "action", flat=True
        )
    )


def test_the_questionnaire_is_prefilled_from_the_record(municipal_staff, household, client_for):
    response = client_for(municipal_staff).get(url(household))
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["needs"] == ["dementia"] and "under_18" in initial["situations"]
    assert initial["care_level"] == "c3" and initial["service_use"] == "some"
    assert entries(household)[0] == AccessAction.VIEW
    assert "no-store" in response["Cache-Control"]


def test_preview_saves_nothing_and_logs_one_view(municipal_staff, household, client_for):
    response = client_for(municipal_staff).post(url(household), {**ANSWERS_A, "preview": "1"})
    assert response.status_code == 200
    assert response.context["result"]["track"] == "A" and response.context["diff"]["first"]
    assert not SupportPlan.objects.exists()
    assert entries(household) == [AccessAction.VIEW, AccessAction.CREATE]


def test_save_makes_a_dated_plan_and_later_runs_show_what_changed(
    municipal_staff, household, client_for
):
    client = client_for(municipal_staff)
    response = client.post(url(household), {**ANSWERS_A, "save": "1"})
    assert response.status_code == 302 and response["Location"] == f"/cases/{household.public_id}/"
    plan = SupportPlan.objects.get()
    assert plan.household == household and plan.created_by == municipal_staff
    assert plan.result["track"] == "A" and plan.answers["needs"] == ["dementia"]
    assert entries(household) == [AccessAction.PLAN_SAVE, AccessAction.CREATE]

    preview = client.post(url(household), {**ANSWERS_B, "preview": "1"})
    diff = preview.context["diff"]
    assert diff["track_changed"] and diff["track_before"] == "A" and diff["track_after"] == "B"
    assert diff["added"]  # the care-plan review is suggested on track B
    client.post(url(household), {**ANSWERS_B, "save": "1"})
    detail = client.get(reverse("carers:household_detail", args=[household.public_id]))
    assert detail.context["plan_diff"]["track_changed"]
    assert SupportPlan.objects.count() == 2


def test_bad_answers_keep_the_input_and_save_nothing(municipal_staff, household, client_for):
    response = client_for(municipal_staff).post(
        url(household), {**ANSWERS_A, "needs": [], "save": "1"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert response.context["form"].data["recipient"] == "parent"
    assert not SupportPlan.objects.exists()
    assert entries(household)[0] == AccessAction.VIEW


def test_closed_case_cannot_get_a_plan(municipal_staff, household, client_for):
    actions.household_close(household=household, by=municipal_staff)
    response = client_for(municipal_staff).post(url(household), {**ANSWERS_A, "save": "1"})
    assert response.status_code == 302 and not SupportPlan.objects.exists()


@pytest.mark.parametrize(
    "persona", ["other_municipality_staff", "prefecture_staff", "organiser", "advisor_user"]
)
def test_outsiders_get_404(request, persona, household, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url(household)).status_code == 404
    assert client.post(url(household), {**ANSWERS_A, "save": "1"}).status_code == 404
    assert not SupportPlan.objects.exists()


def test_visitor_is_sent_to_sign_in(visitor, household):
    response = visitor.get(url(household))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_plan_saved_in_english_reads_in_japanese(municipal_staff, household, client_for):
    client = client_for(municipal_staff)
    detail = f"/cases/{household.public_id}/"
    client.post(
        f"/en/services/households/{household.public_id}/guidance/", {**ANSWERS_B, "save": "1"}
    )
    plan = SupportPlan.objects.get()
    assert set(plan.result["by_language"]) == {"ja", "en"}
    japanese, english = client.get(detail), client.get("/en" + detail)
    ja_title = plan.result["by_language"]["ja"]["groups"][0]["title"]
    en_title = plan.result["by_language"]["en"]["groups"][0]["title"]
    assert ja_title != en_title
    assert ja_title in japanese.content.decode() and en_title not in japanese.content.decode()
    assert en_title in english.content.decode()
    printable = client.get(detail + "print/").content.decode()
    assert ja_title in printable  # the printable copy for a disclosure holds what the plan said


def test_who_needs_care_is_prefilled_from_the_relationship(municipal_staff, household, client_for):
    # make_household records the person cared for as the carer's "父" (father).
    response = client_for(municipal_staff).get(url(household))
    assert response.context["form"].initial["recipient"] == "parent"


@pytest.mark.parametrize(
    "relationship,kind",
    [
        ("母", "parent"),
        ("grandmother", "parent"),
        ("夫", "partner"),
        ("息子", "child"),
        ("sister", "sibling"),
        ("孫", "other"),
        ("grandson", "other"),
        ("neighbour", "other"),
        ("", None),
    ],
)
def test_relationship_words_map_to_the_questionnaire(relationship, kind):
    from services.casework import recipient_kind

    assert recipient_kind(relationship) == kind


def test_a_saved_plan_keeps_both_wishes_on_the_preview_and_the_printable_copy(
    municipal_staff, household, client_for
):
    client = client_for(municipal_staff)
    wishes = {"recipient_wishes": "住み慣れた家で暮らしたい", "carer_wishes": "夜は眠りたい"}
    preview = client.post(url(household), {**ANSWERS_B, **wishes, "preview": "1"})
    html = preview.content.decode()
    assert html.index("住み慣れた家で暮らしたい") < html.index("夜は眠りたい") < html.index("<h3")
    client.post(url(household), {**ANSWERS_B, **wishes, "save": "1"})
    plan = SupportPlan.objects.get()
    assert plan.result["wishes"]["cared_for"] == "住み慣れた家で暮らしたい"
    printed = client.get(reverse("carers:household_print", args=[household.public_id]))
    text = printed.content.decode()
    assert "住み慣れた家で暮らしたい" in text and "夜は眠りたい" in text
