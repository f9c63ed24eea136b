"""Retired IDs and their successors: ``redirects.csv`` (table, old_id, new_id, reason).

A release zip and the wheel carry the file at the package root; a source checkout keeps it in
``releases/redirects.csv``. An ID, once published, never breaks: :func:`resolve` follows the chain
from a retired ID to the one that lives in the package now; an empty ``new_id`` withdraws the row.
Three rules keep the file usable (:func:`problems`, checked by the validator and scripts/release.py): no
chain of redirects comes back on itself, every ``new_id`` is a live row of its table (or redirects on to
one), and no retired ``old_id`` is still a live row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import csvio
from .errors import PackageReadError, UnknownNameError

COLUMNS = ("table", "old_id", "new_id", "reason")
REDIRECTS = "releases/redirects.csv"
MAX_CHAIN = 50


@dataclass(frozen=True)
class Redirect:
    """One retired ID: the table it was a row of, its successor ("" when the row was withdrawn) and why."""

    table: str
    old_id: str
    new_id: str
    reason: str


@dataclass(frozen=True)
class Resolved:
    """What an ID names now: the live ID, its table, and how it was reached.

    ``how`` is ``"live"`` for an ID of the package, ``"redirect"`` for a retired one; ``chain`` lists
    the retired IDs followed, oldest first, and ``reason`` why the last of them was retired.
    """

    entity_id: str
    table: str
    how: str
    chain: tuple[str, ...] = ()
    reason: str = ""

    @property
    def redirected(self) -> bool:
        return self.how == "redirect"


def redirects_path(root: Path) -> Path | None:
    """``root/redirects.csv`` (a release or the wheel), else ``root/releases/redirects.csv`` (a checkout)."""
    for p in (root / "redirects.csv", root / "releases" / "redirects.csv"):
        if p.is_file():
            return p
    return None


@lru_cache(maxsize=8)
def _read(path: Path, mtime: int) -> dict[str, Redirect]:
    header, rows = csvio.read_table(path)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise PackageReadError(f"{path}: header lacks {', '.join(missing)} (expected {','.join(COLUMNS)})")
    out: dict[str, Redirect] = {}
    for n, r in enumerate(rows, start=2):
        if not r["old_id"]:
            raise PackageReadError(f"{path}, row {n}: old_id is empty (new_id is empty for a withdrawn row)")
        out[r["old_id"]] = Redirect(r["table"], r["old_id"], r["new_id"], r["reason"])
    return out


def read_redirects(root: Path) -> dict[str, Redirect]:
    """Every retired ID of the package at ``root``, keyed by the old ID (empty when it has no redirects file)."""
    path = redirects_path(root)
    return {} if path is None else _read(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _live_ids(root: Path) -> dict[str, str]:
    """Every row ID of the package and its table (entities.csv, plus sources)."""
    ids: dict[str, str] = {}
    entities = root / "data" / "entities.csv"
    if entities.is_file():
        ids.update((r["entity_id"], r["table"]) for r in csvio.read_table(entities)[1])
    for table, key in (("sources", "source_id"), ("curator_values", "curator_value_id")):
        path = root / "data" / f"{table}.csv"
        if path.is_file():
            ids.update((r[key], table) for r in csvio.read_table(path)[1])
    return ids


def resolve_id(entity_id: str, root: Path) -> Resolved:
    """The live ID for ``entity_id``, following redirects; :class:`UnknownNameError` if it names nothing."""
    live, moved = _live_ids(root), read_redirects(root)
    chain: list[str] = []
    current, reason = entity_id, ""
    while current not in live and current in moved:
        if current in chain or len(chain) >= MAX_CHAIN:
            raise PackageReadError(f"redirects.csv: the redirects from {entity_id!r} loop ({' -> '.join(chain)})")
        chain.append(current)
        current, reason = moved[current].new_id, moved[current].reason
        if not current:
            raise UnknownNameError(f"{entity_id!r} was withdrawn, with no successor ({reason})")
    if current in live:
        return Resolved(current, live[current], "redirect" if chain else "live", tuple(chain), reason)
    if chain:
        raise UnknownNameError(f"{entity_id!r} was retired for {current!r}, which the package does not have")
    raise UnknownNameError(f"{entity_id!r} is not an ID of the package, nor a retired one in redirects.csv")


def problems(rows: Iterable[tuple[int, dict[str, str]]], live: Mapping[str, set[str]]) -> list[tuple[int, str, str]]:
    """(row, field, message) for each broken rule; ``live`` maps each table to its row IDs."""
    rows = list(rows)
    by_old = {(r.get("table", ""), r.get("old_id", "")): r.get("new_id", "") for _, r in rows}
    out = []
    for n, r in rows:
        table, old, new = r.get("table", ""), r.get("old_id", ""), r.get("new_id", "")
        ids = live.get(table)
        if ids is None:
            out.append((n, "table", f"table {table[:60]!r} is not a table of the package"))
            continue
        if old in ids:
            out.append((n, "old_id", f"{table}:{old[:80]} is retired here but still a row of {table}"))
        if _cycle(table, old, by_old):
            out.append((n, "new_id", f"{table}:{old[:80]} redirects round in a cycle and never reaches a live row"))
        elif new and new not in ids and (table, new) not in by_old:
            out.append((n, "new_id", f"{table}:{old[:80]} redirects to {new[:80]!r}, which is neither a row of "
                                     f"{table} nor redirected on"))
    return out


def _cycle(table: str, start: str, by_old: Mapping[tuple[str, str], str]) -> bool:
    seen = {start}
    cur = by_old.get((table, start))
    while cur is not None and (table, cur) in by_old:
        if cur in seen:
            return True
        seen.add(cur)
        cur = by_old[(table, cur)]
    return cur in seen
