"""Exports open where people look: Excel (read back with openpyxl), Datasette on 127.0.0.1, Parquet readers;
every export folder carries the licence and the citation."""

from __future__ import annotations

import csv
import datetime
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

import cicc_data
from cicc_data.export import FORMATS, export
from cicc_data.schema import table_schema

from .conftest import ROOT, run_cli
from .conftest import rows as raw


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_folder_carries_licence_and_citation(fmt: str, tmp_path: Path) -> None:
    export(fmt, tmp_path)
    assert "Attribution 4.0" in (tmp_path / "LICENSE-DATA").read_text(encoding="utf-8")
    assert (tmp_path / "CITATION.cff").read_bytes() == (ROOT / "CITATION.cff").read_bytes()


def test_parquet_carries_licence_and_version_in_its_key_value_metadata(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    export("parquet", tmp_path)
    for name in cicc_data.tables():
        meta = pq.read_metadata(tmp_path / f"{name}.parquet").metadata
        assert meta[b"license"] == b"CC-BY-4.0", name
        assert meta[b"version"].decode() == cicc_data.__version__
        assert b"cicc-data" in meta[b"citation"] and meta[b"table"] == name.encode()


# ---------------------------------------------------------------- Excel
@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory):
    openpyxl = pytest.importorskip("openpyxl")
    from .conftest import copy_package

    pkg = copy_package(tmp_path_factory.mktemp("pkg"))
    people = raw("people", pkg)
    people[0]["notes"] = '=HYPERLINK("http://evil.example","click")'
    people[1]["notes"] = "+86 10 1234"
    people[2]["notes"] = "007"
    write_rows(pkg / "data" / "people.csv", people)
    out = tmp_path_factory.mktemp("xlsx")
    export("xlsx", out, root=pkg)
    path = out / "cicc-data.xlsx"
    return path, openpyxl.load_workbook(path), people


def test_xlsx_has_a_sheet_per_table_and_a_readme(workbook) -> None:
    path, wb, _ = workbook
    assert wb.sheetnames == ["README", *cicc_data.tables(), "role_facts"]  # and the flat table built from them
    about = {r[0].value: r[1].value for r in wb["README"].iter_rows(max_col=2) if r[0].value}
    assert "CC-BY-4.0" in about["licence"] and "cicc-data" in about["cite as"]
    assert about["version"] == cicc_data.__version__
    assert wb.properties.title and "CC-BY-4.0" in (wb.properties.keywords or "")
    for name in cicc_data.tables():
        ws = wb[name]
        assert [c.value for c in ws[1]] == table_schema(name).field_names
        assert ws.max_row == len(raw(name)) + 1 or name == "people"
        assert ws.freeze_panes == "A2", name
        assert ws.column_dimensions["A"].width and ws.column_dimensions["A"].width > 8


def test_xlsx_cells_are_typed(workbook) -> None:
    _, wb, _ = workbook
    ws = wb["editions"]
    header = [c.value for c in ws[1]]
    first = {h: c for h, c in zip(header, ws[2])}
    assert first["edition_id"].value == "cicc-2021"
    assert first["start_date"].value == datetime.datetime(2021, 11, 19) and first["start_date"].is_date
    assert first["year"].value == 2021 and first["year"].data_type == "n"
    assert first["city_zh"].value == "北京"
    cites = wb["citations"]
    weak = [c.value for c in cites["E"][1:]]
    assert set(weak) == {True, False}
    last = {h: c.value for h, c in zip(header, ws[ws.max_row])}
    assert last["end_date"] is None  # missing stays an empty cell


def test_xlsx_formula_like_text_stays_text_without_apostrophe(workbook) -> None:
    path, wb, people = workbook
    ws = wb["people"]
    header = [c.value for c in ws[1]]
    col = header.index("notes")
    cells = {ws.cell(row=i + 2, column=1).value: ws.cell(row=i + 2, column=col + 1) for i in range(len(people))}
    evil = cells[people[0]["person_id"]]
    assert evil.value == people[0]["notes"] and evil.data_type == "s" and not evil.quotePrefix
    assert cells[people[1]["person_id"]].value == "+86 10 1234"
    assert cells[people[2]["person_id"]].value == "007"  # text, not the number 7
    sheet_xml = zipfile.ZipFile(path).read("xl/worksheets/sheet4.xml").decode("utf-8")
    assert "<f>" not in sheet_xml  # no formula anywhere


def test_cli_exports_xlsx(tmp_path: Path) -> None:
    out = run_cli("export", "--format", "xlsx", "--out", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "cicc-data.xlsx").read_bytes()[:2] == b"PK"


# ---------------------------------------------------------------- Datasette
def test_sqlite_has_foreign_key_indexes_and_full_text_search(tmp_path: Path) -> None:
    export("sqlite", tmp_path)
    con = sqlite3.connect(tmp_path / "cicc-data.sqlite")
    for name in cicc_data.tables():
        indexed = {r[2] for idx in con.execute(f'PRAGMA index_list("{name}")').fetchall()
                   for r in con.execute(f'PRAGMA index_info("{idx[1]}")').fetchall()}
        for fk in table_schema(name).foreign_keys:
            assert fk.field in indexed, (name, fk.field)
    hits = con.execute("select n.entity_id from names_fts f join names n on n.rowid = f.rowid "
                       "where names_fts match '\"网信办\"'").fetchall()
    assert "cac" in {h[0] for h in hits}
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC-BY-4.0" and meta["source_url"]
    tables = meta["databases"]["cicc-data"]["tables"]
    for name in cicc_data.tables():
        assert tables[name]["description"]
        assert set(tables[name]["columns"]) == set(table_schema(name).field_names)
    assert tables["people"]["label_column"] == "name_en"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read()


def test_datasette_shows_licence_labels_and_searches_names(tmp_path: Path) -> None:
    pytest.importorskip("datasette")
    export("sqlite", tmp_path)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(tmp_path / "cicc-data.sqlite"),
                             "--metadata", str(tmp_path / "metadata.json"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                _get(base + "/-/versions.json")
                break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(proc.stderr.read().decode()) from None
                time.sleep(0.2)
        else:
            raise AssertionError("datasette did not answer on 127.0.0.1")
        page = _get(base + "/cicc-data/editions").decode("utf-8")
        assert "CC-BY-4.0" in page and "One row per yearly edition" in page
        q = urllib.parse.quote("网信办")
        rows = json.loads(_get(f"{base}/cicc-data/names.json?_search={q}&_shape=array"))
        assert "cac" in {r["entity_id"] for r in rows}
        en = urllib.parse.quote("cyberspace affairs")
        rows = json.loads(_get(f"{base}/cicc-data/names.json?_search={en}&_shape=array&_size=max"))
        assert "cac" in {r["entity_id"] for r in rows}
        search_page = _get(f"{base}/cicc-data/names?_search={q}").decode("utf-8")
        assert "中央网信办" in search_page
        roles = json.loads(_get(f"{base}/cicc-data/roles.json?_shape=array&_labels=on&person_id=li-shulei&_size=1"))
        assert roles[0]["person_id"]["label"] == next(p["name_en"] for p in raw("people")
                                                      if p["person_id"] == "li-shulei")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
