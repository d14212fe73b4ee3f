"""Areas a file covers (the prefecture or one municipality) and the place names of its rows."""

from dataclasses import dataclass

from django.conf import settings

from carers.models import Municipality


@dataclass(frozen=True)
class Area:
    code: str
    prefecture: str
    name: str  # "" for the prefecture
    name_kana: str = ""

    @property
    def is_prefecture(self):
        return not self.name

    @property
    def filter_code(self):
        """The municipality code rows are filtered on; None for everything."""
        return None if self.is_prefecture else self.code

    @property
    def full_name(self):
        return self.prefecture + self.name


def prefecture_area() -> Area:
    pref = Municipality.objects.get(
        is_prefecture=True, prefecture_code=settings.PORTAL_PREFECTURE_CODE
    )
    return Area(pref.code, pref.prefecture, "", pref.prefecture_kana)


def areas() -> list[Area]:
    """The prefecture first, then its municipalities by code."""
    rows = Municipality.objects.in_portal_prefecture().values_list(
        "code", "prefecture", "name", "name_kana"
    )
    return [prefecture_area(), *(Area(*row) for row in rows)]


def area_for(code: str) -> Area | None:
    return next((a for a in areas() if a.code == code), None)


class Places:
    """Names of every local government, for the four leading columns (1,741
    rows: small enough to hold, and one query per file)."""

    def __init__(self):
        self.by_code = {
            code: (pref, name)
            for code, pref, name in Municipality.objects.values_list("code", "prefecture", "name")
        }
        self.prefecture = prefecture_area()

    def common(self, code) -> dict:
        """The four leading columns (NO is numbered by the writer)."""
        if not code or code not in self.by_code:
            code = self.prefecture.code
        pref, name = self.by_code[code]
        return {
            "都道府県コード又は市区町村コード": code,
            "都道府県名": pref,
            "市区町村名": name,
        }

    def address(self, code, text) -> str:
        """A full address: prefecture and municipality prefixed when the
        stored text starts below them ("中央区北1条西2丁目" → "北海道札幌市中央区…")."""
        text = (text or "").strip()
        if not text:
            return ""
        pref, name = self.by_code.get(code or "", (self.prefecture.prefecture, ""))
        if text.startswith(pref):
            return text
        if name and not text.startswith(name):
            text = name + text
        return pref + text
