"""Generate every derived file from schemas/definitions.yaml (the single source of truth).

  python scripts/generate.py          write the derived files
  python scripts/generate.py --check  exit 1, naming each file that is stale

Derived: the Frictionless table schemas (schemas/<table>.json), the table maps of the package
(src/cicc_data/_tables.py), the Pydantic row models (src/cicc_data/_generated_models.py), the data
dictionary (docs/data-dictionary.md), datapackage.json (resources, bytes, sha256), CITATION.cff,
the README table block, the pinyin table find() uses (src/cicc_data/_pinyin.json), find()'s index of names
(src/cicc_data/_find_index.json, keyed to a digest of the tables it is built from) and, in the data itself: row order by primary key, the entities table, the
IDs of citations and curator_values, the weak flag of each cited fact, and editions.year/ordinal.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cicc_data import csvio  # noqa: E402
from cicc_data.schema import TableSchema  # noqa: E402
from cicc_data.text import WEAK_GRADES  # noqa: E402

DEFINITIONS = ROOT / "schemas" / "definitions.yaml"
CUSTOM_KEYS = ("references", "derived", "curated")
LABEL_KEY = "enumLabels"
"""In definitions.yaml, a field's labels per enum value ({value: {zh, en}}); the generated table schemas
carry them as Data Package v2 ``categories``: [{value, label (English), labelZh}], in enum order."""
LICENSES = [
    {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
     "title": "Creative Commons Attribution 4.0 International"},
]
REPOSITORY = "https://github.com/cicc-data/cicc-data"


def read_version() -> tuple[str, str]:
    text = (ROOT / "src/cicc_data/_version.py").read_text(encoding="utf-8")
    version = re.search(r'__version__ = "([^"]+)"', text).group(1)
    date = re.search(r'__release_date__ = "([^"]+)"', text).group(1)
    return version, date


# ---------------------------------------------------------------- definitions -> table schemas
def load_definitions(path: Path = DEFINITIONS) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _field(spec: Any, shared: dict[str, Any], table: str) -> dict[str, Any]:
    if isinstance(spec, str):
        spec = {"use": spec}
    spec = dict(spec)
    base = {}
    if "use" in spec:
        name = spec.pop("use")
        if name not in shared:
            raise SystemExit(f"{DEFINITIONS.name}: table {table!r} uses unknown shared field {name!r}")
        base = json.loads(json.dumps(shared[name]))
        base["name"] = name
    base.update(spec)
    if "constraints" in spec and "use" not in spec:
        base["constraints"] = spec["constraints"]
    if base.get("references") is None:
        base.pop("references", None)
    if LABEL_KEY in base:
        base["categories"] = categories(base.pop(LABEL_KEY), base, table)
    order = ["name", "type", "description", "constraints", "trueValues", "falseValues", "categories", *CUSTOM_KEYS,
             "example"]
    unknown = set(base) - set(order)
    if unknown:
        raise SystemExit(f"{DEFINITIONS.name}: field {base.get('name')!r} of {table!r} has unknown keys {sorted(unknown)}")
    out = {k: base[k] for k in order if k in base}
    if "example" in out:
        out["example"] = str(out["example"])
    return out


def categories(labels: dict[str, dict[str, str]], field: dict[str, Any], table: str) -> list[dict[str, str]]:
    """Data Package v2 categories of an enum field: value, English label, Chinese label and, where the schema
    gives one, the English plural (a heading such as Co-hosts), in enum order."""
    values = (field.get("constraints") or {}).get("enum") or []
    if set(values) != set(labels):
        raise SystemExit(f"{DEFINITIONS.name}: {table}.{field.get('name')}: {LABEL_KEY} must label every enum value "
                         f"and nothing else (unlabelled: {sorted(set(values) - set(labels))}, "
                         f"not in the enum: {sorted(set(labels) - set(values))})")
    return [{"value": v, "label": labels[v]["en"], "labelZh": labels[v]["zh"],
             **({"labelPlural": labels[v]["en_plural"]} if labels[v].get("en_plural") else {})} for v in values]


def table_descriptors(defs: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each table's Frictionless Table Schema (with the custom keys), in definition order."""
    shared = defs["fields"]
    out: dict[str, dict[str, Any]] = {}
    for table, spec in defs["tables"].items():
        fields = [_field(f, shared, table) for f in spec["fields"]]
        fks = []
        for f in fields:
            ref = f.get("references")
            if ref:
                target = defs["tables"][ref]["primaryKey"]
                fks.append({"fields": [f["name"]], "reference": {"resource": "" if ref == table else ref,
                                                                   "fields": [target]}})
        desc: dict[str, Any] = {"$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
                                "description": spec["description"], "fields": fields, "missingValues": [""],
                                "primaryKey": [spec["primaryKey"]]}
        if fks:
            desc["foreignKeys"] = fks
        desc["citedFields"] = cited_fields(spec, fields)
        if spec.get("row_fact"):
            desc["rowFact"] = spec["row_fact"]
        out[table] = desc
    return out


def cited_fields(spec: dict[str, Any], fields: list[dict[str, Any]]) -> list[str]:
    """The fields whose non-empty cells each cite the sources stating them."""
    if spec.get("cite") == "fields":
        return [f["name"] for f in fields
                if f["name"] != spec["primaryKey"] and f["name"] != "notes"
                and (not any(f.get(k) for k in CUSTOM_KEYS) or f["name"] in spec.get("cite_refs", ()))]
    return list(spec.get("cite_fields", []))


def schema_sources(descs: dict[str, dict[str, Any]]) -> dict[Path, bytes]:
    return {ROOT / "schemas" / f"{name}.json": (json.dumps(d, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
            for name, d in descs.items()}


# ---------------------------------------------------------------- table maps
def tables_module(defs: dict[str, Any], descs: dict[str, dict[str, Any]]) -> str:
    tables = defs["tables"]
    entity = [t for t, s in tables.items() if s["cite"] in ("fields", "row")]
    lines = [
        '"""Table maps of the package. GENERATED by scripts/generate.py from schemas/definitions.yaml: do not edit."""',
        "",
        "from __future__ import annotations",
        "",
        f"TABLE_ORDER: tuple[str, ...] = {tuple(tables)!r}",
        '"""Every table, in package order."""',
        "",
        f"ENTITY_TABLES: tuple[str, ...] = {tuple(entity)!r}",
        '"""Tables whose rows are entities: rows of entities, cited in citations."""',
        "",
        "PRIMARY_KEYS: dict[str, str] = {",
        *[f"    {t!r}: {s['primaryKey']!r}," for t, s in tables.items()],
        "}",
        "",
        "MODEL_NAMES: dict[str, str] = {",
        *[f"    {t!r}: {s['model']!r}," for t, s in tables.items()],
        "}",
        "",
        "CITATION_MODE: dict[str, str] = {",
        *[f"    {t!r}: {s['cite']!r}," for t, s in tables.items()],
        "}",
        '"""fields: every factual cell and the row are cited; row: the row is cited as one fact; none."""',
        "",
        "CITED_FIELDS: dict[str, tuple[str, ...]] = {",
        *[f"    {t!r}: {tuple(descs[t]['citedFields'])!r}," for t in entity],
        "}",
        '"""Per entity table, the cells that cite their own sources."""',
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- pydantic models
def _py_type(field) -> str:
    if field.enum:
        return "Literal[" + ", ".join(repr(v) for v in field.enum) + "]"
    return {"string": "str", "integer": "int", "number": "float", "date": "datetime.date", "boolean": "bool"}[field.type]


def models_source(schemas: dict[str, TableSchema], defs: dict[str, Any]) -> str:
    lines = [
        '"""Pydantic row models, one per table. GENERATED by scripts/generate.py from schemas/: do not edit."""',
        "",
        "from __future__ import annotations",
        "",
        "import datetime",
        "from typing import Literal",
        "",
        "from pydantic import Field",
        "",
        "from .rowtypes import Row",
        "",
    ]
    for name, spec in defs["tables"].items():
        s = schemas[name]
        lines += ["", f"class {spec['model']}Row(Row):", f'    """{s.description}"""', ""]
        for f in s.fields:
            t = _py_type(f)
            args = [f"description={f.description!r}"]
            if f.pattern and not f.enum and f.type == "string":
                args.append(f"pattern={f.pattern!r}")
            if f.minimum is not None:
                args.append(f"ge={f.minimum}")
            if f.required:
                lines.append(f"    {f.name}: {t} = Field({', '.join(args)})")
            else:
                lines.append(f"    {f.name}: {t} | None = Field(None, {', '.join(args)})")
    lines += ["", "", "ROW_MODELS: dict[str, type[Row]] = {"]
    lines += [f'    "{n}": {s["model"]}Row,' for n, s in defs["tables"].items()]
    lines += ["}", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- derived data
def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    path = ROOT / f"data/{name}.csv"
    return csvio.read_table(path) if path.exists() else ([], [])


def normalised_data(defs: dict[str, Any], schemas: dict[str, TableSchema]) -> dict[str, str | None]:
    """Each data CSV as it should be: derived columns and tables computed, rows sorted by primary key."""
    tables = defs["tables"]
    raw = {name: _read(name) for name in tables}
    ok = {name: raw[name][0] == schemas[name].field_names for name in tables if name != "entities"}
    out: dict[str, str | None] = {}

    # editions: year from start_date, ordinal by start date
    if ok.get("editions"):
        eds = raw["editions"][1]
        for r in eds:
            r["year"] = r["start_date"][:4] if re.match(r"\d{4}-", r["start_date"]) else r["year"]
        for i, r in enumerate(sorted(eds, key=lambda r: r["start_date"]), start=1):
            r["ordinal"] = str(i)

    # roles: the level a role sits at
    if ok.get("roles"):
        for r in raw["roles"][1]:
            r["level"] = ("output" if r["output_id"] else "subforum" if r["subforum_id"]
                          else "event" if r["event_id"] else "edition")

    # entities: every row ID of every entity table
    entity_rows = []
    for name, spec in tables.items():
        if spec["cite"] in ("fields", "row") and ok.get(name):
            key = spec["primaryKey"]
            entity_rows += [{"entity_id": r[key], "table": name} for r in raw[name][1]]
    raw["entities"] = (schemas["entities"].field_names, entity_rows)
    ok["entities"] = True

    if ok.get("curator_values"):
        for r in raw["curator_values"][1]:
            r["curator_value_id"] = f"{r['entity_id']}--{r['field']}"

    if ok.get("citations") and ok.get("sources"):
        grade = {s["source_id"]: s["reliability"] for s in raw["sources"][1]}
        facts: dict[tuple[str, str], list[str]] = {}
        for r in raw["citations"][1]:
            r["citation_id"] = f"{r['entity_id']}:{r['field']}:{r['source_id']}"
            facts.setdefault((r["entity_id"], r["field"]), []).append(r["source_id"])
        weak = {k: all(grade.get(s) in WEAK_GRADES for s in v) for k, v in facts.items()}
        for r in raw["citations"][1]:
            r["weak"] = "true" if weak[(r["entity_id"], r["field"])] else "false"

    for name in tables:
        if not ok.get(name):
            out[name] = None  # left for the validator to report
            continue
        header, rows = raw[name]
        key = tables[name]["primaryKey"]
        matrix = [[r.get(h, "") for h in header] for r in sorted(rows, key=lambda r: r[key])]
        out[name] = csvio.format_csv(header, matrix)
    return out


# ---------------------------------------------------------------- pinyin of every Chinese name (for find)
def pinyin_source(rows: dict[str, list[dict[str, str]]]) -> str:
    """Toneless pinyin syllables of each Chinese name that find() searches, keyed by its simplified form."""
    import opencc
    from pypinyin import Style, lazy_pinyin

    from cicc_data.lookup import SEARCHED

    t2s = opencc.OpenCC("t2s")
    texts = set()
    for table, _key, columns in SEARCHED:
        for r in rows[table]:
            texts.update(r[c] for c in columns if c.endswith("_zh") and r.get(c))
    texts.update(r["name"] for r in rows["names"] if r["language"].startswith("zh") and r["language"] != "zh-Latn")
    table = {}
    for text in sorted({t2s.convert(t) for t in texts}):
        syllables = [s for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore") if s.isalpha()]
        if syllables:
            table[text] = [s.lower() for s in syllables]
    return json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def find_index_source(data: dict[str, str | None], blobs: dict[str, bytes], pinyin: str) -> str:
    """find()'s index of the tables as they are written (``blobs``), with the pinyin table as it is written."""
    from cicc_data.lookup import INDEX_TABLES, index_source

    present = {name: blobs[name] if data[name] is not None or (ROOT / f"data/{name}.csv").exists() else None
               for name in INDEX_TABLES}
    return index_source(present, json.loads(pinyin))


# ---------------------------------------------------------------- datapackage.json
def descriptor_source(defs: dict[str, Any], schemas: dict[str, TableSchema], data: dict[str, bytes]) -> str:
    version, date = read_version()
    resources = []
    for name in defs["tables"]:
        blob = data[name]
        resources.append({
            "name": name,
            "type": "table",
            "path": f"data/{name}.csv",
            "schema": f"schemas/{name}.json",
            "title": name.replace("_", " ").capitalize(),
            "description": schemas[name].description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": len(blob),
            "hash": "sha256:" + hashlib.sha256(blob).hexdigest(),
        })
    desc = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "id": REPOSITORY,
        "name": "cicc-data",
        "title": "China Internet Civilization Conference (中国网络文明大会) dataset",
        "description": (
            "Editions, organizations, people, roles, sub-forums, outputs and press conferences of the "
            "China Internet Civilization Conference, 2021 onwards. Every fact cites the public sources "
            "that state it (table citations); name variants and source disagreements are kept."
        ),
        "version": version,
        "created": f"{date}T00:00:00Z",
        "homepage": REPOSITORY,
        "keywords": ["China", "internet governance", "cyberspace", "conferences", "CICC"],
        "licenses": LICENSES,
        "contributors": [{"title": "cicc-data contributors", "path": REPOSITORY, "roles": ["creator", "DataCurator"]}],
        "sources": [{"title": "Public web pages listed in the sources table (data/sources.csv)",
                     "path": "data/sources.csv"}],
        "resources": resources,
    }
    return json.dumps(desc, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- data dictionary
def _constraints(f) -> str:
    bits = []
    if f.required:
        bits.append("required")
    if f.unique:
        bits.append("unique")
    if f.pattern and not f.enum:
        bits.append(f"pattern `{f.pattern}`")
    if f.minimum is not None:
        bits.append(f"minimum {f.minimum}")
    return ", ".join(bits) or "optional"


def _example(f, rows: list[dict[str, str]]) -> str:
    ex = f.example or next((r[f.name] for r in rows if r.get(f.name)), None)
    if not ex:
        return ""
    ex = ex if len(ex) <= 60 else ex[:57] + "..."
    return "`" + ex.replace("|", "\\|").replace("`", "'") + "`"


def _provenance(name: str, f, cited: list[str]) -> str:
    if f.derived:
        return "derived"
    if f.curated:
        return "curated"
    if f.name in cited:
        return "cited"
    return ""


def dictionary_source(defs: dict[str, Any], schemas: dict[str, TableSchema], counts: dict[str, int], rows: dict) -> str:
    version, _ = read_version()
    out = [
        "# Data dictionary",
        "",
        f"Generated by `scripts/generate.py` from `schemas/definitions.yaml` for cicc-data {version}; do not edit by hand.",
        "Every table is a UTF-8 CSV in `data/`, LF line endings, sorted by primary key; an empty cell means missing.",
        "",
        "Provenance: a field marked **cited** cites, for each non-empty cell, the sources that state that value",
        "(`citations` with `field` = the column), unless a row of `curator_values` marks the cell as the curators' own;",
        "every row of an entity table is also cited as a whole (`citations` with an empty `field`). **derived** fields",
        "are computed by the generator; **curated** fields are categories the curators assign; references and notes",
        "cite nothing of their own, except the references marked **cited** (where an output came out).",
        "",
        "| table | rows | primary key | description |",
        "|---|---|---|---|",
    ]
    for name in defs["tables"]:
        s = schemas[name]
        out.append(f"| [{name}](#{name}) | {counts[name]} | {', '.join(s.primary_key)} | {s.description} |")
    for name in defs["tables"]:
        s = schemas[name]
        cited = list(s.raw.get("citedFields", []))
        out += ["", f"## {name}", "", s.description, "",
                f"File `data/{name}.csv`, schema `schemas/{name}.json`, {counts[name]} rows. "
                f"Primary key: {', '.join(s.primary_key)}."]
        if s.foreign_keys:
            fks = "; ".join(f"`{fk.field}` → {fk.table}.{fk.ref_field}" for fk in s.foreign_keys)
            out.append(f"Foreign keys: {fks}.")
        if s.raw.get("rowFact"):
            out.append(f"A citation of a row as a whole (empty `field`) states this, and no more: {s.raw['rowFact']}")
        out += ["", "| field | type | constraints | values | provenance | description | example |",
                "|---|---|---|---|---|---|---|"]
        for f in s.fields:
            enum = ", ".join(f"`{v}`" for v in f.enum) if f.enum else ""
            out.append(f"| `{f.name}` | {f.type} | {_constraints(f)} | {enum} | {_provenance(name, f, cited)} | "
                       f"{f.description} | {_example(f, rows[name])} |")
    return "\n".join(out + flat_section(counts)) + "\n"


def flat_section(counts: dict[str, int]) -> list[str]:
    """The data dictionary's entry for role_facts, the flat table built from the others."""
    from cicc_data import flat

    out = ["", f"## {flat.NAME}", "", flat.DESCRIPTION, "",
           f"Not a file of `data/`: built from {', '.join(flat.NEEDS)} by `cicc_data.{flat.NAME}()` and "
           f"`cicc_data.load(\"{flat.NAME}\")`, the `{flat.NAME}` view of the SQLite export and a sheet of the "
           f"xlsx export; `cicc_data.flat.write_role_facts(root, path)` writes it as a CSV. One row per role: "
           f"{counts.get('roles', 0)} rows. Key: role_id.",
           "", "| field | type | description |", "|---|---|---|"]
    out += [f"| `{n}` | {t} | {d} |" for n, t, d in flat.FIELDS]
    return out


# ---------------------------------------------------------------- CITATION.cff
def citation_source() -> str:
    version, date = read_version()
    return f"""# Generated by scripts/generate.py from src/cicc_data/_version.py; do not edit by hand.
cff-version: 1.2.0
message: "If you use this dataset, please cite the release you used as below."
type: dataset
title: "cicc-data: China Internet Civilization Conference dataset"
abstract: "Editions, organizations, people, roles, sub-forums, outputs and press conferences of the China Internet Civilization Conference (中国网络文明大会), each fact tied to the public sources that state it."
authors:
  - name: "cicc-data contributors"
version: "{version}"
date-released: "{date}"
license: CC-BY-4.0
repository-code: "{REPOSITORY}"
url: "{REPOSITORY}"
keywords:
  - China
  - internet governance
  - China Internet Civilization Conference
  - dataset
"""


# ---------------------------------------------------------------- README table block
README_START, README_END = "<!-- tables:start (generated by scripts/generate.py) -->", "<!-- tables:end -->"


def readme_source(defs: dict[str, Any], schemas: dict[str, TableSchema], counts: dict[str, int]) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    if README_START not in text:
        return text
    lines = ["| table | rows | what it holds |", "|---|---|---|"]
    for name in defs["tables"]:
        first = schemas[name].description.split(". ")[0].rstrip(".")
        lines.append(f"| `{name}` | {counts[name]} | {first}. |")
    head, rest = text.split(README_START, 1)
    tail = rest.split(README_END, 1)[1]
    return head + README_START + "\n" + "\n".join(lines) + "\n" + README_END + tail


# ---------------------------------------------------------------- main
def _parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def expected_files() -> dict[Path, bytes]:
    defs = load_definitions()
    descs = table_descriptors(defs)
    schemas = {name: TableSchema.from_descriptor(name, d) for name, d in descs.items()}
    files: dict[Path, bytes] = dict(schema_sources(descs))
    files[ROOT / "src/cicc_data/_tables.py"] = tables_module(defs, descs).encode("utf-8")
    data = normalised_data(defs, schemas)
    blobs, rows = {}, {}
    for name in defs["tables"]:
        path = ROOT / f"data/{name}.csv"
        if data[name] is None:
            blob = path.read_bytes() if path.exists() else b""
            rows[name] = csvio.read_table(path)[1] if path.exists() else []
        else:
            blob = data[name].encode("utf-8")
            files[path] = blob
            rows[name] = [dict(zip(schemas[name].field_names, r)) for r in _parse(data[name])[1:]]
        blobs[name] = blob
    counts = {n: len(rows[n]) for n in defs["tables"]}
    files[ROOT / "src/cicc_data/_generated_models.py"] = models_source(schemas, defs).encode("utf-8")
    pinyin = pinyin_source(rows)
    files[ROOT / "src/cicc_data/_pinyin.json"] = pinyin.encode("utf-8")
    files[ROOT / "src/cicc_data/_find_index.json"] = find_index_source(data, blobs, pinyin).encode("utf-8")
    files[ROOT / "docs/data-dictionary.md"] = dictionary_source(defs, schemas, counts, rows).encode("utf-8")
    files[ROOT / "datapackage.json"] = descriptor_source(defs, schemas, blobs).encode("utf-8")
    files[ROOT / "CITATION.cff"] = citation_source().encode("utf-8")
    files[ROOT / "README.md"] = readme_source(defs, schemas, counts).encode("utf-8")
    sys.path.insert(0, str(ROOT / "scripts"))
    from catalog import catalog_files  # croissant.json, .zenodo.json, docs/dataset-card.md

    package = json.loads(files[ROOT / "datapackage.json"])
    files.update(catalog_files(ROOT, defs, schemas, blobs, counts, package["version"], read_version()[1],
                               REPOSITORY, package["description"], files[ROOT / "CITATION.cff"].decode("utf-8")))
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="report stale files instead of writing them")
    args = ap.parse_args(argv)
    stale = []
    for path, blob in expected_files().items():
        current = path.read_bytes() if path.exists() else None
        if current != blob:
            stale.append(path.relative_to(ROOT))
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(blob)
    if args.check:
        for p in stale:
            print(f"stale: {p} (run python scripts/generate.py)")
        return 1 if stale else 0
    for p in stale:
        print(f"wrote {p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
