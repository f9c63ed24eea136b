"""Write the whole package as CSV, JSON, Parquet or SQLite."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import csvio
from .errors import ExportError, InvalidArgumentError
from .paths import package_root
from .schema import TableSchema, descriptor, table_names, table_schema
from .text import FORMULA_START

FORMATS = ("csv", "json", "parquet", "sqlite")
SQLITE_NAME = "cicc-data.sqlite"


def cell_text(value: Any, kind: str) -> str:
    """A typed value written back as the package's CSV text."""
    import pandas as pd

    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if kind == "date":
        return value.strftime("%Y-%m-%d")
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "number":
        text = repr(float(value))
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def frame_rows(frame: Any, schema: TableSchema) -> Iterator[list[str]]:
    kinds = [f.type for f in schema.fields]
    columns = [frame[f.name].tolist() for f in schema.fields]
    for values in zip(*columns):
        yield [cell_text(v, k) for v, k in zip(values, kinds)]


def neutralise(text: str) -> str:
    """Make a cell inert in spreadsheets: a leading formula character gets a quote before it."""
    return "'" + text if text.startswith(FORMULA_START) else text


def export(fmt: str, out: str | Path, excel: bool = False, root: Path | None = None) -> list[Path]:
    """Export every table of the bundled package (or the one at ``root``) to ``out`` in ``fmt``."""
    if fmt not in FORMATS:
        raise InvalidArgumentError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    return {"csv": _csv, "json": _json, "parquet": _parquet, "sqlite": _sqlite}[fmt](out, excel, root or package_root())


def _csv(out: Path, excel: bool, root: Path) -> list[Path]:
    from .loading import load_all

    frames = load_all(root=root)
    written = []
    data_dir = out / "data"
    data_dir.mkdir(exist_ok=True)
    for name, frame in frames.items():
        schema = table_schema(name, root)
        rows = frame_rows(frame, schema)
        path = data_dir / f"{name}.csv"
        if excel:
            text = csvio.format_csv(schema.field_names, ([neutralise(c) for c in r] for r in rows))
            path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
        else:
            csvio.write_table(path, schema.field_names, rows)
        written.append(path)
    if not excel:  # a complete Frictionless package: descriptor and schemas beside the data
        shutil.copytree(root / "schemas", out / "schemas", dirs_exist_ok=True)
        shutil.copy2(root / "datapackage.json", out / "datapackage.json")
        written += [out / "datapackage.json"]
    return written


def _json(out: Path, excel: bool, root: Path) -> list[Path]:
    written = []
    for name in table_names(root):
        schema = table_schema(name, root)
        _, rows = csvio.read_table(root / "data" / f"{name}.csv")
        typed = [{f.name: _typed(r[f.name], f.type) for f in schema.fields} for r in rows]
        path = out / f"{name}.json"
        path.write_text(json.dumps(typed, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(path)
    return written


def _typed(text: str, kind: str) -> Any:
    if text == "":
        return None
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "boolean":
        return text == "true"
    return text


def arrow_table(name: str, root: Path | None = None):
    """Table ``name`` as a pyarrow Table: dates as date32, enums dictionary-encoded."""
    import pyarrow as pa

    from .loading import _arrow

    root = root or package_root()
    schema = table_schema(name, root)
    table = _arrow(schema, root / "data" / f"{name}.csv")
    columns, fields = [], []
    for f, col in zip(schema.fields, table.columns):
        if f.enum:
            col = col.dictionary_encode()
        columns.append(col)
        fields.append(pa.field(f.name, col.type, nullable=not f.required,
                               metadata={"description": f.description}))
    return pa.Table.from_arrays(columns, schema=pa.schema(fields, metadata={"description": schema.description}))


def _parquet(out: Path, excel: bool, root: Path) -> list[Path]:
    import pyarrow.parquet as pq

    written = []
    for name in table_names(root):
        path = out / f"{name}.parquet"
        pq.write_table(arrow_table(name, root), path)
        written.append(path)
    return written


_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "date": "TEXT", "boolean": "INTEGER"}


def create_table_sql(schema: TableSchema) -> str:
    cols = []
    for f in schema.fields:
        col = f'"{f.name}" {_SQL_TYPES.get(f.type, "TEXT")}'
        if f.required:
            col += " NOT NULL"
        if f.type == "boolean":
            col += f' CHECK ("{f.name}" IN (0, 1))'
        if f.enum:
            values = ", ".join("'" + v.replace("'", "''") + "'" for v in f.enum)
            col += f' CHECK ("{f.name}" IN ({values}))'
        cols.append(col)
    cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in schema.primary_key) + ")")
    for fk in schema.foreign_keys:
        cols.append(f'FOREIGN KEY ("{fk.field}") REFERENCES "{fk.table}" ("{fk.ref_field}")')
    return f'CREATE TABLE "{schema.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def _sqlite(out: Path, excel: bool, root: Path) -> list[Path]:
    path = out / SQLITE_NAME
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys = OFF")
        for name in table_names(root):
            schema = table_schema(name, root)
            con.execute(create_table_sql(schema))
            _, rows = csvio.read_table(root / "data" / f"{name}.csv")
            marks = ", ".join("?" for _ in schema.fields)
            con.executemany(
                f'INSERT INTO "{name}" VALUES ({marks})',
                ([_typed(r[f.name], f.type) for f in schema.fields] for r in rows),
            )
        meta = descriptor(root)
        con.execute('CREATE TABLE "_package" (key TEXT PRIMARY KEY, value TEXT)')
        con.executemany('INSERT INTO "_package" VALUES (?, ?)',
                        [("name", meta["name"]), ("version", meta["version"]), ("title", meta["title"])])
        con.commit()
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ExportError(f"SQLite export breaks foreign keys: {problems[:5]}")
    finally:
        con.close()
    return [path]
