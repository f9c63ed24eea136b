"""One entity at a glance (``cicc-data show ID``): its facts, names and roles, and the sources of each fact.

A retired ID is followed to its successor (``releases/redirects.csv``), and the view says so.
Reads the CSVs with the csv module: no pandas, no pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import csvio
from ._tables import PRIMARY_KEYS
from .paths import package_root
from .provenance import citation_rows, fact
from .redirects import Resolved, resolve_id

ACTOR_COLUMNS = ("organization_id", "person_id")
CONTEXT_COLUMNS = ("edition_id", "event_id", "subforum_id", "output_id")


@dataclass(frozen=True)
class SourceRef:
    """A page that states a fact, with the words it states it in (when the curators have quoted them)."""

    source_id: str
    url: str
    publisher: str
    reliability: str
    quote: str = ""


@dataclass(frozen=True)
class FactView:
    field: str  # "" for the row as a whole
    value: str
    sources: tuple[SourceRef, ...]
    weak: bool
    curator_method: str | None = None


@dataclass
class EntityView:
    """What the package says about one row: ``row`` as raw text, its facts, names and roles."""

    resolved: Resolved
    row: dict[str, str]
    facts: list[FactView] = field(default_factory=list)
    names: list[dict[str, str]] = field(default_factory=list)
    roles: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        r = self.resolved
        return {
            "entity_id": r.entity_id, "table": r.table, "how": r.how, "retired_ids": list(r.chain),
            "redirect_reason": r.reason, "row": self.row,
            "facts": [{"field": f.field, "value": f.value, "weak": f.weak, "curator_method": f.curator_method,
                       "sources": [s.__dict__ for s in f.sources]} for f in self.facts],
            "names": self.names, "roles": self.roles,
        }


@lru_cache(maxsize=4)
def _rows_by_id(root: Path, table: str) -> dict[str, dict[str, str]]:
    path = root / "data" / f"{table}.csv"
    if not path.is_file():
        return {}
    key = PRIMARY_KEYS.get(table, f"{table}_id")
    return {r[key]: r for r in csvio.read_table(path)[1]}


def _sources(entity_id: str, fld: str, root: Path) -> tuple[SourceRef, ...]:
    by_id = _rows_by_id(root, "sources")
    out = []
    for c in citation_rows(entity_id, fld, root):
        s = by_id.get(c["source_id"], {})
        out.append(SourceRef(c["source_id"], s.get("url", ""), s.get("publisher", ""), s.get("reliability", ""),
                             c.get("quote", "") or ""))
    return tuple(out)


def _facts(entity_id: str, row: dict[str, str], root: Path) -> list[FactView]:
    out = []
    for fld in ["", *row]:
        f = fact(entity_id, fld, root)
        if not f.cited and f.curator_method is None:
            continue
        out.append(FactView(fld, row.get(fld, ""), _sources(entity_id, fld, root), f.weak, f.curator_method))
    return out


def _roles(entity_id: str, table: str, root: Path) -> list[dict[str, str]]:
    key = PRIMARY_KEYS.get(table, "")
    columns = ACTOR_COLUMNS + CONTEXT_COLUMNS
    if key not in columns:
        return []
    return [r for r in _rows_by_id(root, "roles").values() if r.get(key) == entity_id]


def show(entity_id: str, root: Path | None = None) -> EntityView:
    """The view of one entity (``entity_id`` may be a retired ID); ``UnknownNameError`` if it names nothing."""
    root = root or package_root()
    resolved = resolve_id(entity_id.strip(), root)
    row = _rows_by_id(root, resolved.table).get(resolved.entity_id, {})
    names = [r for r in _rows_by_id(root, "names").values() if r.get("entity_id") == resolved.entity_id]
    return EntityView(resolved, row, _facts(resolved.entity_id, row, root), names,
                      _roles(resolved.entity_id, resolved.table, root))


def _fact_lines(f: FactView) -> list[str]:
    label = f.field or "(the row)"
    value = f": {f.value}" if f.field else ""
    marks = [m for m in ("weak sources only" if f.weak else "",
                         f"curators' value: {f.curator_method}" if f.curator_method else "") if m]
    lines = [f"  {label}{value}" + (f"  [{'; '.join(marks)}]" if marks else "")]
    for s in f.sources:
        lines.append(f"    - {s.publisher or s.source_id} ({s.reliability}) {s.url}")
        if s.quote:
            lines.append(f"      \u201c{s.quote}\u201d")
    return lines


def to_text(view: EntityView) -> str:
    """The view as the lines ``cicc-data show`` prints."""
    r = view.resolved
    lines = [f"{r.entity_id} ({r.table})"]
    if r.redirected:
        lines.append(f"  redirect: {' -> '.join(r.chain)} -> {r.entity_id} ({r.reason})")
    lines.append("facts:")
    for f in view.facts:
        lines += _fact_lines(f)
    uncited = [k for k, v in view.row.items() if v and k not in {f.field for f in view.facts}]
    lines += [f"  {k}: {view.row[k]}" for k in uncited]
    if view.names:
        lines.append(f"names ({len(view.names)}):")
        lines += [f"  {n['language']:<8} {n['name']}  ({n['property']}, {n['name_type']})" for n in view.names]
    if view.roles:
        lines.append(f"roles ({len(view.roles)}):")
        for ro in view.roles:
            where = next((ro[c] for c in ("output_id", "subforum_id", "event_id", "edition_id") if ro.get(c)), "")
            actor = ro.get("person_id") or ro.get("organization_id") or ""
            title = f", {ro['title_en'] or ro['title_zh']}" if ro.get("title_en") or ro.get("title_zh") else ""
            lines.append(f"  {ro['role_kind']} ({ro['term_zh']}) at {where}: {actor}{title}  [{ro['role_id']}]")
    return "\n".join(lines)
