"""The site speaks one vocabulary (docs/glossary.md) and writes as a person would.

The words to avoid are read from the glossary's table, so the list the
translators follow is the list this test enforces: none of them may appear in
a template, in a string a user can see from Python (a gettext call, or any
Japanese string), or in a catalogue (English in msgid, Japanese in msgstr)."""

import ast
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import Resolver404, resolve
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
APPS = tuple(settings.KIZUKI_APPS)  # the one list of the apps
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def avoided_words() -> tuple[list[str], list[str]]:
    """The glossary's "avoid (ja)" and "avoid (en)" columns."""
    ja, en = [], []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or cells[0] in ("Japanese", "---"):
            continue
        for column, words in ((cells[3], ja), (cells[4], en)):
            words.extend(w.strip() for w in column.split(",") if w.strip() not in ("", "—"))
    return ja, en


def _english(words):
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _japanese(words):
    return re.compile("|".join(re.escape(w) for w in words))


def _sources(pattern):
    for app in (*APPS, "templates"):
        for path in sorted((ROOT / app).glob(pattern)):
            if not {"migrations", "tests"} & set(path.parts):
                yield path


def _po_entries(po: Path):
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        ids = re.findall(r'^msgid(?:_plural)? ((?:".*"\n?)+)', block, re.M)
        strs = re.findall(r"^msgstr(?:\[\d\])? ((?:\".*\"\n?)+)", block, re.M)
        join = lambda parts: "".join("".join(re.findall(r'"(.*)"', p)) for p in parts)  # noqa: E731
        if ids:
            yield join(ids), join(strs)


def catalogues():
    return sorted(
        p for p in ROOT.glob("**/locale/ja/LC_MESSAGES/django.po") if ".venv" not in p.parts
    )


def test_the_glossary_lists_words_to_avoid_in_both_languages():
    ja, en = avoided_words()
    assert {"サインイン", "2要素認証", "中止しません", "評価しない"} <= set(ja)
    assert {"consultation window", "noticing self-check", "log in"} <= set(en)


def test_the_checks_find_an_avoided_word():
    ja, en = avoided_words()
    assert _english(en).search("Talk to a Consultation Window today")
    assert not _english(en).search("Talk to a support desk today")
    assert _japanese(ja).search("サインインしてください")


def test_catalogues_use_the_glossary():
    ja, en = avoided_words()
    bad = []
    for po in catalogues():
        for msgid, msgstr in _po_entries(po):
            if msgid and _english(en).search(msgid):
                bad.append(f"{po.relative_to(ROOT)} msgid: {msgid[:80]}")
            if msgstr and _japanese(ja).search(msgstr):
                bad.append(f"{po.relative_to(ROOT)} msgstr: {msgstr[:80]}")
    assert not bad, "\n".join(bad)


def test_templates_use_the_glossary():
    ja, en = avoided_words()
    bad = []
    for path in [*_sources("**/templates/**/*.html"), *_sources("**/templates/**/*.txt")]:
        text = path.read_text(encoding="utf-8")
        for m in [*_english(en).finditer(text), *_japanese(ja).finditer(text)]:
            bad.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
    assert not bad, "\n".join(bad)


def _ui_strings(tree):
    """Strings passed to gettext, and every string with Japanese in it."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in GETTEXT:
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        yield "en", arg.value
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if JAPANESE.search(node.value):
                yield "ja", node.value


def test_python_ui_strings_use_the_glossary():
    ja, en = avoided_words()
    bad = []
    for path in _sources("**/*.py"):
        for kind, text in _ui_strings(ast.parse(path.read_text(encoding="utf-8"))):
            hit = (_english(en) if kind == "en" else _japanese(ja)).search(text)
            if hit:
                bad.append(f"{path.relative_to(ROOT)}: {hit.group(0)} in {text[:60]!r}")
    assert not bad, "\n".join(bad)


# A placeholder glued to the Japanese around it: 「札幌市の依頼」, not 「札幌市 の依頼」.
# An email address, a user shown by their address or a household's reference
# (SAP-2026-0042) keeps its space.
LATIN_VALUES = {"email", "user_display", "label"}
GAP = re.compile(
    r"%\((?P<a>\w+)\)[sd] (?=[\u3040-\u30ff\u4e00-\u9fff「（])"
    r"|(?<=[\u3040-\u30ff\u4e00-\u9fff」）、。]) %\((?P<b>\w+)\)[sd]"
)


def test_japanese_messages_have_no_space_around_placeholders():
    bad = []
    for po in catalogues():
        for _msgid, msgstr in _po_entries(po):
            for m in GAP.finditer(msgstr):
                if (m.group("a") or m.group("b")) not in LATIN_VALUES:
                    bad.append(f"{po.relative_to(ROOT)}: {msgstr[:70]}")
                    break
    assert not bad, "\n".join(bad)


def test_a_participants_cancellation_is_not_called_chushi():
    from salons.models import RegistrationStatus, SessionStatus

    with translation.override("ja"):
        assert str(RegistrationStatus.CANCELLED.label) == "キャンセル済み"
        assert str(SessionStatus.CANCELLED.label) == "中止"
    with translation.override("en"):
        assert str(RegistrationStatus.CANCELLED.label) == "Cancelled"


# Rendered pages: no "---------" empty choice, no "(s)" plurals, no 「札幌市 の依頼」.
SKIP = ("/admin/", "/accounts/logout", "/jsi18n/", "/media/", "/furigana/")
LINK = re.compile(r'href="((?:/en)?/[^"#]*)"')
CRUDE = re.compile(r"-{5,}|\w\(s\)")
# A particle cut off from its noun by a space: 「札幌市 の依頼」.
LOOSE_PARTICLE = re.compile(
    r"[\u4e00-\u9fff\u30a0-\u30ff] (?:の|を|が|へ|から|まで)[\u3040-\u30ff\u4e00-\u9fff]"
)


INLINE = r"a|abbr|b|em|i|small|span|strong|time|ruby|rt|rp"


def _text(html: str) -> str:
    """The page's text: inline tags vanish, block tags separate."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(rf"</?(?:{INLINE})\b[^>]*>", "", html)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_page_text_keeps_inline_words_together():
    assert LOOSE_PARTICLE.search(_text("<p>札幌市 の依頼</p>"))
    assert not LOOSE_PARTICLE.search(_text("<p><a href='/'>レポート</a>のヤング</p>"))


@pytest.mark.django_db
def test_pages_have_no_dashes_choice_no_s_plurals_and_no_loose_particles(client, client_for):
    call_command("load_demo", stdout=__import__("io").StringIO())
    from carers.demo import ACCOUNTS
    from carers.models import User

    personas = [None] + [
        User.objects.get(email=ACCOUNTS[k][0])
        for k in ("resident", "organiser", "municipal_staff", "prefecture_staff", "advisor")
    ]
    found, pages = {}, 0
    for user in personas:
        c = client_for(user) if user else client
        for prefix in ("", "/en"):
            queue = [
                f"{prefix}{p}/"
                for p in (
                    "",
                    "/salons/manage",
                    "/services/manage",
                    "/advisors/requests",
                    "/cases",
                    "/dashboard",
                    "/awareness/manage",
                )
            ]
            seen, per_view = set(), Counter()
            while queue:
                path = queue.pop(0).replace("&amp;", "&").replace("//", "/")
                if path in seen or any(s in path for s in SKIP):
                    continue
                seen.add(path)
                if prefix != "/en" and path.startswith("/en/"):
                    continue
                try:
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
                text = _text(body)
                for m in CRUDE.finditer(text):
                    found.setdefault((prefix, view), (path, m.group(0)))
                if not prefix:
                    for m in LOOSE_PARTICLE.finditer(text):
                        found.setdefault((prefix, view), (path, m.group(0)))
                queue.extend(LINK.findall(body))
    assert pages > 80
    assert not found, "\n".join(f"{v}: {p} {t!r}" for v, (p, t) in sorted(found.items()))


# Emails: every template rendered in Japanese, with a context that fills the
# usual names. A label and its value come from one format string, so nothing
# like 「日時： 2026年…」 (a space after the colon) or 「札幌市 の依頼」 appears.
EMAIL_CONTEXT = {
    "salon_name": "ひだまりカフェ",
    "starts_at": "2026-12-08 14:00",
    "ends_at": "16:00",
    "old_starts_at": "2026-12-01 14:00",
    "until": "2026-12-07 18:00",
    "salon_url": "/salons/1/",
    "site_url": "https://kizuki.example.jp",
    "path": "/advisors/requests/7/",
    "fee": "200円",
    "contact": "011-000-0000",
    "organising_body": "ひだまりの会",
    "venue": "札幌市中央区1-1",
    "venue_access": "地下鉄大通駅から徒歩5分",
    "reason": "台風のため",
    "request_id": 7,
    "municipality": "札幌市",
    "dispatch_date": "2027-01-05",
    "start_time": "13:30",
    "end_time": "15:00",
    "advisor": "佐藤",
    "changed": ["fee", "name"],
    "last_confirmed": "2026-05-01",
    "count": 2,
    "service_name": "介護保険",
    "service_id": 1,
    "comment": "日程を確認してください",
    "message": "よろしくお願いします",
    "prefecture": {"gov": "北海道庁", "prefecture": "北海道"},
}


def _email_templates():
    for path in sorted(ROOT.glob("*/templates/*/email/*.txt")):
        yield path.relative_to(path.parents[2]).as_posix()


@pytest.mark.django_db
def test_japanese_emails_have_no_stray_spaces():
    from django.template.loader import render_to_string

    names = list(_email_templates())
    assert len(names) > 40
    bad = []
    with translation.override("ja"):
        for name in names:
            text = render_to_string(name, EMAIL_CONTEXT)
            for pattern in (r"： ", LOOSE_PARTICLE.pattern, r"20\d\d-\d\d-\d\d"):
                if m := re.search(pattern, text):
                    bad.append(
                        f"{name}: {m.group(0)!r} in …{text[max(0, m.start() - 20) : m.end() + 10]}…"
                    )
    assert not bad, "\n".join(bad)


@pytest.mark.django_db
def test_the_seeded_articles_use_the_glossary():
    from portal.models import Article

    ja, en = avoided_words()
    articles = list(Article.objects.all())
    assert articles, "the articles are seeded by a migration"
    bad = []
    for a in articles:
        english = " ".join((a.title_en, a.summary_en, a.body_en))
        japanese = " ".join((a.title_ja, a.summary_ja, a.body_ja))
        for m in [*_english(en).finditer(english), *_japanese(ja).finditer(japanese)]:
            bad.append(f"{a.slug}: {m.group(0)}")
    assert not bad, "\n".join(bad)
