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
# Guide pages (portal/content/pages/) give their sections anchors: "## Title {#id}".
ANCHORED_HEADINGS = {f"h{level}": {"id"} for level in range(2, 7)}
# A run of Japanese script (with the ideographic space and Japanese punctuation).
JAPANESE_RUN = re.compile(
    r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uff66-\uff9f]"
    r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uff66-\uff9f ]*"
)


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


def _to_html(text: str, anchors=False) -> str:
    # Raw HTML is not Markdown here: with the HTML block and inline HTML
    # handlers removed, "<b>" is written out as text ("&lt;b&gt;"), while
    # code spans, autolinks (<https://...>) and entities keep their meaning.
    extensions = [*EXTENSIONS, "attr_list"] if anchors else EXTENSIONS
    md = markdown_lib.Markdown(extensions=extensions, output_format="html")
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


def render(text: str, *, anchors=False) -> str:
    """Markdown → sanitised HTML, marked safe for templates.

    ``anchors``: a guide page's text, whose headings are written at their level
    ("## " is an <h2>) and may carry an id ("## Title {#id}")."""
    html = _to_html(text, anchors=anchors)
    if not anchors:
        html = _heading_levels_from_h2(html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES | ANCHORED_HEADINGS if anchors else ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def mark_japanese(html: str) -> str:
    """Rendered HTML with each run of Japanese in its text (not in tags) inside
    ``<span lang="ja">``: for an English page quoting Japanese terms."""
    parts = re.split(r"(<[^>]*>)", str(html))
    for i in range(0, len(parts), 2):
        parts[i] = JAPANESE_RUN.sub(lambda m: f'<span lang="ja">{m.group(0)}</span>', parts[i])
    return mark_safe("".join(parts))  # noqa: S308 - only adds spans to sanitised HTML
