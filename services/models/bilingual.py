"""Bilingual long texts: ``_ja`` and ``_en`` fields and the helper that picks one."""

from carers.i18n import localised

text = localised  # the text of a bilingual field in the active language


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
