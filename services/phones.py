"""Phone numbers as links: ``tel:`` takes the digits only (and a leading +)."""

import unicodedata


def tel_digits(value) -> str:
    value = unicodedata.normalize("NFKC", str(value or ""))
    digits = "".join(c for c in value if c.isdigit())
    return f"+{digits}" if value.strip().startswith("+") and digits else digits
