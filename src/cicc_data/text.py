"""Text folding used to compare names."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Fold a name for matching: compatibility forms, tone marks, case, spaces and punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum() and not unicodedata.combining(ch))
