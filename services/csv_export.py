"""The catalogue CSV's columns and the export, in the columns the import reads."""

import io

from carers import csvsafe

from .forms import ServiceForm

LIST_SEP = "|"


# The CSV carries exactly what the staff form edits, plus the id.
COLUMNS = ("id", *ServiceForm.Meta.fields)


def _row(s) -> list:
    return [
        str(s.pk),
        s.name_ja,
        s.name_en,
        s.summary_ja,
        s.summary_en,
        s.description_ja,
        s.description_en,
        s.eligibility_ja,
        s.eligibility_en,
        s.how_to_apply_ja,
        s.how_to_apply_en,
        s.cost_ja,
        s.cost_en,
        s.organization.name_ja,
        LIST_SEP.join(t.code for t in s.categories.all()),
        LIST_SEP.join(s.audiences),
        s.scope,
        LIST_SEP.join(m.code for m in s.municipalities.all()),
        s.url,
        s.email,
        s.phone,
        s.contact_ja,
        s.contact_en,
        s.keywords,
        s.source,
        s.status,
        s.last_verified.isoformat(),
        s.visible_from.isoformat() if s.visible_from else "",
        s.visible_until.isoformat() if s.visible_until else "",
    ]


def export_chunks(services, encoding="utf-8", rows_per_chunk=500):
    """The CSV file as a sequence of encoded chunks (for a streaming response:
    memory stays constant whatever the size of the catalogue). UTF-8 starts
    with a byte-order mark so spreadsheet programs read it right."""
    out = io.StringIO(newline="")
    writer = csvsafe.writer(out, lineterminator="\r\n")

    def flush(first=False):
        text = out.getvalue()
        out.seek(0)
        out.truncate()
        if encoding == "cp932":
            # Characters Shift_JIS cannot hold (e.g. an en dash) become "?".
            # Re-importing such a file keeps the stored characters (_keep_unencodable).
            return text.encode("cp932", errors="replace")
        return text.encode("utf-8-sig" if first else "utf-8")

    writer.writerow(COLUMNS)
    yield flush(first=True)
    for n, service in enumerate(services, start=1):
        writer.writerow(_row(service))
        if n % rows_per_chunk == 0:
            yield flush()
    yield flush()


def export(services, encoding="utf-8") -> bytes:
    return b"".join(export_chunks(services, encoding))
