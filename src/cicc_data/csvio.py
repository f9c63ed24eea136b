"""The one CSV dialect of the package: UTF-8, no BOM, LF, minimal quoting, empty cell = missing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

LINE_END = "\n"


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows (as dicts of raw text) of a package CSV."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        rows = [dict(zip(header, r)) for r in reader]
    return header, rows


def format_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Serialise rows in the package dialect."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    path.write_bytes(format_csv(header, rows).encode("utf-8"))
