"""Keyed differences between two releases of the data package (``cicc-data diff``).

Rows are matched by primary key. Each changed cell is given with its old and new value; a row whose
ID was retired for a successor (``redirects.csv``) is a rename, with the cells that changed on the way;
a column or a table that only one side has is named once, not on every row. :meth:`PackageDiff.delta`
gives the same as JSON lines (operation, table, id, field, old, new).
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CiccDataError, PackageReadError

Change = tuple[str, str]  # (old value, new value), as the CSV text


@dataclass
class Rename:
    old_id: str
    new_id: str
    reason: str
    changed: dict[str, Change] = field(default_factory=dict)


@dataclass
class TableDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, dict[str, Change]] = field(default_factory=dict)  # key -> field -> (old, new)
    renamed: list[Rename] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    status: str = "kept"  # "kept", "added" (a new table), "removed" (a dropped table) or "rekeyed"
    rows: int = 0  # rows of an added, removed or rekeyed table (after)
    old_rows: int = 0  # rows of a rekeyed table before
    key: Change = ("", "")  # primary-key columns before and after, for a rekeyed table

    @property
    def empty(self) -> bool:
        return self.status == "kept" and not (self.added or self.removed or self.changed or self.renamed
                                              or self.columns_added or self.columns_removed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status, "rows": self.rows,
            **({"old_rows": self.old_rows, "key": {"old": self.key[0], "new": self.key[1]}}
               if self.status == "rekeyed" else {}),
            "columns_added": self.columns_added, "columns_removed": self.columns_removed,
            "added": self.added, "removed": self.removed,
            "renamed": [{"old_id": r.old_id, "new_id": r.new_id, "reason": r.reason,
                         "changed": {f: {"old": o, "new": n} for f, (o, n) in r.changed.items()}}
                        for r in self.renamed],
            "changed": {k: {f: {"old": o, "new": n} for f, (o, n) in fs.items()} for k, fs in self.changed.items()},
        }



def _cell(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _table_lines(name: str, t: TableDiff) -> list[str]:
    columns = [f"  column added: {c}" for c in t.columns_added] + [f"  column removed: {c}" for c in t.columns_removed]
    if t.status == "rekeyed":
        return [f"{name}: primary key changed from {t.key[0]} to {t.key[1]}; {t.old_rows} rows before, "
                f"{t.rows} after (rows cannot be matched one by one)", *columns]
    if t.status != "kept":
        return [f"{name}: table {t.status} ({t.rows} rows)"]
    lines = [f"{name}: {len(t.added)} added, {len(t.removed)} removed, {len(t.renamed)} renamed, "
             f"{len(t.changed)} changed"]
    lines += columns
    lines += [f"  + {k}" for k in t.added]
    lines += [f"  - {k}" for k in t.removed]
    for r in t.renamed:
        lines.append(f"  > {r.old_id} -> {r.new_id} ({r.reason})")
        lines += [f"      {f}: {_cell(o)} -> {_cell(n)}" for f, (o, n) in r.changed.items()]
    for k, fs in t.changed.items():
        lines.append(f"  ~ {k}")
        lines += [f"      {f}: {_cell(o)} -> {_cell(n)}" for f, (o, n) in fs.items()]
    return lines


@dataclass
class PackageDiff:
    old_version: str
    new_version: str
    tables: dict[str, TableDiff]

    def to_dict(self) -> dict[str, Any]:
        return {"old_version": self.old_version, "new_version": self.new_version,
                "tables": {n: t.to_dict() for n, t in self.tables.items()}}

    def to_text(self) -> str:
        lines = [f"cicc-data {self.old_version} -> {self.new_version}"]
        if all(t.empty for t in self.tables.values()):
            return lines[0] + ": no data changes"
        for name, t in self.tables.items():
            if not t.empty:
                lines += _table_lines(name, t)
        return "\n".join(lines)


class PackageReader:
    """Read a package's descriptor and tables (a directory, a zip or a datapackage.json path) through
    :mod:`cicc_data.reader`: the same limits and refusals as every other command."""

    def __init__(self, path: str | Path) -> None:
        from .paths import resolve_root
        from .schema import descriptor

        self.root = resolve_root(path)
        self.descriptor: dict[str, Any] = descriptor(self.root)

    def schema(self, res: dict[str, Any]) -> dict[str, Any]:
        from .schema import table_schema

        return table_schema(res["name"], self.root).raw

    def tables(self) -> dict[str, tuple[list[str], dict[str, dict[str, str]], str]]:
        """Each table's header, rows keyed by primary key (joined with '|' when composite) and key column."""
        from .reader import read_csv, safe_file

        out = {}
        for res in self.descriptor["resources"]:
            pk = self.schema(res).get("primaryKey", [])
            pk = [pk] if isinstance(pk, str) else pk
            header, records = read_csv(safe_file(self.root, res["path"]))
            rows = {}
            for rec in records:
                row = dict(zip(header, rec))
                rows["|".join(row.get(k, "") for k in pk)] = row
            out[res["name"]] = (header, rows, "|".join(pk))
        return out


def _redirects(*readers: PackageReader) -> dict[str, tuple[str, str]]:
    """old_id -> (new_id, reason), from the packages compared and from this installation's redirects."""
    from .paths import package_root
    from .redirects import read_redirects

    out: dict[str, tuple[str, str]] = {}
    try:
        out.update((k, (r.new_id, r.reason)) for k, r in read_redirects(package_root()).items())
    except CiccDataError:  # pragma: no cover - a broken install
        pass
    for reader in readers:  # a release or the wheel keeps redirects.csv at its root, a checkout in releases/
        out.update((k, (r.new_id, r.reason)) for k, r in read_redirects(reader.root).items())
    return out


def _successor(key: str, moved: dict[str, tuple[str, str]], new_rows: dict[str, Any]) -> tuple[str, str] | None:
    seen, reason = {key}, ""
    while key not in new_rows and key in moved:
        key, reason = moved[key]
        if key in seen:
            return None
        seen.add(key)
    return (key, reason) if key in new_rows else None


def _cells(old: dict[str, str], new: dict[str, str], columns: list[str]) -> dict[str, Change]:
    return {c: (old[c], new[c]) for c in columns if old.get(c) != new.get(c)}


def _table_diff(old: tuple[list[str], dict[str, dict[str, str]], str],
                new: tuple[list[str], dict[str, dict[str, str]], str],
                moved: dict[str, tuple[str, str]]) -> TableDiff:
    (old_cols, old_rows, pk), (new_cols, new_rows, _) = old, new
    common = [c for c in new_cols if c in old_cols and c != pk]
    d = TableDiff(columns_added=[c for c in new_cols if c not in old_cols],
                  columns_removed=[c for c in old_cols if c not in new_cols])
    taken: set[str] = set()
    for k in sorted(k for k in old_rows if k not in new_rows):
        succ = _successor(k, moved, new_rows)
        if succ is None:
            d.removed.append(k)
            continue
        d.renamed.append(Rename(k, succ[0], succ[1], _cells(old_rows[k], new_rows[succ[0]], common)))
        taken.add(succ[0])
    d.added = sorted(k for k in new_rows if k not in old_rows and k not in taken)
    for k in sorted(set(old_rows) & set(new_rows)):
        cells = _cells(old_rows[k], new_rows[k], common)
        if cells:
            d.changed[k] = cells
    return d


def _read_both(old: str | Path, new: str | Path) -> tuple[PackageReader, PackageReader, dict, dict]:
    try:
        a, b = PackageReader(old), PackageReader(new)
        return a, b, a.tables(), b.tables()
    except (OSError, KeyError, TypeError, ValueError, zipfile.BadZipFile) as exc:
        if isinstance(exc, CiccDataError):
            raise
        from .reader import shorten

        raise PackageReadError(f"cannot read the packages to compare: {shorten(repr(exc))}") from exc


def diff(old: str | Path, new: str | Path) -> PackageDiff:
    """Per table, by primary key: rows added, removed, renamed (through redirects), cells changed (old and
    new value), columns added and removed; a table only one side has is reported as a whole."""
    a, b, ta, tb = _read_both(old, new)
    moved = _redirects(a, b)
    result = {}
    for name in list(tb) + [n for n in ta if n not in tb]:
        if name not in ta or name not in tb:
            status, rows = ("added", len(tb[name][1])) if name not in ta else ("removed", len(ta[name][1]))
            result[name] = TableDiff(status=status, rows=rows)
            continue
        if ta[name][2] != tb[name][2]:
            old_cols, new_cols = ta[name][0], tb[name][0]
            result[name] = TableDiff(status="rekeyed", rows=len(tb[name][1]), old_rows=len(ta[name][1]),
                                     key=(ta[name][2], tb[name][2]),
                                     columns_added=[c for c in new_cols if c not in old_cols],
                                     columns_removed=[c for c in old_cols if c not in new_cols])
            continue
        result[name] = _table_diff(ta[name], tb[name], moved)
    return PackageDiff(str(a.descriptor.get("version", "?")), str(b.descriptor.get("version", "?")), result)
