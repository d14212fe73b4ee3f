"""Markdown for articles: rendered with ``markdown``, then sanitised with ``nh3``.

Raw HTML in the source is shown as text (staff write Markdown, not HTML),
and the rendered HTML goes through an allow-list of tags, attributes and URL
schemes, so neither a ``<script>`` nor an ``onerror=`` nor a
``javascript:`` link can reach a page.
"""

import re
from html.parser import HTMLParser

import markdown as markdown_lib
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
EXTENSIONS = ["tables", "sane_lists"]


class _Images(HTMLParser):
    """The <img> elements of rendered HTML: (src, alt)."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            attrs = dict(attrs)
            self.found.append((attrs.get("src") or "?", attrs.get("alt") or ""))


def images_without_alt(text: str) -> list[str]:
    """Sources of images whose alt text is empty or only spaces. Checked on the
    rendered HTML, so inline ``![](x)`` and reference-style ``![][ref]`` images
    are both caught."""
    return [src for src, alt in _Images(_to_html(text)).found if not alt.strip()]


def _to_html(text: str) -> str:
    # Raw HTML is not Markdown here: with the HTML block and inline HTML
    # handlers removed, "<b>" is written out as text ("&lt;b&gt;"), while
    # code spans, autolinks (<https://...>) and entities keep their meaning.
    md = markdown_lib.Markdown(extensions=EXTENSIONS, output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md.convert(text or "")


def _heading_levels_from_h2(html: str) -> str:
    """Headings in order under the page's <h1> (the article title, the only one): the
    body's highest heading level becomes <h2> and each further level used the next one, so
    an article written with "## x" or one that jumps from "#" to "###" skips no level."""
    used = sorted({int(level) for level in re.findall(r"<h([1-6])>", html)})
    level_for = {old: min(2 + i, 6) for i, old in enumerate(used)}
    return re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m.group(1)}h{level_for[int(m.group(2))]}>", html)


def render(text: str) -> str:
    """Markdown → sanitised HTML, marked safe for templates."""
    html = _to_html(text)
    html = _heading_levels_from_h2(html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
