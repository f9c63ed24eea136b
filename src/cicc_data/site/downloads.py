"""What a reader can take away: each entity's rows, names and citations as JSON, the package's tables and a zip."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from .model import Data

ZIP_TIME = (2021, 1, 1, 0, 0, 0)  # a fixed date, so that the zip is the same bytes from build to build


def _rows(data: Data, table: str, key: str, ids: set[str]) -> list[dict[str, str]]:
    """The rows of ``table`` whose ``key`` is one of ``ids``, in table order (indexed once per build)."""
    cache = data.__dict__.setdefault("_download_index", {})
    if (table, key) not in cache:
        by: dict[str, list[tuple[int, dict[str, str]]]] = {}
        for i, r in enumerate(data.tables.get(table, [])):
            by.setdefault(r.get(key, ""), []).append((i, r))
        cache[(table, key)] = by
    found = [pair for i in ids for pair in cache[(table, key)].get(i, [])]
    return [r for _i, r in sorted(found, key=lambda p: p[0])]


def entity_rows(data: Data, table: str, eid: str) -> dict[str, list[dict[str, str]]]:
    """The rows about one person, body or edition, by table."""
    if table in ("people", "organizations"):
        key = "person_id" if table == "people" else "organization_id"
        rows = {table: [(data.person if table == "people" else data.org)[eid]],
                "roles": data.rows_by("roles", key, page_order=True).get(eid, []),
                "posts": data.rows_by("posts", key).get(eid, [])}
    else:
        rows = {"editions": [data.edition[eid]]}
        for t in ("events", "subforums", "outputs", "roles"):
            rows[t] = data.rows_by(t, "edition_id").get(eid, [])
    return {k: v for k, v in rows.items() if v}


def _dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _rows_json(data: Data, rows: list[dict[str, str]]) -> str:
    """A list of rows as JSON; each row serialised once per build (a source is in the JSON of every
    entity that cites it)."""
    cache = data.__dict__.setdefault("_row_json", {})
    out = []
    for r in rows:
        text = cache.get(id(r))
        if text is None:
            text = cache[id(r)] = _dump(r)
        out.append(text)
    return "[" + ",".join(out) + "]"


def entity_json(data: Data, table: str, eid: str) -> bytes:
    """One entity's rows with the names, claims, curators' values and citations of each, and the sources cited,
    as ``json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`` writes it."""
    rows = entity_rows(data, table, eid)
    ids = {r[data.headers[t][0]] for t, rs in rows.items() for r in rs}
    names = _rows(data, "names", "entity_id", ids)
    claims = _rows(data, "claims", "entity_id", ids)
    cited = ids | {n["name_id"] for n in names} | {c["claim_id"] for c in claims}
    citations = _rows(data, "citations", "entity_id", cited)
    parts = {"id": _dump(eid), "table": _dump(table), "names": _rows_json(data, names),
             "claims": _rows_json(data, claims), "citations": _rows_json(data, citations),
             "curator_values": _rows_json(data, _rows(data, "curator_values", "entity_id", cited)),
             "sources": _rows_json(data, _rows(data, "sources", "source_id", {c["source_id"] for c in citations})),
             "rows": "{" + ",".join(f"{_dump(t)}:{_rows_json(data, rs)}" for t, rs in sorted(rows.items())) + "}"}
    return ("{" + ",".join(f"{_dump(k)}:{v}" for k, v in sorted(parts.items())) + "}\n").encode("utf-8")


def package_files(root: Path, descriptor: dict) -> dict[str, bytes]:
    """datapackage.json, its schemas and its tables, as listed by the descriptor (nothing else is read)."""
    files = {"datapackage.json": (root / "datapackage.json").read_bytes()}
    for res in descriptor.get("resources", []):
        for key in ("path", "schema"):
            rel = res.get(key) if isinstance(res, dict) else None
            path = (root / rel).resolve() if isinstance(rel, str) else None
            if path and rel.endswith((".csv", ".json")) and path.is_relative_to(root.resolve()) and path.is_file():
                files[rel] = (root / rel).read_bytes()
    return files


def package_zip(files: dict[str, bytes], name: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in sorted(files):
            info = zipfile.ZipInfo(f"{name}/{rel}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[rel])
    return buf.getvalue()
