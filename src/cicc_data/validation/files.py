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
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CiccDataError
from ..reader import (
    MAX_COLUMNS,
    MAX_DEPTH,
    MAX_FIELD_CHARS,
    leaves_root,
    listing,
    read_bytes,
    refusal,
    shorten,
    unsafe_path_reason,
)
from ..reader import parse_json as _read_json
from ..reader import too_deep as _too_deep
from ..schema import TableSchema
from ..text import FORMULA_START
from .report import Problem, Report

__all__ = ["MAX_DEPTH", "Table", "check_integrity", "check_resources", "leaves_root", "load_descriptor", "refusal",
           "schema_problems", "unsafe_path_reason"]


@dataclass
class Table:
    """A resource that passed the file checks far enough to be parsed."""

    name: str
    file: str
    schema: TableSchema
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    header_ok: bool = False
    schema_file: str = "datapackage.json"
    """The file that holds the table schema (the descriptor itself for an inline schema)."""
    bad_rows: set[int] = field(default_factory=set)
    """Rows (numbered as in problems) the file layer refused for their width: never handed to Frictionless."""


_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")

DIALECT = {"delimiter": ",", "quoteChar": '"', "header": True, "lineTerminator": "\n", "doubleQuote": True,
           "skipInitialSpace": False, "headerRow": 1, "commentChar": None}
"""The one CSV dialect of the package, as a Table Dialect; a resource may restate it, not change it."""

TABLE_SCHEMA_TYPES = frozenset({
    "string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year",
    "yearmonth", "duration", "geopoint", "geojson", "any", "list",
})
"""The field types of the Table Schema specification."""


def _read_json_file(path: Path, shown: str, what: str, prefix: str, code: str, report: Report) -> tuple[bool, Any]:
    """Read and parse a JSON file of the package; report why it cannot be (unreadable, not JSON, too deep)."""
    try:
        raw = read_bytes(path)
    except CiccDataError as exc:
        report.add(Problem("file", shown, None, None, f"cannot read {what}: {str(exc).removeprefix(str(path) + ': ')}",
                           code))
        return False, None
    value, why = _read_json(raw)
    if why:
        report.add(Problem("file", shown, None, None, prefix + why, "descriptor-nesting" if "nested" in why else code))
        return False, None
    return True, value


def load_descriptor(descriptor_path: Path, report: Report) -> dict[str, Any] | None:
    name = descriptor_path.name
    ok, desc = _read_json_file(descriptor_path, name, "the descriptor", "", "descriptor-unreadable", report)
    if not ok:
        return None
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list) or not desc["resources"]:
        report.add(Problem("file", name, None, "resources", "expected a JSON object with a non-empty 'resources' list",
                           "descriptor-invalid"))
        return None
    licenses = desc.get("licenses")
    if not isinstance(licenses, list) or not licenses or not all(
            isinstance(x, dict) and (x.get("name") or x.get("path")) for x in licenses):
        report.add(Problem("file", name, None, "licenses",
                           "the package must declare its licence: a non-empty 'licenses' list, each with a name or path",
                           "descriptor-license"))
    created = desc.get("created")
    if created is not None and not (isinstance(created, str) and _ISO_DATETIME.fullmatch(created)):
        report.add(Problem("file", name, None, "created", f"created is {str(created)[:40]!r}; expected an ISO 8601 "
                           "date and time such as 2026-11-21T00:00:00Z", "descriptor-invalid"))
    return desc


def schema_problems(d: Any) -> list[str]:
    """What makes ``d`` an invalid Table Schema (an empty list when it is valid enough to use)."""
    if not isinstance(d, dict):
        return ["a table schema must be a JSON object"]
    fields = d.get("fields")
    if not isinstance(fields, list) or not fields:
        return ["'fields' must be a non-empty list"]
    out = []
    names: list[str] = []
    for i, f in enumerate(fields):
        if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"]:
            out.append(f"fields[{i}] needs a 'name'")
            continue
        if f["name"] in names:
            out.append(f"field {f['name']!r} is defined twice")
        names.append(f["name"])
        if f.get("type", "string") not in TABLE_SCHEMA_TYPES:
            out.append(f"field {f['name']!r} has type {f.get('type')!r}, which Table Schema does not have")
        c = f.get("constraints", {})
        if not isinstance(c, dict):
            out.append(f"field {f['name']!r}: 'constraints' must be an object")
            continue
        if "enum" in c and not isinstance(c["enum"], list):
            out.append(f"field {f['name']!r}: constraint 'enum' must be a list")
        out += [f"field {f['name']!r}: constraint {k!r} is not a Table Schema constraint"
                for k in c if k not in _CONSTRAINTS]
        out += [f"field {f['name']!r}: constraint {k!r} must be {what}" for k, what, ok in (
            ("required", "true or false", lambda v: isinstance(v, bool)),
            ("unique", "true or false", lambda v: isinstance(v, bool)),
            ("minLength", "a non-negative integer", _count), ("maxLength", "a non-negative integer", _count),
            ("minimum", "a number", _bound), ("maximum", "a number", _bound),
            ("exclusiveMinimum", "a number", _bound), ("exclusiveMaximum", "a number", _bound),
        ) if k in c and not (ok(c[k]) or k.endswith(("imum", "Minimum", "Maximum"))
                             and f.get("type") not in ("integer", "number") and isinstance(c[k], str))]
        if "pattern" in c:
            try:
                re.compile(c["pattern"])
            except (re.error, TypeError):
                out.append(f"field {f['name']!r}: constraint 'pattern' is not a regular expression")
    if out:
        return out
    pk = d.get("primaryKey", [])
    pk = [pk] if isinstance(pk, str) else pk
    if not isinstance(pk, list) or not pk or not all(isinstance(k, str) for k in pk):
        out.append("'primaryKey' must name one or more fields")
    else:
        out += [f"primary key field {k!r} does not exist" for k in pk if k not in names]
    fks = d.get("foreignKeys", [])
    if not isinstance(fks, list):
        return out + ["'foreignKeys' must be a list"]
    for i, fk in enumerate(fks):
        ref = fk.get("reference") if isinstance(fk, dict) else None
        own = _names(fk.get("fields")) if isinstance(fk, dict) else None
        theirs = _names(ref.get("fields")) if isinstance(ref, dict) else None
        if own is None or theirs is None or not isinstance(ref.get("resource", ""), str) or len(own) != len(theirs):
            out.append(f"foreignKeys[{i}] needs 'fields' and a 'reference' with a 'resource' and as many 'fields'")
            continue
        out += [f"foreign key field {k!r} does not exist" for k in own if k not in names]
    return out


_CONSTRAINTS = frozenset({"required", "unique", "minLength", "maxLength", "minimum", "maximum",
                          "exclusiveMinimum", "exclusiveMaximum", "pattern", "enum", "jsonSchema"})


def _count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _bound(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _names(value: Any) -> list[str] | None:
    value = [value] if isinstance(value, str) else value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


def _schema_of(resource: dict[str, Any], root: Path, report: Report, label: str) -> tuple[TableSchema, str] | None:
    """The resource's table schema and the file to name in its problems, or None (reported)."""
    s = resource.get("schema")
    where = "datapackage.json"
    if isinstance(s, dict):
        d = s
        if _too_deep(d):
            report.add(Problem("file", where, None, f"{label}.schema", f"nested more than {MAX_DEPTH} levels deep; "
                               "refused", "descriptor-nesting"))
            return None
    else:
        why = refusal(root, s)
        if why:
            report.add(Problem("file", where, None, f"{label}.schema", f"refused: {why} ({s!r})", "path-refused"))
            return None
        where = s
        ok, d = _read_json_file(root / s, s, "the table schema", "table schema ", "schema-unreadable", report)
        if not ok:
            return None
    bad = schema_problems(d)
    for msg in bad:
        report.add(Problem("file", where, None, None if where != "datapackage.json" else f"{label}.schema",
                           f"invalid table schema: {msg}", "schema-invalid"))
    if bad:
        return None
    return TableSchema.from_descriptor(resource["name"], d), where


def _check_resource_meta(res: dict[str, Any], label: str, report: Report) -> None:
    enc = res.get("encoding", "utf-8")
    if not isinstance(enc, str) or enc.lower().replace("_", "-") not in ("utf-8", "utf8"):
        report.add(Problem("file", "datapackage.json", None, f"{label}.encoding",
                           f"encoding is {enc!r}; every data file is UTF-8 and must be declared 'utf-8'",
                           "descriptor-encoding"))
    dialect = res.get("dialect", {})
    if not isinstance(dialect, dict) or any(DIALECT.get(k, object()) != v for k, v in dialect.items()):
        report.add(Problem("file", "datapackage.json", None, f"{label}.dialect",
                           f"dialect {str(dialect)[:80]} differs from the package's one CSV dialect (comma, double "
                           "quote, LF, a header row)", "descriptor-encoding"))
    for key, want in (("format", "csv"), ("mediatype", "text/csv")):
        if key in res and res[key] != want:
            report.add(Problem("file", "datapackage.json", None, f"{label}.{key}",
                               f"{key} is {res[key]!r}; every data file is CSV ({want!r})", "descriptor-encoding"))


def _check_foreign_keys(schemas: dict[str, tuple[TableSchema, str, str]], declared: set[str],
                        report: Report) -> set[str]:
    """Foreign keys must point at listed resources and existing fields; return tables whose schema is broken."""
    broken = set()
    for name, (schema, where, label) in schemas.items():
        for i, fk in enumerate(schema.raw.get("foreignKeys", [])):
            target = fk["reference"].get("resource") or name
            fields = _names(fk["reference"]["fields"]) or []
            if target not in declared:
                report.add(Problem("file", "datapackage.json", None, f"{label}.schema",
                                   f"{where}: foreignKeys[{i}] points at resource {target!r}, which datapackage.json "
                                   "does not list", "schema-invalid"))
            elif target in schemas:
                missing = [f for f in fields if f not in schemas[target][0].field_names]
                if missing:
                    broken.add(name)
                    report.add(Problem("file", where, None, None,
                                       f"invalid table schema: foreignKeys[{i}] references field(s) "
                                       f"{', '.join(map(repr, missing))}, which {target} does not have",
                                       "schema-invalid"))
    return broken


def check_resources(desc: dict[str, Any], root: Path, report: Report) -> list[Table]:
    """Run the file-level checks; return the tables that could be parsed."""
    seen = set()
    schemas: dict[str, tuple[TableSchema, str, str]] = {}
    paths: dict[str, tuple[dict[str, Any], str]] = {}
    declared = {r["name"] for r in desc["resources"] if isinstance(r, dict) and isinstance(r.get("name"), str)}
    for i, res in enumerate(desc["resources"]):
        label = f"resources[{i}]"
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            report.add(Problem("file", "datapackage.json", None, label, "each resource needs a 'name'",
                               "descriptor-invalid"))
            continue
        if res["name"] in seen:
            report.add(Problem("file", "datapackage.json", None, label, f"resource name {res['name']!r} is used twice",
                               "descriptor-invalid"))
            continue
        seen.add(res["name"])
        _check_resource_meta(res, label, report)
        path = res.get("path")
        why = refusal(root, path)
        if why:
            report.add(Problem("file", "datapackage.json", None, f"{label}.path", f"refused: {why} ({path!r})",
                               "path-refused"))
            continue
        if "schema" not in res:
            report.add(Problem("file", "datapackage.json", None, f"{label}.schema", "each resource needs a 'schema'",
                               "descriptor-invalid"))
            continue
        got = _schema_of(res, root, report, label)
        if got is None:
            continue
        schemas[res["name"]] = (got[0], got[1], label)
        paths[res["name"]] = (res, path)
    broken = _check_foreign_keys(schemas, declared, report)
    tables = []
    for name, (schema, where, _) in schemas.items():
        if name in broken:
            continue
        res, path = paths[name]
        table = Table(name, path, schema, schema_file=where)
        try:
            blob = read_bytes(root / path)
        except CiccDataError as exc:
            missing = not (root / path).exists()
            report.add(Problem("file", path, None, None, "file listed in datapackage.json is missing" if missing
                               else str(exc).removeprefix(str(root / path) + ": "),
                               "file-missing" if missing else "file-unreadable"))
            continue
        check_integrity(res, blob, path, report)
        if _check_bytes(blob, table, report):
            tables.append(table)
    return tables


def check_integrity(res: dict[str, Any], blob: bytes, path: str, report: Report) -> None:
    if "bytes" in res and res["bytes"] != len(blob):
        report.add(Problem("integrity", path, None, None,
                           f"size is {len(blob)} bytes but datapackage.json records {res['bytes']}: the file changed since the release",
                           "size-mismatch"))
    h = res.get("hash")
    if h is None:
        return
    algo, _, want = h.rpartition(":") if isinstance(h, str) else ("", "", "")
    if algo == "" and isinstance(h, str) and re.fullmatch(r"[0-9a-f]{64}", h):
        algo = "sha256"
    if algo != "sha256":
        report.add(Problem("integrity", path, None, None,
                           f"hash {str(h)[:80]!r} is not a sha256 hash ('sha256:' and 64 hex digits); "
                           "the validator checks no other algorithm", "hash-algorithm"))
        return
    got = hashlib.sha256(blob).hexdigest()
    if got != want:
        report.add(Problem("integrity", path, None, None,
                           f"sha256 is {got} but datapackage.json records {want}: the file changed since the release",
                           "hash-mismatch"))


def _check_bytes(blob: bytes, table: Table, report: Report) -> bool:
    f = table.file
    if not blob.strip():
        report.add(Problem("file", f, None, None, "file is empty; expected a header row and at least one data row",
                           "file-empty"))
        return False
    if blob.startswith(b"\xef\xbb\xbf"):
        report.add(Problem("file", f, 1, None, "file starts with a byte-order mark; expected UTF-8 without BOM",
                           "byte-order-mark"))
        blob = blob[3:]
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = blob[: exc.start].count(b"\n") + 1
        report.add(Problem("file", f, line, None, f"byte 0x{blob[exc.start]:02x} at offset {exc.start} is not UTF-8; expected UTF-8 text",
                           "not-utf8"))
        return False
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        report.add(Problem("file", f, line, None, "carriage return found (CRLF or CR line ending); expected LF line endings",
                           "line-ending"))
    if not text.endswith("\n"):
        report.add(Problem("file", f, None, None, "last line has no line ending; expected the file to end with LF",
                           "line-ending"))
    _parse(text, table, report)
    return True


def _parse(text: str, table: Table, report: Report) -> None:
    f, schema = table.file, table.schema
    reader = csv.reader(io.StringIO(text, newline=""))
    old = csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        header = next(reader)
        records = list(reader)
    except csv.Error as exc:
        report.add(Problem("file", f, reader.line_num or None, None, f"not parseable as CSV: {shorten(str(exc))} "
                           f"(a cell holds at most {MAX_FIELD_CHARS:,} characters)", "csv-unparseable"))
        return
    finally:
        csv.field_size_limit(old)
    expected = schema.field_names
    if header != expected:
        report.add(Problem("file", f, 1, None, _header_message(header, expected), "header-mismatch"))
        return
    table.header_ok = True
    if not records:
        report.add(Problem("file", f, None, None, "file has a header but no data rows", "no-data-rows"))
        return
    string_fields = {x.name for x in schema.fields if x.type == "string"}
    width = len(header)
    for n, rec in enumerate(records, start=2):
        if len(rec) != width:
            table.bad_rows.add(n)
            report.add(Problem("file", f, n, None,
                               f"row has {len(rec):,} cells, expected {width} (a stray quote or delimiter shifts the "
                               "columns)" + (f"; a row holds at most {MAX_COLUMNS:,}" if len(rec) > MAX_COLUMNS else ""),
                               "row-width"))
            continue
        row = dict(zip(header, rec))
        table.rows.append((n, row))
        if report.full:
            continue  # a full report lists no more: keep the rows, spare the cell checks
        for col, val in row.items():
            if col in string_fields and val.startswith(FORMULA_START):
                report.add(Problem("file", f, n, col,
                                   f"value {val[:30]!r} starts with {val[0]!r}, which a spreadsheet would run as a formula",
                                   "formula"))
            elif val and val != val.strip():
                report.add(Problem("file", f, n, col, f"value {val!r} has leading or trailing whitespace",
                                   "whitespace"))
    _check_order(table, report)


def _check_order(table: Table, report: Report) -> None:
    pk = table.schema.primary_key
    keys = [tuple(r[k] for k in pk) for _, r in table.rows]
    for (n, _), prev, cur in zip(table.rows[1:], keys, keys[1:]):
        if cur < prev:
            report.add(Problem("file", table.file, n, ",".join(pk),
                               "rows are not sorted by primary key; run scripts/generate.py to sort them",
                               "unsorted"))
            return


def _header_message(header: list[str], expected: list[str]) -> str:
    missing = [c for c in expected if c not in header]
    want = set(expected)
    extra = [c for c in header if c not in want]
    parts = []
    if missing:
        parts.append(f"missing column(s) {listing(missing)}")
    if extra:
        parts.append(f"{len(extra):,} unexpected column(s) {listing(extra)}")
    if not parts:
        parts.append("columns are in the wrong order")
    return "header does not match the schema: " + "; ".join(parts) + f"; expected: {shorten(','.join(expected), 1000)}"
