"""CSV downloads that open correctly in spreadsheet applications."""

from django.http import HttpResponse

# A cell starting with one of these is read as a formula by spreadsheet apps.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """Neutralise spreadsheet formula injection in a text cell (numbers pass)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(filename: str) -> HttpResponse:
    """An attachment response that starts with a BOM, so UTF-8 Japanese opens
    correctly in spreadsheet apps."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response
