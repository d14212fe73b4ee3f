"""One way to write a date or a time for people, per language (docs/glossary.md).

    date       2026年12月8日（火）       Tue 8 Dec 2026
    datetime   2026年12月8日（火）14:00  Tue 8 Dec 2026, 14:00
    seconds    2026年12月8日（火）14:00:05  Tue 8 Dec 2026, 14:00:05
    time       14:00                    14:00
    month      2026年12月               December 2026

Templates use the ``when`` filter (``carers/templatetags/kizuki.py``); Python
code (messages, email contexts rendered later) calls :func:`format_when`.
Machine formats (ISO 8601 in ``datetime`` attributes, feeds, CSV, JSON) do not
go through here."""

from datetime import date, datetime, time

from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime, parse_time

KINDS = ("date", "datetime", "seconds", "time", "month")
JA_WEEKDAYS = "月火水木金土日"
EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EN_MONTHS_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _parse(value):
    """A date, datetime or time from a value or from its ISO text (email
    contexts are stored as JSON, so their dates arrive as text)."""
    if isinstance(value, (date, time)) or not isinstance(value, str):
        return value
    text = value.strip()
    for parse in (parse_datetime, parse_date, parse_time):
        try:
            parsed = parse(text)
        except ValueError:
            parsed = None
        if parsed is not None:
            return parsed
    return None


def format_when(value, kind: str | None = None, language: str | None = None) -> str:
    """``value`` (date, datetime, time or their ISO text) written for people in
    ``language`` (default: the active one). ``kind`` is one of :data:`KINDS`;
    by default a datetime shows date and time, a date the date, a time the time.
    An empty or unreadable value gives ""."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of {KINDS}")
    value = _parse(value)
    if value is None or value == "":
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if kind is None:
        kind = (
            "datetime"
            if isinstance(value, datetime)
            else "time"
            if isinstance(value, time)
            else "date"
        )
    lang = (language or translation.get_language() or "ja").split("-")[0]
    if kind == "time":
        return f"{value:%H:%M}"
    if isinstance(value, time):
        raise ValueError(f"a time has no {kind}")
    if kind == "month":
        if lang == "ja":
            return f"{value.year}年{value.month}月"
        return f"{EN_MONTHS_LONG[value.month - 1]} {value.year}"
    if lang == "ja":
        day = f"{value.year}年{value.month}月{value.day}日（{JA_WEEKDAYS[value.weekday()]}）"
        sep = ""
    else:
        day = (
            f"{EN_WEEKDAYS[value.weekday()]} {value.day} {EN_MONTHS[value.month - 1]} {value.year}"
        )
        sep = ", "
    if kind == "date" or not isinstance(value, datetime):
        return day
    clock = f"{value:%H:%M:%S}" if kind == "seconds" else f"{value:%H:%M}"
    return f"{day}{sep}{clock}"


def track_label(track) -> str:
    """The words for a household's service-guide group; users never see the
    internal letters A and B (docs/glossary.md)."""
    from django.utils.translation import gettext

    labels = {"A": gettext("Not using services yet"), "B": gettext("Already using services")}
    return labels.get(track, track or "")
