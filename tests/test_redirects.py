"""Retired IDs keep working: resolve(), find() and show() follow releases/redirects.csv to the live row."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

import cicc_data
from cicc_data.errors import CiccDataError, PackageReadError, UnknownNameError
from cicc_data.redirects import read_redirects

from .conftest import ROOT, rows

REDIRECTS = list(csv.DictReader(open(ROOT / "releases" / "redirects.csv", encoding="utf-8", newline="")))


def test_every_redirect_resolves_to_a_live_row_of_its_table() -> None:
    tables = {r["entity_id"]: r["table"] for r in rows("entities")}
    tables.update((r["source_id"], "sources") for r in rows("sources"))
    tables.update((r["curator_value_id"], "curator_values") for r in rows("curator_values"))
    assert len(REDIRECTS) == len(read_redirects(ROOT)) > 0
    for r in REDIRECTS:
        if not r["new_id"]:  # a withdrawn row: no successor
            with pytest.raises(UnknownNameError, match="withdrawn"):
                cicc_data.resolve(r["old_id"])
            continue
        got = cicc_data.resolve(r["old_id"])
        assert got.how == "redirect" and got.chain[0] == r["old_id"]
        assert got.entity_id in tables and got.table == tables[got.entity_id] == r["table"]


def test_resolve_a_live_id_and_an_unknown_one() -> None:
    got = cicc_data.resolve("cac")
    assert (got.entity_id, got.table, got.how, got.chain) == ("cac", "organizations", "live", ())
    with pytest.raises(UnknownNameError, match="not an ID of the package"):
        cicc_data.resolve("no-such-body")


def test_find_a_retired_id_says_redirect() -> None:
    matches = cicc_data.find("cctv")
    assert matches, "the retired ID cctv finds nothing"
    m = matches[0]
    assert (m.entity_id, m.how, m.matched_name, m.entity_type) == ("china-media-group", "redirect", "cctv",
                                                                    "organizations")
    assert m.name_zh == "中央广播电视总台" and m.exact


def test_match_entity_type_is_the_table_named_in_entities() -> None:
    tables = {r["entity_id"]: r["table"] for r in rows("entities")}
    for query in ("cac", "李书磊", "Xiamen", "cicc-2021-main-forum", "网络诚信", "宣言"):
        for m in cicc_data.find(query):
            assert m.entity_type == tables[m.entity_id], (query, m)


def test_show_follows_a_retired_id_and_says_so() -> None:
    view = cicc_data.show("china-news-network")
    assert view.resolved.entity_id == "chinanews-com" and view.resolved.how == "redirect"
    assert view.row["name_zh"] == "中国新闻网"
    name_zh = next(f for f in view.facts if f.field == "name_zh")
    cited = {r["source_id"] for r in rows("citations") if r["entity_id"] == "chinanews-com" and r["field"] == "name_zh"}
    assert {s.source_id for s in name_zh.sources} == cited and cited
    assert {n["name_id"] for n in view.names} == {r["name_id"] for r in rows("names") if r["entity_id"] == "chinanews-com"}


def _package_with_redirects(tmp: Path, lines: list[str], at_root: bool) -> Path:
    pkg = tmp / "pkg"
    pkg.mkdir()
    shutil.copy2(ROOT / "datapackage.json", pkg)
    for d in ("data", "schemas"):
        shutil.copytree(ROOT / d, pkg / d)
    target = pkg / "redirects.csv" if at_root else pkg / "releases" / "redirects.csv"
    target.parent.mkdir(exist_ok=True)
    target.write_text("table,old_id,new_id,reason\n" + "".join(line + "\n" for line in lines), encoding="utf-8")
    return pkg


def test_a_chain_is_followed_from_the_file_at_the_package_root(tmp_path: Path) -> None:
    pkg = _package_with_redirects(tmp_path, ["organizations,state-net-office,cac-old,merged",
                                             "organizations,cac-old,cac,renamed again"], at_root=True)
    got = cicc_data.resolve("state-net-office", path=pkg)
    assert (got.entity_id, got.chain, got.reason) == ("cac", ("state-net-office", "cac-old"), "renamed again")
    assert cicc_data.find("state-net-office", path=pkg)[0].how == "redirect"
    with pytest.raises(UnknownNameError):  # the root file is the package's own: the checkout's is not read
        cicc_data.resolve("cctv", path=pkg)


def test_a_withdrawn_id_says_so(tmp_path: Path) -> None:
    pkg = _package_with_redirects(tmp_path, ["posts,old-post,,withdrawn: no page states it"], at_root=True)
    with pytest.raises(UnknownNameError, match="'old-post' was withdrawn, with no successor \\(withdrawn: no page"):
        cicc_data.resolve("old-post", path=pkg)


def test_a_loop_is_a_clean_error(tmp_path: Path) -> None:
    pkg = _package_with_redirects(tmp_path, ["organizations,a-x,b-x,loop", "organizations,b-x,a-x,loop"], at_root=False)
    with pytest.raises(PackageReadError, match="loop"):
        cicc_data.resolve("a-x", path=pkg)
    assert all(m.how != "redirect" for m in cicc_data.find("a-x", path=pkg))


def test_a_broken_redirects_file_names_the_file(tmp_path: Path) -> None:
    pkg = _package_with_redirects(tmp_path, [], at_root=True)
    (pkg / "redirects.csv").write_text("old,new\na,b\n", encoding="utf-8")
    with pytest.raises(CiccDataError, match=r"redirects\.csv: header lacks table, old_id, new_id, reason"):
        cicc_data.resolve("a", path=pkg)
