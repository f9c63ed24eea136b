"""Resolve a name a user types to the organizations and people it may mean."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import csvio
from .paths import package_root
from .text import fold


@dataclass(frozen=True)
class Match:
    """An organization or person whose name (or a variant) matches a query."""

    entity_type: str
    entity_id: str
    name_zh: str
    name_en: str
    matched_name: str
    exact: bool


@lru_cache(maxsize=2)
def _index(root: Path) -> tuple[dict[str, tuple[str, str, str]], list[tuple[str, str, str]]]:
    entities: dict[str, tuple[str, str, str]] = {}
    names: list[tuple[str, str, str]] = []  # (folded, shown, entity_id)
    for table, kind, key in (("organizations", "organization", "organization_id"), ("people", "person", "person_id")):
        _, rows = csvio.read_table(root / "data" / f"{table}.csv")
        for r in rows:
            entities[r[key]] = (kind, r["name_zh"], r["name_en"])
            for shown in (r[key], r["name_zh"], r["name_en"]):
                if shown:
                    names.append((fold(shown), shown, r[key]))
    _, rows = csvio.read_table(root / "data" / "names.csv")
    for r in rows:
        if r["entity_id"] in entities and r["property"] == "name":
            names.append((fold(r["name"]), r["name"], r["entity_id"]))
    return entities, names


def find(name: str, root: Path | None = None) -> list[Match]:
    """Organizations and people matching ``name`` in any language or variant.

    Exact matches (ignoring case, spaces, punctuation and tone marks) come first; when there is
    none, names containing the query are returned.
    """
    entities, names = _index(root or package_root())
    q = fold(name)
    if not q:
        return []
    hits: dict[str, Match] = {}
    for exact in (True, False):
        for folded, shown, eid in names:
            if (folded == q) if exact else (q in folded):
                if eid not in hits:
                    kind, zh, en = entities[eid]
                    hits[eid] = Match(kind, eid, zh, en, shown, exact)
        if hits:
            break
    return sorted(hits.values(), key=lambda m: (m.entity_type, m.entity_id))
