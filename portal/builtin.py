"""The portal's built-in content, kept as Markdown files in portal/content/:

- ``articles/<key>.ja.md`` and ``<key>.en.md``: the core awareness articles.
  The Japanese file's front matter holds slug, audiences, publish_at, title
  and summary; the English one title and summary. The file name is the
  article's stable key (staff may change the slug).
- ``pages/<key>.ja.md`` and ``<key>.en.md``: the guide pages (work and care,
  back to work, starting a salon); front matter: title. ``{prefecture}`` in
  the text stands for the portal's prefecture (filled in when shown).

Loaded by ``manage.py load_content`` (carers.contentfiles explains how staff
edits are kept).
"""

import datetime
from collections import Counter
from pathlib import Path

from carers.contentfiles import ContentError, markdown_pair, require, sync

from .models import Article, ArticleStatus, Audience, GuidePage

CONTENT = Path(__file__).resolve().parent / "content"
ARTICLES = CONTENT / "articles"
PAGES = CONTENT / "pages"


def _keys(directory: Path) -> list[str]:
    return sorted({path.name.split(".", 1)[0] for path in directory.glob("*.md")})


def _moment(path, value) -> datetime.datetime:
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            raise ContentError(path, f"publish_at is not a date and time: {value!r}") from None
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        raise ContentError(path, "publish_at needs a date, a time and a UTC offset (+09:00)")
    return value


def article_values(key: str) -> dict:
    meta, texts = markdown_pair(ARTICLES, key)
    path = ARTICLES / f"{key}.ja.md"
    for lang in ("ja", "en"):
        require(ARTICLES / f"{key}.{lang}.md", texts, f"title_{lang}", f"summary_{lang}")
    slug, audiences, publish_at = require(path, meta, "slug", "audiences", "publish_at")
    unknown = set(audiences) - set(Audience.values)
    if unknown:
        raise ContentError(path, f"unknown audiences {sorted(unknown)}; use {Audience.values}")
    return {
        "slug": slug,
        "audiences": list(audiences),
        "status": ArticleStatus.PUBLISHED,
        "publish_at": _moment(path, publish_at),
        **texts,
    }


def page_values(key: str) -> dict:
    _meta, texts = markdown_pair(PAGES, key)
    for lang in ("ja", "en"):
        require(PAGES / f"{key}.{lang}.md", texts, f"title_{lang}")
    return texts


def load() -> Counter:
    """Load the articles and guide pages; counts of created/updated/unchanged/kept."""
    outcomes = Counter()
    for key in _keys(ARTICLES):
        values = article_values(key)
        # An article loaded before it had a key is recognised by its slug.
        Article.objects.filter(content_key__isnull=True, slug=values["slug"]).update(
            content_key=key
        )
        outcomes[sync(Article, {"content_key": key}, values)] += 1
    for key in _keys(PAGES):
        outcomes[sync(GuidePage, {"key": key}, page_values(key))] += 1
    return outcomes
