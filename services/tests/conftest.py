import pytest


@pytest.fixture
def content(db):
    """The built-in taxonomy, national and prefectural entries: loaded into the
    test database once per session (the root conftest's django_db_setup)."""
    from services import builtin

    return builtin


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
