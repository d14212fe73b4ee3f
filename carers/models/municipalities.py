"""Municipalities (JIS X 0402 codes) and the choice-label helper the apps share."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def jis_check_digit(first_five: str) -> int:
    """Check digit of a JIS X 0402 local government code (全国地方公共団体コード)."""
    total = sum(int(d) * w for d, w in zip(first_five, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def is_valid_local_government_code(code: str) -> bool:
    return (
        isinstance(code, str)
        and len(code) == 6
        and code.isdigit()
        and jis_check_digit(code[:5]) == int(code[5])
    )


def choice_labels(choices, values, *, skip_unknown=False):
    """Labels of stored choice values (ArrayField/JSON lists of TextChoices values).

    Unknown values are shown as stored, or left out with ``skip_unknown``."""
    labels = dict(choices.choices)
    return [labels.get(v, v) for v in values if not skip_unknown or v in labels]


class MunicipalityQuerySet(models.QuerySet):
    def municipalities(self):
        return self.filter(is_prefecture=False)

    def in_portal_prefecture(self):
        """Municipalities of the prefecture this portal serves (PORTAL_PREFECTURE_CODE)."""
        return self.municipalities().filter(prefecture_code=settings.PORTAL_PREFECTURE_CODE)


class Municipality(models.Model):
    """A prefecture or municipality of Japan, keyed by its 6-digit JIS X 0402 code."""

    code = models.CharField(_("local government code"), max_length=6, primary_key=True)
    prefecture_code = models.CharField(max_length=2, db_index=True)
    prefecture = models.CharField(_("prefecture"), max_length=10)
    prefecture_kana = models.CharField(max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=40, blank=True)
    name_kana = models.CharField(max_length=60, blank=True)
    is_prefecture = models.BooleanField(default=False)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.localized_name

    @property
    def full_name(self):
        return self.prefecture if self.is_prefecture else f"{self.prefecture}{self.name}"

    @property
    def name_en(self):
        """Hepburn romanisation of the reading: the code list has no English names."""
        from ..romaji import municipality_romaji, prefecture_romaji

        if self.is_prefecture:
            return prefecture_romaji(self.prefecture, self.prefecture_kana)
        return municipality_romaji(self.name, self.name_kana)

    @property
    def localized_name(self):
        if get_language() == "en":
            return self.name_en
        return self.name or self.prefecture

    @property
    def localized_full_name(self):
        if get_language() != "en":
            return self.full_name
        from ..romaji import prefecture_romaji

        prefecture = prefecture_romaji(self.prefecture, self.prefecture_kana)
        return prefecture if self.is_prefecture else f"{self.name_en}, {prefecture}"
