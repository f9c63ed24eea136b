"""Layer 3: rules across tables, with sets and dicts (never nested loops over rows)."""

from __future__ import annotations

from collections import defaultdict

from ..text import WEAK_GRADES
from ..text import fold as normalise
from .files import Table
from .report import Problem, Report

ENTITY_TABLES = {
    "edition": "editions", "organization": "organizations", "person": "people",
    "event": "events", "subforum": "subforums", "output": "outputs", "role": "roles", "post": "posts",
}
ID_TABLES = ["editions", "organizations", "people", "posts", "events", "subforums", "outputs", "roles"]


def check(tables: dict[str, Table], report: Report) -> None:
    ids = {name: {r[t.schema.primary_key[0]]: (n, r) for n, r in t.rows}
           for name, t in tables.items() if len(t.schema.primary_key) == 1}
    _sources(tables, ids, report)
    _unique_ids(tables, ids, report)
    _entity_refs(tables, ids, report)
    _duplicates(tables, report)
    _orphans(tables, ids, report)
    _same_edition(tables, ids, report)


def _sources(tables: dict[str, Table], ids: dict, report: Report) -> None:
    grades = {sid: r["reliability"] for sid, (_, r) in ids.get("sources", {}).items()}
    for t in tables.values():
        if "source_ids" not in t.schema.field_names:
            continue
        for n, r in t.rows:
            cited = [s for s in r["source_ids"].split(";") if s]
            if not cited:
                continue  # the required constraint reports it
            unknown = [s for s in cited if s not in grades]
            for s in unknown:
                report.add(Problem("cross-table", t.file, n, "source_ids",
                                   f"cites source {s!r}, which is not a row of the sources table"))
            if unknown or "weak_sources_only" not in r:
                continue
            weak = all(grades[s] in WEAK_GRADES for s in cited)
            if r["weak_sources_only"] != ("true" if weak else "false"):
                report.add(Problem("cross-table", t.file, n, "weak_sources_only",
                                   f"weak_sources_only is {r['weak_sources_only']!r} but the cited sources make it "
                                   f"{'true' if weak else 'false'}; run scripts/generate.py"))


def _unique_ids(tables: dict[str, Table], ids: dict, report: Report) -> None:
    owner: dict[str, str] = {}
    for name in ID_TABLES:
        for i, (n, _) in ids.get(name, {}).items():
            if i in owner and owner[i] != name:
                report.add(Problem("cross-table", tables[name].file, n, tables[name].schema.primary_key[0],
                                   f"ID {i!r} is also an ID in {owner[i]}; IDs are unique across tables", "id-reused"))
            owner.setdefault(i, name)


def _entity_refs(tables: dict[str, Table], ids: dict, report: Report) -> None:
    for name in ("names", "claims"):
        t = tables.get(name)
        if not t:
            continue
        preferred = defaultdict(list)
        for n, r in t.rows:
            target = ENTITY_TABLES.get(r["entity_type"])
            if target is None or not tables.get(target) or not tables[target].rows:
                continue  # enum constraint, or the unreadable target table, is reported already
            row = ids.get(target, {}).get(r["entity_id"])
            if row is None:
                report.add(Problem("cross-table", t.file, n, "entity_id",
                                   f"{r['entity_type']} {r['entity_id']!r} is not a row of {target}"))
                continue
            if name == "claims":
                if r["field"] not in tables[target].schema.field_names:
                    report.add(Problem("cross-table", t.file, n, "field",
                                       f"{target} has no column {r['field']!r}"))
                    continue
                if r["preferred"] == "true":
                    preferred[(r["entity_id"], r["field"])].append(n)
                    kept = row[1][r["field"]]
                    if kept != r["value"]:
                        report.add(Problem("cross-table", t.file, n, "value",
                                           f"preferred value {r['value']!r} differs from {kept!r} kept in "
                                           f"{target}.{r['field']} for {r['entity_id']}"))
                else:
                    preferred.setdefault((r["entity_id"], r["field"]), [])
        for (eid, fld), rows in preferred.items():
            if len(rows) != 1:
                report.add(Problem("cross-table", t.file, rows[1] if rows else None, "preferred",
                                   f"{eid}.{fld} has {len(rows)} preferred values; expected exactly one"))


def _duplicates(tables: dict[str, Table], report: Report) -> None:
    for name, key in (("organizations", "organization_id"), ("people", "person_id")):
        t = tables.get(name)
        seen: dict[str, str] = {}
        for n, r in t.rows if t else []:
            k = normalise(r["name_zh"])
            if k and k in seen:
                report.add(Problem("cross-table", t.file, n, "name_zh",
                                   f"{r[key]!r} has the same Chinese name {r['name_zh']!r} as {seen[k]!r}: "
                                   "one entity must be one row (put variants in names)", "duplicate-entity"))
            seen.setdefault(k, r[key])
    t = tables.get("names")
    owners: dict[tuple[str, str, str], str] = {}
    for n, r in t.rows if t else []:
        if r["entity_type"] not in ("organization", "person") or r["property"] != "name":
            continue
        k = (r["entity_type"], r["language"], normalise(r["name"]))
        if k in owners and owners[k] != r["entity_id"]:
            report.add(Problem("cross-table", t.file, n, "name",
                               f"name {r['name']!r} belongs to both {owners[k]!r} and {r['entity_id']!r}; "
                               "a name must resolve to one entity", "duplicate-name"))
        owners.setdefault(k, r["entity_id"])


def _orphans(tables: dict[str, Table], ids: dict, report: Report) -> None:
    used: dict[str, set[str]] = {"organizations": set(), "people": set()}
    for name in ("roles", "posts"):
        for _, r in tables[name].rows if name in tables else []:
            used["people"].add(r.get("person_id", ""))
            used["organizations"].add(r.get("organization_id", ""))
    for _, r in tables["organizations"].rows if "organizations" in tables else []:
        used["organizations"].add(r["parent_organization_id"])
    for name, key in (("organizations", "organization_id"), ("people", "person_id")):
        for i, (n, _) in ids.get(name, {}).items():
            if i not in used[name]:
                report.add(Problem("cross-table", tables[name].file, n, key,
                                   f"{i!r} takes part in no role or post (nor is it a parent body); "
                                   "every entity must be tied to the conference", "orphan-entity"))


def _same_edition(tables: dict[str, Table], ids: dict, report: Report) -> None:
    for name, refs in (("roles", ("event_id", "subforum_id", "output_id")),
                       ("outputs", ("event_id", "subforum_id"))):
        t = tables.get(name)
        for n, r in t.rows if t else []:
            for ref in refs:
                target = {"event_id": "events", "subforum_id": "subforums", "output_id": "outputs"}[ref]
                hit = ids.get(target, {}).get(r[ref])
                if hit and hit[1]["edition_id"] != r["edition_id"]:
                    report.add(Problem("cross-table", t.file, n, ref,
                                       f"{r[ref]!r} belongs to {hit[1]['edition_id']}, not {r['edition_id']}",
                                       "edition-mismatch"))
