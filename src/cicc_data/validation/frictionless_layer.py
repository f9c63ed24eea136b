"""Layer 1: the reference Frictionless validator, every table against its Table Schema."""

from __future__ import annotations

from pathlib import Path

from .files import Table
from .report import MAX_PROBLEMS, Problem, Report

SKIP_ERRORS = ["extra-cell", "missing-cell", "hash-count", "byte-count", "incorrect-label",
               "missing-label", "extra-label", "blank-label", "duplicate-label", "blank-row"]
"""Frictionless error types the file layer reports already, in plainer words: Frictionless' own
checklist skips them, so they are neither reported twice nor counted against its error limit."""

CODES = {"type-error": "type-error", "constraint-error": "constraint-error", "unique-error": "unique-error",
         "primary-key": "primary-key", "foreign-key": "foreign-key"}
"""Frictionless error types with a code of their own; any other is ``schema-other``."""


def check(tables: list[Table], root: Path, report: Report) -> set[tuple[str, int]]:
    """Validate the parsed tables with Frictionless; return the (file, row) pairs it flagged."""
    from frictionless import FrictionlessException, Schema

    failures = (FrictionlessException, TypeError, ValueError, KeyError, AttributeError)
    usable = {t.name: t for t in tables if t.header_ok and t.rows}
    if not usable or report.full:  # a full report lists no more: spare reading every row again
        return set()
    try:
        result = _validate(usable, root)
    except failures:
        # name each schema Frictionless cannot read, then validate the other tables without them
        for t in list(usable.values()):
            try:
                Schema.from_descriptor(t.schema.raw)
            except FrictionlessException as exc:
                report.add(Problem("file", t.schema_file, None, None, f"invalid table schema: {exc}",
                                   "schema-invalid"))
                del usable[t.name]
        try:
            result = _validate(usable, root) if usable else None
        except failures as exc:  # a schema Frictionless reads but cannot apply: name them, do not crash
            files = ", ".join(sorted({t.schema_file for t in usable.values()}))
            report.add(Problem("schema", "datapackage.json", None, None, f"the Frictionless validator could not "
                               f"run on the tables of {files}: {type(exc).__name__}: {exc}", "schema-failed"))
            return set()
    flagged: set[tuple[str, int]] = set()
    for task in result.tasks if result else []:
        table = usable.get(task.name)
        file = table.file if table else task.name
        for err in task.errors:
            row = getattr(err, "row_number", None)
            fld = getattr(err, "field_name", None) or ",".join(getattr(err, "field_names", None) or []) or None
            if row is not None:
                flagged.add((file, row))
                if table is not None and row in table.bad_rows:
                    continue  # the file layer refused this row for its width; Frictionless saw a blank stand-in
                if err.type in ("type-error", "constraint-error", "primary-key") and report.has(file, row):
                    continue  # the file layer already explained this row (whitespace, shifted cells)
            report.add(Problem("schema", file, row, fld, _message(err), CODES.get(err.type, "schema-other")))
    return flagged


def _validate(usable: dict[str, Table], root: Path):
    """Frictionless' report on the ``usable`` tables; its checklist skips what the file layer reports."""
    from frictionless import Checklist, Package

    resources = []
    for t in usable.values():
        schema = _for_checking(t.schema.raw)
        fks = [fk for fk in schema.get("foreignKeys", [])
               if (fk["reference"].get("resource") or t.name) in usable]
        schema["foreignKeys"] = fks
        if not fks:
            del schema["foreignKeys"]
        resources.append({"name": t.name, "schema": schema, **_source(t)})
    package = Package({"name": "cicc-data-check", "resources": resources}, basepath=str(root))
    return package.validate(Checklist(skip_errors=SKIP_ERRORS), limit_errors=MAX_PROBLEMS)


def _source(t: Table) -> dict:
    """Where Frictionless reads a table: its file, or, when the file layer refused rows for their width (a row of
    a million cells costs Frictionless an error object per extra cell), the parsed rows with each refused row
    replaced by an empty one of the right width, so row numbers stay those of the file."""
    if not t.bad_rows:
        return {"path": t.file, "format": "csv", "encoding": "utf-8"}
    width = len(t.schema.field_names)
    by_number = {n: [row[k] for k in t.schema.field_names] for n, row in t.rows}
    last = max([*by_number, *t.bad_rows])
    data = [t.schema.field_names] + [by_number.get(n, [""] * width) for n in range(2, last + 1)]
    return {"data": data, "format": "inline"}


_DOCUMENTATION = frozenset({"title", "description", "example", "rdfType"})


def _for_checking(schema: dict) -> dict:
    """The schema without the keys that only document it: Frictionless re-validates every key of every field
    each time it copies a resource (once per foreign key), and none of these changes what a cell may hold."""
    out = {k: v for k, v in schema.items() if k not in _DOCUMENTATION}
    out["fields"] = [{k: v for k, v in f.items() if k not in _DOCUMENTATION} for f in schema["fields"]]
    return out


def _message(err) -> str:
    cell = getattr(err, "cell", None)
    kind = err.type.replace("-", " ")
    note = err.note or err.message
    if cell not in (None, ""):
        return f"{kind}: value {str(cell)[:60]!r}: {note}"
    return f"{kind}: {note}"
