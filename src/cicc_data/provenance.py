"""Fact-level provenance: which sources state which cell, and which facts rest on weak sources only.

Reads ``citations.csv``, ``curator_values.csv`` and ``sources.csv`` with the csv module (no pandas).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import csvio
from .paths import package_root


@dataclass(frozen=True)
class Evidence:
    """One source stating a fact, with the verbatim span of its page that states it."""

    source_id: str
    quote: str


@dataclass(frozen=True)
class Fact:
    """The provenance of one fact: a cell (``field``) or a whole row (``field == ""``)."""

    entity_id: str
    field: str
    source_ids: tuple[str, ...]
    weak: bool
    curator_method: str | None = None
    curator_note: str | None = None
    evidence: tuple[Evidence, ...] = ()

    @property
    def cited(self) -> bool:
        return bool(self.source_ids)

    @property
    def quotes(self) -> dict[str, str]:
        """The quote of each citing source, keyed by source ID."""
        return {e.source_id: e.quote for e in self.evidence}


@lru_cache(maxsize=2)
def _index(root: Path) -> tuple[dict[tuple[str, str], list[dict[str, str]]], dict[tuple[str, str], dict[str, str]]]:
    cites: dict[tuple[str, str], list[dict[str, str]]] = {}
    for r in csvio.read_table(root / "data" / "citations.csv")[1]:
        cites.setdefault((r["entity_id"], r["field"]), []).append(r)
    curated = {(r["entity_id"], r["field"]): r for r in csvio.read_table(root / "data" / "curator_values.csv")[1]}
    return cites, curated


def fact(entity_id: str, field: str = "", root: Path | None = None) -> Fact:
    """Who states ``field`` of row ``entity_id`` (the row as a whole when ``field`` is empty)."""
    cites, curated = _index(root or package_root())
    rows = cites.get((entity_id, field), [])
    cur = curated.get((entity_id, field))
    return Fact(
        entity_id=entity_id,
        field=field,
        source_ids=tuple(r["source_id"] for r in rows),
        weak=bool(rows) and rows[0]["weak"] == "true",
        curator_method=cur["method"] if cur else None,
        curator_note=(cur["notes"] or None) if cur else None,
        evidence=tuple(Evidence(r["source_id"], r.get("quote", "")) for r in rows),
    )


def facts(entity_id: str, root: Path | None = None) -> dict[str, Fact]:
    """Every cited or curated fact of row ``entity_id``, keyed by field ("" for the row)."""
    root = root or package_root()
    cites, curated = _index(root)
    fields = {f for (e, f) in cites if e == entity_id} | {f for (e, f) in curated if e == entity_id}
    return {f: fact(entity_id, f, root) for f in sorted(fields)}


def cited_source_ids(entity_ids: set[str], root: Path | None = None) -> set[str]:
    """Every source cited for any fact of the given rows."""
    cites, _ = _index(root or package_root())
    return {r["source_id"] for (e, _f), rows in cites.items() if e in entity_ids for r in rows}


def citation_rows(entity_id: str, field: str = "", root: Path | None = None) -> list[dict[str, str]]:
    """The ``citations`` rows of one fact (``quote`` included where the package has the column)."""
    cites, _ = _index(root or package_root())
    return list(cites.get((entity_id, field), []))
