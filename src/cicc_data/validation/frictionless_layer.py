"""Layer 1: the reference Frictionless validator, every table against its Table Schema."""

from __future__ import annotations

from pathlib import Path

from .files import Table
from .report import MAX_PROBLEMS, Problem, Report

# Frictionless error types the file layer already reports in plainer words.
_ALREADY_REPORTED = {"extra-cell", "missing-cell", "hash-count", "byte-count", "incorrect-label",
                     "missing-label", "extra-label", "blank-label", "duplicate-label"}


def check(tables: list[Table], root: Path, report: Report) -> set[tuple[str, int]]:
    """Validate the parsed tables with Frictionless; return the (file, row) pairs it flagged."""
    from frictionless import Package

    usable = {t.name: t for t in tables if t.header_ok and t.rows}
    if not usable:
        return set()
    resources = []
    for t in usable.values():
        schema = dict(t.schema.raw)
        fks = [fk for fk in schema.get("foreignKeys", [])
               if (fk["reference"].get("resource") or t.name) in usable]
        schema["foreignKeys"] = fks
        if not fks:
            del schema["foreignKeys"]
        resources.append({"name": t.name, "path": t.file, "schema": schema,
                          "format": "csv", "encoding": "utf-8"})
    package = Package({"name": "cicc-data-check", "resources": resources}, basepath=str(root))
    result = package.validate(limit_errors=MAX_PROBLEMS)
    flagged: set[tuple[str, int]] = set()
    by_name = {t.name: t for t in usable.values()}
    for task in result.tasks:
        table = by_name.get(task.name)
        file = table.file if table else task.name
        for err in task.errors:
            row = getattr(err, "row_number", None)
            fld = getattr(err, "field_name", None) or ",".join(getattr(err, "field_names", None) or []) or None
            if err.type in _ALREADY_REPORTED:
                continue
            if row is not None:
                if report.has(file, row) and err.type in ("type-error", "constraint-error", "primary-key"):
                    # the file layer already explained this row (whitespace, shifted cells)
                    flagged.add((file, row))
                    continue
                flagged.add((file, row))
            report.add(Problem("schema", file, row, fld, _message(err)))
    return flagged


def _message(err) -> str:
    cell = getattr(err, "cell", None)
    kind = err.type.replace("-", " ")
    note = err.note or err.message
    if cell not in (None, ""):
        return f"{kind}: value {str(cell)[:60]!r}: {note}"
    return f"{kind}: {note}"
