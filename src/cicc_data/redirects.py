"""``releases/redirects.csv``: where a retired ID went. Checked by the validator and by scripts/release.py.

A redirect says: in ``table``, ``old_id`` is retired and ``new_id`` replaces it; an empty ``new_id``
withdraws the row (no successor; the reason says why). Three rules keep the file usable: no chain of
redirects comes back on itself, every ``new_id`` is a live row of its table (or redirects on to one),
and no retired ``old_id`` is still a live row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

REDIRECTS = "releases/redirects.csv"


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
