"""role_facts, the flat table for journalists: checked against the tables it is built from, and opened in
SQLite (the view), openpyxl (the sheet), DuckDB (the CSV) and pandas (load by name)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import cicc_data
from cicc_data.export import export
from cicc_data.flat import COLUMNS, write_role_facts

from .conftest import ROOT, rows


@pytest.fixture(scope="module")
def flat() -> list[dict[str, str]]:
    return cicc_data.role_facts()


def test_one_row_per_role_with_its_context_actor_and_sources(flat: list[dict[str, str]]) -> None:
    roles = {r["role_id"]: r for r in rows("roles")}
    assert [r["role_id"] for r in flat] == sorted(roles)
    people = {r["person_id"]: r for r in rows("people")}
    orgs = {r["organization_id"]: r for r in rows("organizations")}
    titles = {r["subforum_id"]: r["title_zh"] for r in rows("subforums")}
    titles.update((r["event_id"], r["title_zh"]) for r in rows("events"))
    titles.update((r["output_id"], r["name_zh"]) for r in rows("outputs"))
    titles.update((r["edition_id"], r["name_zh"]) for r in rows("editions"))
    kinds = {r[k]: r["kind"] for t, k in (("events", "event_id"), ("subforums", "subforum_id"),
                                          ("outputs", "output_id")) for r in rows(t)}
    urls = {r["source_id"]: r["url"] for r in rows("sources")}
    cites: dict[str, list[dict[str, str]]] = {}
    for c in rows("citations"):
        cites.setdefault(c["entity_id"], []).append(c)
    for f in flat:
        r = roles[f["role_id"]]
        actor = people[r["person_id"]] if r["person_id"] else orgs[r["organization_id"]]
        assert (f["actor_id"], f["actor_name_zh"], f["actor_name_en"]) == (
            r["person_id"] or r["organization_id"], actor["name_zh"], actor["name_en"])
        assert f["actor_type"] == ("person" if r["person_id"] else "organization")
        assert f["context_id"] == (r["output_id"] or r["subforum_id"] or r["event_id"] or r["edition_id"])
        assert f["context_title_zh"] == titles[f["context_id"]]
        assert f["context_kind"] == kinds.get(f["context_id"], "edition")
        assert (f["role_kind"], f["term_zh"], f["title_zh"], f["position"]) == (
            r["role_kind"], r["term_zh"], r["title_zh"], r["position"])
        row_cites = [c for c in cites.get(r["role_id"], []) if c["field"] == ""]
        assert row_cites, f"role {r['role_id']} cites nothing"
        assert f["weak"] == row_cites[0]["weak"]
        assert f["source_urls"].split(" ") == sorted({urls[c["source_id"]] for c in cites[r["role_id"]]})


def test_a_known_row(flat: list[dict[str, str]]) -> None:
    row = next(r for r in flat if r["role_id"] == "cicc-2021-main-forum--keynote-speaker--xu-lin")
    assert (row["year"], row["level"], row["context_id"], row["actor_type"], row["actor_id"]) == (
        "2021", "event", "cicc-2021-main-forum", "person", "xu-lin")
    assert row["context_kind"] == "main-forum"
    assert row["organization_id"] == "scio" and row["title_en"].startswith("vice minister of the Central Publicity")
    assert row["weak"] in ("true", "false") and row["source_urls"].startswith("http")


def test_load_by_name_is_typed(flat: list[dict[str, str]]) -> None:
    df = cicc_data.load("role_facts")
    assert list(df.columns) == list(COLUMNS) and len(df) == len(flat)
    assert str(df["year"].dtype) == "Int64" and str(df["position"].dtype) == "Int64"
    assert str(df["weak"].dtype) == "boolean"
    assert int(df["weak"].sum()) == sum(r["weak"] == "true" for r in flat)
    pl = cicc_data.load("role_facts", engine="polars")
    assert pl.height == len(flat) and str(pl.schema["year"]) == "Int64"


def test_the_sqlite_view_is_the_same_table(tmp_path: Path, flat: list[dict[str, str]]) -> None:
    export("sqlite", tmp_path)
    con = sqlite3.connect(tmp_path / "cicc-data.sqlite")
    cur = con.execute("select * from role_facts")
    assert [d[0] for d in cur.description] == list(COLUMNS)

    def text(v: object) -> str:
        return "" if v is None else str(v)

    got = [[text(v) for v in r] for r in cur.fetchall()]
    want = [[r[c] if c != "weak" else ("1" if r[c] == "true" else "0") for c in COLUMNS] for r in flat]
    assert got == want


def test_the_workbook_has_a_role_facts_sheet(tmp_path: Path, flat: list[dict[str, str]]) -> None:
    import openpyxl

    export("xlsx", tmp_path)
    wb = openpyxl.load_workbook(tmp_path / "cicc-data.xlsx", read_only=True)
    assert "role_facts" in wb.sheetnames
    sheet = list(wb["role_facts"].iter_rows(values_only=True))
    assert list(sheet[0]) == list(COLUMNS) and len(sheet) == len(flat) + 1
    first = dict(zip(COLUMNS, sheet[1]))
    assert first["role_id"] == flat[0]["role_id"] and first["year"] == int(flat[0]["year"])
    assert first["weak"] is (flat[0]["weak"] == "true")
    readme = [r[0] for r in wb["README"].iter_rows(values_only=True)]
    assert "role_facts" in readme


def test_write_role_facts_is_a_csv_duckdb_reads(tmp_path: Path, flat: list[dict[str, str]]) -> None:
    import duckdb

    out = write_role_facts(ROOT, tmp_path / "data" / "role_facts.csv")
    blob = out.read_bytes()
    assert blob.startswith(b"role_id,year,") and b"\r\n" not in blob
    con = duckdb.connect()
    n, weak = con.execute(f"select count(*), count(*) filter (where weak) from read_csv('{out}')").fetchone()
    assert n == len(flat) and weak == sum(r["weak"] == "true" for r in flat)


def test_the_data_dictionary_describes_it() -> None:
    text = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    section = text.split("## role_facts", 1)[1]
    for c in COLUMNS:
        assert f"| `{c}` |" in section
