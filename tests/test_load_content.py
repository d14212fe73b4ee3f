"""Built-in content lives in files and reaches the database only through
`manage.py load_content`: idempotent, keeps staff's edits, refuses a
malformed file by name, and gives a fresh database everything it needs."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython

from portal import builtin as portal_content
from portal.actions import CONTENT_FIELDS, article_save
from portal.models import Article, GuidePage
from services import builtin as services_content
from services.models import Organization, Service, Taxonomy, TaxonomyTerm


def load():
    out = io.StringIO()
    call_command("load_content", stdout=out)
    return out.getvalue()


def entries_in_files():
    import yaml

    return sum(
        len(yaml.safe_load((services_content.CONTENT / name).read_text())["services"])
        for name in services_content.ENTRY_FILES
    )


def test_no_migration_of_portal_or_services_writes_content():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app, name), migration in loader.disk_migrations.items():
        if app == "portal":
            assert not any(isinstance(op, RunPython) for op in migration.operations), name


@pytest.mark.django_db
def test_an_empty_database_gets_articles_pages_and_catalogue(client):
    Service.objects.all().delete()
    Organization.objects.all().delete()
    Taxonomy.objects.all().delete()
    Article.objects.all().delete()
    GuidePage.objects.all().delete()
    assert client.get("/awareness/work-and-care/").status_code == 404

    output = load()

    articles = {p.name.split(".")[0] for p in portal_content.ARTICLES.glob("*.md")}
    assert set(Article.objects.values_list("content_key", flat=True)) == articles
    assert len(articles) >= 7
    assert Article.objects.published().count() == len(articles)
    assert set(GuidePage.objects.values_list("key", flat=True)) == {
        "work-and-care",
        "back-to-work",
        "salon-startup",
    }
    assert Service.objects.filter(key__isnull=False).count() == entries_in_files() >= 20
    assert TaxonomyTerm.objects.filter(code="consultation").exists()
    assert "created" in output
    for path in ("/awareness/what-is-a-carer/", "/en/awareness/back-to-work/", "/services/"):
        assert client.get(path).status_code == 200, path
    html = client.get("/en/services/").content.decode()
    assert "Community general support centre" in html


@pytest.mark.django_db
def test_both_languages_are_complete():
    for article in Article.objects.filter(content_key__isnull=False):
        for field in ("title", "summary", "body"):
            assert getattr(article, f"{field}_ja") and getattr(article, f"{field}_en")
    for page in GuidePage.objects.all():
        assert page.title_en and page.body_en and page.title_ja and page.body_ja
    for service in Service.objects.filter(key__isnull=False):
        assert service.name_en and service.summary_en and service.source


@pytest.mark.django_db
def test_a_second_run_changes_nothing():
    load()
    stamps = {
        "articles": list(Article.objects.order_by("pk").values_list("pk", "updated_at")),
        "pages": list(GuidePage.objects.order_by("pk").values_list("pk", "updated_at")),
        "services": list(Service.objects.order_by("pk").values_list("pk", "updated_at")),
    }
    output = load()
    assert "created" not in output and "updated" not in output and "kept" not in output
    assert "unchanged" in output
    assert stamps == {
        "articles": list(Article.objects.order_by("pk").values_list("pk", "updated_at")),
        "pages": list(GuidePage.objects.order_by("pk").values_list("pk", "updated_at")),
        "services": list(Service.objects.order_by("pk").values_list("pk", "updated_at")),
    }


@pytest.fixture
def content_copy(tmp_path, monkeypatch):
    """The portal's content files copied to a folder the test may change."""
    for name in ("articles", "pages"):
        shutil.copytree(portal_content.CONTENT / name, tmp_path / name)
    monkeypatch.setattr(portal_content, "ARTICLES", tmp_path / "articles")
    monkeypatch.setattr(portal_content, "PAGES", tmp_path / "pages")
    return tmp_path


def rewrite(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.django_db
def test_a_changed_file_updates_unedited_rows_and_keeps_staff_edits(content_copy, prefecture_staff):
    edited = Article.objects.get(content_key="what-is-a-carer")
    article_save(
        by=prefecture_staff,
        article=edited,
        fields={
            **{name: getattr(edited, name) for name in CONTENT_FIELDS},
            "title_ja": "職員が直した題名",
        },
        publish=True,
    )
    untouched = Article.objects.get(content_key="noticing-a-carer")
    for key in ("what-is-a-carer", "noticing-a-carer"):
        path = content_copy / "articles" / f"{key}.en.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nA new closing line.\n")

    output = load()

    edited.refresh_from_db()
    untouched.refresh_from_db()
    assert edited.title_ja == "職員が直した題名" and "new closing" not in edited.body_en
    assert edited.content_edited  # recorded: later files leave it alone too
    assert untouched.body_en.endswith("A new closing line.\n") and not untouched.content_edited
    assert "portal: 1 kept" in output and "1 updated" in output


@pytest.mark.django_db
def test_a_service_entry_staff_changed_is_kept():
    entry = Service.objects.get(key="home-help")
    entry.summary_ja = "職員が直した概要"
    entry.status = "draft"
    entry.save()
    load()
    entry.refresh_from_db()
    assert entry.summary_ja == "職員が直した概要" and entry.status == "draft"
    assert entry.content_edited
    other = Service.objects.get(key="day-service")
    assert not other.content_edited


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,text,message",
    [
        ("what-is-a-carer.ja.md", "---\ntitle: [unclosed\n---\nbody\n", "not valid YAML"),
        ("what-is-a-carer.ja.md", "no front matter\n", "front matter"),
        ("what-is-a-carer.en.md", None, "missing"),
        (
            "what-is-a-carer.ja.md",
            "---\nslug: x\naudiences: [aliens]\npublish_at: 2026-04-01T09:00:00+09:00\n"
            "title: t\nsummary: s\n---\nbody\n",
            "unknown audiences",
        ),
    ],
)
def test_a_malformed_file_is_refused_by_name(content_copy, name, text, message):
    path = content_copy / "articles" / name
    if text is None:
        path.unlink()
    else:
        path.write_text(text, encoding="utf-8")
    before = Article.objects.get(content_key="what-is-a-carer").title_ja
    with pytest.raises(CommandError) as raised:
        load()
    assert str(path) in str(raised.value) and message in str(raised.value)
    assert Article.objects.get(content_key="what-is-a-carer").title_ja == before


@pytest.mark.django_db
def test_a_malformed_service_entry_names_the_file_and_the_entry(tmp_path, monkeypatch):
    shutil.copytree(services_content.CONTENT, tmp_path / "content")
    monkeypatch.setattr(services_content, "CONTENT", tmp_path / "content")
    rewrite(tmp_path / "content" / "prefecture.yaml", "  source: ", "  sauce: ")
    with pytest.raises(CommandError) as raised:
        load()
    message = str(raised.value)
    assert "prefecture.yaml" in message and "entry pref-carer-support" in message
    assert "source" in message


@pytest.mark.django_db
def test_rows_written_before_content_was_tracked_are_adopted(prefecture_staff):
    """A database migrated when the articles came from a migration: the rows
    have no key or fingerprint. They are found by slug; one staff changed
    (updated_by set) is kept, the others follow the files."""
    Article.objects.update(content_key=None, content_hash="")
    Article.objects.filter(slug="noticing-a-carer").update(
        title_ja="職員の題名", updated_by=prefecture_staff
    )
    Article.objects.filter(slug="young-carers").update(title_ja="古い題名")
    ids = set(Article.objects.values_list("pk", flat=True))
    load()
    assert set(Article.objects.values_list("pk", flat=True)) == ids
    kept = Article.objects.get(slug="noticing-a-carer")
    assert kept.title_ja == "職員の題名" and kept.content_edited
    assert kept.content_key == "noticing-a-carer"
    assert Article.objects.get(slug="young-carers").title_ja != "古い題名"
