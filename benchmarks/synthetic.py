"""Make a synthetic, valid package of about N rows from the real data and the real schemas.

  python benchmarks/synthetic.py N OUT_DIR

Every table but editions is copied k times with each ID (primary keys and foreign keys, entity
references and cited sources among them) suffixed by the copy number, so keys, foreign keys and cross-table
rules work at scale exactly as on the real data.
"""

from __future__ import annotations

import json
import math
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cicc_data import csvio  # noqa: E402
from cicc_data.schema import load_schema_dir  # noqa: E402

TABLES_WITH_IDS = {"editions"}  # kept once: years and dates must stay unique and real


def make(n_rows: int, out: Path) -> int:
    schemas = load_schema_dir(ROOT / "schemas")
    data = {name: csvio.read_table(ROOT / "data" / f"{name}.csv")[1] for name in schemas}
    editions = {r["edition_id"] for r in data["editions"]}
    # names and claims of an edition (kept once) are kept once too, with their citations and entity rows
    once = editions | {r[k] for t, k in (("names", "name_id"), ("claims", "claim_id")) for r in data[t]
                       if r["entity_id"] in editions}
    copied_sources = {r["source_id"] for r in data["citations"] if r["entity_id"] not in once}
    per_copy = sum(len(rows) for name, rows in data.items() if name not in TABLES_WITH_IDS)
    copies = max(1, math.ceil((n_rows - len(data["editions"])) / per_copy))
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "schemas", out / "schemas", dirs_exist_ok=True)
    (out / "data").mkdir(exist_ok=True)
    total = 0
    for name, schema in schemas.items():
        id_fields = {f.name for f in schema.fields if f.references or f.name == schema.primary_key[0]}
        rows_out = []
        for c in range(copies if name != "editions" else 1):
            sfx = f"-x{c}"
            for r in data[name]:
                if c and (r.get("entity_id") in once or r.get(schema.primary_key[0]) in once - editions):
                    continue  # facts about an edition, which is kept once
                if c and name == "sources" and r["source_id"] not in copied_sources:
                    continue  # a source only the edition facts cite
                new = dict(r)
                if name != "editions":
                    for f in id_fields:
                        if new.get(f) and new[f] not in editions:
                            new[f] = new[f] + sfx
                    if name == "sources":
                        new["url"] = r["url"] + f"#copy{c}"
                    if name in ("organizations", "people") and new["name_zh"]:
                        new["name_zh"] += f"{c}"
                    if name == "names":
                        new["name"] += f" {c}"
                    if name == "glossary":
                        new["term_zh"] += f"{c}"
                    if name == "claims" and r["field"].endswith("_id"):
                        new["value"] += sfx
                    if name == "citations":
                        new["citation_id"] = f"{new['entity_id']}:{new['field']}:{new['source_id']}"
                    if name == "curator_values":
                        new["curator_value_id"] = f"{new['entity_id']}--{new['field']}"
                rows_out.append(new)
        matrix = [[r[h] for h in schema.field_names] for r in rows_out]
        idx = [schema.field_names.index(k) for k in schema.primary_key]
        matrix.sort(key=lambda row: tuple(row[i] for i in idx))
        csvio.write_table(out / "data" / f"{name}.csv", schema.field_names, matrix)
        total += len(matrix)
    desc = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        res.pop("bytes", None)
        res.pop("hash", None)
    (out / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2), encoding="utf-8")
    return total


if __name__ == "__main__":
    n = make(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {n} rows to {sys.argv[2]}")
