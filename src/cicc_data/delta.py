"""The delta between two releases, cell by cell, as JSON lines (the way OpenSanctions publishes deltas).

Each line is one operation, ``{"operation", "table", "id", "field", "old", "new"}``:

- ``add``: a row appeared; ``new`` is the whole row, ``field`` and ``old`` are null;
- ``remove``: a row went (and no redirect names a successor); ``old`` is the whole row;
- ``merge``: a row went into another row that both releases have (``releases/redirects.csv``);
  ``old`` and ``new`` are the retired ID and the ID it now redirects to;
- ``rename``: a row's ID was retired for a successor (``releases/redirects.csv``); ``old`` and ``new``
  are the two IDs, and the row's changed cells (its key column among them) follow as ``change``
  lines under the new ID;
- ``change``: one cell changed; ``field`` is the column, ``old`` and ``new`` its two values
  (null where the cell did not exist, as in a column added since);
- ``add-field`` / ``remove-field``: a column appeared in or went from a table that both releases
  have, once per table (a removed column's values are not repeated on every row).

Lines come in package table order, then by operation and ID, so the same two releases always give
the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

Operation = dict[str, Any]
_ORDER = {"remove-field": 0, "add-field": 1, "remove": 2, "merge": 3, "rename": 4, "add": 5, "change": 6}


def _line(operation: str, table: str, id: str | None, field: str | None = None,
          old: Any = None, new: Any = None) -> Operation:
    return {"operation": operation, "table": table, "id": id, "field": field, "old": old, "new": new}


def successors(root: str | Path) -> dict[tuple[str, str], str]:
    """``(table, old_id) -> new_id`` for every retired ID of the package at ``root`` that has a successor."""
    from .paths import resolve_root
    from .redirects import read_redirects

    return {(r.table, k): r.new_id for k, r in read_redirects(resolve_root(root)).items() if r.new_id}


def _cells(table: str, id: str, old: Mapping[str, str], new: Mapping[str, str], skip: set[str]) -> Iterator[Operation]:
    for f in list(new) + [f for f in old if f not in new]:
        if f in skip:
            continue
        a, b = old.get(f), new.get(f)
        if a != b and not (a is None and b == ""):
            yield _line("change", table, id, f, a, b)


def table_delta(table: str, old: tuple[list[str], dict[str, dict[str, str]]],
                new: tuple[list[str], dict[str, dict[str, str]]],
                redirects: Mapping[tuple[str, str], str]) -> list[Operation]:
    """The operations turning one table's rows (header, rows by key) into the other's."""
    (old_cols, old_rows), (new_cols, new_rows) = old, new
    dropped = [c for c in old_cols if c not in new_cols] if new_cols else []
    out = [_line("remove-field", table, None, c) for c in dropped]
    out += [_line("add-field", table, None, c) for c in new_cols if c not in old_cols] if old_cols else []
    skip = set(dropped)
    for k in sorted(set(old_rows) - set(new_rows)):
        successor = redirects.get((table, k))
        if successor in new_rows and successor not in old_rows:
            out.append(_line("rename", table, k, None, k, successor))
            out += _cells(table, successor, old_rows[k], new_rows[successor], skip)
        elif successor in new_rows:
            out.append(_line("merge", table, k, None, k, successor))
        else:
            out.append(_line("remove", table, k, None, dict(old_rows[k]), None))
    renamed = {o["new"] for o in out if o["operation"] == "rename"}
    out += [_line("add", table, k, None, None, dict(new_rows[k]))
            for k in sorted(set(new_rows) - set(old_rows) - renamed)]
    for k in sorted(set(old_rows) & set(new_rows)):
        out += _cells(table, k, old_rows[k], new_rows[k], skip)
    return sorted(out, key=lambda o: (_ORDER[o["operation"]], o["id"] or "", o["field"] or ""))


def delta(old: str | Path, new: str | Path, redirects: Mapping[tuple[str, str], str] | None = None) -> list[Operation]:
    """Every operation from package ``old`` to package ``new`` (directories, descriptors or zips).

    ``redirects`` maps ``(table, old_id)`` to the successor ID; by default it is read from the new
    package's ``redirects.csv`` (or ``releases/redirects.csv`` in a checkout).
    """
    import zipfile

    from .diff import PackageReader
    from .errors import CiccDataError, PackageReadError

    a, b = PackageReader(old), PackageReader(new)  # a path that is no package raises as it is
    try:
        ta = {k: v[:2] for k, v in a.tables().items()}
        tb = {k: v[:2] for k, v in b.tables().items()}
        if redirects is None:  # the new package's own retired IDs, then this installation's
            from .paths import package_root

            redirects = {**successors(package_root()), **successors(b.root)}
    except CiccDataError as exc:  # a package that opens but whose tables cannot be read: name it
        raise PackageReadError(f"cannot compare {old} with {new}: {exc}") from exc
    except (OSError, KeyError, TypeError, ValueError, zipfile.BadZipFile) as exc:
        raise PackageReadError(f"cannot read the packages to compare ({old}, {new}): {exc!r}") from exc
    out: list[Operation] = []
    for name in list(tb) + [n for n in ta if n not in tb]:
        out += table_delta(name, ta.get(name, ([], {})), tb.get(name, ([], {})), redirects)
    return out


def to_jsonl(operations: list[Operation]) -> str:
    """One JSON object per line, keys in a fixed order, UTF-8 text kept as is."""
    return "".join(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n" for o in operations)
