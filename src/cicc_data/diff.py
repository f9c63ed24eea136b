"""Keyed differences between two releases of the data package (``cicc-data diff``)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CiccDataError, PackageReadError


@dataclass
class TableDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # key -> fields changed

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass
class PackageDiff:
    old_version: str
    new_version: str
    tables: dict[str, TableDiff]

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_version": self.old_version, "new_version": self.new_version,
            "tables": {n: {"added": t.added, "removed": t.removed, "changed": t.changed}
                       for n, t in self.tables.items()},
        }

    def to_text(self) -> str:
        lines = [f"cicc-data {self.old_version} -> {self.new_version}"]
        if all(t.empty for t in self.tables.values()):
            return lines[0] + ": no data changes"
        for name, t in self.tables.items():
            if t.empty:
                continue
            lines.append(f"{name}: {len(t.added)} added, {len(t.removed)} removed, {len(t.changed)} changed")
            lines += [f"  + {k}" for k in t.added]
            lines += [f"  - {k}" for k in t.removed]
            lines += [f"  ~ {k} ({', '.join(fs)})" for k, fs in t.changed.items()]
        return "\n".join(lines)


class PackageReader:
    """Read a package's descriptor and tables (a directory, a zip or a datapackage.json path) through
    :mod:`cicc_data.reader`: the same limits and refusals as every other command."""

    def __init__(self, path: str | Path) -> None:
        from .paths import resolve_root
        from .schema import descriptor

        self._dir = resolve_root(path)
        self.descriptor: dict[str, Any] = descriptor(self._dir)

    def schema(self, res: dict[str, Any]) -> dict[str, Any]:
        from .schema import table_schema

        return table_schema(res["name"], self._dir).raw

    def tables(self) -> dict[str, tuple[list[str], dict[str, dict[str, str]]]]:
        """Each table's header and rows keyed by primary key (joined with '|' when composite)."""
        from .reader import read_csv, safe_file

        out = {}
        for res in self.descriptor["resources"]:
            pk = self.schema(res).get("primaryKey", [])
            pk = [pk] if isinstance(pk, str) else pk
            header, records = read_csv(safe_file(self._dir, res["path"]))
            rows = {}
            for rec in records:
                row = dict(zip(header, rec))
                rows["|".join(row.get(k, "") for k in pk)] = row
            out[res["name"]] = (header, rows)
        return out


def diff(old: str | Path, new: str | Path) -> PackageDiff:
    """Rows added, removed and changed (with the fields that changed) per table, by primary key."""
    try:
        a, b = PackageReader(old), PackageReader(new)
        ta, tb = a.tables(), b.tables()
    except (OSError, KeyError, TypeError, ValueError, zipfile.BadZipFile) as exc:
        if isinstance(exc, CiccDataError):
            raise
        from .reader import shorten

        raise PackageReadError(f"cannot read the packages to compare: {shorten(repr(exc))}") from exc
    result = {}
    for name in list(tb) + [n for n in ta if n not in tb]:
        old_rows = ta.get(name, ([], {}))[1]
        new_rows = tb.get(name, ([], {}))[1]
        d = TableDiff(
            added=sorted(k for k in new_rows if k not in old_rows),
            removed=sorted(k for k in old_rows if k not in new_rows),
        )
        for k in sorted(set(old_rows) & set(new_rows)):
            fields = sorted(f for f in set(old_rows[k]) | set(new_rows[k])
                            if old_rows[k].get(f) != new_rows[k].get(f))
            if fields:
                d.changed[k] = fields
        result[name] = d
    return PackageDiff(str(a.descriptor.get("version", "?")), str(b.descriptor.get("version", "?")), result)
