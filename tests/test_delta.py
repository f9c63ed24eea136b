"""The release delta (cicc_data.delta): computed on the real 0.1.0 and 1.0.0 releases, and replayed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from cicc_data.delta import delta, successors, to_jsonl
from cicc_data.diff import PackageReader

from .conftest import ROOT

OLD, NEW = ROOT / "releases" / "cicc-data-0.1.0.zip", ROOT / "releases" / "cicc-data-1.0.0.zip"


@pytest.fixture(scope="module")
def operations() -> list[dict[str, Any]]:
    return delta(OLD, NEW, successors(ROOT))


def replay(tables: dict[str, tuple[list[str], dict[str, dict[str, str]]]],
           ops: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, str]]]:
    """Apply the operations to the old tables, as a consumer of the delta would."""
    out = {name: {k: dict(r) for k, r in rows.items()} for name, (_, rows, _key) in tables.items()}
    for op in ops:
        rows = out.setdefault(op["table"], {})
        if op["operation"] == "remove-field":
            for r in rows.values():
                r.pop(op["field"], None)
        elif op["operation"] == "remove":
            gone = rows.pop(op["id"])  # the delta keeps the whole old row, dropped columns too
            assert gone == {f: v for f, v in op["old"].items() if f in gone}
        elif op["operation"] == "merge":
            assert op["new"] in rows
            rows.pop(op["old"])
        elif op["operation"] == "rename":
            rows[op["new"]] = rows.pop(op["old"])
        elif op["operation"] == "add":
            assert op["id"] not in rows
            rows[op["id"]] = dict(op["new"])
        elif op["operation"] == "change":
            assert rows[op["id"]].get(op["field"]) == op["old"], op
            rows[op["id"]][op["field"]] = op["new"]
    return out


def test_replaying_the_delta_on_0_1_0_gives_1_0_0_cell_for_cell(operations: list[dict[str, Any]]) -> None:
    old, new = PackageReader(OLD).tables(), PackageReader(NEW).tables()
    got = replay(old, operations)
    for name, (header, rows, _key) in new.items():
        assert set(got[name]) == set(rows), name
        for k, row in rows.items():
            assert {f: got[name][k].get(f) or "" for f in header} == row, (name, k)


def test_renames_come_from_redirects_with_old_and_new_values(operations: list[dict[str, Any]]) -> None:
    renames = {(o["table"], o["old"]): o["new"] for o in operations if o["operation"] == "rename"}
    redirects = successors(ROOT)
    assert renames and all(redirects[k] == v for k, v in renames.items())
    assert renames[("organizations", "cctv")] == "china-media-group"
    old_org = PackageReader(OLD).tables()["organizations"][1]["cctv"]
    new_org = PackageReader(NEW).tables()["organizations"][1]["china-media-group"]
    changes = {o["field"]: (o["old"], o["new"]) for o in operations
               if o["operation"] == "change" and o["id"] == "china-media-group" and o["table"] == "organizations"}
    assert changes and all(changes[f] == (old_org[f], new_org[f]) for f in changes)
    assert not any(o["operation"] == "remove" and o["id"] == "cctv" for o in operations)
    merges = {(o["table"], o["old"]): o["new"] for o in operations if o["operation"] == "merge"}
    assert merges[("organizations", "china-news-network")] == "chinanews-com"  # merged into a body 0.1.0 had


def test_a_dropped_column_is_one_line_not_one_per_row(operations: list[dict[str, Any]]) -> None:
    dropped = [o for o in operations if o["operation"] == "remove-field" and o["field"] == "source_ids"]
    assert {o["table"] for o in dropped} >= {"editions", "people", "roles"}
    assert len(dropped) == len({o["table"] for o in dropped})
    assert not any(o["operation"] == "change" and o["field"] == "source_ids" for o in operations)


def test_jsonl_lines_are_objects_with_the_six_keys_and_stable(operations: list[dict[str, Any]]) -> None:
    text = to_jsonl(operations)
    lines = text.splitlines()
    assert len(lines) == len(operations)
    assert all(list(json.loads(line)) == ["operation", "table", "id", "field", "old", "new"] for line in lines[:500])
    assert to_jsonl(delta(OLD, NEW, successors(ROOT))) == text
    assert delta(NEW, NEW) == []


def test_delta_reads_redirects_from_a_zip_that_carries_them(tmp_path: Path) -> None:
    new = tmp_path / "new.zip"  # 1.0.0 with redirects.csv at its root, as releases now carry it
    with zipfile.ZipFile(NEW) as src, zipfile.ZipFile(new, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename.split("/", 1)[1], src.read(info))
        dst.write(ROOT / "releases" / "redirects.csv", "redirects.csv")
    ops = delta(OLD, new)
    assert any(o["operation"] == "rename" and o["old"] == "cctv" for o in ops)


def test_unreadable_packages_raise_the_package_errors(tmp_path: Path) -> None:
    from cicc_data.errors import PackageNotFoundError, PackageReadError

    with pytest.raises(PackageNotFoundError):
        delta(tmp_path / "nowhere", NEW)
    broken = tmp_path / "broken.zip"  # a descriptor whose table file is missing from the zip
    with zipfile.ZipFile(NEW) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            if not info.filename.endswith("data/people.csv"):
                dst.writestr(info, src.read(info))
    with pytest.raises(PackageReadError, match="broken.zip"):
        delta(OLD, broken)
