"""Bilingual fields: a model keeps each text as ``<field>_ja`` and ``<field>_en``."""

from django.utils.translation import get_language


def localised(obj, field: str) -> str:
    """The value of ``<field>_<active language>``, or the Japanese one when empty."""
    lang = (get_language() or "ja")[:2]
    value = getattr(obj, f"{field}_{lang}", "") if lang in ("ja", "en") else ""
    return value or getattr(obj, f"{field}_ja", "")
