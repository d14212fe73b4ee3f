"""One date format per language (docs/glossary.md): 2026年12月8日（火）14:00 /
Tue 8 Dec 2026, 14:00, written by ``carers.wording.format_when`` and the
``when`` template filter — in pages and in emails."""

import re
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from carers.wording import format_when

ROOT = Path(__file__).resolve().parent.parent
# 05:00 UTC is 14:00 in Japan, a Tuesday.
MOMENT = datetime(2026, 12, 8, 5, 0, 7, tzinfo=UTC)


@pytest.mark.parametrize(
    "value, kind, ja, en",
    [
        (date(2026, 12, 8), None, "2026年12月8日（火）", "Tue 8 Dec 2026"),
        (MOMENT, None, "2026年12月8日（火）14:00", "Tue 8 Dec 2026, 14:00"),
        (MOMENT, "date", "2026年12月8日（火）", "Tue 8 Dec 2026"),
        (MOMENT, "time", "14:00", "14:00"),
        (MOMENT, "seconds", "2026年12月8日（火）14:00:07", "Tue 8 Dec 2026, 14:00:07"),
        (MOMENT, "month", "2026年12月", "December 2026"),
        (time(9, 5), None, "09:05", "09:05"),
        # Email contexts are JSON: their dates arrive as text.
        ("2026-12-08 14:00", None, "2026年12月8日（火）14:00", "Tue 8 Dec 2026, 14:00"),
        ("2027-01-03", "date", "2027年1月3日（日）", "Sun 3 Jan 2027"),
        ("16:30", "time", "16:30", "16:30"),
        (None, None, "", ""),
        ("", "date", "", ""),
    ],
)
def test_format_when_in_both_languages(value, kind, ja, en):
    with translation.override("ja"):
        assert format_when(value, kind) == ja
    with translation.override("en"):
        assert format_when(value, kind) == en
    assert format_when(value, kind, language="en") == en


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        format_when(MOMENT, "weekday")


def test_the_when_filter_in_both_languages():
    template = Template(
        '{% load kizuki %}{{ at|when }} | {{ at|when:"date" }} | {{ at|when:"time" }}'
        " | {{ missing|when|default:'—' }}"
    )
    with translation.override("ja"):
        assert template.render(Context({"at": MOMENT})) == (
            "2026年12月8日（火）14:00 | 2026年12月8日（火） | 14:00 | —"
        )
    with translation.override("en"):
        assert template.render(Context({"at": MOMENT})) == (
            "Tue 8 Dec 2026, 14:00 | Tue 8 Dec 2026 | 14:00 | —"
        )


def test_emails_write_dates_in_the_recipients_language():
    context = {
        "salon_name": "ひだまりカフェ",
        "starts_at": "2026-12-08 14:00",
        "ends_at": "16:00",
        "salon_url": "https://kizuki.example.jp/salons/1/",
        "fee": "",
        "contact": "",
        "organising_body": "",
        "is_online": True,
        "reason": "",
    }
    with translation.override("ja"):
        body = render_to_string("salons/email/session_cancelled_body.txt", context)
        subject = render_to_string("salons/email/session_cancelled_subject.txt", context)
    assert "2026年12月8日（火）14:00の「ひだまりカフェ」" in body
    assert "2026年12月8日（火）14:00" in subject and "2026-12-08" not in subject
    with translation.override("en"):
        body = render_to_string("salons/email/session_cancelled_body.txt", context)
    assert "on Tue 8 Dec 2026, 14:00." in body and "2026-12-08" not in body


# Machine formats may stay only where a machine reads them: a datetime attribute.
MACHINE = re.compile(r"""datetime="\{\{ ?[\w.]+\|date:'[^']*' ?\}\}\"""")
RAW = re.compile(r"\|(date|time)\b")


def _templates():
    for path in sorted(ROOT.glob("**/templates/**/*")):
        if path.suffix in (".html", ".txt") and not {".venv", "benchref"} & set(path.parts):
            yield path


def test_the_raw_format_check_finds_a_raw_date():
    assert RAW.search(MACHINE.sub("", '<td>{{ s.starts_at|date:"Y-m-d" }}</td>'))
    assert not RAW.search(MACHINE.sub("", "<time datetime=\"{{ s.at|date:'c' }}\">x</time>"))


def test_templates_write_dates_only_through_the_when_filter():
    bad = []
    for path in _templates():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if RAW.search(MACHINE.sub("", line)):
                bad.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert len(list(_templates())) > 100
    assert not bad, "\n".join(bad)
