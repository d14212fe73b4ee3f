"""On English pages, Japanese text sits inside an element marked lang="ja"
(WCAG 3.1.2 language of parts), so screen readers read it with a Japanese voice.

Every English page reachable from the home page and the staff pages is crawled
with the demo data loaded, as a visitor and as each staff role."""

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from django.utils import translation

from carers.templatetags.kizuki import text_language

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SKIP = ("/en/admin/", "/en/accounts/logout", "/en/jsi18n/", "/en/media/")
LINK = re.compile(r'href="(/en/[^"#]*)"')


class _LangChecker(HTMLParser):
    """Collects text in Japanese script whose nearest lang is not ja."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang)
        self.unmarked = []

    def _lang(self):
        return next((lang for _tag, lang in reversed(self.stack) if lang), None)

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if any(t in ("script", "style", "title", "option", "textarea") for t, _ in self.stack):
            return
        text = data.strip()
        if text and text_language(text) == "ja" and self._lang() != "ja":
            self.unmarked.append(text[:40])


def unmarked_japanese(html: str) -> list:
    checker = _LangChecker()
    checker.feed(html)
    return checker.unmarked


def test_the_checker_finds_unmarked_japanese():
    assert unmarked_japanese('<html lang="en"><p>ケアラーズカフェ</p></html>') == [
        "ケアラーズカフェ"
    ]
    assert unmarked_japanese('<html lang="en"><p><span lang="ja">ケアラー</span></p></html>') == []
    assert unmarked_japanese('<html lang="en"><p>Care level 1 (要介護1)</p></html>') == []


@pytest.mark.django_db
def test_japanese_content_on_english_pages_is_marked(client, client_for):
    call_command("load_demo", stdout=__import__("io").StringIO())
    from carers.demo import ACCOUNTS
    from carers.models import User

    personas = [None] + [
        User.objects.get(email=ACCOUNTS[k][0])
        for k in ("organiser", "municipal_staff", "prefecture_staff", "advisor")
    ]
    found, pages = {}, 0
    for user in personas:
        c = client_for(user) if user else client
        queue = [
            "/en/",
            "/en/salons/manage/",
            "/en/services/manage/",
            "/en/advisors/requests/",
            "/en/cases/",
            "/en/dashboard/",
            "/en/awareness/manage/",
        ]
        seen, per_view = set(), Counter()
        while queue:
            path = queue.pop(0).replace("&amp;", "&")
            if path in seen or path.startswith(SKIP):
                continue
            seen.add(path)
            try:
                with translation.override("en"):
                    view = resolve(urlsplit(path).path).view_name
            except Resolver404:
                continue
            if per_view[view] >= 2:
                continue
            per_view[view] += 1
            response = c.get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            pages += 1
            body = response.content.decode()
            for text in unmarked_japanese(body):
                found.setdefault(view, (path, text))
            queue.extend(LINK.findall(body))
    assert pages > 50
    assert not found, "\n".join(f"{v}: {p} …{t}…" for v, (p, t) in sorted(found.items()))
