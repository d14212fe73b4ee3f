"""Addresses (slugs) of articles made from their Japanese titles.

The title is split into words with their readings (SudachiPy, as for
furigana); content words are written in romaji with the kernel's Hepburn
helper and joined with hyphens: 介護と仕事の両立 → kaigo-shigoto-ryoritsu.
Particles, auxiliaries and symbols are left out. Without the analyser, the
kana and ASCII parts of the title are used (kanji have no reading then), and
an empty result becomes "article". A taken address gets -2, -3, ...
"""

import re
import unicodedata

from carers.api import romanise_reading

MAX_LENGTH = 60
SKIPPED_PARTS_OF_SPEECH = ("助詞", "助動詞", "補助記号", "空白", "記号")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_KANA_RUN = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc]+")


def _katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def _ascii_words(text: str) -> list[str]:
    return _ASCII_WORD.findall(text.lower())


def _words_with_analyser(title: str) -> list[str]:
    from .furigana import _tokenizer

    tokenizer, mode = _tokenizer()
    words = []
    for morpheme in tokenizer.tokenize(title, mode):
        surface = morpheme.surface()
        pos = morpheme.part_of_speech()
        if pos[0] in SKIPPED_PARTS_OF_SPEECH or pos[1] == "非自立可能":  # いる in 知っている
            continue
        if _ascii_words(surface):
            words.extend(_ascii_words(surface))
        else:
            words.extend(_ascii_words(romanise_reading(morpheme.reading_form())))
    return words


def _words_without_analyser(title: str) -> list[str]:
    words = []
    for part in re.split(r"([\u3041-\u3096\u30a1-\u30fa\u30fc]+)", title):
        if _KANA_RUN.fullmatch(part or ""):
            words.extend(_ascii_words(romanise_reading(_katakana(part))))
        else:
            words.extend(_ascii_words(part))
    return words


def from_title(title: str) -> str:
    """A slug for ``title`` (not checked for uniqueness)."""
    title = unicodedata.normalize("NFKC", title or "")
    try:
        words = _words_with_analyser(title)
    except Exception:  # no dictionary installed: kana and ASCII only
        words = _words_without_analyser(title)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_LENGTH:
            break
        slug = candidate
    return slug or "article"


def unique(slug: str, taken) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... the first that ``taken(s)`` says is free."""
    if not taken(slug):
        return slug
    n = 2
    while taken(f"{slug[: MAX_LENGTH - 4]}-{n}"):
        n += 1
    return f"{slug[: MAX_LENGTH - 4]}-{n}"
