"""Layer "consistency": facts that each look fine but cannot be true together.

Each check runs only when the tables and columns it needs exist, so it keeps working while the
schema changes (a check whose columns are gone simply does not run). Rows the Frictionless layer
flagged (bad types, broken constraints) are skipped by the checks that parse their values.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from ..text import fold
from .files import Table
from .report import Problem, Report

PRESS_CONFERENCE_WINDOW = datetime.timedelta(days=90)
"""A press conference announces its edition at most this long before it opens."""

OUTPUT_WINDOW = datetime.timedelta(days=365)
"""An output is released within this distance of its edition (and never this long before the first)."""

META_COLUMNS = frozenset({"notes", "source_ids", "weak_sources_only"})
"""Columns that do not tell one relation from another."""

RELATION_TABLES = ("roles", "posts", "names", "claims", "citations")
ENTITY_TYPE_OF_TABLE = {
    "editions": "edition", "organizations": "organization", "people": "person", "events": "event",
    "subforums": "subforum", "outputs": "output", "roles": "role", "posts": "post",
}
PROPERTY_APPLIES = {"theme": frozenset({"edition", "subforum"}), "venue": frozenset({"edition", "event"})}
"""Name properties that apply to some entity types only (``name`` applies to all)."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_AMBIGUOUS_HANZI = frozenset("著乾於餘隻夥藉瞭麼徵覆祇")
"""Characters of the traditional-to-simplified table that are also written in simplified text."""


def check(tables: dict[str, Table], desc: dict[str, Any], flagged: set[tuple[str, int]], report: Report) -> None:
    ctx = _Context(tables, flagged, report)
    for rule in (_ordinals, _edition_length, _press_conferences, _output_dates, _sources_after_release,
                 _parent_cycles, _duplicate_relations, _traditional_simplified_duplicates, _name_scripts,
                 _language_tags, _properties, _uncited_sources):
        if report.full:
            return
        rule(ctx, desc)


class _Context:
    def __init__(self, tables: dict[str, Table], flagged: set[tuple[str, int]], report: Report) -> None:
        self.tables, self.flagged, self.report = tables, flagged, report

    def table(self, name: str, *columns: str) -> Table | None:
        """The table, if it exists and has every one of ``columns``."""
        t = self.tables.get(name)
        return t if t and t.rows and all(c in t.schema.field_names for c in columns) else None

    def rows(self, t: Table):
        """Rows the schema layer did not flag."""
        return ((n, r) for n, r in t.rows if (t.file, n) not in self.flagged)

    def add(self, t: Table, n: int | None, field: str | None, message: str, code: str,
            layer: str = "consistency") -> None:
        self.report.add(Problem(layer, t.file, n, field, message, code))

    def edition_starts(self) -> dict[str, tuple[datetime.date, datetime.date]]:
        t = self.table("editions", "edition_id", "start_date")
        out = {}
        for _, r in self.rows(t) if t else []:
            start = _date(r["start_date"])
            if start:
                out[r["edition_id"]] = (start, _date(r.get("end_date", "")) or start)
        return out


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _number(value: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _ordinals(ctx: _Context, desc: dict) -> None:
    t = ctx.table("editions", "year", "ordinal")
    if not t:
        return
    rows = sorted((int(r["year"]), int(r["ordinal"]), n) for n, r in ctx.rows(t)
                  if r["year"].isdigit() and r["ordinal"].isdigit())
    for rank, (year, ordinal, n) in enumerate(rows, start=1):
        if ordinal != rank:
            ctx.add(t, n, "ordinal", f"edition of {year} has ordinal {ordinal}, but it is edition number {rank} "
                    "in year order", "ordinal-order")


def _edition_length(ctx: _Context, desc: dict) -> None:
    t = ctx.table("editions", "duration_days", "start_date")
    if not t:
        return
    for n, r in ctx.rows(t):
        days = _number(r["duration_days"])
        start = _date(r["start_date"])
        if days is None or start is None:
            continue
        end = _date(r.get("end_date", "")) or start
        span = (end - start).days + 1
        if days <= 0:
            ctx.add(t, n, "duration_days", f"an edition lasts more than zero days, not {r['duration_days']}",
                    "length-not-positive")
        elif days > span:
            ctx.add(t, n, "duration_days", f"duration_days {r['duration_days']} is longer than the {span} day(s) "
                    f"from {start} to {end}", "length-not-positive")


def _press_conferences(ctx: _Context, desc: dict) -> None:
    t = ctx.table("events", "kind", "date", "edition_id")
    spans = ctx.edition_starts()
    for n, r in ctx.rows(t) if t else []:
        d, span = _date(r["date"]), spans.get(r["edition_id"])
        if r["kind"] == "press-conference" and d and span and span[0] - d > PRESS_CONFERENCE_WINDOW:
            ctx.add(t, n, "date", f"press conference on {d} is {(span[0] - d).days} days before its edition opens "
                    f"({span[0]}); more than {PRESS_CONFERENCE_WINDOW.days} is not credible", "press-conference-early")


def _output_dates(ctx: _Context, desc: dict) -> None:
    t = ctx.table("outputs", "date")
    spans = ctx.edition_starts()
    if not t or not spans:
        return
    first = min(s for s, _ in spans.values())
    for n, r in ctx.rows(t):
        d = _date(r["date"])
        if d is None:
            continue
        span = spans.get(r.get("edition_id", ""))
        if d < first - OUTPUT_WINDOW:
            ctx.add(t, n, "date", f"output dated {d}, years before the first edition ({first})", "output-date")
        elif span and not span[0] - OUTPUT_WINDOW <= d <= span[1] + OUTPUT_WINDOW:
            ctx.add(t, n, "date", f"output dated {d}, more than a year from its edition {r['edition_id']} "
                    f"({span[0]} to {span[1]})", "output-date")


def _sources_after_release(ctx: _Context, desc: dict) -> None:
    t = ctx.table("sources", "published")
    created = _date(str(desc.get("created", ""))[:10])
    for n, r in ctx.rows(t) if t and created else []:
        d = _date(r["published"])
        if d and d > created:
            ctx.add(t, n, "published", f"published {d}, after the package was created ({created})",
                    "source-after-release")


def _parent_cycles(ctx: _Context, desc: dict) -> None:
    t = ctx.table("organizations", "organization_id", "parent_organization_id")
    if not t:
        return
    parent = {r["organization_id"]: r["parent_organization_id"] for _, r in t.rows if r["parent_organization_id"]}
    row_of = {r["organization_id"]: n for n, r in t.rows}
    done: set[str] = set()
    for start in parent:
        path: list[str] = []
        seen: set[str] = set()
        node = start
        while node in parent and node not in done and node not in seen:
            seen.add(node)
            path.append(node)
            node = parent[node]
        if node in seen:
            cycle = path[path.index(node):]
            if len(cycle) > 1:  # an organization that is its own parent is a model rule
                first = min(cycle, key=lambda o: row_of.get(o, 0))
                ctx.add(t, row_of.get(first), "parent_organization_id",
                        "parent organizations form a cycle: " + " -> ".join(cycle + [cycle[0]]), "parent-cycle")
        done.update(path)


def _duplicate_relations(ctx: _Context, desc: dict) -> None:
    for name in RELATION_TABLES:
        t = ctx.table(name)
        if not t or len(t.schema.primary_key) != 1:
            continue  # a composite key is unique by content already
        pk = t.schema.primary_key[0]
        cols = [c for c in t.schema.field_names if c != pk and c not in META_COLUMNS]
        first: dict[tuple, str] = {}
        for n, r in t.rows:
            key = tuple(r[c] for c in cols)
            if key in first:
                ctx.add(t, n, pk, f"{r[pk]!r} states the same relation as {first[key]!r}; one relation is one row",
                        "duplicate-relation")
            else:
                first[key] = r[pk]


def _traditional_simplified_duplicates(ctx: _Context, desc: dict) -> None:
    from ..text import to_simplified

    for name in ("organizations", "people"):
        t = ctx.table(name, "name_zh")
        if not t or len(t.schema.primary_key) != 1:
            continue
        pk = t.schema.primary_key[0]
        seen: dict[str, tuple[str, str]] = {}
        for n, r in t.rows:
            if not r["name_zh"]:
                continue
            key = to_simplified(r["name_zh"])
            other = seen.get(key)
            if other and other[1] != r["name_zh"] and fold(other[1]) != fold(r["name_zh"]):
                # (the same name, folded, is reported by the cross-table layer)
                ctx.add(t, n, "name_zh", f"{r[pk]!r} ({r['name_zh']}) is {other[0]!r} ({other[1]}) in traditional or "
                        "simplified characters: one entity must be one row (put variants in names)",
                        "duplicate-entity", "cross-table")
            seen.setdefault(key, (r[pk], r["name_zh"]))


_SCRIPT_CHECKED = frozenset({"zh", "cmn", "yue", "ru", "en", "de", "fr", "it", "es", "pt", "nl"})


def _name_scripts(ctx: _Context, desc: dict) -> None:
    from ..text import to_simplified

    t = ctx.table("names", "language", "name")
    tags: dict[str, tuple[str, list[str]]] = {}
    for n, r in ctx.rows(t) if t else []:
        name = r["name"]
        if r["language"] not in tags:
            parts = r["language"].lower().split("-")
            tags[r["language"]] = (parts[0], parts[1:])
        lang, sub = tags[r["language"]]
        if lang not in _SCRIPT_CHECKED:
            continue
        han = bool(_HAN.search(name))
        why = None
        if lang in ("zh", "cmn", "yue") and "latn" in sub:
            why = "has Chinese characters" if han else None
        elif lang in ("zh", "cmn", "yue"):
            if not han:
                why = "has no Chinese character"
            elif ("hans" in sub or sub in ([], ["cn"], ["sg"])) and _traditional(name, to_simplified(name)):
                why = "is written in traditional characters (tag it zh-Hant)"
        elif lang == "ru":
            why = None if _CYRILLIC.search(name) and not han else "is not written in Cyrillic"
        elif lang in ("en", "de", "fr", "it", "es", "pt", "nl"):
            why = None if _LATIN.search(name) and not han else "is not written in Latin letters"
        if why:
            ctx.add(t, n, "language", f"name {name[:40]!r} tagged {r['language']!r} {why}", "script-mismatch")
    _tag_scripts(ctx, t)


def _tag_scripts(ctx: _Context, t: Table | None) -> None:
    """What the hand-written checks above leave: scripts and languages read from the tag by langcodes."""
    from .language_rules import name_problem

    for n, r in ctx.rows(t) if t else []:
        why = name_problem(r["language"], r["name"], r.get("name_type", ""))
        if why and not ctx.report.has(t.file, n):
            ctx.add(t, n, "language", f"name {r['name'][:40]!r} tagged {r['language']!r} {why}", "script-mismatch")


def _traditional(name: str, simplified: str) -> bool:
    return simplified != name and any(c != s and c not in _AMBIGUOUS_HANZI for c, s in zip(name, simplified))


def _language_tags(ctx: _Context, desc: dict) -> None:
    from .language_rules import tag_problem

    verdict: dict[str, str | None] = {}
    for t in ctx.tables.values():
        for col in [c for c in t.schema.field_names if c == "language" or c.endswith("_language")]:
            for n, r in ctx.rows(t):
                tag = r[col]
                if tag not in verdict:
                    verdict[tag] = tag_problem(tag) if tag else None
                why = verdict[tag]
                if why:
                    ctx.add(t, n, col, f"language tag {r[col][:40]!r} is not a BCP 47 language: {why}", "language-tag")


def _entity_types(ctx: _Context) -> dict[str, str]:
    """Entity ID -> entity type, from the generated entities table if there is one, else from the ID tables."""
    out: dict[str, str] = {}
    t = ctx.table("entities", "entity_id", "table")
    if t:
        for _, r in t.rows:
            out[r["entity_id"]] = ENTITY_TYPE_OF_TABLE.get(r["table"], r["table"])
        return out
    for name, kind in ENTITY_TYPE_OF_TABLE.items():
        tt = ctx.table(name)
        if tt and len(tt.schema.primary_key) == 1:
            pk = tt.schema.primary_key[0]
            for _, r in tt.rows:
                out.setdefault(r[pk], kind)
    return out


def _properties(ctx: _Context, desc: dict) -> None:
    t = ctx.table("names", "entity_id", "property")
    if not t:
        return
    has_type = "entity_type" in t.schema.field_names
    types = {} if has_type else _entity_types(ctx)
    for n, r in ctx.rows(t):
        kind = r["entity_type"] if has_type else types.get(r["entity_id"])
        allowed = PROPERTY_APPLIES.get(r["property"])
        if kind and allowed is not None and kind not in allowed:
            ctx.add(t, n, "property", f"a {kind} has no {r['property']}; {r['property']} applies to "
                    f"{', '.join(sorted(allowed))} only", "property-not-applicable")


def _uncited_sources(ctx: _Context, desc: dict) -> None:
    """A source no row cites: cited through a ``source_id`` column (the citations table, any other table
    naming one source) or a ``source_ids`` column (semicolon-separated, in the tables of older schemas)."""
    t = ctx.table("sources", "source_id")
    if not t:
        return
    citing = [x for name, x in ctx.tables.items() if name != "sources"
              and ({"source_id", "source_ids"} & set(x.schema.field_names))]
    if not citing:
        return  # nothing in this schema says what cites what
    cited: set[str] = set()
    for x in citing:
        for col in ("source_id", "source_ids"):
            if col in x.schema.field_names:
                cited.update(";".join(r[col] for _, r in x.rows).split(";"))
    for n, r in t.rows:
        if r["source_id"] not in cited:
            ctx.add(t, n, "source_id", f"source {r['source_id']!r} is cited by no row; cite it or remove it",
                    "source-uncited")
