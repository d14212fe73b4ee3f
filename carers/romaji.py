"""Hepburn romanisation of the katakana readings of municipality names, for
the English pages (the code list has no English names).

サッポロシ → Sapporo-shi, ホッカイドウ → Hokkaido, ニセコチョウ → Niseko-cho.
Long vowels are written without macrons (Tokyo, Osaka), as in most English use.
"""

import unicodedata

_BASE = {
    "ア": "a",
    "イ": "i",
    "ウ": "u",
    "エ": "e",
    "オ": "o",
    "カ": "ka",
    "キ": "ki",
    "ク": "ku",
    "ケ": "ke",
    "コ": "ko",
    "サ": "sa",
    "シ": "shi",
    "ス": "su",
    "セ": "se",
    "ソ": "so",
    "タ": "ta",
    "チ": "chi",
    "ツ": "tsu",
    "テ": "te",
    "ト": "to",
    "ナ": "na",
    "ニ": "ni",
    "ヌ": "nu",
    "ネ": "ne",
    "ノ": "no",
    "ハ": "ha",
    "ヒ": "hi",
    "フ": "fu",
    "ヘ": "he",
    "ホ": "ho",
    "マ": "ma",
    "ミ": "mi",
    "ム": "mu",
    "メ": "me",
    "モ": "mo",
    "ヤ": "ya",
    "ユ": "yu",
    "ヨ": "yo",
    "ラ": "ra",
    "リ": "ri",
    "ル": "ru",
    "レ": "re",
    "ロ": "ro",
    "ワ": "wa",
    "ヰ": "i",
    "ヱ": "e",
    "ヲ": "o",
    "ン": "n",
    "ガ": "ga",
    "ギ": "gi",
    "グ": "gu",
    "ゲ": "ge",
    "ゴ": "go",
    "ザ": "za",
    "ジ": "ji",
    "ズ": "zu",
    "ゼ": "ze",
    "ゾ": "zo",
    "ダ": "da",
    "ヂ": "ji",
    "ヅ": "zu",
    "デ": "de",
    "ド": "do",
    "バ": "ba",
    "ビ": "bi",
    "ブ": "bu",
    "ベ": "be",
    "ボ": "bo",
    "パ": "pa",
    "ピ": "pi",
    "プ": "pu",
    "ペ": "pe",
    "ポ": "po",
    "ヴ": "vu",
    "ァ": "a",
    "ィ": "i",
    "ゥ": "u",
    "ェ": "e",
    "ォ": "o",
}
_YOON = {"ャ": "a", "ュ": "u", "ョ": "o"}

# Kanji suffix of a municipality name → its kana reading(s) and the English suffix.
_SUFFIXES = [
    ("市", ("シ",), "shi"),
    ("区", ("ク",), "ku"),
    ("町", ("チョウ", "マチ"), None),
    ("村", ("ムラ", "ソン"), None),
]
_PREFECTURE_SUFFIXES = [("都", "ト"), ("道", None), ("府", "フ"), ("県", "ケン")]


def katakana_to_romaji(kana: str) -> str:
    kana = unicodedata.normalize("NFKC", kana)
    out = []
    i = 0
    while i < len(kana):
        ch = kana[i]
        nxt = kana[i + 1] if i + 1 < len(kana) else ""
        if ch == "ッ":
            following = katakana_to_romaji(nxt)[:1] if nxt else ""
            out.append("t" if following == "c" else following)
            i += 1
            continue
        if ch == "ー":
            i += 1
            continue
        syllable = _BASE.get(ch, ch)
        if nxt in _YOON and syllable.endswith("i") and len(syllable) > 1:
            stem = syllable[:-1]
            syllable = (stem if stem in ("sh", "ch", "j") else stem + "y") + _YOON[nxt]
            i += 1
        if syllable == "n" and nxt and _BASE.get(nxt, "x")[0] in "aiueoy":
            syllable = "n'"
        out.append(syllable)
        i += 1
    text = "".join(out)
    # Long vowels without macrons: ou/oo → o, uu → u (Toukyou → Tokyo, Yuubari → Yubari).
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        text = text.replace(long, short)
    return text.replace("n'", "n")


def municipality_romaji(name: str, kana: str) -> str:
    for kanji, readings, english in _SUFFIXES:
        if name.endswith(kanji):
            for reading in readings:
                if kana.endswith(reading):
                    stem = katakana_to_romaji(kana[: -len(reading)]).capitalize()
                    suffix = (
                        english
                        or {"チョウ": "cho", "マチ": "machi", "ムラ": "mura", "ソン": "son"}[
                            reading
                        ]
                    )
                    return f"{stem}-{suffix}"
    return katakana_to_romaji(kana).capitalize()


def prefecture_romaji(name: str, kana: str) -> str:
    for kanji, reading in _PREFECTURE_SUFFIXES:
        if name.endswith(kanji) and reading and kana.endswith(reading):
            return katakana_to_romaji(kana[: -len(reading)]).capitalize()
    return katakana_to_romaji(kana).capitalize()
