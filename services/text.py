"""Text normalisation for search: the same function is applied to the stored
search column and to the query, so 全角/半角 and ひらがな/カタカナ match."""

import unicodedata

import jaconv


def normalise(value: str) -> str:
    """NFKC (full-width ASCII and half-width katakana to their standard forms),
    katakana to hiragana, lower case, whitespace collapsed."""
    value = unicodedata.normalize("NFKC", value or "")
    value = jaconv.kata2hira(value)
    return " ".join(value.lower().split())
