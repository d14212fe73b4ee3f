"""How the portal names the prefecture it serves, from ``PORTAL_PREFECTURE_CODE``.

Japan's prefectures are not all 県: Hokkaido is a 道 (its government the 道庁,
"in the prefecture" is 道内), Tokyo a 都, Osaka and Kyoto 府. Every page, email,
export and catalogue string that mentions the prefecture takes its wording from
here instead of writing 県:

    {% blocktranslate with gov=prefecture.gov %}Submit to the {{ gov }}{% endblocktranslate %}
    _("The request was sent to the %(gov)s.") % prefecture().wording()

The attributes ``name``, ``gov`` and ``within`` follow the active language
(北海道 / Hokkaido, 道庁 / Hokkaido Government, 道内 / in Hokkaido), so one
placeholder serves both catalogues; the ``_ja``/``_en`` attributes are fixed.
Names come from the bundled municipality list (no database query).
"""

import csv
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import get_language

from .romaji import prefecture_romaji

SUFFIXES = ("道", "都", "府", "県")


def _english_government(name_en: str, suffix: str) -> str:
    if suffix == "道":
        return f"{name_en} Government"
    if suffix == "都":
        return f"{name_en} Metropolitan Government"
    return f"{name_en} Prefectural Government"


@dataclass(frozen=True)
class Prefecture:
    code: str
    name_ja: str  # 北海道, 東京都, 大阪府, 青森県
    name_en: str  # Hokkaido, Tokyo, Osaka, Aomori

    @property
    def suffix(self) -> str:
        """道, 都, 府 or 県."""
        return self.name_ja[-1]

    @property
    def gov_ja(self) -> str:
        return f"{self.suffix}庁"

    @property
    def gov_en(self) -> str:
        return _english_government(self.name_en, self.suffix)

    @property
    def within_ja(self) -> str:
        return f"{self.suffix}内"

    @property
    def within_en(self) -> str:
        return f"in {self.name_en}"

    # --- in the active language -------------------------------------------------
    def _pick(self, ja: str, en: str) -> str:
        return en if (get_language() or "ja")[:2] == "en" else ja

    @property
    def name(self) -> str:
        return self._pick(self.name_ja, self.name_en)

    @property
    def gov(self) -> str:
        return self._pick(self.gov_ja, self.gov_en)

    @property
    def within(self) -> str:
        return self._pick(self.within_ja, self.within_en)

    def wording(self) -> dict:
        """Placeholders for ``%``-formatting a translated string:
        ``pref`` (name), ``gov`` (its government), ``within`` (道内 / in Hokkaido)."""
        return {"pref": self.name, "gov": self.gov, "within": self.within}

    def __str__(self):
        return self.name


@lru_cache(maxsize=64)
def _prefectures() -> dict:
    from .municipalities import FIXTURE

    found = {}
    with FIXTURE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not (row.get("municipality") or "").strip():
                code = row["code"][:2]
                name = row["prefecture"].strip()
                found[code] = Prefecture(
                    code=code,
                    name_ja=name,
                    name_en=prefecture_romaji(name, row.get("prefecture_kana") or ""),
                )
    return found


def prefecture(code: str | None = None) -> Prefecture:
    """The prefecture of ``code`` (two digits), by default the portal's own."""
    return _prefectures()[code or settings.PORTAL_PREFECTURE_CODE]


def all_prefectures() -> list[Prefecture]:
    return [p for _, p in sorted(_prefectures().items())]


def prefecture_text(message, **extra) -> str:
    """A translated message with the prefecture's wording filled in."""
    return str(message) % {**prefecture().wording(), **extra}


# For labels defined at import time (form fields, choices): formatted when shown.
prefecture_text_lazy = lazy(prefecture_text, str)
