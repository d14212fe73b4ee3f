"""Local government codes as national data writes them map to the portal's
municipalities: designated cities' wards to their city, Tokyo's special wards
to themselves."""

import pytest

from carers.municipalities import city_code_for


@pytest.mark.parametrize(
    ("code", "city"),
    [
        ("011011", "011002"),  # 札幌市中央区 → 札幌市
        ("011100", "011002"),  # 札幌市手稲区 (the tenth ward)
        ("01101", "011002"),  # five digits, without the check digit
        ("141011", "141003"),  # 横浜市鶴見区 → 横浜市
        ("141313", "141305"),  # 川崎市川崎区 → 川崎市, not 横浜市
        ("141518", "141500"),  # 相模原市緑区 → 相模原市
        ("271276", "271004"),  # 大阪市北区 → 大阪市
        ("271411", "271403"),  # 堺市堺区 → 堺市
        ("401099", "401005"),  # 北九州市八幡西区 → 北九州市
        ("401315", "401307"),  # 福岡市東区 → 福岡市
        ("221384", "221309"),  # 浜松市中央区 (2024) → 浜松市
        ("131016", "131016"),  # 千代田区: a special ward is a municipality
        ("131237", "131237"),  # 江戸川区
        ("012025", "012025"),  # 函館市: a municipality maps to itself
        (" 011002 ", "011002"),
    ],
)
def test_codes_map_to_the_municipality_they_stand_for(code, city):
    assert city_code_for(code) == city


@pytest.mark.parametrize("code", ["010006", "131008", "011012", "999999", "abc", "", None])
def test_prefectures_unknown_codes_and_wrong_check_digits_map_to_nothing(code):
    assert city_code_for(code) is None


@pytest.mark.django_db
def test_tokyo_has_its_23_special_wards_as_municipalities(settings):
    from carers.models import Municipality

    settings.PORTAL_PREFECTURE_CODE = "13"
    wards = Municipality.objects.in_portal_prefecture().filter(code__range=("131016", "131237"))
    assert wards.count() == 23
    assert all(w.name.endswith("区") for w in wards)


@pytest.mark.django_db
def test_a_ward_code_in_a_search_means_its_city(client, organiser):
    from salons.models import Salon, SalonStatus

    for code, name in (("011002", "札幌のサロン"), ("012025", "函館のサロン")):
        Salon.objects.create(
            name=name,
            description="架空のサロンです。",
            organising_body="架空の会",
            municipality_id=code,
            is_in_person=True,
            venue_address="（架空）",
            audiences=["carers"],
            status=SalonStatus.PUBLISHED,
            organiser=organiser,
        )
    salons = client.get("/salons/", {"municipality": "011011"}).content.decode()
    assert "札幌のサロン" in salons and "函館のサロン" not in salons
    services = client.get("/en/services/", {"municipality": "011011"}).content.decode()
    assert "Sapporo-shi, with national and prefectural services" in services
