"""Furigana: readings in <ruby> over kanji, generated on the server.

Why a response post-processor (``FuriganaMiddleware``) rather than a template
filter: the switch must work on every public page, including pages of the
other apps and allauth's, without each template marking its text. The
processor only touches text nodes inside <body>; it leaves tags, attributes,
entities, <script>, <style>, <textarea>, <title>, <option> and existing <ruby>
as they are, so markup and behaviour do not change.

Readings come from SudachiPy with the SudachiDict "core" dictionary
(both Apache-2.0; the dictionary wheel is about 77 MB, 193 MB installed).
They are cached per text node: in the process (recent texts) and in the
Django cache (Redis), fetched for a whole page with one get_many.

Sudachi reads some words in ways a child would not, or in a second reading
that does not fit here; ``OVERRIDES`` fixes those, and municipality names
take the reading of the official code list (carers.Municipality.name_kana).
"""

import hashlib
import re
import threading
from functools import lru_cache
from html import escape
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

COOKIE = "furigana"
COOKIE_AGE = 365 * 24 * 3600  # set only when the reader chooses furigana
CACHE_PREFIX = "furigana:v1:"
CACHE_SECONDS = 30 * 24 * 3600

# Words the analyser reads wrongly for this site, or in a reading a child
# would not expect. Longest first when matched; readings in hiragana.
OVERRIDES = {
    "札幌市": "さっぽろし",
    "北海道": "ほっかいどう",
    "私": "わたし",
    "明日": "あした",
    "一人": "ひとり",
    "一日": "いちにち",
    "大人": "おとな",
    "子ども": "こども",
    "介護休業": "かいごきゅうぎょう",
    "介護休暇": "かいごきゅうか",
    "要介護": "ようかいご",
    "児童相談所": "じどうそうだんじょ",
    "地域包括支援センター": "ちいきほうかつしえんせんたー",
    "気づき": "きづき",
    "何でも": "なんでも",
    "方法": "ほうほう",
    "仕方": "しかた",
    "話し方": "はなしかた",
    "使い方": "つかいかた",
    "市町村": "しちょうそん",
}

KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ"
HAS_KANJI = re.compile(f"[{KANJI}]")
KANJI_RUN = re.compile(f"([{KANJI}]+)")
# Tags whose text is never annotated (ruby and rt: already annotated).
SKIP_TAGS = frozenset({"title", "option", "ruby", "rt", "rp", "textarea", "script", "style"})
TOKEN = re.compile(
    r"<!--.*?-->"  # comments
    r"|<(script|style|textarea|title)\b[^>]*>.*?</\1\s*>"  # raw text elements, whole
    r"|<[^>]*>",  # any other tag
    re.DOTALL | re.IGNORECASE,
)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
ENTITY = re.compile(r"(&#?\w+;)")


# --- The switch ---------------------------------------------------------------------


def is_on(request) -> bool:
    language = getattr(request, "LANGUAGE_CODE", None) or get_language() or ""
    return request.COOKIES.get(COOKIE) == "1" and language.startswith("ja")


def toggle_url(request, on: bool) -> str:
    return f"/furigana/?on={1 if on else 0}&next={quote(request.get_full_path())}"


def switch(request):
    """GET /furigana/?on=1|0&next=/path: a plain link, so it works without
    JavaScript. The cookie is set only here, when the reader chooses."""
    from django.http import HttpResponseRedirect
    from django.utils.http import url_has_allowed_host_and_scheme

    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if request.GET.get("on") == "1":
        response.set_cookie(
            COOKIE,
            "1",
            max_age=COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    response["Cache-Control"] = "no-store"
    return response


# --- Readings ------------------------------------------------------------------------

_local = threading.local()


def _tokenizer():
    """One Sudachi tokenizer per thread (a tokenizer is not thread-safe)."""
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import Dictionary, SplitMode

        tokenizer = _local.tokenizer = (
            Dictionary(dict="core").tokenizer(mode=SplitMode.C),
            SplitMode.C,
        )
    return tokenizer


def _hiragana(katakana: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in katakana)


@lru_cache(maxsize=1)
def _overrides():
    """OVERRIDES plus the municipalities' official readings, longest first."""
    words = dict(_municipality_readings())
    words.update(OVERRIDES)
    words = {w: r for w, r in words.items() if r and HAS_KANJI.search(w)}
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return words, pattern


def _municipality_readings():
    try:
        from carers.models import Municipality

        rows = Municipality.objects.exclude(name_kana="").values_list("name", "name_kana")
        return [(name, _hiragana(kana)) for name, kana in rows if name]
    except Exception:  # no database yet (e.g. before migrate): the static list is enough
        return []


def ruby(surface: str, reading: str) -> str:
    """<ruby> for one word: the reading goes over its kanji only, okurigana
    (kana written after or between the kanji) stays plain. ``surface`` is
    text without markup."""
    if not reading or not HAS_KANJI.search(surface) or reading == surface:
        return escape(surface, quote=False)
    parts = KANJI_RUN.split(surface)  # [kana, kanji, kana, kanji, ...]
    pattern = "".join(
        "(.+?)" if i % 2 else re.escape(_hiragana(part)) for i, part in enumerate(parts)
    )
    match = re.fullmatch(pattern, _hiragana(reading))
    if not match:
        return _ruby_tag(surface, reading)
    out, groups = [], iter(match.groups())
    for i, part in enumerate(parts):
        if not part:
            continue
        out.append(_ruby_tag(part, next(groups)) if i % 2 else escape(part, quote=False))
    return "".join(out)


def _ruby_tag(base: str, reading: str) -> str:
    return f"<ruby>{escape(base, quote=False)}<rp>(</rp><rt>{escape(reading)}</rt><rp>)</rp></ruby>"


def annotate_text(text: str) -> str:
    """Plain text (no markup, no entities) -> HTML with <ruby> over kanji."""
    if not HAS_KANJI.search(text):
        return escape(text, quote=False)
    words, pattern = _overrides()
    out, pos = [], 0
    for match in pattern.finditer(text):
        out.append(_analyse(text[pos : match.start()]))
        out.append(ruby(match.group(0), words[match.group(0)]))
        pos = match.end()
    out.append(_analyse(text[pos:]))
    return "".join(out)


def _analyse(text: str) -> str:
    if not HAS_KANJI.search(text):
        return escape(text, quote=False)
    tokenizer, mode = _tokenizer()
    out = []
    for morpheme in tokenizer.tokenize(text, mode):
        surface = morpheme.surface()
        if HAS_KANJI.search(surface):
            out.append(ruby(surface, _hiragana(morpheme.reading_form())))
        else:
            out.append(escape(surface, quote=False))
    return "".join(out)


def reading(text: str) -> str:
    """The text with every word that has kanji replaced by its reading in
    hiragana (介護の相談 → かいごのそうだん), for search: a query in kana finds
    text written in kanji. Municipality names and OVERRIDES read as on pages."""
    if not HAS_KANJI.search(text or ""):
        return text or ""
    words, pattern = _overrides()
    tokenizer, mode = _tokenizer()
    out, pos = [], 0

    def plain(part):
        for morpheme in tokenizer.tokenize(part, mode) if HAS_KANJI.search(part) else ():
            surface = morpheme.surface()
            out.append(_hiragana(morpheme.reading_form()) if HAS_KANJI.search(surface) else surface)
        if not HAS_KANJI.search(part):
            out.append(part)

    for match in pattern.finditer(text):
        plain(text[pos : match.start()])
        out.append(words[match.group(0)])
        pos = match.end()
    plain(text[pos:])
    return "".join(out)


LOCAL_MAX = 4096
_local_cache: dict = {}  # text -> html, recent texts of this process (texts are immutable keys)


def _key(text: str) -> str:
    return CACHE_PREFIX + hashlib.sha1(text.encode()).hexdigest()


def annotate_many(texts) -> dict:
    """{text: html} for text nodes with kanji: from this process's memory, then
    the Django cache (one round trip to read, one to write what was missing),
    then the analyser."""
    result, wanted = {}, {}
    for text in texts:
        if text in result or text in wanted or not HAS_KANJI.search(text):
            continue
        if text in _local_cache:
            result[text] = _local_cache[text]
        else:
            wanted[_key(text)] = text
    if not wanted:
        return result
    try:
        cached = cache.get_many(list(wanted))
    except Exception:  # a cache outage must not break the page
        cached = {}
    missing = {}
    for key, text in wanted.items():
        html = cached.get(key)
        if html is None:
            html = missing[key] = annotate_text(text)
        result[text] = html
        if len(_local_cache) >= LOCAL_MAX:
            try:
                _local_cache.pop(next(iter(_local_cache)))  # oldest first
            except (KeyError, RuntimeError, StopIteration):  # another thread got there first
                pass
        _local_cache[text] = html
    if missing:
        try:
            cache.set_many(missing, CACHE_SECONDS)
        except Exception:
            pass
    return result


# --- HTML -----------------------------------------------------------------------------


def annotate_html(html: str) -> str:
    """Add furigana to the text nodes of ``html``'s <body>."""
    start = re.search(r"<body\b[^>]*>", html, re.IGNORECASE)
    head, body = (html[: start.end()], html[start.end() :]) if start else ("", html)
    pieces = []  # (is_text, value)
    pos = 0
    for match in TOKEN.finditer(body):
        if match.start() > pos:
            pieces.append((True, body[pos : match.start()]))
        pieces.append((False, match.group(0)))
        pos = match.end()
    if pos < len(body):
        pieces.append((True, body[pos:]))

    texts, skip_depth, annotatable = [], 0, []
    for is_text, value in pieces:
        if is_text:
            annotatable.append(skip_depth == 0)
            if skip_depth == 0:
                texts.extend(p for i, p in enumerate(ENTITY.split(value)) if i % 2 == 0)
            continue
        annotatable.append(False)
        name = TAG_NAME.match(value)
        if name and name.group(2).lower() in SKIP_TAGS and not value.endswith("/>"):
            closing = name.group(1) == "/"
            # Raw-text elements (script, style...) came as one token: no depth change.
            if not re.match(r"<\s*(script|style|textarea|title)\b", value, re.IGNORECASE):
                skip_depth = max(0, skip_depth - 1) if closing else skip_depth + 1

    readings = annotate_many(texts)
    out = [head]
    for (is_text, value), ok in zip(pieces, annotatable, strict=True):
        if not (is_text and ok):
            out.append(value)
            continue
        out.append(
            "".join(
                part if i % 2 else readings.get(part, part)
                for i, part in enumerate(ENTITY.split(value))
            )
        )
    return "".join(out)


class FuriganaMiddleware:
    """Post-processes Japanese HTML pages when the reader switched furigana on.
    Every HTML page varies on the cookie, so a shared cache keeps the two apart."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        patch_vary_headers(response, ["Cookie"])
        if (
            is_on(request)
            and not response.streaming
            and response.status_code == 200
            and not request.path.startswith("/admin/")
        ):
            charset = response.charset or settings.DEFAULT_CHARSET
            response.content = annotate_html(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):  # set by CommonMiddleware, inside this one
                response["Content-Length"] = str(len(response.content))
        return response
