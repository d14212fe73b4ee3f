"""Streaming encoders: rows in, byte chunks out. A chunk is flushed every
``CHUNK`` characters, so memory does not grow with the file.

CP932 (Windows-31J) cannot hold every character: the few that have a
look-alike in CP932 are mapped to it (WAVE DASH 〜 → ～, MINUS SIGN − → －,
EM DASH — → ―, …); any other character CP932 lacks (e.g. 𠮷, emoji) becomes
〓 (U+3013 GETA MARK, the conventional mark for a missing character).
"""

import codecs
import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal

from . import columns as C

CHUNK = 64 * 1024
BOM = "\ufeff"
GETA = "\u3013"
CP932_LOOKALIKES = str.maketrans(
    {
        "\u301c": "\uff5e",  # 〜 WAVE DASH -> ～ FULLWIDTH TILDE
        "\u2212": "\uff0d",  # − MINUS SIGN -> －
        "\u2014": "\u2015",  # — EM DASH -> ― HORIZONTAL BAR
        "\u2016": "\u2225",  # ‖ DOUBLE VERTICAL LINE -> ∥
        "\u00a2": "\uffe0",  # ¢ -> ￠
        "\u00a3": "\uffe1",  # £ -> ￡
        "\u00ac": "\uffe2",  # ¬ -> ￢
        "\u00a0": " ",  # no-break space -> space
    }
)


def _geta(error):
    return GETA, error.end


codecs.register_error("opendata-geta", _geta)


def to_cp932(text: str) -> bytes:
    return text.translate(CP932_LOOKALIKES).encode("cp932", errors="opendata-geta")


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float | Decimal):
        return f"{value:.7f}".rstrip("0").rstrip(".")
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def csv_chunks(columns, rows, encoding="utf-8"):
    """The CSV file: header exactly as ``columns``, CRLF line ends, NO numbered
    from 1; UTF-8 with a BOM, or CP932."""
    encode = to_cp932 if encoding == "cp932" else (lambda text: text.encode("utf-8"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if encoding != "cp932":
        buffer.write(BOM)
    writer.writerow(columns)
    for number, row in enumerate(rows, start=1):
        row["NO"] = number
        writer.writerow([cell(row.get(column)) for column in columns])
        if buffer.tell() >= CHUNK:
            yield encode(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
    yield encode(buffer.getvalue())


def typed(column, value):
    """A JSON value: integers and numbers typed, counts an integer or "<5",
    empty text as null for typed columns and "" otherwise."""
    if value in (None, ""):
        return None if column in C.INTEGER | C.NUMBER | C.COUNT else ""
    if column in C.INTEGER:
        return int(value)
    if column in C.NUMBER:
        return float(value)
    if column in C.COUNT:
        return value if isinstance(value, str) else int(value)
    return cell(value)


def json_chunks(meta: dict, columns, rows):
    """``{...meta, "columns": [...], "records": [{column: value}, ...]}``."""
    head = json.dumps({**meta, "columns": list(columns)}, ensure_ascii=False)
    parts = [head[:-1], ', "records": [']
    size = 0
    for number, row in enumerate(rows, start=1):
        row["NO"] = number
        record = json.dumps({c: typed(c, row.get(c)) for c in columns}, ensure_ascii=False)
        parts.append(("\n" if number == 1 else ",\n") + record)
        size += len(record)
        if size >= CHUNK:
            yield "".join(parts).encode("utf-8")
            parts, size = [], 0
    parts.append("\n]}\n")
    yield "".join(parts).encode("utf-8")
