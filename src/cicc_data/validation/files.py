"""Layer 0: the files themselves, read as bytes before any parser trusts them.

Checks the descriptor, refuses resource paths that leave the package (without opening them),
compares sizes and sha256 with the descriptor, and checks the CSV dialect: UTF-8 without BOM,
LF line endings, the exact header of the schema, rows of the right width, sorted keys, no
stray whitespace and no cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..schema import TableSchema
from ..text import FORMULA_START
from .report import Problem, Report

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass
class Table:
    """A resource that passed the file checks far enough to be parsed."""

    name: str
    file: str
    schema: TableSchema
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    header_ok: bool = False


def unsafe_path_reason(path: Any) -> str | None:
    """Why a resource path may not be opened, or None when it stays inside the package."""
    if not isinstance(path, str) or not path:
        return "path must be a non-empty string"
    if _URL.match(path) or path.startswith("//"):
        return "path is a URL; only files inside the package are read"
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
        return "path is absolute; only relative paths inside the package are read"
    if "\\" in path or ".." in PurePosixPath(path).parts:
        return "path leaves the package directory ('..' or a backslash)"
    return None


def load_descriptor(descriptor_path: Path, report: Report) -> dict[str, Any] | None:
    name = descriptor_path.name
    try:
        raw = descriptor_path.read_bytes()
    except OSError as exc:
        report.add(Problem("file", name, None, None, f"cannot read the descriptor: {exc.strerror}"))
        return None
    try:
        desc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.add(Problem("file", name, None, None, f"not valid UTF-8 JSON: {exc}"))
        return None
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list) or not desc["resources"]:
        report.add(Problem("file", name, None, "resources", "expected a JSON object with a non-empty 'resources' list"))
        return None
    return desc


def _schema_of(resource: dict[str, Any], root: Path, report: Report, label: str) -> TableSchema | None:
    s = resource.get("schema")
    if isinstance(s, dict):
        return TableSchema.from_descriptor(resource["name"], s)
    why = unsafe_path_reason(s)
    if why:
        report.add(Problem("file", "datapackage.json", None, f"{label}.schema", f"refused: {why} ({s!r})"))
        return None
    try:
        return TableSchema.from_descriptor(resource["name"], json.loads((root / s).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        report.add(Problem("file", s, None, None, f"cannot read the table schema: {exc}"))
        return None


def check_resources(desc: dict[str, Any], root: Path, report: Report) -> list[Table]:
    """Run the file-level checks; return the tables that could be parsed."""
    tables = []
    seen = set()
    for i, res in enumerate(desc["resources"]):
        label = f"resources[{i}]"
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            report.add(Problem("file", "datapackage.json", None, label, "each resource needs a 'name'"))
            continue
        if res["name"] in seen:
            report.add(Problem("file", "datapackage.json", None, label, f"resource name {res['name']!r} is used twice"))
        seen.add(res["name"])
        path = res.get("path")
        why = unsafe_path_reason(path)
        if why:
            report.add(Problem("file", "datapackage.json", None, f"{label}.path", f"refused: {why} ({path!r})"))
            continue
        schema = _schema_of(res, root, report, label)
        if schema is None:
            continue
        table = Table(res["name"], path, schema)
        try:
            blob = (root / path).read_bytes()
        except OSError:
            report.add(Problem("file", path, None, None, "file listed in datapackage.json is missing"))
            continue
        check_integrity(res, blob, path, report)
        if _check_bytes(blob, table, report):
            tables.append(table)
    return tables


def check_integrity(res: dict[str, Any], blob: bytes, path: str, report: Report) -> None:
    if "bytes" in res and res["bytes"] != len(blob):
        report.add(Problem("integrity", path, None, None,
                           f"size is {len(blob)} bytes but datapackage.json records {res['bytes']}: the file changed since the release"))
    h = res.get("hash")
    if isinstance(h, str):
        algo, _, want = h.rpartition(":")
        if algo in ("", "sha256"):
            got = hashlib.sha256(blob).hexdigest()
            if got != want:
                report.add(Problem("integrity", path, None, None,
                                   f"sha256 is {got} but datapackage.json records {want}: the file changed since the release"))


def _check_bytes(blob: bytes, table: Table, report: Report) -> bool:
    f = table.file
    if not blob.strip():
        report.add(Problem("file", f, None, None, "file is empty; expected a header row and at least one data row"))
        return False
    if blob.startswith(b"\xef\xbb\xbf"):
        report.add(Problem("file", f, 1, None, "file starts with a byte-order mark; expected UTF-8 without BOM"))
        blob = blob[3:]
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = blob[: exc.start].count(b"\n") + 1
        report.add(Problem("file", f, line, None, f"byte 0x{blob[exc.start]:02x} at offset {exc.start} is not UTF-8; expected UTF-8 text"))
        return False
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        report.add(Problem("file", f, line, None, "carriage return found (CRLF or CR line ending); expected LF line endings"))
    if not text.endswith("\n"):
        report.add(Problem("file", f, None, None, "last line has no line ending; expected the file to end with LF"))
    _parse(text, table, report)
    return True


def _parse(text: str, table: Table, report: Report) -> None:
    f, schema = table.file, table.schema
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
        records = list(reader)
    except csv.Error as exc:
        report.add(Problem("file", f, None, None, f"not parseable as CSV: {exc}"))
        return
    expected = schema.field_names
    if header != expected:
        report.add(Problem("file", f, 1, None, _header_message(header, expected)))
        return
    table.header_ok = True
    if not records:
        report.add(Problem("file", f, None, None, "file has a header but no data rows"))
        return
    string_fields = {x.name for x in schema.fields if x.type == "string"}
    width = len(header)
    for n, rec in enumerate(records, start=2):
        if len(rec) != width:
            report.add(Problem("file", f, n, None,
                               f"row has {len(rec)} cells, expected {width} (a stray quote or delimiter shifts the columns)"))
            continue
        row = dict(zip(header, rec))
        for col, val in row.items():
            if col in string_fields and val.startswith(FORMULA_START):
                report.add(Problem("file", f, n, col,
                                   f"value {val[:30]!r} starts with {val[0]!r}, which a spreadsheet would run as a formula"))
            elif val and val != val.strip():
                report.add(Problem("file", f, n, col, f"value {val!r} has leading or trailing whitespace"))
        table.rows.append((n, row))
    _check_order(table, report)


def _check_order(table: Table, report: Report) -> None:
    pk = table.schema.primary_key
    keys = [tuple(r[k] for k in pk) for _, r in table.rows]
    for (n, _), prev, cur in zip(table.rows[1:], keys, keys[1:]):
        if cur < prev:
            report.add(Problem("file", table.file, n, ",".join(pk),
                               "rows are not sorted by primary key; run scripts/generate.py to sort them"))
            return


def _header_message(header: list[str], expected: list[str]) -> str:
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    parts = []
    if missing:
        parts.append(f"missing column(s) {', '.join(missing)}")
    if extra:
        parts.append(f"unexpected column(s) {', '.join(extra)}")
    if not parts:
        parts.append("columns are in the wrong order")
    return "header does not match the schema: " + "; ".join(parts) + f"; expected: {','.join(expected)}"
