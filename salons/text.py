"""Normalisation for Japanese text search (no database extension needed).

Both the stored ``Salon.search_text`` and the query go through ``normalise``:
full-width letters and digits become half-width, half-width katakana become
full-width, katakana become hiragana, letters are lower-cased. So
「ケアラー」, 「けあらー」 and 「ｹｱﾗｰ」 all match.
"""

import unicodedata

import jaconv


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = jaconv.kata2hira(text)
    return " ".join(text.lower().split())
