"""CSV for spreadsheets without formula injection.

A cell whose text starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
return) is run as a formula by Excel and LibreOffice. Every CSV export writes
through ``writer()``, which prefixes such text with an apostrophe (shown as
text, not run); ``restore()`` undoes that for a file imported back.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value: str) -> str:
    """The text of a cell as exported by ``writer()`` (an imported file)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class _SafeWriter:
    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(out, **kwargs):
    """Like ``csv.writer``, with every text cell neutralised."""
    return _SafeWriter(out, **kwargs)


def csv_response(filename: str):
    """An attachment response that starts with a BOM, so UTF-8 Japanese opens
    correctly in spreadsheet apps. Write rows to it through ``writer()``."""
    from django.http import HttpResponse

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response
