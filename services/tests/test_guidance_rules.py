"""The guidance rules, as a table of scenarios: answers in, track, groups,
notes and suggested entries out."""

import json

import pytest

from services.guidance import evaluate

BASE = {
    "recipient": "parent",
    "needs": ["ageing"],
    "care_level": "unknown",
    "service_use": "none",
    "services_used": [],
    "situations": [],
    "wishes": [],
    "municipality": "",
}


def answers(**changes):
    return {**BASE, **changes}


# (id, answers, track, groups that must appear, groups that must not, notes that must appear, entry keys expected)
SCENARIOS = [
    (
        "a-first-contact",
        answers(),
        "A",
        {"start"},
        {"load", "young_carer"},
        {"wishes_first", "track_a"},
        {"community-support-centre", "care-level-application"},
    ),
    (
        "a-dementia-not-certified",
        answers(needs=["dementia"]),
        "A",
        {"start"},
        {"load"},
        {"track_a"},
        {"care-level-application"},
    ),
    (
        "a-certified-no-services",
        answers(care_level="c2"),
        "A",
        {"start"},
        {"load"},
        {"track_a"},
        {"community-support-centre", "home-help"},
    ),
    (
        "a-young-carer",
        answers(situations=["under_18"]),
        "A",
        {"start", "young_carer"},
        {"load"},
        {"young_carer", "track_a", "wishes_first"},
        {"young-carer-support", "pref-young-carer-salon"},
    ),
    (
        "a-working-keep-job",
        answers(situations=["working"], wishes=["keep_job"]),
        "A",
        {"start", "work"},
        set(),
        {"track_a"},
        {"family-care-leave", "family-care-days"},
    ),
    (
        "a-disability",
        answers(recipient="child", needs=["disability"], care_level="na"),
        "A",
        {"start"},
        set(),
        {"track_a"},
        {"disability-welfare", "disability-consultation"},
    ),
    (
        "b-some-services",
        answers(service_use="some", services_used=["day_service"]),
        "B",
        {"load"},
        {"start"},
        {"track_b", "wishes_first"},
        {"advice:care_plan_review", "short-stay"},
    ),
    (
        "b-young-carer",
        answers(service_use="some", services_used=["home_help"], situations=["under_18"]),
        "B",
        {"load", "young_carer"},
        {"start"},
        {"young_carer", "track_b"},
        {"advice:care_plan_review", "young-carer-support"},
    ),
    (
        "b-alone-own-health",
        answers(
            service_use="some", services_used=["home_help"], situations=["alone", "own_health"]
        ),
        "B",
        {"load"},
        {"young_carer"},
        {"track_b"},
        {"advice:care_plan_review", "community-support-centre"},
    ),
    (
        "b-wants-to-talk",
        answers(needs=["dementia"], service_use="some", services_used=["other"], wishes=["talk"]),
        "B",
        {"load", "talk"},
        set(),
        {"track_b"},
        {"dementia-cafe"},
    ),
    (
        "b-illness-at-home",
        answers(service_use="some", services_used=["nursing"], needs=["illness"]),
        "B",
        {"load", "in_use"},
        set(),
        {"track_b"},
        # In use: offered for review with the care manager, not suggested again.
        {"advice:in_use:nursing"},
    ),
    (
        "b-money",
        answers(service_use="some", services_used=["home_help"], wishes=["money"]),
        "B",
        {"load", "money"},
        set(),
        {"track_b"},
        {"high-cost-ltc"},
    ),
    (
        "a-young-carer-not-for-adults",
        answers(situations=["working"]),
        "A",
        {"start", "work"},
        {"young_carer"},
        {"track_a"},
        {"community-support-centre"},
    ),
    (
        "b-working-break",
        answers(
            service_use="some",
            services_used=["short_stay"],
            situations=["working"],
            wishes=["break"],
        ),
        "B",
        {"load", "work"},
        set(),
        {"track_b"},
        {"family-care-leave", "advice:in_use:short_stay"},
    ),
]


def _keys(result):
    from services.models import Service

    ids = {item.key for item in result.items()}
    keys = {
        k
        for k in Service.objects.filter(
            pk__in=[i for i in ids if not i.startswith("advice:")]
        ).values_list("key", flat=True)
    }
    return keys | {i for i in ids if i.startswith("advice:")}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,given,track,groups,not_groups,notes,entries", SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_scenario(content, name, given, track, groups, not_groups, notes, entries):
    result = evaluate(given, "011002")
    assert result.track == track
    shown = {g.key for g in result.groups}
    assert groups <= shown, f"missing groups {groups - shown}"
    assert not (not_groups & shown), f"unexpected groups {not_groups & shown}"
    assert notes <= {n.key for n in result.notes}
    assert entries <= _keys(result), f"missing entries {entries - _keys(result)}"
    # Every suggestion says why.
    assert all(item.reasons for item in result.items())


@pytest.mark.django_db
def test_young_carer_only_entries_are_not_suggested_to_adults(content):
    keys = _keys(evaluate(answers(service_use="some", services_used=["home_help"]), None))
    assert not keys & {"young-carer-support", "children-sos-dial", "pref-young-carer-salon"}


@pytest.mark.django_db
def test_a_starts_with_the_consultation_window(content):
    result = evaluate(answers(), None)
    first = result.groups[0]
    assert first.key == "start"
    assert first.items[0].service.key == "community-support-centre"


@pytest.mark.django_db
def test_b_never_lacks_the_care_plan_review_and_the_reason(content):
    result = evaluate(answers(service_use="some", services_used=["home_help"]), None)
    review = next(i for i in result.items() if i.key == "advice:care_plan_review")
    assert "すでにサービスを使っている" in str(review.reasons[0])


@pytest.mark.django_db
def test_local_entries_come_first_and_other_municipalities_are_left_out(demo_content):
    result = evaluate(answers(), "011002")
    names = [item.name for item in result.groups[0].items]
    assert names[0].startswith("【デモ】札幌市")
    assert not any("函館" in n for n in names)


@pytest.mark.django_db
def test_to_dict_is_json_and_stable(content):
    given = answers(situations=["under_18"], service_use="some", services_used=["home_help"])
    first, second = evaluate(given, None).to_dict(), evaluate(given, None).to_dict()
    assert first == second
    data = json.loads(json.dumps(first))
    assert data["track"] == "B"
    assert {"id", "name", "reasons"} <= set(data["groups"][0]["items"][0])
    assert any(n["key"] == "young_carer" for n in data["notes"])


@pytest.mark.django_db
def test_api_functions_for_case_records(content):
    from services import api

    form = api.guidance_form_class()(
        data={"recipient": "parent", "needs": ["ageing"], "service_use": "none"}
    )
    assert form.is_valid(), form.errors
    json.dumps(form.cleaned_data)  # storable as it is
    assert api.evaluate_guidance(form.cleaned_data, "011002").track == "A"


@pytest.mark.django_db
def test_a_reason_names_every_answer_that_led_to_it(content):
    from django.utils import translation

    result = evaluate(
        answers(service_use="some", services_used=["home_help"], situations=["alone"]), None
    )
    centre = next(
        i for i in result.items() if i.service and i.service.key == "community-support-centre"
    )
    with translation.override("en"):
        reasons = " ".join(str(r) for r in centre.reasons)
    assert "already uses some services" in reasons and "I care mostly alone" in reasons


@pytest.mark.django_db
def test_disability_entries_only_for_disability_needs(content):
    assert "disability-welfare" not in _keys(
        evaluate(answers(service_use="some", services_used=["home_help"]), None)
    )
    assert "disability-welfare" in _keys(evaluate(answers(needs=["mental"]), None))


LONG_TERM_CARE = {
    "home-help",
    "day-service",
    "short-stay",
    "care-level-application",
    "care-manager",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "given",
    [
        answers(recipient="sibling", needs=["disability"], situations=["under_18"]),
        answers(
            recipient="sibling",
            needs=["disability"],
            service_use="some",
            services_used=["disability"],
            situations=["under_18"],
            wishes=["break", "help_at_home"],
        ),
        answers(recipient="child", needs=["illness"], wishes=["help_at_home"]),
        answers(recipient="partner", needs=["mental"], service_use="some", services_used=["other"]),
        answers(needs=["illness"], care_level="na", wishes=["help_at_home"]),
    ],
    ids=[
        "a-disabled-sibling",
        "b-disabled-sibling",
        "a-ill-child",
        "b-mental-health",
        "a-not-applicable",
    ],
)
def test_long_term_care_insurance_only_where_it_can_apply(content, given):
    """Long-term care insurance serves older people (and 40–64 with age-related
    illness): a child or a disability alone is led to other services."""
    keys = _keys(evaluate(given, None))
    assert not keys & LONG_TERM_CARE, keys & LONG_TERM_CARE


@pytest.mark.django_db
def test_certified_care_level_opens_long_term_care_services(content):
    keys = _keys(evaluate(answers(needs=["disability"], care_level="c1"), None))
    assert "home-help" in keys


@pytest.mark.django_db
def test_work_care_systems_only_for_carers_who_work(content):
    keys = _keys(evaluate(answers(wishes=["money"]), None))
    assert "family-care-leave-benefit" not in keys
    keys = _keys(evaluate(answers(wishes=["money"], situations=["working"]), None))
    assert "family-care-leave-benefit" in keys


@pytest.mark.django_db
@pytest.mark.parametrize("service_use,used", [("none", []), ("some", ["home_help"])])
def test_a_young_carer_is_led_to_young_carer_support_first(content, service_use, used):
    given = answers(service_use=service_use, services_used=used, situations=["under_18"])
    result = evaluate(given, None)
    assert result.groups[0].key == "young_carer"
    assert result.groups[0].items[0].service.key == "young-carer-support"


@pytest.mark.django_db
def test_entries_for_narrower_groups_only_where_they_fit(content):
    """The community general support centre is for older people, dementia cafés
    for dementia: a child with a disability is led to disability consultation."""
    keys = _keys(
        evaluate(answers(recipient="child", needs=["disability"], wishes=["talk", "money"]), None)
    )
    assert not keys & {"community-support-centre", "dementia-cafe", "high-cost-ltc"}
    assert "disability-consultation" in keys
    keys = _keys(evaluate(answers(needs=["dementia"], wishes=["talk"]), None))
    assert {"community-support-centre", "dementia-cafe"} <= keys
