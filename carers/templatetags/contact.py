"""``{% load contact %}{{ value|tel_link }}``: phone numbers as ``tel:`` links.

One filter for every page that shows a phone number (services, consultation
windows, salons, the self-check and guidance results). The link text is the
number exactly as written; the ``tel:`` target is the E.164 form (+81…) of a
Japanese number, or the short number itself (189, #7119).

- a value that is a phone number becomes one link;
- a free-text value (a salon's "contact": "ひだまりの会 011-000-0000（平日）")
  keeps its text, with each phone number in it linked;
- empty input gives "", text without a valid number is returned escaped;
- text in another language than the page's (a Japanese contact on an English
  page) is marked with ``lang`` like ``|lang_span``; email addresses, which
  belong to no language, are left as written.

Emails are plain text and do not use this filter.
"""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from carers.phones import tel_uri
from carers.templatetags.kizuki import lang_span

register = template.Library()

_DIGIT = r"[0-9０-９]"
# Hyphens, dashes, the long-vowel mark often typed for a hyphen, spaces, brackets.
_SEP = r"[-‐‑‒–—―−－ｰー \u3000()（）]"
# A run of 9-11 digits with separators, optionally after +81; tel_uri() decides.
_EMBEDDED = re.compile(
    rf"(?<![0-9０-９])(?:[+＋][8８][1１]{_SEP}{{0,2}})?[(（]?{_DIGIT}(?:{_SEP}{{0,2}}{_DIGIT}){{8,10}}"
    r"(?![0-9０-９])"
)


# An email address in a contact text (ASCII only, so adjoining Japanese stays out).
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _text(text: str) -> str:
    """Free text around the numbers: escaped, runs in another language marked."""
    parts, last = [], 0
    for match in _EMAIL.finditer(text):
        parts += [lang_span(text[last : match.start()]), conditional_escape(match.group(0))]
        last = match.end()
    parts.append(lang_span(text[last:]))
    return "".join(str(part) for part in parts)


def _only_a_number(value: str) -> bool:
    return bool(re.fullmatch(rf"[+＋#＃]?(?:{_DIGIT}|{_SEP})+", value.strip()))


def _link(written: str, uri: str) -> str:
    return format_html('<a href="{}" class="tel">{}</a>', uri, written)


@register.filter
def tel_link(value):
    """Phone numbers in ``value`` as ``tel:`` links; everything else escaped."""
    if value is None:
        return ""
    text = str(value)
    if not text.strip():
        return ""
    if _only_a_number(text) and (uri := tel_uri(text)):
        return _link(text.strip(), uri)
    parts, last, pos = [], 0, 0
    while match := _EMBEDDED.search(text, pos):
        uri = tel_uri(match.group(0))
        if uri is None:  # a date or another figure: look again one character on
            pos = match.start() + 1
            continue
        parts += [_text(text[last : match.start()]), _link(match.group(0), uri)]
        last = pos = match.end()
    parts.append(_text(text[last:]))
    return mark_safe("".join(parts))
