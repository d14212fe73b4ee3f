"""Japanese phone numbers as ``tel:`` URIs (one rule for every page and API)."""

import re
import unicodedata

_SHORT = re.compile(r"^#?\d{3,4}$")  # 189, 110, #7119, #8000


def tel_uri(value: str) -> str | None:
    """The ``tel:`` URI of a phone number, or None when it is not one."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    digits = re.sub(r"[^\d+#]", "", text)
    if not digits:
        return None
    if digits.startswith("+81"):
        national = digits[3:].lstrip("0")
        return f"tel:+81{national}" if national.isdigit() and 9 <= len(national) <= 10 else None
    if digits.startswith("0") and digits.isdigit() and 10 <= len(digits) <= 11:
        return f"tel:+81{digits[1:]}"
    if _SHORT.match(digits) and (digits.startswith("#") or digits.startswith("1")):
        return "tel:" + digits.replace("#", "%23")
    return None
