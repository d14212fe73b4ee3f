"""Article bodies: Markdown rendered, then sanitised."""

from html.parser import HTMLParser

import pytest

from portal.markdown import images_without_alt, render


class Elements(HTMLParser):
    """The tags and attributes a browser would build from the HTML."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attrs = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def assert_harmless(html):
    found = Elements(html)
    assert not {"script", "iframe", "style", "div", "object", "embed", "form"} & set(found.tags), (
        found.tags
    )
    for name, value in found.attrs:
        assert not name.startswith("on"), name
        assert name not in ("style", "srcdoc"), name
        if name in ("href", "src"):
            assert (
                value.split(":")[0].lower().strip() in ("http", "https", "mailto", "tel")
                or ":" not in value
            ), value


@pytest.mark.parametrize(
    "source,label",
    [
        ("<script>alert(1)</script>", "<script"),
        ("<img src=x onerror=alert(1)>", "<img"),
        ('<a href="https://e.example" onclick="steal()">x</a>', "onclick"),
        ("[click](javascript:alert(1))", "javascript:"),
        ("[click](JaVaScRiPt:alert(1))", "avascript:"),
        ("![pic](javascript:alert(1))", "javascript:"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<div style="position:fixed">overlay</div>', "<div"),
        ("<style>body{display:none}</style>", "<style"),
        ('[x](https://e.example "t" onmouseover="a()")', "onmouseover="),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
    ],
)
def test_dangerous_input_is_neutralised(source, label):
    assert_harmless(render(source))


@pytest.mark.parametrize(
    "markup", ['<p onclick="x()">a</p>', "<script>x()</script>", '<a href="javascript:x()">a</a>']
)
def test_the_harmless_check_itself_catches_markup(markup):
    with pytest.raises(AssertionError):
        assert_harmless(markup)


def test_raw_html_is_shown_as_text_not_markup():
    assert "&lt;b&gt;hi&lt;/b&gt;" in render("<b>hi</b>")


def test_markdown_still_renders():
    html = render(
        "# Title\n\n**bold** and [a link](https://www.mhlw.go.jp/)\n\n- one\n- two\n\n![A nurse](/media/a.png)"
    )
    assert "<h2>Title</h2>" in html  # the page title is the only <h1>
    assert "<strong>bold</strong>" in html
    assert '<a href="https://www.mhlw.go.jp/" rel="noopener noreferrer">a link</a>' in html
    assert "<li>one</li>" in html
    assert '<img alt="A nurse" src="/media/a.png">' in html


def test_tables_render():
    html = render("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in html and "<td>1</td>" in html


@pytest.mark.parametrize(
    "source,missing",
    [
        ("![](/media/a.png)", ["/media/a.png"]),
        ("![   ](/media/a.png)", ["/media/a.png"]),
        ("text ![ok](/a.png) and ![](/b.png)", ["/b.png"]),
        ("![a carer](/media/a.png)", []),
        ("[not an image](/x)", []),
    ],
)
def test_images_without_alt_are_found(source, missing):
    assert images_without_alt(source) == missing


@pytest.mark.parametrize(
    "source",
    [
        "![][logo]\n\n[logo]: https://e.example/a.png",
        "![ ][logo]\n\n[logo]: https://e.example/a.png",
    ],
)
def test_reference_style_images_without_alt_are_found(source):
    assert images_without_alt(source) == ["https://e.example/a.png"]


def test_reference_style_image_with_alt_is_accepted():
    assert images_without_alt("![A carer][logo]\n\n[logo]: https://e.example/a.png") == []


def test_code_and_entities_read_as_written():
    html = render("`a < b` and AT&T &amp; <https://www.mhlw.go.jp/>\n\n    if x < 3:")
    assert "<code>a &lt; b</code>" in html  # not the doubly escaped "&amp;lt;"
    assert "if x &lt; 3:" in html
    assert "AT&amp;T &amp;" in html
    assert (
        '<a href="https://www.mhlw.go.jp/" rel="noopener noreferrer">https://www.mhlw.go.jp/</a>'
        in html
    )


def test_html_comments_and_blocks_stay_text():
    html = render("<!-- hidden -->\n\n<div onclick=x>hi</div>")
    assert "&lt;!-- hidden --&gt;" in html and "&lt;div onclick=x&gt;hi&lt;/div&gt;" in html
    assert_harmless(html)


def test_body_headings_start_at_h2_and_skip_no_level():
    html = render("## Care at home\n\ntext\n\n#### Costs\n\n## Help")
    assert "<h2>Care at home</h2>" in html
    assert "<h3>Costs</h3>" in html  # "####" right under "##" is the next level down
    assert "<h2>Help</h2>" in html
    assert "<h4" not in html
