"""The /opendata/ page in both languages, the file URLs, the DCAT catalogue."""

import json

import pytest

from opendata import datasets as D

from .conftest import PREFECTURE, SAPPORO


@pytest.mark.django_db
def test_the_page_lists_every_dataset_with_the_licence(world, client):
    page = client.get("/opendata/").content.decode()
    assert "CC BY 4.0" in page and 'rel="license"' in page
    for key in D.ALL:
        for fmt in D.FORMATS:
            assert f'href="{D.file_path(PREFECTURE, key, fmt)}"' in page
    assert "中止" in page and "&lt;5" in page and "〓" in page
    english = client.get("/en/opendata/").content.decode()
    assert "Open data" in english and "CC BY 4.0" in english
    assert 'href="/en/opendata/catalog.jsonld"' in english


@pytest.mark.django_db
def test_choosing_a_municipality_shows_its_files(world, client):
    page = client.get(f"/opendata/?area={SAPPORO}").content.decode()
    assert f'href="{D.file_path(SAPPORO, "events", "csv")}"' in page
    assert f'<option value="{SAPPORO}" selected>' in page
    bad = client.get("/opendata/?area=999999")
    assert bad.status_code == 200
    assert "その地域はありません" in bad.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/opendata/011002/nothing.csv",
        "/opendata/011002/events.xlsx",
        "/opendata/131016/events.csv",  # 千代田区: not in this prefecture
        "/opendata/no-such-thing/events.csv",
        "/opendata/011002/events",
    ],
)
def test_unknown_files_are_404(world, client, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_the_dcat_catalogue_lists_every_file(world, client):
    response = client.get("/opendata/catalog.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    datasets = catalogue["dcat:dataset"]
    assert len(datasets) == len(D.areas()) * len(D.ALL)
    urls = set()
    for dataset in datasets:
        assert dataset["@type"] == "dcat:Dataset"
        assert dataset["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
        assert {t["@language"] for t in dataset["dct:title"]} == {"ja", "en"}
        assert len(dataset["dcat:distribution"]) == 3
        for dist in dataset["dcat:distribution"]:
            assert dist["dcat:downloadURL"]["@id"] == dist["dcat:accessURL"]["@id"]
            urls.add(dist["dcat:downloadURL"]["@id"])
    sapporo_events = f"http://127.0.0.1:8000/opendata/{SAPPORO}/events-cp932.csv"
    assert sapporo_events in urls
    assert client.get(sapporo_events.removeprefix("http://127.0.0.1:8000")).status_code == 200


@pytest.mark.django_db
def test_the_page_takes_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert client.get(f"/opendata/?area={SAPPORO}").status_code == 200


def test_the_public_url_contract_includes_open_data():
    from django.urls import resolve

    assert resolve("/opendata/").url_name == "index"
    assert resolve("/opendata/catalog.jsonld").url_name == "catalog"
    assert resolve("/opendata/010006/events.csv").url_name == "file"
