"""Staff edit the entries of their scope; anything else is a 404."""

import pytest

from services.models import Scope, Service


def form_data(**changes):
    from services.models import Organization, TaxonomyTerm

    data = {
        "name_ja": "札幌市 介護者のつどい",
        "summary_ja": "介護する家族の集まり",
        "organization": str(Organization.objects.get(key="municipalities").pk),
        "categories": [str(TaxonomyTerm.objects.get(code="peer_support").pk)],
        "audiences": ["carers"],
        "scope": "municipal",
        "municipalities": ["011002"],
        "status": "published",
        "last_verified": "2026-01-05",
    }
    data.update({"locations-TOTAL_FORMS": "0", "locations-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


@pytest.fixture
def sapporo_entry(make_service, municipality):
    return make_service(name_ja="札幌の窓口", scope=Scope.MUNICIPAL, municipalities=[municipality])


@pytest.mark.django_db
def test_municipal_staff_create_an_entry_of_their_municipality(
    client_for, municipal_staff, content
):
    response = client_for(municipal_staff).post("/services/manage/new/", form_data())
    assert response.status_code == 302
    service = Service.objects.get(name_ja="札幌市 介護者のつどい")
    assert list(service.municipalities.values_list("code", flat=True)) == ["011002"]
    assert service.updated_by == municipal_staff


@pytest.mark.django_db
def test_municipal_staff_cannot_create_for_another_municipality_or_nationally(
    client_for, municipal_staff, content
):
    c = client_for(municipal_staff)
    assert c.post("/services/manage/new/", form_data(municipalities=["012025"])).status_code == 400
    assert (
        c.post("/services/manage/new/", form_data(scope="national", municipalities=[])).status_code
        == 400
    )
    assert not Service.objects.filter(name_ja="札幌市 介護者のつどい").exists()


@pytest.mark.django_db
def test_edit_within_scope(client_for, municipal_staff, sapporo_entry):
    response = client_for(municipal_staff).post(
        f"/services/manage/{sapporo_entry.pk}/edit/", form_data(name_ja="札幌の窓口（改）")
    )
    assert response.status_code == 302
    sapporo_entry.refresh_from_db()
    assert sapporo_entry.name_ja == "札幌の窓口（改）"
    assert "さっぽろの窓口" not in sapporo_entry.search_text and "改" in sapporo_entry.search_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["other_municipality_staff", "resident", "advisor_user", "organiser"]
)
def test_outside_scope_is_404(request, client_for, persona, sapporo_entry):
    c = client_for(request.getfixturevalue(persona))
    for url in (
        f"/services/manage/{sapporo_entry.pk}/edit/",
        f"/services/manage/{sapporo_entry.pk}/delete/",
    ):
        assert c.get(url).status_code == 404
    assert c.post(f"/services/manage/{sapporo_entry.pk}/verify/").status_code == 404


@pytest.mark.django_db
def test_municipal_staff_cannot_edit_national_entries(client_for, municipal_staff, content):
    national = Service.objects.get(key="home-help")
    assert (
        client_for(municipal_staff).get(f"/services/manage/{national.pk}/edit/").status_code == 404
    )


@pytest.mark.django_db
def test_prefecture_staff_edit_everything(client_for, prefecture_staff, sapporo_entry, content):
    c = client_for(prefecture_staff)
    assert c.get(f"/services/manage/{sapporo_entry.pk}/edit/").status_code == 200
    national = Service.objects.get(key="home-help")
    assert c.get(f"/services/manage/{national.pk}/edit/").status_code == 200


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in(visitor, sapporo_entry):
    assert visitor.get("/services/manage/").status_code == 302


@pytest.mark.django_db
def test_bad_input_keeps_what_was_typed(client_for, municipal_staff, content):
    response = client_for(municipal_staff).post(
        "/en/services/manage/new/",
        form_data(summary_ja="", visible_from="2026-05-01", visible_until="2026-04-01"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "札幌市 介護者のつどい" in html
    assert "must not be before its start" in html


@pytest.mark.django_db
def test_delete_asks_then_deletes(client_for, municipal_staff, sapporo_entry):
    c = client_for(municipal_staff)
    assert c.get(f"/services/manage/{sapporo_entry.pk}/delete/").status_code == 200
    assert Service.objects.filter(pk=sapporo_entry.pk).exists()
    assert c.post(f"/services/manage/{sapporo_entry.pk}/delete/").status_code == 302
    assert not Service.objects.filter(pk=sapporo_entry.pk).exists()


@pytest.mark.django_db
def test_verify_sets_today(client_for, municipal_staff, sapporo_entry):
    import datetime

    Service.objects.filter(pk=sapporo_entry.pk).update(last_verified=datetime.date(2020, 1, 1))
    client_for(municipal_staff).post(f"/services/manage/{sapporo_entry.pk}/verify/")
    sapporo_entry.refresh_from_db()
    assert not sapporo_entry.is_unverified


@pytest.mark.django_db
def test_manage_list_is_scoped_and_bounded(
    client_for, municipal_staff, sapporo_entry, django_assert_max_num_queries
):
    c = client_for(municipal_staff)
    with django_assert_max_num_queries(15):
        response = c.get("/services/manage/")
    assert [s.pk for s in response.context["page"].object_list] == [sapporo_entry.pk]


@pytest.mark.django_db
def test_draft_is_404_for_visitors_but_visible_to_its_staff(
    visitor, client_for, municipal_staff, sapporo_entry
):
    Service.objects.filter(pk=sapporo_entry.pk).update(status="draft")
    assert visitor.get(f"/services/{sapporo_entry.pk}/").status_code == 404
    assert client_for(municipal_staff).get(f"/services/{sapporo_entry.pk}/").status_code == 200


def location_data(prefix="locations", initial=0, total=1, **rows):
    data = {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, values in rows.items():
        data.update({f"{prefix}-{index}-{k}": v for k, v in values.items()})
    return data


@pytest.mark.django_db
def test_add_and_remove_a_location(client_for, municipal_staff, sapporo_entry, visitor):
    c = client_for(municipal_staff)
    url = f"/services/manage/{sapporo_entry.pk}/edit/"
    place = {
        "name_ja": "中央区役所",
        "municipality": "011002",
        "postal_code": "060-0001",
        "address_ja": "中央区1-1",
    }
    assert c.post(url, {**form_data(), **location_data(**{"0": place})}).status_code == 302
    location = sapporo_entry.service_at_locations.get().location
    assert "中央区1-1" in visitor.get(f"/services/{sapporo_entry.pk}/").content.decode()
    removed = {**place, "id": str(location.pk), "DELETE": "on"}
    data = {**form_data(), **location_data(initial=1, total=2, **{"0": removed})}
    assert c.post(url, data).status_code == 302
    assert not sapporo_entry.service_at_locations.exists()


@pytest.mark.django_db
def test_a_location_in_another_municipality_is_refused(client_for, municipal_staff, sapporo_entry):
    place = {"name_ja": "函館の場所", "municipality": "012025"}
    response = client_for(municipal_staff).post(
        f"/services/manage/{sapporo_entry.pk}/edit/",
        {**form_data(), **location_data(**{"0": place})},
    )
    assert response.status_code == 400
    assert not sapporo_entry.service_at_locations.exists()


@pytest.mark.django_db
def test_editing_a_shared_entry_keeps_the_other_municipalities(
    client_for, other_municipality_staff, make_service, municipality, other_municipality
):
    """函館市's staff only see their own municipality in the form; saving a
    joint entry of 札幌市 and 函館市 must not remove 札幌市 from it."""
    shared = make_service(
        name_ja="広域の窓口",
        scope=Scope.MUNICIPAL,
        municipalities=[municipality, other_municipality],
    )
    response = client_for(other_municipality_staff).post(
        f"/services/manage/{shared.pk}/edit/",
        form_data(name_ja="広域の窓口（改）", municipalities=[other_municipality.code]),
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.name_ja == "広域の窓口（改）"
    assert set(shared.municipalities.values_list("code", flat=True)) == {
        municipality.code,
        other_municipality.code,
    }


@pytest.mark.django_db
def test_staff_add_their_own_provider_organisation(client_for, municipal_staff, content):
    from services.models import Organization

    c = client_for(municipal_staff)
    response = c.post(
        "/services/manage/new/", form_data(organization="", new_provider="札幌市 保健福祉局")
    )
    assert response.status_code == 302
    service = Service.objects.get(name_ja="札幌市 介護者のつどい")
    assert service.organization.name_ja == "札幌市 保健福祉局"
    assert service.organization.municipality_id == "011002"
    # Neither, or both: a clear message, nothing saved, the rest kept.
    response = c.post("/services/manage/new/", form_data(organization="", name_ja="二つ目"))
    assert response.status_code == 400 and "organization" in response.context["form"].errors
    both = form_data(new_provider="別の機関", name_ja="三つ目")
    response = c.post("/services/manage/new/", both)
    assert response.status_code == 400 and "new_provider" in response.context["form"].errors
    assert Organization.objects.filter(name_ja="別の機関").count() == 0
    assert not Service.objects.filter(name_ja__in=["二つ目", "三つ目"]).exists()


@pytest.mark.django_db
def test_deleting_a_built_in_entry_hides_it_for_good(client_for, prefecture_staff, content):
    """Deleted built-in content would come back with the next content load: it
    is set to draft instead, and stays so."""
    from django.core.management import call_command

    entry = Service.objects.get(key="home-help")
    c = client_for(prefecture_staff)
    assert "draft" in c.get(f"/en/services/manage/{entry.pk}/delete/").content.decode()
    assert c.post(f"/services/manage/{entry.pk}/delete/").status_code == 302
    call_command("load_content", verbosity=0, stdout=__import__("io").StringIO())
    entry.refresh_from_db()
    assert entry.status == "draft"
    assert not Service.objects.public().filter(key="home-help").exists()


@pytest.mark.django_db
def test_a_new_provider_typed_in_the_form_keeps_its_corporate_number(
    client_for, municipal_staff, content
):
    c = client_for(municipal_staff)
    bad = form_data(
        organization="", new_provider="NPO法人 きずなの輪", new_provider_number="1234567890123"
    )
    response = c.post("/services/manage/new/", bad)
    assert response.status_code == 400 and "new_provider_number" in response.context["form"].errors
    good = dict(bad, new_provider_number="7000-0120-50002")  # hyphens as often written
    assert c.post("/services/manage/new/", good).status_code == 302
    provider = Service.objects.get(name_ja="札幌市 介護者のつどい").organization
    assert (provider.name_ja, provider.corporate_number) == ("NPO法人 きずなの輪", "7000012050002")
