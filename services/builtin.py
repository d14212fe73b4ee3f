"""The catalogue's built-in content, kept as YAML in services/content/:

- ``taxonomy.yaml``: the categories, in the order they are shown;
- ``organisations.yaml``: who provides the built-in entries;
- ``national.yaml`` and ``prefecture.yaml``: the entries, each with a stable
  ``key``, its texts in Japanese and English and the source it was written
  from. ``{pref}``, ``{pref_en}`` and ``{pref_gov_en}`` are filled with the
  portal's prefecture.

Loaded by ``manage.py load_content`` (carers.contentfiles explains how staff
edits are kept); ``save_service`` also writes the demo entries (services/demo.yaml).
"""

from collections import Counter
from pathlib import Path

from django.utils import timezone

from carers.contentfiles import ContentError, bilingual, read_yaml, require, sync
from carers.prefecture import prefecture

from .models import Audience, Organization, Scope, Service, ServiceStatus, Taxonomy, TaxonomyTerm

CONTENT = Path(__file__).resolve().parent / "content"
ENTRY_FILES = ("national.yaml", "prefecture.yaml")
TEXTS = ("name", "summary", "description", "eligibility", "how_to_apply", "cost")


def _filler():
    pref = prefecture()
    tokens = {"{pref_gov_en}": pref.gov_en, "{pref_en}": pref.name_en, "{pref}": pref.name_ja}

    def fill(value: str) -> str:
        for token, name in tokens.items():
            value = value.replace(token, name)
        return value

    return fill


def _items(path, data, name) -> list[dict]:
    items = data.get(name)
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ContentError(path, f"expected a list of entries under '{name}:'")
    return items


def service_values(path, entry: dict, fill=str) -> dict:
    """The Service fields of one entry (without organisation and categories)."""
    (key,) = require(path, entry, "key")
    try:
        values = _service_values(path, entry)
    except ContentError as error:
        raise ContentError(path, f"entry {key}: {error.detail}") from None
    return {name: fill(v) if isinstance(v, str) else v for name, v in values.items()}


def _service_values(where, entry: dict) -> dict:
    values = {}
    for name in TEXTS:
        values.update(bilingual(where, entry, name))
    contact = bilingual(where, entry, "contact") if "contact" in entry else {}
    audiences = require(where, entry, "audiences")[0]
    unknown = set(audiences) - set(Audience.values)
    scope = entry.get("scope", Scope.NATIONAL)
    if unknown or scope not in Scope.values:
        raise ContentError(where, f"unknown audience or scope: {sorted(unknown) or scope}")
    values.update(
        scope=scope,
        audiences=list(audiences),
        keywords=entry.get("keywords", ""),
        source=require(where, entry, "source")[0],
        phone=str(entry.get("phone", "")),
        contact_ja=contact.get("contact_ja", ""),
        contact_en=contact.get("contact_en", ""),
        status=ServiceStatus.PUBLISHED,
    )
    return values


def save_service(path, entry, *, organisations, terms, fill=str, is_demo=False, municipalities=()):
    """Create or update one entry (matched by its key); staff's changes are kept."""
    values = service_values(path, entry, fill)
    org = organisations.get(entry.get("organisation"))
    codes = entry.get("categories") or []
    if org is None or not codes or set(codes) - set(terms):
        raise ContentError(
            path, f"entry {entry['key']}: unknown organisation or categories (or none given)"
        )
    values.update(organization_id=org.pk, is_demo=is_demo)
    related = {
        "categories": [terms[c].pk for c in codes],
        "municipalities": [m.pk for m in municipalities],
    }
    return sync(
        Service,
        {"key": entry["key"]},
        values,
        related,
        create={"last_verified": timezone.localdate()},
    )


def load_taxonomy(outcomes=None) -> dict:
    path = CONTENT / "taxonomy.yaml"
    data = read_yaml(path)
    name, description = require(path, data, "name", "description")
    outcomes = Counter() if outcomes is None else outcomes
    outcomes[sync(Taxonomy, {"name": name}, {"description": description, "version": "1"})] += 1
    taxonomy = Taxonomy.objects.get(name=name)
    for order, item in enumerate(_items(path, data, "categories")):
        (code,) = require(path, item, "code")
        values = {"taxonomy_id": taxonomy.pk, "order": order, **bilingual(path, item, "name")}
        outcomes[sync(TaxonomyTerm, {"code": code}, values)] += 1
    return {t.code: t for t in TaxonomyTerm.objects.filter(taxonomy=taxonomy)}


def load_organisations(path, data, fill=str, outcomes=None, **extra) -> dict:
    outcomes = Counter() if outcomes is None else outcomes
    keys = []
    for item in _items(path, data, "organisations"):
        (key,) = require(path, item, "key")
        names = {k: fill(v) for k, v in bilingual(path, item, "name").items()}
        values = {**names, "website": item.get("website", ""), **extra}
        if "municipality" in item:
            values["municipality_id"] = str(item["municipality"])
        outcomes[sync(Organization, {"key": key}, values)] += 1
        keys.append(key)
    return {o.key: o for o in Organization.objects.filter(key__in=keys)}


def load() -> Counter:
    """The taxonomy, the providers, the national systems and the prefecture's
    programmes; counts of created/updated/unchanged/kept rows."""
    outcomes = Counter()
    fill = _filler()
    terms = load_taxonomy(outcomes)
    path = CONTENT / "organisations.yaml"
    organisations = load_organisations(path, read_yaml(path), fill, outcomes)
    for name in ENTRY_FILES:
        path = CONTENT / name
        for entry in _items(path, read_yaml(path), "services"):
            outcome = save_service(path, entry, organisations=organisations, terms=terms, fill=fill)
            outcomes[outcome] += 1
    return outcomes
