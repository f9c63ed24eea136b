"""Write the whole package as CSV, JSON, Parquet, SQLite (with a Datasette metadata.json) or an Excel workbook.

Every export folder also gets the data licence (LICENSE-DATA) and the citation (CITATION.cff).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import csvio, flat
from .errors import ExportError, InvalidArgumentError, MissingDependencyError
from .paths import package_root
from .schema import TableSchema, descriptor, table_names, table_schema
from .text import FORMULA_START

FORMATS = ("csv", "json", "parquet", "sqlite", "xlsx")
SQLITE_NAME = "cicc-data.sqlite"
XLSX_NAME = "cicc-data.xlsx"
LABEL_COLUMNS = ("name_en", "name", "title_en", "title", "name_zh", "value")
"""Preferred label of a row, first match per table (Datasette shows it beside each foreign key)."""


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
    if out.exists() and not out.is_dir():
        raise InvalidArgumentError(f"{out}: exists and is not a folder; --out names the folder to write the export to")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidArgumentError(f"{out}: cannot create the output folder: {exc.strerror or exc}") from None
    root = root or package_root()
    writer = {"csv": _csv, "json": _json, "parquet": _parquet, "sqlite": _sqlite, "xlsx": _xlsx}[fmt]
    return writer(out, excel, root) + notices(out, root)


# ---------------------------------------------------------------- licence and citation
def package_facts(root: Path) -> dict[str, str]:
    """Title, version, licence, homepage and citation of the package at ``root``."""
    from .citing import citation, read_cff, read_cff_mapping

    meta = descriptor(root)
    lic = (meta.get("licenses") or [{}])[0]
    cff_path = root / "CITATION.cff"
    return {
        "title": meta.get("title", meta.get("name", "")),
        "description": meta.get("description", ""),
        "version": str(meta.get("version", "")),
        "license": lic.get("name", ""),
        "license_url": lic.get("path", ""),
        "homepage": meta.get("homepage", ""),
        "citation": citation("apa", read_cff(cff_path) if cff_path.is_file() else read_cff_mapping(descriptor_cff(meta))),
    }


def descriptor_cff(meta: dict[str, Any]) -> dict[str, Any]:
    """A CITATION.cff mapping built from a descriptor, for a package that ships none."""
    authors = [{"name": c.get("title", "")} for c in meta.get("contributors", []) if c.get("title")]
    return {
        "cff-version": "1.2.0", "message": "If you use this dataset, please cite it as below.", "type": "dataset",
        "title": meta.get("title", meta.get("name", "")), "authors": authors or [{"name": "cicc-data contributors"}],
        "version": str(meta.get("version", "")), "date-released": str(meta.get("created", ""))[:10],
        "license": ((meta.get("licenses") or [{}])[0]).get("name", ""), "repository-code": meta.get("homepage", ""),
    }


def _copy(src: Path, dest: Path) -> None:
    """Copy a package file through the reader: a regular file inside its package, never a link leading out."""
    from .reader import read_bytes

    dest.write_bytes(read_bytes(src))


def notices(out: Path, root: Path) -> list[Path]:
    """Put the data licence and the citation beside the exported files."""
    written = []
    lic = root / "LICENSE-DATA"
    if not lic.is_file():  # an older package without the licence text: name the licence
        from .paths import REPO_ROOT

        lic = REPO_ROOT / "LICENSE-DATA"
    if lic.is_file():
        _copy(lic, out / "LICENSE-DATA")
    else:
        facts = package_facts(root)
        (out / "LICENSE-DATA").write_text(f"{facts['title']}: licensed under {facts['license']} "
                                          f"({facts['license_url']}).\n", encoding="utf-8")
    written.append(out / "LICENSE-DATA")
    if (root / "CITATION.cff").is_file():
        _copy(root / "CITATION.cff", out / "CITATION.cff")
    else:
        import yaml

        cff = descriptor_cff(descriptor(root))
        (out / "CITATION.cff").write_text(yaml.safe_dump(cff, allow_unicode=True, sort_keys=False), encoding="utf-8")
    written.append(out / "CITATION.cff")
    return written


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
            text = csvio.format_csv(schema.field_names, ([neutralise(c) for c in r] for r in rows), line_end="\r\n")
            path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # CRLF ends a row; a LF inside a value stays
        else:
            csvio.write_table(path, schema.field_names, rows)
        written.append(path)
    if not excel:  # a complete Frictionless package: descriptor and schemas beside the data
        (out / "schemas").mkdir(exist_ok=True)
        for schema in sorted((root / "schemas").iterdir()):
            if schema.is_file():
                _copy(schema, out / "schemas" / schema.name)
        _copy(root / "datapackage.json", out / "datapackage.json")
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

    from .loading import _arrow_safe, _csv_path

    root = root or package_root()
    schema = table_schema(name, root)
    table = _arrow_safe(schema, _csv_path(name, root))
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

    facts = package_facts(root)
    extra = {"license": facts["license"], "license_url": facts["license_url"], "version": facts["version"],
             "title": facts["title"], "citation": facts["citation"], "source": facts["homepage"]}
    written = []
    for name in table_names(root):
        path = out / f"{name}.parquet"
        table = arrow_table(name, root)
        meta = {**(table.schema.metadata or {}), **{k.encode(): v.encode("utf-8") for k, v in extra.items()},
                b"table": name.encode()}
        pq.write_table(table.replace_schema_metadata(meta), path)
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
            for fk in schema.foreign_keys:
                con.execute(f'CREATE INDEX "idx_{name}_{fk.field}" ON "{name}" ("{fk.field}")')
        if all(n in table_names(root) for n in flat.NEEDS):
            con.execute(flat.SQLITE_VIEW)
        if "names" in table_names(root):
            # trigram tokens find any run of 3+ characters, so Chinese names match without word breaks
            con.execute('CREATE VIRTUAL TABLE "names_fts" USING fts5("name", content="names", tokenize="trigram")')
            con.execute('INSERT INTO "names_fts" (rowid, "name") SELECT rowid, "name" FROM "names"')
        meta = descriptor(root)
        facts = package_facts(root)
        con.execute('CREATE TABLE "_package" (key TEXT PRIMARY KEY, value TEXT)')
        con.executemany('INSERT INTO "_package" VALUES (?, ?)',
                        [("name", meta["name"]), ("version", meta["version"]), ("title", meta["title"]),
                         ("license", facts["license"]), ("citation", facts["citation"])])
        con.commit()
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ExportError(f"SQLite export breaks foreign keys: {problems[:5]}")
    finally:
        con.close()
    meta_path = out / "metadata.json"
    meta_path.write_text(json.dumps(datasette_metadata(root), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [path, meta_path]


def label_column(schema: TableSchema) -> str | None:
    names = schema.field_names
    return next((c for c in LABEL_COLUMNS if c in names), None)


def datasette_metadata(root: Path) -> dict[str, Any]:
    """Datasette's metadata.json: title, licence, source, every table and column described, label columns."""
    facts = package_facts(root)
    tables: dict[str, Any] = {}
    for name in table_names(root):
        schema = table_schema(name, root)
        spec: dict[str, Any] = {"description": schema.description,
                                "columns": {f.name: f.description for f in schema.fields}}
        label = label_column(schema)
        if label:
            spec["label_column"] = label
        if name == "names":
            spec["fts_table"] = "names_fts"
        tables[name] = spec
    if all(n in table_names(root) for n in flat.NEEDS):
        tables[flat.NAME] = {"description": flat.DESCRIPTION, "columns": {n: d for n, _, d in flat.FIELDS}}
    tables["_package"] = {"description": "Name, version, title, licence and citation of the package.",
                          "hidden": True}
    return {
        "title": facts["title"],
        "description": facts["description"] + f" Version {facts['version']}. Cite as: {facts['citation']}",
        "license": facts["license"],
        "license_url": facts["license_url"],
        "source": "cicc-data (sources listed in the sources table)",
        "source_url": facts["homepage"],
        "databases": {Path(SQLITE_NAME).stem: {"title": facts["title"], "license": facts["license"],
                                               "license_url": facts["license_url"], "tables": tables}},
    }


# ---------------------------------------------------------------- Excel workbook
def _xlsx_value(text: str, kind: str) -> Any:
    import datetime

    if text == "":
        return None
    if kind == "date":
        return datetime.datetime.strptime(text, "%Y-%m-%d")
    return _typed(text, kind)


EXCEL_MAX_CELL = 32767
"""Most characters an Excel cell holds; XlsxWriter would cut a longer one silently."""


def _fits_excel(value: str, table: str, row: int, field: str) -> None:
    if len(value) > EXCEL_MAX_CELL:
        raise ExportError(f"data/{table}.csv, row {row}, field {field}: the value has {len(value):,} characters, "
                          f"more than an Excel cell holds ({EXCEL_MAX_CELL:,}); export it as csv, json, parquet or "
                          "sqlite instead")


def _xlsx(out: Path, excel: bool, root: Path) -> list[Path]:
    """One sheet per table plus a README sheet; typed cells, header frozen, widths set, text kept as text."""
    import datetime

    try:
        import xlsxwriter
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("--format xlsx needs XlsxWriter: pip install 'cicc-data[xlsx]'") from exc

    facts = package_facts(root)
    path = out / XLSX_NAME
    created = datetime.datetime.fromisoformat(str(descriptor(root).get("created", "2000-01-01T00:00:00"))[:19])
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    try:
        wb.set_properties({"title": facts["title"], "subject": "China Internet Civilization Conference dataset",
                           "author": "cicc-data contributors", "comments": facts["citation"],
                           "keywords": f"license: {facts['license']}", "created": created})
        wb.set_custom_property("license", facts["license"])
        wb.set_custom_property("version", facts["version"])
        bold = wb.add_format({"bold": True, "bg_color": "#EEEEEE", "bottom": 1})
        date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
        wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        about = wb.add_worksheet("README")
        about.set_column(0, 0, 14)
        about.set_column(1, 1, 110, wrap)
        lines = [("title", facts["title"]), ("version", facts["version"]), ("description", facts["description"]),
                 ("licence", f"{facts['license']} {facts['license_url']}"), ("cite as", facts["citation"]),
                 ("source", facts["homepage"]), ("", ""), ("sheet", "what it holds")]
        for i, (k, v) in enumerate(lines):
            about.write_string(i, 0, k, bold if k in ("sheet",) else None)
            about.write_string(i, 1, v, bold if k == "sheet" else wrap)
        row = len(lines)
        sheets = [(n, table_schema(n, root).description) for n in table_names(root)]
        if all(n in table_names(root) for n in flat.NEEDS):
            sheets.append((flat.NAME, flat.DESCRIPTION))
        for name, description in sheets:
            about.write_url(row, 0, f"internal:'{name}'!A1", string=name)
            about.write_string(row, 1, description, wrap)
            row += 1
        formats = {"bold": bold, "date": date_fmt}
        for name in table_names(root):
            schema = table_schema(name, root)
            _, rows = csvio.read_table(root / "data" / f"{name}.csv")
            _sheet(wb, name, [(f.name, f.type, f.description) for f in schema.fields], rows, formats)
        if all(n in table_names(root) for n in flat.NEEDS):
            _sheet(wb, flat.NAME, list(flat.FIELDS), flat.role_facts(root), formats)
    except ExportError:
        wb.close()
        path.unlink(missing_ok=True)  # no workbook with a cell cut short
        raise
    finally:
        if not wb.fileclosed:
            wb.close()
    return [path]


def _sheet(wb: Any, name: str, fields: list[tuple[str, str, str]], rows: list[dict[str, str]],
           formats: dict[str, Any]) -> None:
    """One sheet: a frozen, filtered header with each column's description, typed cells, widths to fit."""
    from .text import display_width

    ws = wb.add_worksheet(name)
    widths = [display_width(n) for n, _, _ in fields]
    for c, (n, _, description) in enumerate(fields):
        ws.write_string(0, c, n, formats["bold"])
        if description:
            ws.write_comment(0, c, description, {"x_scale": 2, "y_scale": 2})
    for r, rec in enumerate(rows, start=1):
        for c, (n, kind, _) in enumerate(fields):
            value = _xlsx_value(rec[n], kind)
            if value is None:
                continue
            if kind == "date":
                ws.write_datetime(r, c, value, formats["date"])
                widths[c] = max(widths[c], 10)
            elif kind in ("integer", "number"):
                ws.write_number(r, c, value)
                widths[c] = max(widths[c], len(rec[n]))
            elif kind == "boolean":
                ws.write_boolean(r, c, value)
                widths[c] = max(widths[c], 5)
            else:  # as a string: never read as a formula, number or link
                _fits_excel(value, name, r + 1, n)
                ws.write_string(r, c, value)
                widths[c] = max(widths[c], display_width(value))
    for c, w in enumerate(widths):
        ws.set_column(c, c, min(w, 60) + 2)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), len(fields) - 1)
