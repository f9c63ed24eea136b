"""Damage a copy of the package the way a contributor who ran scripts/generate.py would hand it in.

After the damage the copy is resealed: rows re-sorted by primary key, derived columns recomputed,
and each file's bytes and sha256 recomputed in the copy's datapackage.json. So a checksum alone
cannot catch the damage: the validator has to. Rows are picked by the values of columns, never by
position, so the helpers keep working while the schema changes.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cicc_data.validation import Report, validate
from cicc_data.validation.codes import CATALOGUE

from .conftest import copy_package

WEAK_GRADES = {"mirror", "blog", "generated"}


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8", "surrogatepass"))


def descriptor(pkg: Path) -> dict[str, Any]:
    return json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))


def write_descriptor(pkg: Path, desc: dict[str, Any]) -> None:
    (pkg / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _schema(pkg: Path, table: str) -> dict[str, Any]:
    return json.loads((pkg / "schemas" / f"{table}.json").read_text(encoding="utf-8"))


Match = dict[str, str]


def _matches(header: list[str], row: list[str], where: Match) -> bool:
    return all(row[header.index(k)] == v for k, v in where.items())


def edit(pkg: Path, table: str, where: Match, **values: str) -> None:
    """Set ``values`` in the one row of ``table`` whose columns equal ``where``."""
    rows = read_csv(pkg / "data" / f"{table}.csv")
    hits = [r for r in rows[1:] if _matches(rows[0], r, where)]
    assert len(hits) == 1, f"{len(hits)} rows of {table} match {where}"
    for k, v in values.items():
        hits[0][rows[0].index(k)] = v
    write_csv(pkg / "data" / f"{table}.csv", rows)


def copy_row(pkg: Path, table: str, where: Match, **values: str) -> None:
    """Append a copy of the row matching ``where``, with ``values`` changed."""
    rows = read_csv(pkg / "data" / f"{table}.csv")
    hits = [r for r in rows[1:] if _matches(rows[0], r, where)]
    assert len(hits) == 1, f"{len(hits)} rows of {table} match {where}"
    new = list(hits[0])
    for k, v in values.items():
        new[rows[0].index(k)] = v
    write_csv(pkg / "data" / f"{table}.csv", rows + [new])


def cell(pkg: Path, table: str, where: Match, column: str) -> str:
    rows = read_csv(pkg / "data" / f"{table}.csv")
    return next(r[rows[0].index(column)] for r in rows[1:] if _matches(rows[0], r, where))


def row_number(pkg: Path, table: str, where: Match) -> int:
    """The row number (header = 1) of the row matching ``where``, as the validator counts it."""
    rows = read_csv(pkg / "data" / f"{table}.csv")
    return next(n for n, r in enumerate(rows[1:], start=2) if _matches(rows[0], r, where))


def reseal(pkg: Path) -> None:
    """Re-sort each table, recompute derived columns, and restamp bytes and sha256 in datapackage.json."""
    desc = descriptor(pkg)
    grade = {}
    if (pkg / "data" / "sources.csv").is_file():
        rows = read_csv(pkg / "data" / "sources.csv")
        if "reliability" in rows[0]:
            grade = {r[0]: r[rows[0].index("reliability")] for r in rows[1:]}
    for res in desc["resources"]:
        path, name = pkg / res["path"], res["name"]
        schema_path = pkg / "schemas" / f"{name}.json"
        if not path.is_file() or not schema_path.is_file():
            continue
        rows = read_csv(path)
        with contextlib.suppress(ValueError, KeyError, TypeError):
            schema = _schema(pkg, name)
            header = rows[0]
            if header != [f["name"] for f in schema["fields"]]:
                continue
            if "weak_sources_only" in header and "source_ids" in header:
                s, w = header.index("source_ids"), header.index("weak_sources_only")
                for r in rows[1:]:
                    if len(r) == len(header):
                        ids = [i for i in r[s].split(";") if i]
                        known = [grade[i] for i in ids if i in grade]
                        weak = bool(known) and len(known) == len(ids) and all(g in WEAK_GRADES for g in known)
                        r[w] = "true" if weak else "false"
            pk = schema["primaryKey"]
            idx = [header.index(k) for k in ([pk] if isinstance(pk, str) else pk)]
            body = sorted((r for r in rows[1:] if len(r) == len(header)), key=lambda r: [r[i] for i in idx])
            write_csv(path, [header, *body, *[r for r in rows[1:] if len(r) != len(header)]])
    restamp(pkg, desc)


def restamp(pkg: Path, desc: dict[str, Any] | None = None) -> None:
    """Record each data file's current bytes and sha256 in the copy's datapackage.json."""
    desc = desc or descriptor(pkg)
    for res in desc["resources"]:
        if not isinstance(res, dict) or not isinstance(res.get("path"), str):
            continue
        path = pkg / res["path"]
        if path.is_file():
            blob = path.read_bytes()
            res["bytes"] = len(blob)
            res["hash"] = "sha256:" + hashlib.sha256(blob).hexdigest()
    write_descriptor(pkg, desc)


def damaged(tmp: Path, damage: Callable[[Path], Any], *, seal: bool = True) -> Path:
    """A copy of the package in ``tmp`` with ``damage`` applied, then resealed."""
    pkg = copy_package(tmp / "pkg")
    damage(pkg)
    if seal:
        reseal(pkg)
    return pkg


def caught(report: Report, code: str, file: str, row: int | None = None, field: str | None = None) -> None:
    """Assert the report has a problem with ``code`` in ``file`` (and at ``row``/``field`` when given)."""
    assert not report.valid
    for p in report.problems:
        if p.code == code and p.file == file and (row is None or p.row == row) and (field is None or p.field == field):
            assert p.layer == CATALOGUE[code].layer, f"{code} is raised by {p.layer}, catalogued as {CATALOGUE[code].layer}"
            return
    raise AssertionError(f"no {code} problem in {file} row {row} field {field}; got:\n"
                         + "\n".join(f"  {p}" for p in report.problems[:40]))


def validate_copy(pkg: Path) -> Report:
    return validate(pkg)


def cli_validate(pkg: Path) -> tuple[int, dict[str, Any]]:
    """Run ``cicc-data validate PKG --json`` in this process: exit code and report (an exception fails the test)."""
    from cicc_data.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = main(["validate", str(pkg), "--json"])
    return rc, json.loads(buf.getvalue())
