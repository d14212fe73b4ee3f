"""Any number of carers and people cared for in one save; "add another" works
without JavaScript (the form comes back with one more blank entry, everything
typed kept, nothing saved); consent first and the access log still hold."""

import re

import pytest
from django.urls import reverse

from carers.models import AccessAction, AccessLogEntry, Household

from .test_case_create import form_data
from .test_case_edit import edit_data

pytestmark = pytest.mark.django_db
CREATE = reverse("carers:household_create")


def members(prefix, rows):
    """Formset data for ``rows`` (dicts of field -> value) under ``prefix``."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "10",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def household_of(carers, recipients, **overrides):
    data = {k: v for k, v in form_data().items() if not k.startswith(("carers-", "recipients-"))}
    data.update(members("carers", carers))
    data.update(members("recipients", recipients))
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


CARERS = [
    {"name": "佐藤みどり", "relationship": "妻", "age_band": "65-74"},
    {"name": "佐藤あおい", "relationship": "孫", "age_band": "12-17"},
    {"name": "佐藤けん", "relationship": "息子", "age_band": "50-64", "is_working": "on"},
]
RECIPIENTS = [
    {"name": "佐藤一郎", "relationship": "夫", "age_band": "75+", "care_level": "c2"},
    {"name": "佐藤ハナ", "relationship": "義母", "age_band": "75+", "care_level": "c4"},
]


def test_a_household_of_three_carers_and_two_people_cared_for_in_one_save(
    municipal_staff, client_for
):
    response = client_for(municipal_staff).post(CREATE, household_of(CARERS, RECIPIENTS))
    assert response.status_code == 302
    household = Household.objects.get()
    assert sorted(household.carers.values_list("name", flat=True)) == sorted(
        c["name"] for c in CARERS
    )
    assert household.care_recipients.count() == 2
    assert household.carers.get(name="佐藤あおい").is_under_18 is True
    entries = AccessLogEntry.objects.filter(household_public_id=household.public_id)
    assert [e.action for e in entries] == [AccessAction.CREATE]


def test_add_another_without_javascript_keeps_everything_and_saves_nothing(
    municipal_staff, client_for
):
    # Consent is not filled in yet: "add another" must not complain about it.
    data = household_of(CARERS[:1], RECIPIENTS[:1], **{"consent-given_by": None, "add": "carers"})
    response = client_for(municipal_staff).post(CREATE, data)
    assert response.status_code == 200
    assert not Household.objects.exists()
    carers = response.context["carers"]
    assert carers.total_form_count() == 2
    body = response.content.decode()
    assert 'name="carers-1-name"' in body and 'name="carers-2-name"' not in body
    assert "佐藤みどり" in body and "佐藤一郎" in body and "夜間の見守りが負担" in body
    assert "is-invalid" not in body and not list(response.context["messages"])
    # The cursor goes to the new entry.
    new_field = re.search(r'<input[^>]*name="carers-1-name"[^>]*>', body).group(0)
    assert "autofocus" in new_field
    assert "autofocus" not in re.search(r'<input[^>]*name="carers-0-name"[^>]*>', body).group(0)


def test_add_another_person_cared_for_then_save(municipal_staff, client_for):
    client = client_for(municipal_staff)
    data = household_of(CARERS[:1], RECIPIENTS[:1], add="recipients")
    response = client.post(CREATE, data)
    assert response.context["recipients"].total_form_count() == 2
    data.pop("add")
    data["recipients-TOTAL_FORMS"] = "2"
    data.update({f"recipients-1-{k}": v for k, v in RECIPIENTS[1].items()})
    assert client.post(CREATE, data).status_code == 302
    assert Household.objects.get().care_recipients.count() == 2


def test_a_new_entry_marked_not_to_be_saved_is_left_out(municipal_staff, client_for):
    data = household_of(CARERS, RECIPIENTS, **{"carers-1-DELETE": "on"})
    assert client_for(municipal_staff).post(CREATE, data).status_code == 302
    names = set(Household.objects.get().carers.values_list("name", flat=True))
    assert names == {"佐藤みどり", "佐藤けん"}


def test_a_removed_new_entry_leaves_a_gap_that_is_ignored(municipal_staff, client_for):
    # With JavaScript a removed new entry disappears from the page: its index is missing.
    data = household_of(CARERS, RECIPIENTS)
    for key in [k for k in data if k.startswith("carers-1-")]:
        del data[key]
    assert client_for(municipal_staff).post(CREATE, data).status_code == 302
    assert Household.objects.get().carers.count() == 2


def test_no_one_is_saved_without_consent_and_every_entry_is_kept(municipal_staff, client_for):
    data = household_of(CARERS, RECIPIENTS, **{"consent-explained": None})
    response = client_for(municipal_staff).post(CREATE, data)
    assert response.status_code == 200 and not Household.objects.exists()
    body = response.content.decode()
    for person in CARERS + RECIPIENTS:
        assert person["name"] in body


def test_add_another_stops_at_the_maximum(municipal_staff, client_for):
    rows = [{"relationship": f"家族{i}", "age_band": "30-49"} for i in range(10)]
    response = client_for(municipal_staff).post(
        CREATE, household_of(rows, RECIPIENTS[:1], add="carers")
    )
    assert response.context["carers"].total_form_count() == 10
    assert [str(m) for m in response.context["messages"]] == [
        "1件の記録に登録できるのは、それぞれ10人までです。"
    ]
    assert not Household.objects.exists()


def test_edit_removes_one_and_adds_two_in_one_save(municipal_staff, household, client_for):
    url = reverse("carers:household_edit", args=[household.public_id])
    before = AccessLogEntry.objects.filter(household_public_id=household.public_id).count()
    data = edit_data(
        household,
        **{
            "carers-0-DELETE": "on",
            "carers-TOTAL_FORMS": "3",
            "carers-1-relationship": "息子",
            "carers-1-age_band": "30-49",
            "carers-2-relationship": "孫",
            "carers-2-age_band": "18-29",
        },
    )
    assert client_for(municipal_staff).post(url, data).status_code == 302
    assert sorted(household.carers.values_list("relationship", flat=True)) == ["孫", "息子"]
    actions = list(
        AccessLogEntry.objects.filter(household_public_id=household.public_id)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert len(actions) == before + 1 and actions[-1] == AccessAction.UPDATE


def test_add_another_on_the_edit_page_is_logged_as_a_view_and_saves_nothing(
    municipal_staff, household, client_for
):
    url = reverse("carers:household_edit", args=[household.public_id])
    data = edit_data(household, **{"household-notes": "書きかけ", "add": "carers"})
    response = client_for(municipal_staff).post(url, data)
    assert response.status_code == 200
    assert response.context["carers"].total_form_count() == 3
    assert "書きかけ" in response.content.decode()
    household.refresh_from_db()
    assert household.notes != "書きかけ"
    entries = AccessLogEntry.objects.filter(household_public_id=household.public_id)
    assert list(entries.order_by("at", "pk").values_list("action", flat=True)) == [
        AccessAction.CREATE,
        AccessAction.VIEW,
    ]


def test_the_old_save_and_edit_again_note_is_gone(municipal_staff, client_for):
    body = client_for(municipal_staff).get(CREATE).content.decode()
    assert "保存してからもう一度編集" not in body
    assert 'name="add" value="carers"' in body and 'name="add" value="recipients"' in body
