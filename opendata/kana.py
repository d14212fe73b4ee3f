"""Katakana readings (フリガナ) for the ``_カナ`` columns the standard requires.

The catalogue and the salon registry keep no reading of names, so it is
derived: text already in kana, Latin letters or digits is only converted to
full-width katakana (jaconv); runs of kanji are read with the analyser the
furigana switch uses (SudachiPy with SudachiDict core), whose dictionary is
memory-mapped (shared between processes, not on the Python heap). Readings of kanji runs are cached: names in a catalogue
repeat the same words (社会福祉法人, 訪問介護, 事業所), so a national file reads
each distinct run once.
"""

import functools
import re
import threading

import jaconv

# What a reading may hold: katakana (with ー), full-width digits and Latin
# letters, full-width spaces. Brackets and symbols (【】（）〜・) are dropped.
_NOT_READING = re.compile(r"[^\u30a1-\u30fa\u30fc\u3000\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# A run of characters that need a dictionary (kanji, 々, ヶ) versus the rest.
_KANJI_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff々〆ヶヵ]+")


_local = threading.local()


def _tokenizer():
    """One tokenizer per thread (a Sudachi tokenizer is not thread-safe)."""
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import Dictionary, SplitMode

        tokenizer = _local.tokenizer = (Dictionary(dict="core").tokenizer(), SplitMode.C)
    return tokenizer


@functools.lru_cache(maxsize=50_000)
def _read_kanji(run: str) -> str:
    tokenizer, mode = _tokenizer()
    return "".join(m.reading_form() or m.surface() for m in tokenizer.tokenize(run, mode))


# Hiragana -> katakana and printable ASCII -> full width, in one str.translate.
_FULL_WIDTH = {c: c + 0x60 for c in range(0x3041, 0x3097)} | {
    c: c + 0xFEE0 for c in range(0x21, 0x7F)
}
_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]")


def _plain(text: str) -> str:
    """Kana, Latin letters and digits as full-width katakana (ｱｲｳ, あいう, ABC → アイウ, ＡＢＣ)."""
    if _HALF_WIDTH_KANA.search(text):
        text = jaconv.h2z(text, kana=True)
    return text.translate(_FULL_WIDTH)


def reading(text: str) -> str:
    """The katakana reading of ``text``: kanji read by dictionary, kana and
    Latin letters kept (full width), spaces as full-width spaces, symbols dropped."""
    text = (text or "").strip()
    if not text:
        return ""
    parts, pos = [], 0
    for match in _KANJI_RUN.finditer(text):
        parts.append(_plain(text[pos : match.start()]))
        parts.append(_read_kanji(match.group()))
        pos = match.end()
    parts.append(_plain(text[pos:]))
    spaced = " ".join("".join(parts).replace("\u3000", " ").split())
    return _NOT_READING.sub("", spaced.replace(" ", "\u3000"))
