"""Make a synthetic, valid package of about N rows from the real data and the real schemas.

  python benchmarks/synthetic.py N OUT_DIR

Every table but editions is copied k times with each ID (primary keys, foreign keys, entity
references, cited sources) suffixed by the copy number, so keys, foreign keys and cross-table
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
    per_copy = sum(len(rows) for name, rows in data.items() if name not in TABLES_WITH_IDS)
    copies = max(1, math.ceil((n_rows - len(data["editions"])) / per_copy))
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "schemas", out / "schemas", dirs_exist_ok=True)
    (out / "data").mkdir(exist_ok=True)
    total = 0
    for name, schema in schemas.items():
        id_fields = {f.name for f in schema.fields
                     if f.pattern and f.pattern.startswith("^[a-z0-9]+(") and f.name not in ("edition_id",)}
        id_fields |= {schema.primary_key[0]} if len(schema.primary_key) == 1 else set()
        rows_out = []
        for c in range(copies if name != "editions" else 1):
            sfx = f"-x{c}"
            for r in data[name]:
                if name == "claims" and r["entity_type"] == "edition" and c:
                    continue
                new = dict(r)
                if name != "editions":
                    for f in id_fields:
                        if new.get(f) and not (f == "entity_id" and r["entity_type"] == "edition"):
                            new[f] = new[f] + sfx
                    if name == "sources":
                        new["source_id"] = r["source_id"] + sfx
                    if name in ("organizations", "people") and new["name_zh"]:
                        new["name_zh"] += f"{c}"
                    if name == "names":
                        new["name"] += f" {c}"
                    if name == "claims" and r["field"].endswith("_id") and r["entity_type"] != "edition":
                        new["value"] += sfx
                if "source_ids" in new:  # editions, kept once, cite the first copy of each source
                    new["source_ids"] = ";".join(s + sfx for s in r["source_ids"].split(";"))
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
