"""The one CSV dialect of the package: UTF-8, no BOM, LF, minimal quoting, empty cell = missing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

LINE_END = "\n"


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows (as dicts of raw text) of a package CSV, read through :mod:`cicc_data.reader`:
    a regular file inside its package, UTF-8, cells and columns bounded, every row as wide as the header."""
    from .reader import read_csv

    header, rows = read_csv(path)
    return header, [dict(zip(header, r)) for r in rows]


def format_csv(header: Sequence[str], rows: Iterable[Sequence[str]], line_end: str = LINE_END) -> str:
    """Serialise rows in the package dialect (``line_end`` ends each row; line breaks inside values stay)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=line_end, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    path.write_bytes(format_csv(header, rows).encode("utf-8"))
