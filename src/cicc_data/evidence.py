"""Evidence quotes: the saved text of a source page and the forms in which a page may print a value.

A citation's ``quote`` is a verbatim span of its page's saved text (whitespace runs collapsed to one
space). A cited value *stands in* its quote when, after folding both (traditional to simplified script,
compatibility forms such as full-width letters and digits, case, spaces and punctuation, which drops
enclosing 《》 and quotation marks), the value is part of the quote; a date also stands in it in any
printed form (2024年8月28日, 8月28日, the end of a range 8月28日至29日, 28 August, Aug. 28, 28th, 2024-08-28,
and the month names of German, Italian and Russian pages: 28. August, 28 agosto, 28 августа) and
a count as Arabic, Chinese or English numerals (10, 十, 两, ten), a half day as 一天半. The day of one session is not stated
by a span of days (8月28日至29日). A pinyin gloss that a mirror inserts after a character
(大學(xué)) is ignored, and 網路, which pages converted to Taiwan wording put for 網絡, counts as 网络.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

from .text import fold, to_simplified

MAX_QUOTE = 120
"""Longest quote, in characters."""

_WS = re.compile(r"\s+")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_DIGITS = "零一二三四五六七八九"
_RANGE = r"\s*(?:至|到|—|–|-|－|~|～|、|和|及|and|to|bis|al|e|и|по)\s*"
_OTHER_MONTHS = (  # German, Italian and Russian (genitive) names where they differ from the English stem
    "Januar gennaio января", "Februar febbraio февраля", "März marzo марта", "aprile апреля",
    "Mai maggio мая", "Juni giugno июня", "Juli luglio июля", "agosto августа", "settembre сентября",
    "Okt\\w* ottobre октября", "novembre ноября", "Dez\\w* dicembre декабря")
_SPANS = re.compile(  # a span of days (8月28日至29日, 28-29 August, Aug. 28-29): the conference's, not one session's
    rf"\d{{1,2}}月\d{{1,2}}[日号]?{_RANGE}(?:\d{{1,2}}月)?\d{{1,2}}[日号]|\d{{1,2}}{_RANGE}\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]+"
    rf"|[A-Z][a-z]{{2,}}\.?\s+\d{{1,2}}{_RANGE}\d{{1,2}}(?!\d)")
_ENGLISH = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen twenty").split()


def collapse(text: str) -> str:
    """``text`` with every whitespace run collapsed to one space and the ends trimmed."""
    return _WS.sub(" ", text).strip()


def page_body(raw: str) -> str:
    """The stored text of a source file after its metadata block (up to the first blank line), collapsed."""
    head, sep, body = raw.replace("\r\n", "\n").partition("\n\n")
    return collapse(body if sep else head)


@lru_cache(maxsize=256)
def read_page(path: Path) -> str:
    """The collapsed body of the source file at ``path``."""
    return page_body(path.read_text(encoding="utf-8"))


_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")


def strip_glosses(text: str) -> str:
    """``text`` without the pinyin glosses some mirrors insert after a character (大學(xué) -> 大學)."""
    return _GLOSS.sub("", text)


@lru_cache(maxsize=65536)
def folded(text: str) -> str:
    """``text`` folded for comparison: no inserted pinyin glosses, simplified script, compatibility forms,
    case, no spaces or punctuation, and 网络 for the Taiwan word 网路 that converted pages put for it."""
    return fold(to_simplified(strip_glosses(text))).replace("网路", "网络")


class Span:
    """A quote (or a candidate span) with its comparison forms computed once."""

    __slots__ = ("text", "__dict__")

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def folded(self) -> str:
        return folded(self.text)

    @cached_property
    def plain(self) -> str:
        """Simplified script and compatibility forms (full-width digits become ASCII), punctuation kept."""
        return unicodedata.normalize("NFKC", to_simplified(strip_glosses(self.text)))


def as_span(quote: str | Span) -> Span:
    return quote if isinstance(quote, Span) else Span(quote)


def chinese_numeral(n: int) -> list[str]:
    """Chinese numerals for 0 <= n < 100 (十, 十二, 二十, 二十一; 两 for 2)."""
    if n < 10:
        return [_DIGITS[n]] + (["两"] if n == 2 else [])
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    forms = [head + "十" + (_DIGITS[ones] if ones else "")]
    return forms + ([f"一十{_DIGITS[ones] if ones else ''}"] if tens == 1 else [])


def count_stands(n: int, quote: str | Span) -> bool:
    """The count ``n`` is printed in ``quote`` as a number of its own (Arabic, full-width or Chinese)."""
    text = as_span(quote).plain
    if re.search(rf"(?<!\d){n}(?!\d)", text):
        return True
    numerals = chinese_numeral(n) if 0 <= n < 100 else []
    if any(re.search(rf"(?<![{_DIGITS}〇○十百千两]){c}(?![{_DIGITS}〇○十百千两])", text) for c in numerals):
        return True
    return n < len(_ENGLISH) and bool(re.search(rf"\b{_ENGLISH[n]}\b", text, flags=re.IGNORECASE))


def month_names(month: int) -> str:
    """A regular expression for the name of ``month`` in English, German, Italian or Russian."""
    en = _MONTHS[month - 1]
    names = [rf"{en[:3]}\w*\.?", *_OTHER_MONTHS[month - 1].split()]
    return "(?:" + "|".join(names) + ")"


def number_stands(x: float, quote: str | Span) -> bool:
    """A number stands as a count (2), or a half as printed in Chinese (1.5 days: 一天半, 1天半)."""
    whole = int(x)
    if x == whole:
        return count_stands(whole, quote)
    text = as_span(quote).plain
    halves = [f"{whole}天半", f"{whole}个半"] + [f"{c}{unit}" for c in chinese_numeral(whole) for unit in ("天半", "个半")]
    return x - whole == 0.5 and (any(h in text for h in halves) or bool(re.search(rf"(?<!\d){x:g}(?!\d)", text)))


def date_patterns(d: date) -> list[str]:
    """Regular expressions for the printed forms of the day ``d``."""
    m, dd, mon = d.month, d.day, month_names(d.month)
    day = rf"0?{dd}(?!\d)"
    nth = r"(?:st|nd|rd|th|\.)?"
    return [
        rf"(?<!\d)0?{m}月{day}[日号]?",
        rf"(?<!\d)0?{m}月\d{{1,2}}[日号]?{_RANGE}{day}[日号]",
        rf"(?<!\d){dd}{nth}\s+(?:of\s+)?{mon}",
        rf"{mon}\s+{day}",
        rf"{mon}\s+\d{{1,2}}{nth}{_RANGE}{day}",
        rf"(?<!\d)\d{{1,2}}{nth}{_RANGE}{dd}{nth}\s+(?:of\s+)?{mon}",
        rf"(?<!\d){dd}{nth}{_RANGE}\d{{1,2}}{nth}\s+(?:of\s+)?{mon}",
        rf"{d.year}[-/.年]0?{m}[-/.月]{day}",
    ]


def month_patterns(year: int, month: int) -> list[str]:
    """Regular expressions for a month of a year (a date known to the month only)."""
    mon = month_names(month)
    return [rf"{year}\s*年\s*0?{month}\s*月", rf"{mon},?\s+{year}", rf"{year}[-/.]0?{month}(?!\d)"]


@lru_cache(maxsize=4096)
def _date_regex(value: str) -> re.Pattern[str]:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        patterns = date_patterns(date(*parts))
    elif len(parts) == 2:
        patterns = month_patterns(*parts)
    else:
        patterns = [rf"(?<!\d){parts[0]}(?!\d)"]
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags=re.IGNORECASE)


def date_stands(value: str, quote: str | Span, spans: bool = True) -> bool:
    """The ISO date ``value`` (YYYY-MM-DD, YYYY-MM or YYYY) is printed in ``quote`` in one of its forms.

    With ``spans=False`` (the day of one session) a span of days such as 8月28日至29日 does not count."""
    text = as_span(quote).plain
    return bool(_date_regex(value).search(text if spans else _SPANS.sub(" ", text)))


def text_stands(value: str, quote: str | Span) -> bool:
    """The text ``value`` stands in ``quote`` after folding both."""
    needle = folded(value)
    return bool(needle) and needle in as_span(quote).folded


def value_stands(value: str, kind: str, quote: str | Span) -> bool:
    """``value`` of field type ``kind`` (string, date, day: one session's date, integer) stands in ``quote``."""
    if kind in {"date", "day"}:
        return date_stands(value, quote, spans=kind == "date")
    if kind == "integer":
        return count_stands(int(value), quote)
    if kind == "number":
        return number_stands(float(value), quote)
    return text_stands(value, quote)
