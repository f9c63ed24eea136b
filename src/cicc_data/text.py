"""Text folding used to compare names."""

from __future__ import annotations

import unicodedata

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet run a cell as a formula."""

WEAK_GRADES = frozenset({"mirror", "blog"})
"""Source reliability grades that count as weak evidence."""


def fold(text: str) -> str:
    """Fold a name for matching: compatibility forms, tone marks, case, spaces and punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum() and not unicodedata.combining(ch))
