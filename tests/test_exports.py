"""Nothing is lost on the way out, and the exports open in the tools people use."""

from __future__ import annotations

import csv
import json
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

import cicc_data
from cicc_data.export import export
from cicc_data.loading import load, load_all
from cicc_data.schema import table_schema

from .conftest import ROOT
from .conftest import rows as raw


def test_csv_round_trip_is_byte_identical(tmp_path: Path) -> None:
    export("csv", tmp_path)
    for name in cicc_data.tables():
        assert (tmp_path / "data" / f"{name}.csv").read_bytes() == (ROOT / "data" / f"{name}.csv").read_bytes(), name


def test_parquet_reads_back_with_the_schema_types(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    export("parquet", tmp_path)
    for name in cicc_data.tables():
        table = pq.read_table(tmp_path / f"{name}.parquet")
        for f in table_schema(name).fields:
            t = table.schema.field(f.name).type
            if f.type == "date":
                assert t == pa.date32(), (name, f.name)
            elif f.enum:
                assert pa.types.is_dictionary(t), (name, f.name)
        back = table.to_pandas()
        ref = load(name)
        for f in table_schema(name).fields:
            left = [None if pd.isna(v) else str(v)[:10] if f.type == "date" else v for v in back[f.name]]
            right = [None if pd.isna(v) else str(v)[:10] if f.type == "date" else v for v in ref[f.name]]
            assert left == right, (name, f.name)


def test_parquet_opens_in_duckdb(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    export("parquet", tmp_path)
    con = duckdb.connect()
    rows = con.execute(f"select year, city_zh, start_date from '{tmp_path / 'editions.parquet'}' order by year").fetchall()
    assert rows[0][0] == 2021 and rows[0][1] == "北京" and str(rows[0][2]) == "2021-11-19"
    types = dict(con.execute(f"describe select * from '{tmp_path / 'editions.parquet'}'").fetchall()[i][:2]
                 for i in range(len(table_schema('editions').fields)))
    assert types["start_date"] == "DATE"
    n = con.execute(f"select count(*) from '{tmp_path / 'roles.parquet'}'").fetchone()[0]
    assert n == len(raw("roles"))


def test_json_reads_back(tmp_path: Path) -> None:
    export("json", tmp_path)
    for name in cicc_data.tables():
        data = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        ref = raw(name)
        assert len(data) == len(ref)
        for got, want in zip(data, ref):
            for k, v in want.items():
                assert (got[k] is None) == (v == ""), (name, k)
                if v != "" and isinstance(got[k], str):
                    assert got[k] == v


def test_sqlite_keys_declared_and_enforced(tmp_path: Path) -> None:
    export("sqlite", tmp_path)
    con = sqlite3.connect(tmp_path / "cicc-data.sqlite")
    con.execute("PRAGMA foreign_keys = ON")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    fks = con.execute("PRAGMA foreign_key_list(roles)").fetchall()
    assert {r[2] for r in fks} >= {"editions", "people", "organizations", "events", "subforums", "outputs"}
    pk = [r[1] for r in con.execute("PRAGMA table_info(editions)") if r[5]]
    assert pk == ["edition_id"]
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("insert into roles (role_id, edition_id, role_kind) values ('x', 'cicc-1999', 'host')")
    with pytest.raises(sqlite3.IntegrityError):  # provenance is checked by the database too
        con.execute("insert into citations (citation_id, entity_id, field, source_id, weak) "
                    "values ('x::y', 'no-such-row', '', 'no-such-source', 0)")
    cited = con.execute("select count(*) from citations c join entities e using (entity_id) "
                        "join sources s using (source_id) where e.\"table\" = 'editions' and c.field = 'venue_zh'"
                        ).fetchone()[0]
    assert cited >= 2
    for name in cicc_data.tables():
        ref = raw(name)
        got = con.execute(f'select * from "{name}"').fetchall()
        assert len(got) == len(ref)
        cols = table_schema(name).field_names
        by_key = {tuple(str(r[cols.index(k)]) for k in table_schema(name).primary_key): r for r in got}
        for want in ref:
            row = by_key[tuple(want[k] for k in table_schema(name).primary_key)]
            for i, c in enumerate(cols):
                if want[c] == "":
                    assert row[i] is None, (name, c)
                elif table_schema(name).field(c).type == "string":
                    assert row[i] == want[c], (name, c)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_datasette_serves_the_sqlite_export(tmp_path: Path) -> None:
    pytest.importorskip("datasette")
    export("sqlite", tmp_path)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(tmp_path / "cicc-data.sqlite"),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/cicc-data/editions.json?_shape=array&year=2021"
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    rows = json.loads(resp.read().decode("utf-8"))
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("datasette did not answer on 127.0.0.1")
        assert rows[0]["edition_id"] == "cicc-2021" and rows[0]["city_zh"] == "北京"
        q = urllib.parse.quote("select count(*) as n from roles where role_kind = 'host'")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/cicc-data.json?sql={q}&_shape=array", timeout=5) as resp:
            assert json.loads(resp.read())[0]["n"] == sum(r["role_kind"] == "host" for r in raw("roles"))
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_excel_csv_has_bom_and_defuses_formulas(pkg: Path, tmp_path: Path) -> None:
    p = pkg / "data" / "people.csv"
    rows = raw("people", pkg)
    rows[0]["notes"] = "=HYPERLINK(\"http://evil\")"
    with open(p, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    export("csv", tmp_path, excel=True, root=pkg)
    blob = (tmp_path / "data" / "people.csv").read_bytes()
    assert blob.startswith(b"\xef\xbb\xbf")
    text = blob.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert "李书磊" in text


def test_chinese_empty_missing_and_leading_zeros_survive(pkg: Path, tmp_path: Path) -> None:
    rows = raw("people", pkg)
    rows[0]["notes"] = "007 号"
    rows[1]["notes"] = ""
    with open(pkg / "data" / "people.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    for fmt in ("csv", "json", "parquet", "sqlite"):
        export(fmt, tmp_path / fmt, root=pkg)
    assert (tmp_path / "csv" / "data" / "people.csv").read_bytes() == (pkg / "data" / "people.csv").read_bytes()
    js = json.loads((tmp_path / "json" / "people.json").read_text(encoding="utf-8"))
    assert js[0]["notes"] == "007 号" and js[1]["notes"] is None
    import pyarrow.parquet as pq

    pqt = pq.read_table(tmp_path / "parquet" / "people.parquet").to_pylist()
    assert pqt[0]["notes"] == "007 号" and pqt[1]["notes"] is None
    con = sqlite3.connect(tmp_path / "sqlite" / "cicc-data.sqlite")
    got = con.execute("select notes from people order by person_id limit 2").fetchall()
    assert got == [("007 号",), (None,)]


def test_loading_never_writes_nor_touches_the_network(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args, **kwargs):
        raise AssertionError("cicc_data tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in pkg.rglob("*") if p.is_file()}
    for p in before:
        os.chmod(p, stat.S_IRUSR)
    try:
        frames = load_all(root=pkg)
        assert len(frames["editions"]) == 6
        cicc_data.validate(pkg)
    finally:
        for p in before:
            os.chmod(p, stat.S_IRUSR | stat.S_IWUSR)
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in pkg.rglob("*") if p.is_file()}
    assert after == before


def test_figure_regenerates(tmp_path: Path) -> None:
    out = tmp_path / "editions.png"
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "figure.py"), "--out", str(out)],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000
    assert "missing from" not in res.stderr.lower() and "glyph" not in res.stderr.lower()
