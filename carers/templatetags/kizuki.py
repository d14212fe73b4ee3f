"""Template helpers of the shared kernel: ``{% load kizuki %}``.

``lang`` marks text whose language is not the page's, so screen readers and
browsers pronounce and hyphenate it right (WCAG 3.1.2, JIS X 8341-3): a salon
name written in Japanese on an English page, or an English text that a
Japanese page shows because no Japanese one exists.

    <h1{{ salon.name|lang_attr }}>{{ salon.name }}</h1>
    <td>{{ salon.venue|lang_span }}</td>
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from carers.wording import format_when, track_label

register = template.Library()

# Hiragana, katakana, CJK ideographs, half-width katakana, full-width forms.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uff66-\uff9f]")
_LATIN = re.compile(r"[A-Za-z]")


def text_language(value) -> str | None:
    """'ja' or 'en' by the script most of the text is written in, None without letters.

    A Japanese character carries about as much as a word of two Latin letters,
    so an English text quoting a Japanese term (地域包括支援センター) stays English."""
    value = str(value or "")
    japanese = len(_JAPANESE.findall(value))
    latin = len(_LATIN.findall(value))
    if not japanese and not latin:
        return None
    return "ja" if japanese * 2 >= latin else "en"


def foreign_language(value) -> str | None:
    """The text's language when it differs from the page's (the active language)."""
    page = (get_language() or "ja")[:2]
    found = text_language(value)
    return found if found and found != page else None


@register.filter
def lang_attr(value):
    """`` lang="ja"`` (with the leading space) when the text is not in the page's language."""
    found = foreign_language(value)
    return mark_safe(f' lang="{found}"') if found else ""


@register.filter
def lang_span(value):
    """The text, escaped, inside ``<span lang="..">`` when it is not in the page's language."""
    found = foreign_language(value)
    escaped = conditional_escape(value if value is not None else "")
    return mark_safe(f'<span lang="{found}">{escaped}</span>') if found else escaped


@register.filter
def when(value, kind=None):
    """A date or time the one way people read it in the page's language
    (``carers.wording``): ``{{ session.starts_at|when }}``,
    ``{{ article.published_at|when:"date" }}``, ``{{ s.ends_at|when:"time" }}``."""
    return format_when(value, kind or None)


@register.filter(name="track_label")
def track_label_filter(value):
    """``{{ plan.result.track|track_label }}``: "Not using services yet", never "A"."""
    return track_label(value)
