"""HSDS 3.0 JSON objects built from the catalogue's rows."""

import functools
import uuid

from django.conf import settings

from carers.models import Municipality

from ..models import Scope


def _uuid(parent, name):
    return str(
        uuid.uuid5(parent if isinstance(parent, uuid.UUID) else uuid.UUID(str(parent)), name)
    )


def _drop_empty(data):
    """HSDS fields are optional: leave out empty ones rather than send "" for a uri/email."""
    return {k: v for k, v in data.items() if v not in ("", None)}


def organization_json(org):
    return _drop_empty(
        {
            "id": str(org.pk),
            "name": org.name_ja,
            "alternate_name": org.name_en,
            "description": org.description_ja or org.name_ja,
            "email": org.email,
            "website": org.website,
        }
    )


def taxonomy_json(taxonomy):
    return _drop_empty(
        {
            "id": str(taxonomy.pk),
            "name": taxonomy.name,
            "description": taxonomy.description,
            "version": taxonomy.version,
        }
    )


def taxonomy_term_json(term, detail=True):
    data = _drop_empty(
        {
            "id": str(term.pk),
            "code": term.code,
            "name": term.name_ja,
            "description": term.description_ja or term.name_en,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy_id),
            "language": "ja",
        }
    )
    if detail:
        data["taxonomy_detail"] = taxonomy_json(term.taxonomy)
    return data


def location_json(location):
    data = _drop_empty(
        {
            "id": str(location.pk),
            "location_type": "physical",
            "name": location.name_ja,
            "alternate_name": location.name_en,
            "organization_id": str(location.organization_id) if location.organization_id else None,
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
    )
    if location.address_ja and location.municipality_id:
        muni = location.municipality
        data["addresses"] = [
            {
                "id": _uuid(location.pk, "address"),
                "location_id": str(location.pk),
                "address_1": location.address_ja,
                "address_2": location.address_line2,
                "city": muni.name,
                "state_province": muni.prefecture,
                "postal_code": location.postal_code or "",
                "country": "JP",
                "address_type": "physical",
            }
        ]
    return data


def _service_base(service):
    return _drop_empty(
        {
            "id": str(service.pk),
            "organization_id": str(service.organization_id),
            "name": service.name_ja,
            "alternate_name": service.name_en,
            "description": "\n\n".join(
                v for v in (service.summary_ja, service.description_ja) if v
            ),
            "url": service.url,
            "email": service.email,
            "status": "inactive" if service.is_closed else "active",
            "application_process": service.how_to_apply_ja,
            "fees_description": service.cost_ja,
            "eligibility_description": service.eligibility_ja,
            "assured_date": service.last_verified.isoformat(),
            "last_modified": service.updated_at.isoformat(),
        }
    )


def service_list_json(service):
    data = _service_base(service)
    data["organization"] = organization_json(service.organization)
    return data


def service_json(service):
    """The fully nested service."""
    data = service_list_json(service)
    if service.phone:
        data["phones"] = [
            {
                "id": _uuid(service.pk, "phone"),
                "service_id": str(service.pk),
                "number": service.phone,
            }
        ]
    data["service_at_locations"] = [
        {
            "id": str(sal.pk),
            "service_id": str(service.pk),
            "location_id": str(sal.location_id),
            "location": location_json(sal.location),
        }
        for sal in service.service_at_locations.all()
    ]
    data["attributes"] = [
        {
            "id": _uuid(service.pk, f"term:{term.pk}"),
            "link_id": str(service.pk),
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": str(term.pk),
            "value": term.code,
            "taxonomy_term": taxonomy_term_json(term, detail=False),
        }
        for term in service.categories.all()
    ]
    if service.attribution:
        # 公共データ利用規約 第1.0版: the source and the "processed" statement travel
        # with every imported entry.
        data["attributes"].append(
            {
                "id": _uuid(service.pk, "attribution"),
                "link_id": str(service.pk),
                "link_type": "attribution",
                "link_entity": "service",
                "value": str(service.attribution),
            }
        )
    if service.opening_days or service.opening_notes:
        data["schedules"] = [
            {
                "id": _uuid(service.pk, "schedule"),
                "service_id": str(service.pk),
                "description": " ".join(
                    v for v in (service.opening_days, service.opening_notes) if v
                ),
            }
        ]
    data["service_areas"] = service_areas_json(service)
    data["languages"] = [
        {
            "id": _uuid(service.pk, "language:ja"),
            "service_id": str(service.pk),
            "name": "Japanese",
            "code": "ja",
        }
    ]
    return data


@functools.cache
def _prefecture(prefecture_code):
    """(name, code) of the portal's prefecture: fixed reference data, read once."""
    return (
        Municipality.objects.filter(is_prefecture=True, prefecture_code=prefecture_code)
        .values_list("prefecture", "code")
        .first()
    )


def service_areas_json(service):
    """Where the service applies (its scope): the whole country, the prefecture,
    or each named municipality (its 6-digit local government code as ``uri``)."""
    if service.scope == Scope.MUNICIPAL:
        areas = [(m.name, f"urn:jp:lg-code:{m.code}", m.code) for m in service.municipalities.all()]
    elif service.scope == Scope.PREFECTURAL:
        pref = _prefecture(settings.PORTAL_PREFECTURE_CODE)
        areas = [(pref[0], f"urn:jp:lg-code:{pref[1]}", pref[1])] if pref else []
    else:
        areas = [("日本全国", "", "national")]
    return [
        _drop_empty(
            {
                "id": _uuid(service.pk, f"area:{key}"),
                "service_id": str(service.pk),
                "name": name,
                "description": str(service.get_scope_display()),
                "uri": uri,
            }
        )
        for name, uri, key in areas
    ]


def service_at_location_json(sal):
    return _drop_empty(
        {
            "id": str(sal.pk),
            "service_id": str(sal.service_id),
            "location_id": str(sal.location_id),
            "location": location_json(sal.location),
            "service": _service_base(sal.service),
        }
    )
