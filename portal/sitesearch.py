"""The site-wide search box: articles, salons, services and consultation
windows for one query, grouped by kind.

Each app answers through its own search: salons (``salons.api.search``) and
the catalogue (``services.api.search``: services and windows) with their
normalised text, articles here. Matching is insensitive to width and kana
(ケアラー, けあらー, ｹｱﾗｰ): query and text are both normalised. Articles also
match the readings of their kanji (かいご finds 介護), from the same analyser
as the furigana.

Cost: the articles' index is read once per public data version (one query
then, none after; each article's text with its readings is kept until that
article changes); each other kind is a query or two with a LIMIT, so a search
stays a handful of bounded queries at national volume.
"""

import logging
import unicodedata

import jaconv
from django import forms
from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carers import residence
from carers.caching import cached

from .models import Article

logger = logging.getLogger(__name__)
MAX_LENGTH = 100
LIMIT = 5  # results shown per kind
SEARCH_CAP = 50  # matches counted per kind; beyond it "50+"
INDEX_SECONDS = 3600
TEXT_SECONDS = 30 * 24 * 3600


def normalise(text: str) -> str:
    """Width (NFKC), katakana to hiragana, lower case, spaces collapsed."""
    return " ".join(jaconv.kata2hira(unicodedata.normalize("NFKC", text or "")).lower().split())


def _article_text(article) -> str:
    from .furigana import reading

    japanese = " ".join((article.title_ja, article.summary_ja, article.body_ja))
    english = " ".join((article.title_en, article.summary_en, article.body_en))
    return normalise(f"{japanese} {english} {reading(japanese)}")


def _texts(articles) -> dict:
    """pk → searchable text. Each article's text (its readings take the
    analyser ~10 ms per 1,000 characters) is kept until the article changes,
    so a change elsewhere in the public data does not recompute them all."""
    keys = {a.pk: f"site-search:text:{a.pk}:{a.updated_at.timestamp()}" for a in articles}
    try:
        stored = cache.get_many(list(keys.values()))
    except Exception:
        stored = {}
    texts, new = {}, {}
    for article in articles:
        key = keys[article.pk]
        if key not in stored:
            new[key] = stored[key] = _article_text(article)
        texts[article.pk] = stored[key]
    if new:
        try:
            cache.set_many(new, TEXT_SECONDS)
        except Exception:
            pass
    return texts


def _article_index() -> list:
    """[(pk, municipality code or None, publish_at, searchable text)] of every
    published or scheduled article, newest first."""

    def compute():
        # Every article published or scheduled, whoever asks: the index is shared
        # and matching_articles keeps only those due (the public criteria).
        rows = Article.objects.unscoped().published(
            now=timezone.now() + timezone.timedelta(days=3650)
        )
        rows = list(rows.order_by("-publish_at", "-pk"))
        texts = _texts(rows)
        return [(a.pk, a.municipality_id, a.publish_at, texts[a.pk]) for a in rows]

    return cached("site-search:articles", compute, seconds=INDEX_SECONDS)


def matching_articles(query: str, municipality_code: str | None = None) -> list[int]:
    """Pks of the articles visible now whose text has every word of ``query``:
    the municipality's own first, then prefecture-wide, then other local ones."""
    words = normalise(query).split()
    if not words:
        return []
    now = timezone.now()
    found = [
        (pk, code)
        for pk, code, publish_at, text in _article_index()
        if publish_at <= now and all(word in text for word in words)
    ]

    def rank(row):
        code = row[1]
        if municipality_code and code == municipality_code:
            return 0
        return 1 if code is None else 2

    return [pk for pk, _code in sorted(found, key=rank)]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search words"),
        max_length=MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Please use at most %(limit_value)d characters."),
        },
    )


def _articles(query, municipality_code):
    from urllib.parse import urlencode

    pks = matching_articles(query, municipality_code)
    shown = Article.objects.public().filter(pk__in=pks[:LIMIT]).in_bulk()
    params = {"q": query}
    if municipality_code:
        params["municipality"] = municipality_code
    return {
        "count": min(len(pks), SEARCH_CAP),
        "more": len(pks) > SEARCH_CAP,
        "items": [shown[pk] for pk in pks[:LIMIT] if pk in shown],
        "list_url": f"{reverse('awareness:list')}?{urlencode(params)}",
    }


def _from_app(app, query, municipality_code):
    """``<app>.api.search``, or None when that app cannot answer (the page says so)."""
    try:
        module = __import__(f"{app}.api", fromlist=["search"])
        return module.search(query, municipality_code, limit=LIMIT)
    except Exception:  # another app's failure must not break the search page
        logger.warning("%s.api.search failed", app, exc_info=True)
        return None


def site_search(request):
    params = residence.with_default(request, request.GET)
    form = SearchForm(request.GET or None)
    query = ""
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
    code = residence.valid_code(params.get(residence.PARAM))
    groups = []
    if query:
        services = _from_app("services", query, code) or {}
        groups = [
            ("articles", _("Articles"), _articles(query, code)),
            ("salons", _("Salons and cafés"), _from_app("salons", query, code)),
            ("services", _("Services"), services.get("services")),
            ("windows", _("Support desks"), services.get("windows")),
        ]
    return render(
        request,
        "portal/site_search.html",
        {
            "form": form,
            "query": query,
            # The header's box keeps what was typed, even when it was too long.
            "site_search_query": request.GET.get("q", "")[: MAX_LENGTH * 2],
            "groups": groups,
            "municipality_code": code,
            "municipality_name": residence.name(code) if code else "",
            "total": sum(g[2]["count"] for g in groups if g[2]),
        },
        status=400 if form.errors else 200,
    )
