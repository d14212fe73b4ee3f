"""Built-in content kept as versioned files beside the app that owns it.

Each app keeps its texts under ``<app>/content/`` (Markdown with YAML front
matter, or YAML) and contributes a loader through its AppConfig's
``load_content()``; ``manage.py load_content`` runs them all. Loading is
idempotent and leaves staff's work alone:

- every row carries a stable key (``content_key`` or the model's own ``key``)
  and ``content_hash``, the fingerprint of the values the files gave it;
- a row whose current values no longer match that fingerprint was changed by
  staff: it is marked ``content_edited`` and never overwritten again;
- a row that still matches is updated when its file changes, and not written
  at all when nothing changed.
"""

import datetime
import hashlib
import json
from pathlib import Path

import yaml
from django.db import models
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("ja", "en")


class ContentError(Exception):
    """A content file that cannot be loaded; the message names the file."""

    def __init__(self, path, message):
        self.path = Path(path)
        self.detail = message
        super().__init__(f"{self.path}: {message}")


def _parse_yaml(path, text):
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ContentError(path, f"not valid YAML: {error}") from None


def read_yaml(path) -> dict:
    """A YAML file whose top level is a mapping."""
    data = _parse_yaml(path, Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ContentError(path, "expected a mapping at the top level")
    return data


def read_markdown(path) -> tuple[dict, str]:
    """A Markdown file that starts with YAML front matter between ``---`` lines:
    (front matter, body)."""
    text = Path(path).read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise ContentError(path, "expected YAML front matter starting with a '---' line")
    front, sep, body = text[4:].partition("\n---\n")
    if not sep:
        raise ContentError(path, "the front matter has no closing '---' line")
    meta = _parse_yaml(path, front)
    if not isinstance(meta, dict):
        raise ContentError(path, "the front matter must be a mapping")
    return meta, body.strip() + "\n"


def require(path, data: dict, *names):
    """The values of ``names`` in ``data``; a missing or empty one is an error."""
    missing = [n for n in names if data.get(n) in (None, "", [])]
    if missing:
        raise ContentError(path, f"missing {', '.join(missing)}")
    return [data[n] for n in names]


def bilingual(path, data: dict, name) -> dict:
    """``name: {ja: ..., en: ...}`` → ``{name_ja: ..., name_en: ...}``; both
    languages are required."""
    value = data.get(name)
    if not isinstance(value, dict):
        raise ContentError(path, f"{name} needs a Japanese and an English text (ja:, en:)")
    texts = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise ContentError(path, f"{name} has no {'Japanese' if lang == 'ja' else 'English'}")
        texts[f"{name}_{lang}"] = text.strip()
    return texts


def markdown_pair(directory, key) -> tuple[dict, dict]:
    """``<key>.ja.md`` and ``<key>.en.md``: the front matter of the Japanese
    file (which holds the shared fields) and the title, summary and body of
    each language. Both files must exist."""
    meta = {}
    texts = {}
    for lang in LANGUAGES:
        path = Path(directory) / f"{key}.{lang}.md"
        if not path.exists():
            raise ContentError(path, "missing: every text exists in Japanese and English")
        front, body = read_markdown(path)
        if lang == "ja":
            meta = front
        texts[f"body_{lang}"] = body
        for name in ("title", "summary"):
            if name in front:
                texts[f"{name}_{lang}"] = str(front[name]).strip()
    return meta, texts


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    return str(value)


def fingerprint(values: dict, related: dict | None = None) -> str:
    data = {**values, **{name: sorted(map(str, pks)) for name, pks in (related or {}).items()}}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode()).hexdigest()


class ContentRow(models.Model):
    """What load_content needs to know about a row it wrote."""

    content_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    content_edited = models.BooleanField(
        _("edited by staff"),
        default=False,
        editable=False,
        help_text=_("Changed by staff after it was loaded; loading the content leaves it alone."),
    )

    class Meta:
        abstract = True


def _current(row, values, related):
    now = {name: getattr(row, name) for name in values}
    rel = {name: list(getattr(row, name).values_list("pk", flat=True)) for name in related}
    return fingerprint(now, rel)


def sync(model, lookup: dict, values: dict, related: dict | None = None, create=None) -> str:
    """Create or update the row found by ``lookup`` (its stable key) from the
    file's ``values`` (field attnames) and ``related`` (many-to-many field →
    primary keys). Returns "created", "updated", "unchanged" or "kept" (staff
    changed the row: left as it is). ``create``: extra values for a new row."""
    related = related or {}
    wanted = fingerprint(values, related)
    tracked = issubclass(model, ContentRow)
    row = model.objects.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **(create or {}), **values)
        if tracked:
            row.content_hash = wanted
        row.save()
        for name, pks in related.items():
            getattr(row, name).set(pks)
        return "created"
    if tracked:
        if row.content_edited:
            return "kept"
        if row.content_hash:
            edited = _current(row, values, related) != row.content_hash
        else:  # written before content was tracked: staff's mark is their updated_by
            edited = getattr(row, "updated_by_id", None) is not None
        if edited:
            row.content_edited = True
            row.save(update_fields=["content_edited"])
            return "kept"
        if row.content_hash == wanted:
            return "unchanged"
    elif _current(row, values, related) == wanted:
        return "unchanged"
    for name, value in values.items():
        setattr(row, name, value)
    if tracked:
        row.content_hash = wanted
    row.save()
    for name, pks in related.items():
        getattr(row, name).set(pks)
    return "updated"
