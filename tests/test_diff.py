"""`cicc-data diff` on the two published releases: values old -> new, renames as renames, columns once."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from cicc_data.diff import diff

from .conftest import ROOT, run_cli

OLD = ROOT / "releases" / "cicc-data-0.1.0.zip"
NEW = ROOT / "releases" / "cicc-data-1.0.0.zip"


def zip_table(path: Path, name: str) -> dict[str, dict[str, str]]:
    """A table of a release zip read with zipfile and csv, keyed by its first column."""
    with zipfile.ZipFile(path) as zf:
        member = next(n for n in zf.namelist() if n.endswith(f"data/{name}.csv"))
        rows = list(csv.DictReader(io.StringIO(zf.read(member).decode("utf-8"), newline="")))
    key = next(iter(rows[0]))
    return {r[key]: r for r in rows}


@pytest.fixture(scope="module")
def releases() -> dict:
    out = run_cli("diff", str(OLD), str(NEW), "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_every_changed_cell_has_its_old_and_new_value(releases: dict) -> None:
    old, new = zip_table(OLD, "editions"), zip_table(NEW, "editions")
    changed = releases["tables"]["editions"]["changed"]
    assert changed["cicc-2023"]["city_zh"] == {"old": "厦门市", "new": "厦门"}
    assert old["cicc-2023"]["city_zh"] == "厦门市" and new["cicc-2023"]["city_zh"] == "厦门"
    for key, cells in changed.items():
        for fld, v in cells.items():
            assert (old[key][fld], new[key][fld]) == (v["old"], v["new"]) and v["old"] != v["new"]
    same = [k for k in old if all(old[k][f] == new[k][f] for f in new[k] if f in old[k])]
    assert not set(same) & set(changed)


def test_renames_come_from_redirects_not_as_removal_plus_addition(releases: dict) -> None:
    orgs = releases["tables"]["organizations"]
    renamed = {r["old_id"]: r for r in orgs["renamed"]}
    assert renamed["cctv"]["new_id"] == "china-media-group"
    assert renamed["cctv"]["changed"]["name_en"] == {"old": "", "new": "China Media Group"}
    assert "cctv" not in orgs["removed"] and "china-media-group" not in orgs["added"]
    roles = releases["tables"]["roles"]
    r = next(x for x in roles["renamed"] if x["old_id"] == "cicc-2021--host--cac")
    assert r["new_id"] == "cicc-2021--co-host--cac" and r["changed"]["role_kind"] == {"old": "host", "new": "co-host"}
    # every retired role ID is a rename, but for the four 2021 briefers whose 0.1.0 IDs are live again in 1.1.0
    # (1.0.0 had made them attendees), so today's redirects no longer retire them
    assert roles["removed"] == [f"cicc-2021-press-conference-2021-11-16--briefer--{p}"
                                for p in ("xie-dengke", "xue-songyan", "zhang-xunhong", "zhao-hui")]


def test_dropped_and_added_columns_are_reported_once(releases: dict) -> None:
    t = releases["tables"]
    assert t["editions"]["columns_removed"] == ["source_ids", "weak_sources_only"]
    assert t["subforums"]["columns_added"] == ["topic"]
    assert t["roles"]["columns_added"] == ["level", "term_zh", "term_en", "position"]
    for name, table in t.items():
        for cells in table["changed"].values():
            assert not {"source_ids", "weak_sources_only", "topic"} & set(cells), name
    assert t["citations"]["status"] == "added" and t["citations"]["rows"] == len(zip_table(NEW, "citations"))
    assert t["names"]["status"] == "rekeyed" and t["names"]["key"] == {"old": "entity_id|property|language|name",
                                                                        "new": "name_id"}


def test_text_and_json_say_the_same(releases: dict) -> None:
    text = run_cli("diff", str(OLD), str(NEW)).stdout
    assert text.startswith("cicc-data 0.1.0 -> 1.0.0\n")
    assert '      city_zh: "厦门市" -> "厦门"' in text
    assert "  > cctv -> china-media-group (" in text
    assert text.count("column removed: source_ids") == sum(
        "source_ids" in t["columns_removed"] for t in releases["tables"].values())
    for name, t in releases["tables"].items():
        if t["status"] == "kept" and (t["changed"] or t["added"] or t["renamed"]):
            assert (f"{name}: {len(t['added'])} added, {len(t['removed'])} removed, {len(t['renamed'])} renamed, "
                    f"{len(t['changed'])} changed") in text


def test_delta_lines_match_the_diff(releases: dict) -> None:
    out = run_cli("diff", str(OLD), str(NEW), "--delta")
    assert out.returncode == 0, out.stderr
    delta = [json.loads(line) for line in out.stdout.splitlines()]
    assert all(set(d) == {"operation", "table", "id", "field", "old", "new"} for d in delta)
    assert {"operation": "change", "table": "editions", "id": "cicc-2023", "field": "city_zh",
            "old": "厦门市", "new": "厦门"} in delta
    assert {"operation": "rename", "table": "organizations", "id": "cctv", "field": None,
            "old": "cctv", "new": "china-media-group"} in delta
    changed = releases["tables"]["editions"]["changed"]
    assert sum(d["operation"] == "change" and d["table"] == "editions" for d in delta) == sum(
        len(c) for c in changed.values())


def test_a_package_against_itself_has_no_changes() -> None:
    from cicc_data.delta import delta

    d = diff(ROOT, ROOT)
    assert all(t.empty for t in d.tables.values()) and delta(ROOT, ROOT) == []
