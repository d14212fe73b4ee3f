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


def katakana_to_romaji(kana: str, *, contract: bool = True) -> str:
    """Hepburn for a katakana reading; ``contract=False`` keeps long vowels (toukyou)."""
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
    if not contract:
        return text.replace("n'", "n")
    # Long vowels without macrons: ou/oo → o, uu → u (Toukyou → Tokyo, Yuubari → Yubari).
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        text = text.replace(long, short)
    return text.replace("n'", "n")


# Readings the rules above get wrong, by the reading of the name without its
# suffix. Found by listing every generated name in which a vowel pair was
# contracted (ou, oo, uu) and checking whether the pair spans two kanji
# (豊|浦 to-yo|u-ra is Toyoura, not Toyora; 広|尾 is Hiroo), and every reading in
# which the code list writes a small ャュョ as a large one (ギヨウダ is Gyoda).
# The spellings are the ones the municipalities use themselves.
OVERRIDES = {
    # A vowel pair across a kanji boundary is written out.
    "タキノウエ": "Takinoue",  # 滝上町 (Hokkaido)
    "トヨウラ": "Toyoura",  # 豊浦町 (Hokkaido)
    "ヒロオ": "Hiroo",  # 広尾町 (Hokkaido)
    "オウム": "Oumu",  # 雄武町 (Hokkaido)
    "コオリ": "Koori",  # 桑折町 (Fukushima)
    "カツウラ": "Katsuura",  # 勝浦市 (Chiba), 勝浦町 (Tokushima)
    "ナチカツウラ": "Nachikatsuura",  # 那智勝浦町
    "オウラ": "Oura",  # 邑楽町
    "コウミ": "Koumi",  # 小海町
    "トヨオカ": "Toyooka",  # 豊岡市, 豊丘村
    "ヤマノウチ": "Yamanouchi",  # 山ノ内町
    "ワノウチ": "Wanouchi",  # 輪之内町
    "コトウラ": "Kotoura",  # 琴浦町
    "セトウチ": "Setouchi",  # 瀬戸内市, 瀬戸内町
    "マツウラ": "Matsuura",  # 松浦市
    "トウオン": "Toon",  # 東温市 (the rules made it "Ton")
    "ショウオウ": "Shoo",  # 勝央町
    "サンヨウオノダ": "Sanyo-Onoda",  # 山陽小野田市
    "スオウオオシマ": "Suo-Oshima",  # 周防大島町
    "ニシノオモテ": "Nishinoomote",  # 西之表市
    "ブンゴオオノ": "Bungo-Ono",  # 豊後大野市
    "ミノオ": "Minoh",  # 箕面市
    "ソオ": "Soo",  # 曽於市
    # The code list writes these small kana large (シヨウ for ショウ).
    "シヨウナイ": "Shonai",  # 庄内町
    "ナカノジヨウ": "Nakanojo",  # 中之条町
    "ギヨウダ": "Gyoda",  # 行田市
    "ホンジヨウ": "Honjo",  # 本庄市
    "ハニユウ": "Hanyu",  # 羽生市
    "クジユウクリ": "Kujukuri",  # 九十九里町
    "オンジユク": "Onjuku",  # 御宿町
    "キヨナン": "Kyonan",  # 鋸南町
    "リユウオウ": "Ryuo",  # 竜王町
    "シジヨウナワテ": "Shijonawate",  # 四條畷市
    "コウリヨウ": "Koryo",  # 広陵町
    "ソウジヤ": "Soja",  # 総社市
    "シンジヨウ": "Shinjo",  # 新庄村
    "チヤタン": "Chatan",  # 北谷町
}


def _stem_romaji(kana: str) -> str:
    return OVERRIDES.get(kana) or katakana_to_romaji(kana).capitalize()


def municipality_romaji(name: str, kana: str) -> str:
    for kanji, readings, english in _SUFFIXES:
        if name.endswith(kanji):
            for reading in readings:
                if kana.endswith(reading):
                    stem = _stem_romaji(kana[: -len(reading)])
                    suffix = (
                        english
                        or {"チョウ": "cho", "マチ": "machi", "ムラ": "mura", "ソン": "son"}[
                            reading
                        ]
                    )
                    return f"{stem}-{suffix}"
    return _stem_romaji(kana)


def prefecture_romaji(name: str, kana: str) -> str:
    for kanji, reading in _PREFECTURE_SUFFIXES:
        if name.endswith(kanji) and reading and kana.endswith(reading):
            return katakana_to_romaji(kana[: -len(reading)]).capitalize()
    return katakana_to_romaji(kana).capitalize()
