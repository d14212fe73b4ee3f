"""Normalisation for Japanese text search (no database extension needed).

The stored search columns and the query both go through ``normalise``:
full-width letters and digits become half-width, half-width katakana become
full-width, katakana become hiragana, letters are lower-cased and whitespace
is collapsed. So 「ケアラー」, 「けあらー」 and 「ｹｱﾗｰ」 all match.
"""

import unicodedata

import jaconv


def normalise(value: str) -> str:
    value = unicodedata.normalize("NFKC", value or "")
    value = jaconv.kata2hira(value)
    return " ".join(value.lower().split())
