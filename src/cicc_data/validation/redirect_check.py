"""Layer 3 (consistency), across releases: ``releases/redirects.csv`` beside the package, when it has one."""

from __future__ import annotations

from pathlib import Path

from ..errors import CiccDataError
from ..redirects import REDIRECTS, problems
from .files import Table
from .report import Problem, Report


def check(root: Path, tables: dict[str, Table], report: Report) -> None:
    """Each redirect that loops, points nowhere, or retires an ID that is still a row."""
    from ..reader import parse_csv, read_bytes

    path = root / REDIRECTS
    if not path.exists():
        return
    try:
        header, records = parse_csv(read_bytes(path).decode("utf-8"), REDIRECTS)
    except (CiccDataError, UnicodeDecodeError) as exc:
        report.add(Problem("consistency", REDIRECTS, None, None, f"cannot be read: {exc}", "redirect-broken"))
        return
    live = {name: {row[t.schema.primary_key[0]] for _, row in t.rows} for name, t in tables.items()
            if t.schema.primary_key}
    rows = [(n, dict(zip(header, rec))) for n, rec in enumerate(records, start=2)]
    if report.problems:  # a table the file layers refused would make its redirects look dangling
        rows = [(n, r) for n, r in rows if r.get("table") in live]
    for n, fld, message in problems(rows, live):
        report.add(Problem("consistency", REDIRECTS, n, fld, message, "redirect-broken"))
