"""Bilingual long texts: ``_ja`` and ``_en`` fields and the helper that picks one."""

from django.utils import translation


def text(obj, field: str) -> str:
    """The value of ``<field>_<active language>``, or the Japanese one when empty."""
    lang = (translation.get_language() or "ja")[:2]
    value = getattr(obj, f"{field}_{lang}", "") if lang in ("ja", "en") else ""
    return value or getattr(obj, f"{field}_ja", "")


class _Texts:
    """``obj.t.summary`` in templates: the text in the active language."""

    def __init__(self, obj):
        self._obj = obj

    def __getattr__(self, field):
        if field.startswith("_"):
            raise AttributeError(field)
        return text(self._obj, field)


class BilingualMixin:
    @property
    def t(self):
        return _Texts(self)

    @property
    def name(self):
        return text(self, "name")

    def __str__(self):
        return self.name
