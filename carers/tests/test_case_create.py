"""Recording a household: consent first, clear messages on bad input, nothing lost."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from carers.models import AccessAction, AccessLogEntry, Consent, Household

pytestmark = pytest.mark.django_db
URL = reverse("carers:household_create")


def form_data(**overrides):
    today = timezone.localdate()
    data = {
        "consent-given_by": "本人",
        "consent-given_on": today.isoformat(),
        "consent-method": "phone",
        "consent-purposes": ["case_record", "follow_up"],
        "consent-explained": "on",
        "carers-TOTAL_FORMS": "1",
        "carers-INITIAL_FORMS": "0",
        "carers-MIN_NUM_FORMS": "0",
        "carers-MAX_NUM_FORMS": "10",
        "carers-0-name": "佐藤みどり",
        "carers-0-relationship": "妻",
        "carers-0-age_band": "65-74",
        "carers-0-is_working": "on",
        "recipients-TOTAL_FORMS": "1",
        "recipients-INITIAL_FORMS": "0",
        "recipients-MIN_NUM_FORMS": "0",
        "recipients-MAX_NUM_FORMS": "10",
        "recipients-0-relationship": "夫",
        "recipients-0-age_band": "75+",
        "recipients-0-care_level": "c2",
        "recipients-0-conditions": ["dementia", "physical"],
        "household-reference": "REF-1",
        "household-service_use": "none",
        "household-notes": "夜間の見守りが負担",
        "household-next_follow_up": (today + datetime.timedelta(days=14)).isoformat(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_staff_records_a_household_with_consent(municipal_staff, client_for):
    response = client_for(municipal_staff).post(URL, form_data())
    household = Household.objects.get()
    assert response.status_code == 302 and str(household.public_id) in response["Location"]
    assert household.municipality_id == "011002" and household.assigned_to == municipal_staff
    consent = Consent.objects.get(household=household)
    assert consent.taken_by == municipal_staff and consent.method == "phone"
    assert consent.purposes == ["case_record", "follow_up"]
    assert household.carers.get().name == "佐藤みどり"
    assert household.care_recipients.get().conditions == ["dementia", "physical"]
    entries = AccessLogEntry.objects.filter(household_public_id=household.public_id)
    assert [e.action for e in entries] == [AccessAction.CREATE]


@pytest.mark.parametrize(
    "missing",
    [
        "consent-given_by",
        "consent-given_on",
        "consent-method",
        "consent-purposes",
        "consent-explained",
    ],
)
def test_no_household_without_consent(municipal_staff, client_for, missing):
    response = client_for(municipal_staff).post(URL, form_data(**{missing: None}))
    assert response.status_code == 200
    assert not Household.objects.exists()
    body = response.content.decode()
    assert "佐藤みどり" in body and "夜間の見守りが負担" in body  # nothing typed is lost


def test_consent_without_the_record_purpose_is_refused(municipal_staff, client_for):
    response = client_for(municipal_staff).post(
        URL, form_data(**{"consent-purposes": ["follow_up"]})
    )
    assert not Household.objects.exists()
    assert (
        "Without consent to keep the case record" in response.content.decode()
        or "記録を保管" in response.content.decode()
    )


@pytest.mark.parametrize(
    "field,value",
    [
        ("consent-given_on", "2026-02-30"),
        ("household-next_follow_up", "2020-01-01"),
        ("consent-given_on", (timezone.localdate() + datetime.timedelta(days=3)).isoformat()),
    ],
)
def test_impossible_or_past_dates_are_refused(municipal_staff, client_for, field, value):
    response = client_for(municipal_staff).post(URL, form_data(**{field: value}))
    assert response.status_code == 200
    assert not Household.objects.exists()
    assert response.context["form"].errors or response.context["consent_form"].errors


def test_a_household_needs_a_member(municipal_staff, client_for):
    data = form_data(**{"carers-TOTAL_FORMS": "0", "recipients-TOTAL_FORMS": "0"})
    response = client_for(municipal_staff).post(URL, data)
    assert response.status_code == 200 and not Household.objects.exists()
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [
        "ケアラーかケアを受ける人を少なくとも1人入力してください。"
    ]  # one clear message, not also "correct the errors below"


def test_young_carer_is_flagged_from_the_age_band(municipal_staff, client_for):
    client_for(municipal_staff).post(URL, form_data(**{"carers-0-age_band": "12-17"}))
    assert Household.objects.get().carers.get().is_under_18 is True


def test_adult_band_ticked_under_18_is_a_contradiction(municipal_staff, client_for):
    response = client_for(municipal_staff).post(URL, form_data(**{"carers-0-is_under_18": "on"}))
    assert response.status_code == 200 and not Household.objects.exists()


def test_households_are_created_in_the_staff_members_municipality(
    other_municipality_staff, client_for
):
    client_for(other_municipality_staff).post(URL, form_data())
    assert Household.objects.get().municipality_id == "012025"


def test_create_page_shows_the_consent_section_first(municipal_staff, client_for):
    body = client_for(municipal_staff).get(URL).content.decode()
    assert body.index("consent-given_by") < body.index("carers-0-name")


@pytest.mark.parametrize(
    "field,value",
    [
        ("consent-given_on", "1926-04-01"),
        ("household-next_follow_up", "2206-04-01"),
    ],
)
def test_mistyped_years_are_refused(municipal_staff, client_for, field, value):
    response = client_for(municipal_staff).post(URL, form_data(**{field: value}))
    assert response.status_code == 200 and not Household.objects.exists()


def test_person_names_are_labelled_as_names_of_people():
    # A message context, so the label is not shared with other apps' bare "name" (a salon's or a municipality's).
    from django.utils import translation

    from carers.models import Carer, CareRecipient

    with translation.override("ja"):
        assert str(Carer._meta.get_field("name").verbose_name) == "氏名"
        assert str(CareRecipient._meta.get_field("name").verbose_name) == "氏名"


def test_bare_name_label_stays_neutral_for_other_apps():
    # carers comes first in INSTALLED_APPS, so its bare "name" wins for salons, advisors and municipalities too.
    from django.utils import translation

    with translation.override("ja"):
        assert translation.gettext("name") == "名前"
