"""Layer 3: rules across tables, with sets and dicts (never nested loops over rows)."""

from __future__ import annotations

from collections import defaultdict

from .._tables import CITED_FIELDS, ENTITY_TABLES
from ..text import WEAK_GRADES
from ..text import fold as normalise
from . import model_rules
from .files import Table
from .report import Problem, Report


def check(tables: dict[str, Table], report: Report) -> None:
    ids = {name: {r[t.schema.primary_key[0]]: (n, r) for n, r in t.rows}
           for name, t in tables.items() if len(t.schema.primary_key) == 1}
    owner = _unique_ids(tables, ids, report)
    _entities(tables, owner, report)
    _citations(tables, ids, owner, report)
    _claims(tables, ids, owner, report)
    _duplicates(tables, owner, report)
    _orphans(tables, ids, report)
    _same_edition(tables, ids, report)
    model_rules.check(tables, report)


def _unique_ids(tables: dict[str, Table], ids: dict, report: Report) -> dict[str, str]:
    """Map every entity ID to its table; report an ID used in two tables."""
    owner: dict[str, str] = {}
    for name in ENTITY_TABLES:
        for i, (n, _) in ids.get(name, {}).items():
            if i in owner and owner[i] != name:
                report.add(Problem("cross-table", tables[name].file, n, tables[name].schema.primary_key[0],
                                   f"ID {i!r} is also an ID in {owner[i]}; IDs are unique across tables", "id-reused"))
            owner.setdefault(i, name)
    return owner


def _entities(tables: dict[str, Table], owner: dict[str, str], report: Report) -> None:
    t = tables.get("entities")
    if t is None or any(name not in tables for name in ENTITY_TABLES):
        return  # an unreadable entity table is reported already
    listed = {}
    for n, r in t.rows:
        listed[r["entity_id"]] = r["table"]
        if owner.get(r["entity_id"]) != r["table"]:
            where = f"a row of {owner[r['entity_id']]}" if r["entity_id"] in owner else "no row of any table"
            report.add(Problem("cross-table", t.file, n, "entity_id",
                               f"{r['entity_id']!r} is listed under {r['table']} but is {where}; "
                               "run scripts/generate.py"))
    missing = sorted(set(owner) - set(listed))
    for i in missing[:20]:
        report.add(Problem("cross-table", t.file, None, "entity_id",
                           f"{i!r} ({owner[i]}) is missing from entities; run scripts/generate.py"))


def _cell(tables: dict[str, Table], ids: dict, owner: dict[str, str], entity_id: str, fld: str):
    table = owner.get(entity_id)
    if table is None:
        return None, None
    return table, ids[table][entity_id][1].get(fld, "")


def _citations(tables: dict[str, Table], ids: dict, owner: dict[str, str], report: Report) -> None:
    cit, cur = tables.get("citations"), tables.get("curator_values")
    if cit is None or "sources" not in tables:
        return
    grades = {sid: r["reliability"] for sid, (_, r) in ids.get("sources", {}).items()}
    facts: dict[tuple[str, str], list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for n, r in cit.rows:
        eid, fld = r["entity_id"], r["field"]
        table = owner.get(eid)
        if table is None:
            continue  # the foreign key to entities reports it
        if fld and fld != "notes" and fld not in CITED_FIELDS[table]:
            why = ("is not a column of " + table) if fld not in tables[table].schema.field_names else \
                f"is not a cited field of {table} (cited: {', '.join(CITED_FIELDS[table]) or 'the row only'})"
            report.add(Problem("cross-table", cit.file, n, "field", f"{fld!r} {why}"))
            continue
        if table == "names" and ids[table][eid][1]["name_type"].startswith("curator-"):
            report.add(Problem("cross-table", cit.file, n, "entity_id",
                               f"{eid!r} is a curators' rendering (name_type "
                               f"{ids[table][eid][1]['name_type']!r}); no source prints it, so none is cited"))
        if fld and not ids[table][eid][1].get(fld):
            report.add(Problem("cross-table", cit.file, n, "field",
                               f"cites {table}.{fld} of {eid!r}, which is empty; cite only values that are there"))
        facts[(eid, fld)].append((n, r))
    for (eid, fld), rows in facts.items():
        known = [r["source_id"] for _, r in rows if r["source_id"] in grades]
        if len(known) != len(rows):
            continue  # the foreign key to sources reports it
        weak = "true" if all(grades[s] in WEAK_GRADES for s in known) else "false"
        for n, r in rows:
            if r["weak"] != weak:
                report.add(Problem("cross-table", cit.file, n, "weak",
                                   f"weak is {r['weak']!r} but the sources cited for {eid}.{fld or '(row)'} make it "
                                   f"{weak!r}; run scripts/generate.py"))
    curated: set[tuple[str, str]] = set()
    for n, r in cur.rows if cur else []:
        table = owner.get(r["entity_id"])
        if table is None:
            continue
        if r["field"] not in CITED_FIELDS[table]:
            report.add(Problem("cross-table", cur.file, n, "field",
                               f"{r['field']!r} is not a cited field of {table}; a curator value marks a cited cell"))
        elif not ids[table][r["entity_id"]][1].get(r["field"]):
            report.add(Problem("cross-table", cur.file, n, "field",
                               f"{table}.{r['field']} of {r['entity_id']!r} is empty; nothing to mark"))
        curated.add((r["entity_id"], r["field"]))
    # coverage: every row is cited, and every non-empty cited cell is cited or marked as the curators' own
    for table in ENTITY_TABLES:
        t = tables.get(table)
        for n, row in t.rows if t else []:
            eid = row[t.schema.primary_key[0]]
            if owner.get(eid) != table:
                continue
            if (eid, "") not in facts and not row.get("name_type", "").startswith("curator-"):
                report.add(Problem("cross-table", t.file, n, None,
                                   f"{eid!r} is not cited: add a citation with an empty field naming a source "
                                   "that states this row"))
            for fld in CITED_FIELDS[table]:
                if row.get(fld) and (eid, fld) not in facts and (eid, fld) not in curated:
                    report.add(Problem("cross-table", t.file, n, fld,
                                       f"value {row[fld][:40]!r} cites no source; add a citation for ({eid}, {fld}) "
                                       "or a curator_values row saying how the curators made it"))


def _claims(tables: dict[str, Table], ids: dict, owner: dict[str, str], report: Report) -> None:
    t = tables.get("claims")
    if not t:
        return
    preferred: dict[tuple[str, str], list[int]] = {}
    for n, r in t.rows:
        target = owner.get(r["entity_id"])
        if target is None:
            continue  # the foreign key to entities reports it
        if r["field"] not in tables[target].schema.field_names:
            report.add(Problem("cross-table", t.file, n, "field", f"{target} has no column {r['field']!r}"))
            continue
        slot = preferred.setdefault((r["entity_id"], r["field"]), [])
        if r["preferred"] == "true":
            slot.append(n)
            kept = ids[target][r["entity_id"]][1][r["field"]]
            if kept != r["value"]:
                report.add(Problem("cross-table", t.file, n, "value",
                                   f"preferred value {r['value']!r} differs from {kept!r} kept in "
                                   f"{target}.{r['field']} for {r['entity_id']}"))
    for (eid, fld), rows in preferred.items():
        if len(rows) != 1:
            report.add(Problem("cross-table", t.file, rows[1] if rows else None, "preferred",
                               f"{eid}.{fld} has {len(rows)} preferred values; expected exactly one"))


def _duplicates(tables: dict[str, Table], owner: dict[str, str], report: Report) -> None:
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
        kind = owner.get(r["entity_id"])
        if kind not in ("organizations", "people") or r["property"] != "name":
            continue
        k = (kind, r["language"], normalise(r["name"]))
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
