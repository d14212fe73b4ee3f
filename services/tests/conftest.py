import pytest

# Rows written by ``services.content.load()``, taken once per test session:
# loading the catalogue entry by entry costs seconds, copying its rows back
# in a few bulk inserts costs milliseconds. Each test still gets its own copy
# inside its own transaction.
_LOADED_ROWS = []


def _content_models():
    from services.models import (
        Location,
        Organization,
        SearchEntry,
        Service,
        ServiceAtLocation,
        Taxonomy,
        TaxonomyTerm,
    )

    return [
        Taxonomy,
        TaxonomyTerm,
        Organization,
        Location,
        Service,
        Service.categories.through,
        Service.municipalities.through,
        ServiceAtLocation,
        SearchEntry,  # the search index (derived rows, written by save(), not by bulk_create)
    ]


def _written(model):
    names = {f.name for f in model._meta.concrete_fields}
    return ["created_at", "pk"] if "created_at" in names else ["pk"]


def _copy(obj):
    """The same row as a new instance (an auto-numbered key is numbered again)."""
    from django.db.models import AutoField, BigAutoField

    fields = obj._meta.concrete_fields
    return type(obj)(
        **{
            f.attname: getattr(obj, f.attname)
            for f in fields
            if not (f.primary_key and isinstance(f, AutoField | BigAutoField))
        }
    )


@pytest.fixture
def content(db):
    """The built-in taxonomy, national and prefectural entries."""
    from services import content as built_in
    from services.models import Taxonomy

    if not _LOADED_ROWS or Taxonomy.objects.exists():
        built_in.load()
        if not _LOADED_ROWS:
            # In the order they were written: bulk_create stamps created_at
            # anew, and the guidance orders national entries by it.
            _LOADED_ROWS.extend(
                (m, list(m.objects.order_by(*_written(m)))) for m in _content_models()
            )
        return built_in
    for model, rows in _LOADED_ROWS:
        model.objects.bulk_create([_copy(row) for row in rows])
        # Inserting stamps auto_now(_add) fields anew: the original times keep
        # their order (suggestions list the first-written national entry first).
        stamps = [
            f.attname
            for f in model._meta.concrete_fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        if stamps:
            model.objects.bulk_update([_copy(row) for row in rows], stamps)
    return built_in


@pytest.fixture
def demo_content(content):
    """Built-in content plus the demo entries of 札幌市 and 函館市."""
    from services import demo

    demo.load({})
    return demo


@pytest.fixture
def make_service(content):
    """make_service(**fields) -> a published Service (municipal scope needs municipalities=[...])."""
    from services.models import Organization, Service, TaxonomyTerm

    def make(categories=("consultation",), municipalities=(), **fields):
        org = Organization.objects.get(key="municipalities")
        defaults = {
            "name_ja": "テスト窓口",
            "summary_ja": "テスト",
            "organization": org,
            "scope": "national",
            "audiences": ["carers"],
        }
        service = Service.objects.create(**{**defaults, **fields})
        service.categories.set(TaxonomyTerm.objects.filter(code__in=categories))
        service.municipalities.set(municipalities)
        return service

    return make


@pytest.fixture(autouse=True)
def _japanese():
    """Each test starts in the default language (a request to /en/ leaves English
    active in the thread; Python-level calls in later tests must not inherit it)."""
    from django.utils import translation

    with translation.override("ja"):
        yield
