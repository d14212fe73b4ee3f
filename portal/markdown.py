"""Markdown for articles: rendered with ``markdown``, then sanitised with ``nh3``.

Raw HTML in the source is escaped before rendering (staff write Markdown, not
HTML), and the rendered HTML goes through an allow-list of tags, attributes and
URL schemes, so neither a ``<script>`` nor an ``onerror=`` nor a
``javascript:`` link can reach a page.
"""

import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
EXTENSIONS = ["tables", "sane_lists"]

# ![alt](src "title") — the alt text is what is between the brackets.
IMAGE_PATTERN = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)")


def images_without_alt(text: str) -> list[str]:
    """Sources of Markdown images whose alt text is empty or only spaces."""
    return [m.group("src") or "?" for m in IMAGE_PATTERN.finditer(text or "") if not m.group("alt").strip()]


def _escape_raw_html(text: str) -> str:
    # Markdown passes raw HTML through; escaping "<" turns any tag into text.
    # "&" is left alone so entities such as &amp; still read as written.
    return text.replace("<", "&lt;")


def render(text: str) -> str:
    """Markdown → sanitised HTML, marked safe for templates."""
    html = markdown_lib.markdown(_escape_raw_html(text or ""), extensions=EXTENSIONS, output_format="html")
    # Page headings: the article title is the only <h1>, so a Markdown "# x"
    # becomes an <h2> (and every level shifts down by one).
    html = re.sub(r"<(/?)h([1-5])>", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
