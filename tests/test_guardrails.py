"""Site-wide guard rails."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_no_pending_migrations():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        pytest.fail(f"models changed without a migration:\n{out.getvalue()} ({exc})")


def _po_files():
    return sorted(
        p for p in ROOT.glob("**/locale/ja/LC_MESSAGES/django.po") if ".venv" not in p.parts
    )


def _entries(text):
    for block in text.split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        if not msgid or not msgstr:
            continue
        mid = "".join(re.findall(r'"(.*)"', msgid.group(1)))
        mstr = "".join(re.findall(r'"(.*)"', msgstr.group(1)))
        yield block, mid, mstr


def test_every_app_has_a_japanese_catalogue():
    apps_with_templates = {
        p.parent.parent.name for p in ROOT.glob("*/templates/*/") if ".venv" not in p.parts
    }
    catalogues = {p.parents[3].name for p in _po_files()}
    missing = {
        a for a in apps_with_templates if a not in catalogues and (ROOT / a / "apps.py").exists()
    }
    assert not missing, f"apps with templates but no locale/ja catalogue: {missing}"


@pytest.mark.parametrize("po", _po_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_japanese_catalogue_is_complete(po):
    untranslated, fuzzy = [], []
    for block, mid, mstr in _entries(po.read_text(encoding="utf-8")):
        if not mid:
            continue  # header
        if not mstr:
            untranslated.append(mid)
        if "#, fuzzy" in block:
            fuzzy.append(mid)
    assert not untranslated, f"{len(untranslated)} untranslated in {po}: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {po}: {fuzzy[:5]}"
    assert po.with_suffix(".mo").exists(), f"{po} is not compiled"
