"""Layer "text": what each cell's characters say, beyond the CSV dialect the file layer checks.

Invisible and control characters, bidirectional controls, line breaks in one-line fields, text not
in NFC, look-alike letters from another script inside a word, mojibake (UTF-8 read with the wrong codec), Chinese fields with no Chinese in them, and
URLs that deceive (user information before the host, other schemes, no host, hidden characters).
One problem per cell and code; plain printable ASCII takes a fast path.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from .files import Table
from .report import Problem, Report

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
"""A Chinese character (CJK unified ideographs, extensions and compatibility ideographs)."""

BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
MULTILINE_FIELDS = frozenset({"notes"})
"""Free-text fields where a line feed may separate paragraphs; every other field is one line."""

# What every Latin-1/Windows-1252 reading of UTF-8 shows: a lead byte, then a continuation byte, as characters.
# A cheap gate: ftfy (imported on first need) judges only the columns that have it.
_CP1252_HIGH = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a" \
               "\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_LEAD_THEN_CONTINUATION = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]")

_UNDECODED = re.compile("[\udc80-\udcff]")
"""A byte that did not decode (surrogateescape)."""
_GREEK_CYRILLIC = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
_MIXED_SCRIPT = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0370-\u03ff\u0400-\u04ff])\w+\b")
"""A word mixing Latin with Greek or Cyrillic letters: a look-alike letter slipped into a name."""


def _url_fields(names: list[str]) -> set[str]:
    return {n for n in names if n == "url" or n.endswith("_url")}


def check(tables: list[Table], report: Report) -> None:
    """Check every cell, a column at a time: a check runs on the cells of a column only when the whole
    column, joined, shows what it looks for (most columns are plain ASCII and need no cell-by-cell look)."""
    for t in tables:
        urls = _url_fields(t.schema.field_names)
        numbers = [n for n, _ in t.rows]
        columns = dict(zip(t.schema.field_names, zip(*(row.values() for _, row in t.rows))))
        for col in t.schema.field_names:
            if report.full:
                return
            values: Sequence[str] = columns.get(col, ())
            joined = "\n".join(values)
            wide = not joined.isascii()  # NFC, mojibake and scripts concern non-ASCII text only
            look = _Look(
                chars=not joined.replace("\n", "").isprintable() or joined.count("\n") >= len(values),
                nfc=wide and not unicodedata.is_normalized("NFC", joined),
                latin=wide and (_is_bad(joined) or "\ufffd" in joined),
                mixed=wide and bool(_GREEK_CYRILLIC.search(joined)),
                han=wide and bool(HAN.search(joined)),
                zh=col.endswith("_zh"),
            )
            if col in urls:
                for n, val in zip(numbers, values):
                    if val:
                        _check_url(t.file, n, col, val, report)
            if not (look.chars or look.nfc or look.latin):
                if look.han or look.zh or look.mixed:  # the common case: printable NFC text, perhaps Chinese
                    _check_wide(t.file, col, numbers, values, look, report)
                continue
            if not (look.chars or look.nfc or look.latin or look.mixed or look.han or look.zh):
                continue
            for n, val in zip(numbers, values):
                if not val:
                    continue
                if look.zh and val.isascii() and val.isprintable():
                    report.add(Problem("text", t.file, n, col, f"value {val[:40]!r} of a Chinese field has no "
                                       "Chinese character", "no-chinese"))
                if not (val.isascii() and val.isprintable()):
                    _check_chars(t.file, n, col, val, look, report)


def _check_wide(file: str, col: str, numbers: list[int], values: Sequence[str], look: _Look, report: Report) -> None:
    """GBK mojibake in a column with Chinese in it, no Chinese in a Chinese field, look-alike letters."""
    # every cell read back as if its GBK bytes were UTF-8, in one go: a line feed is never part of a GBK
    # character, and no cell of this column holds one, so the pieces are the cells
    as_utf8 = "\n".join(values).encode("gb18030").decode("utf-8", "surrogateescape").split("\n") \
        if look.han else ()
    for i, (n, val) in enumerate(zip(numbers, values)):
        if not val:
            continue
        if val.isascii():
            if look.zh:
                report.add(Problem("text", file, n, col, f"value {val[:40]!r} of a Chinese field has no Chinese "
                                   "character", "no-chinese"))
            continue
        fixed = as_utf8[i] if look.han else val
        if fixed != val and not _UNDECODED.search(fixed) and HAN.search(fixed) and HAN.search(val):
            report.add(Problem("text", file, n, col, f"Chinese text is UTF-8 read as GBK (it was {fixed[:40]!r})",
                               "mojibake"))
        if look.zh and not HAN.search(val):
            report.add(Problem("text", file, n, col, f"value {val[:40]!r} of a Chinese field has no Chinese "
                               "character", "no-chinese"))
        word = _MIXED_SCRIPT.search(val) if look.mixed and _GREEK_CYRILLIC.search(val) else None
        if word:
            report.add(Problem("text", file, n, col, f"word {word.group()!r} mixes Latin with Greek or Cyrillic "
                               "look-alike letters", "mixed-script"))


@dataclass(frozen=True)
class _Look:
    """Which checks a column needs, from the column joined: hidden characters, NFC, Latin-1 mojibake,
    mixed scripts, Chinese text (for GBK mojibake), a Chinese field."""

    chars: bool
    nfc: bool
    latin: bool
    mixed: bool
    han: bool
    zh: bool


def _char_name(c: str) -> str:
    return f"U+{ord(c):04X} {unicodedata.name(c, unicodedata.category(c))}"


def _check_chars(file: str, n: int, col: str, val: str, look: _Look, report: Report) -> None:
    found: dict[str, str] = {}
    if look.chars and not val.isprintable():
        for c in val:
            if c == " " or c == "\r" or c.isprintable():
                continue  # a carriage return is reported by the file layer (line endings)
            if c in BIDI:
                found.setdefault("bidi-control", f"bidirectional control {_char_name(c)} can reorder what a reader sees")
            elif c in LINE_BREAKS:
                if not (c == "\n" and col in MULTILINE_FIELDS):
                    found.setdefault("line-break", f"line break {_char_name(c)} inside a one-line field")
            elif unicodedata.category(c) == "Cc":
                found.setdefault("control-character", f"control character {_char_name(c)}")
            else:
                found.setdefault("invisible-character", f"invisible or unusual character {_char_name(c)}")
    if look.nfc and not unicodedata.is_normalized("NFC", val):
        found["not-nfc"] = "text is not in Unicode NFC (composed) form; normalise it to NFC"
    word = _MIXED_SCRIPT.search(val) if look.mixed and _GREEK_CYRILLIC.search(val) else None
    if word:
        found["mixed-script"] = f"word {word.group()!r} mixes Latin with Greek or Cyrillic look-alike letters"
    why = _mojibake(val, look)
    if why:
        found["mojibake"] = why
    if look.zh and not HAN.search(val):
        found["no-chinese"] = f"value {val[:40]!r} of a Chinese field has no Chinese character"
    for code, msg in found.items():
        report.add(Problem("text", file, n, col, msg, code))


def _is_bad(text: str) -> bool:
    """Whether ``text`` has the marks of mojibake by ftfy's measure (Latin-1/Windows-1252 misreadings)."""
    if not _LEAD_THEN_CONTINUATION.search(text):
        return False
    from ftfy.badness import is_bad

    return is_bad(text)


def _mojibake(val: str, look: _Look) -> str | None:
    """Why ``val`` looks like text decoded with the wrong codec, or None (Latin-1/cp1252 by ftfy, GBK by hand)."""
    if look.latin and "\ufffd" in val:
        return "U+FFFD REPLACEMENT CHARACTER: the text was decoded with the wrong codec somewhere upstream"
    if look.latin and _is_bad(val):
        from ftfy import fix_encoding

        fixed = fix_encoding(val)
        if fixed != val:
            return f"{val[:40]!r} is UTF-8 read as Latin-1/Windows-1252 (it was {fixed[:40]!r})"
    return _gbk_mojibake(val) if look.han else None


def _gbk_mojibake(val: str) -> str | None:
    """Why ``val`` looks like UTF-8 Chinese read as GBK, or None."""
    try:
        fixed = val.encode("gb18030").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if fixed != val and HAN.search(fixed) and HAN.search(val):
        return f"Chinese text is UTF-8 read as GBK (it was {fixed[:40]!r})"
    return None


def _check_url(file: str, n: int, col: str, val: str, report: Report) -> None:
    try:
        parts = urlsplit(val)
        host = parts.hostname
    except ValueError as exc:
        report.add(Problem("text", file, n, col, f"URL {val[:80]!r} cannot be parsed: {exc}", "url-malformed"))
        return
    if parts.scheme.lower() not in ("http", "https"):
        report.add(Problem("text", file, n, col, f"URL {val[:80]!r} has scheme {parts.scheme!r}; only http and https "
                           "are allowed", "url-scheme"))
    elif "@" in parts.netloc:
        report.add(Problem("text", file, n, col, f"URL {val[:80]!r} has user information before the host; the real "
                           f"host is {host!r}", "url-userinfo"))
    elif not host or any(c in val for c in " \\") or not (val.isascii() or host.isascii()):
        report.add(Problem("text", file, n, col, f"URL {val[:80]!r} has no host, a space, a backslash or a non-ASCII "
                           "host (write it as punycode)", "url-malformed"))
