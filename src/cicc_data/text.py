"""Text folding used to compare names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet run a cell as a formula."""

WEAK_GRADES = frozenset({"mirror", "blog", "generated"})
"""Source reliability grades that count as weak evidence."""


_NOT_ALNUM = re.compile(r"[\W_]+")  # \W: not a letter or digit of any script (combining marks included)


def fold(text: str) -> str:
    """Fold a name for matching: compatibility forms, tone marks, case, spaces and punctuation removed."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text).casefold())


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal or a spreadsheet: a Chinese character counts two (wcwidth)."""
    from wcwidth import wcswidth, wcwidth

    width = wcswidth(text)
    return width if width >= 0 else sum(max(wcwidth(ch), 0) for ch in text)


def ljust(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` display columns."""
    return text + " " * max(width - display_width(text), 0)


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # loaded on first use only

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2t():
    import opencc  # loaded on first use only

    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """``text`` in traditional Chinese script (OpenCC's simplified-to-traditional conversion)."""
    return _s2t().convert(text) if text else text


def to_simplified(text: str) -> str:
    """``text`` in simplified Chinese script (OpenCC's traditional-to-simplified conversion)."""
    return _t2s().convert(text) if text else text
