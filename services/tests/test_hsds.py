"""/api/hsds/: responses validated against the Open Referral HSDS 3.0 schemas
(copied from the specification into hsds_schemas/), with format checks."""

import json
import uuid
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "hsds_schemas"
BASE = "https://hsds.test/schema/"


def _registry():
    resources = []
    for path in SCHEMAS.glob("*.json"):
        resources.append(
            (BASE + path.name, Resource(json.loads(path.read_text()), specification=DRAFT202012))
        )
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validate(data, schema_name):
    schema = {"$ref": BASE + schema_name}
    validator = Draft202012Validator(schema, registry=REGISTRY, format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def page_schema():
    openapi = json.loads((SCHEMAS / "openapi.json").read_text())
    return openapi["components"]["schemas"]["Page"]


def validate_page(data, item_schema):
    page = page_schema()
    for key, spec in page["properties"].items():
        assert key in data, f"page field {key} missing"
        assert isinstance(data[key], int if spec["type"] == "integer" else bool)
    for item in data["contents"]:
        validate(item, item_schema)


@pytest.fixture
def api(client, demo_content):
    def get(path, **params):
        response = client.get("/api/hsds/" + path, params)
        assert response.status_code == 200, response.content
        return response.json()

    return get


@pytest.mark.django_db
def test_root(api):
    assert api("")["version"] == "3.0"


@pytest.mark.django_db
def test_services_list_and_full_detail(api):
    data = api("services", per_page=100)
    validate_page(data, "service_list.json")
    assert data["total_items"] == len(data["contents"]) > 20
    with_location = next(
        s for s in data["contents"] if s["name"].startswith("【デモ】札幌市中央区")
    )
    detail = api(f"services/{with_location['id']}")
    validate(detail, "service_with_definitions.json")
    validate(detail, "service.json")
    assert detail["service_at_locations"][0]["location"]["addresses"][0]["city"] == "札幌市"
    assert {a["value"] for a in detail["attributes"]} == {"consultation"}


@pytest.mark.django_db
def test_full_list(api):
    page = api("services", full="true", per_page=5)
    validate_page(page, "service.json")  # raises on any schema violation
    assert len(page["contents"]) == 5


@pytest.mark.django_db
def test_pagination_fields(api):
    first = api("services", per_page=10)
    last = api("services", per_page=10, page=first["total_pages"])
    assert first["first_page"] and not first["last_page"] and first["page_number"] == 1
    assert last["last_page"] and last["size"] == first["total_items"] - 10 * (
        first["total_pages"] - 1
    )
    assert api("services", page="999999", per_page="-1")["page_number"] == first["total_items"]


@pytest.mark.django_db
def test_filters(api):
    terms = api("taxonomy_terms")
    validate_page(terms, "taxonomy_term.json")
    young = next(t for t in terms["contents"] if t["code"] == "young_carer")
    found = api("services", taxonomy_term_id=young["id"])
    assert found["total_items"] >= 3
    assert api("services", search="ｼｮｰﾄｽﾃｲ")["total_items"] >= 1
    assert api("services", taxonomy_term_id="not-a-uuid")["empty"] is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,list_schema,detail_schema",
    [
        ("organizations", "organization_list.json", "organization.json"),
        ("service_at_locations", "service_at_location_list.json", "service_at_location.json"),
        ("taxonomies", "taxonomy.json", "taxonomy.json"),
        ("taxonomy_terms", "taxonomy_term.json", "taxonomy_term.json"),
    ],
)
def test_lists_and_details_validate(api, path, list_schema, detail_schema):
    data = api(path)
    validate_page(data, list_schema)
    assert data["contents"]
    for item in data["contents"][:3]:
        validate(api(f"{path}/{item['id']}"), detail_schema)


@pytest.mark.django_db
def test_hidden_services_are_not_published(client, make_service):
    draft = make_service(status="draft")
    assert client.get(f"/api/hsds/services/{draft.pk}").status_code == 404
    assert str(draft.pk) not in client.get("/api/hsds/services", {"per_page": 200}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"]
)
def test_unknown_ids_are_404_json(client, path):
    for ident in (str(uuid.uuid4()), "nonsense"):
        response = client.get(f"/api/hsds/{path}/{ident}")
        assert response.status_code == 404
        assert response.json() == {"error": "not found"}


@pytest.mark.django_db
def test_ids_are_stable(api):
    first = api("services", full="true", per_page=3)["contents"]
    again = api("services", full="true", per_page=3)["contents"]
    assert first == again


@pytest.mark.django_db
def test_read_only(client, content):
    assert client.post("/api/hsds/services", {}).status_code == 405


@pytest.mark.django_db
def test_list_query_count(client, demo_content, django_assert_max_num_queries):
    # Constant: one query per prefetched relation (service areas need the
    # municipalities), whatever the number of services.
    with django_assert_max_num_queries(10):
        client.get("/api/hsds/services", {"full": "true", "per_page": 200})


def test_the_validator_can_fail():
    with pytest.raises(AssertionError):
        validate({"id": "not-a-uuid", "name": "x", "status": "open"}, "service_list.json")


@pytest.mark.django_db
def test_organization_detail_nests_its_services(api):
    org = next(
        o for o in api("organizations")["contents"] if o["name"] == "【デモ】札幌市 保健福祉局"
    )
    detail = api(f"organizations/{org['id']}")
    validate(detail, "organization.json")
    assert {s["name"] for s in detail["services"]} == {
        "【デモ】札幌市中央区第1地域包括支援センター",
        "【デモ】札幌市 介護者のつどい",
    }
    for service in detail["services"]:
        validate(service, "service_list.json")
    full = api(f"organizations/{org['id']}", full_service="true")
    for service in full["services"]:
        validate(service, "service_with_definitions.json")


@pytest.mark.django_db
def test_service_at_locations_take_the_service_filters(api):
    everything = api("service_at_locations")
    assert everything["total_items"] == 2
    hakodate = api("service_at_locations", search="はこだて")
    assert hakodate["total_items"] == 1
    assert hakodate["contents"][0]["service"]["name"].startswith("【デモ】函館市")
    assert api("service_at_locations", organization_id="nonsense")["empty"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["nothing", "services/x/y", "locations"])
def test_unknown_paths_are_404_json(client, path):
    response = client.get(f"/api/hsds/{path}")
    assert response.status_code == 404
    assert response.json() == {"error": "not found"}


@pytest.mark.django_db
def test_service_at_location_detail_validates_as_openapi_declares_it(api):
    """openapi.json gives /service_at_locations/{id} the compiled service schema."""
    for item in api("service_at_locations")["contents"]:
        detail = api(f"service_at_locations/{item['id']}")
        validate(detail, "service_at_location.json")  # raises on any schema violation
        validate(detail, "service_with_definitions.json")
        assert detail["id"] == item["id"]


@pytest.mark.django_db
def test_service_areas_give_the_scope(api):
    services = {s["name"]: s for s in api("services", full="true", per_page=200)["contents"]}
    sapporo = services["【デモ】札幌市中央区第1地域包括支援センター"]["service_areas"]
    assert [(a["name"], a["uri"]) for a in sapporo] == [("札幌市", "urn:jp:lg-code:011002")]
    assert services["ケアラーサロン・ケアラーズカフェ"]["service_areas"][0]["name"] == "北海道"
    assert services["介護休業"]["service_areas"][0]["name"] == "日本全国"
    for service in services.values():
        validate(service, "service_with_definitions.json")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, params",
    [
        ("services", {"search": "介護\x00"}),
        ("organizations", {"search": "\x00"}),
        ("service_at_locations", {"search": "a\x00b"}),
        ("taxonomy_terms", {"taxonomy_id": "\x00"}),
        ("services", {"page": "x"}),
        ("services", {"per_page": "1e3"}),
        ("services", {"page": "9" * 30}),
        ("services", {"modified_after": "yesterday"}),
        ("services", {"search": "あ" * 201}),
        ("taxonomies", {"x\x00": "1"}),
    ],
)
def test_bad_input_is_a_json_400(client, path, params):
    response = client.get(f"/api/hsds/{path}", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "bad request" and response.json()["detail"]


@pytest.mark.django_db
def test_wrong_method_is_a_json_405(client):
    response = client.post("/api/hsds/services")
    assert response.status_code == 405 and response.json()["error"] == "method not allowed"
