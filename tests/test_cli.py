"""Every CLI command, run as a subprocess."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import cicc_data

from .conftest import ROOT, run_cli


def test_help_lists_commands() -> None:
    out = run_cli("--help")
    assert out.returncode == 0
    for cmd in ("validate", "info", "export", "cite", "diff", "verify"):
        assert cmd in out.stdout


def test_validate_ok() -> None:
    out = run_cli("validate")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("valid:")


def test_validate_path_and_json(pkg: Path) -> None:
    out = run_cli("validate", str(pkg), "--json")
    assert out.returncode == 0
    assert json.loads(out.stdout)["valid"] is True


def test_validate_reports_a_corruption(pkg: Path) -> None:
    p = pkg / "data" / "editions.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("2021-11-19,2021-11-19", "2021-11-19,2021-11-18", 1),
                 encoding="utf-8")
    out = run_cli("validate", str(pkg))
    assert out.returncode == 1
    assert "data/editions.csv, row 2" in out.stdout and "end_date" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_info() -> None:
    out = run_cli("info")
    assert out.returncode == 0
    assert cicc_data.__version__ in out.stdout
    for city in ("Beijing", "Tianjin", "Xiamen", "Chengdu", "Hefei", "Nanning"):
        assert city in out.stdout
    assert "14 announced, 12 listed" in out.stdout


def test_cite() -> None:
    assert cicc_data.__version__ in run_cli("cite").stdout
    assert run_cli("cite", "--style", "bibtex").stdout.startswith("@misc{")


def test_export_csv_is_a_valid_package(tmp_path: Path) -> None:
    out = run_cli("export", "--format", "csv", "--out", str(tmp_path))
    assert out.returncode == 0, out.stderr
    for name in cicc_data.tables():
        assert (tmp_path / "data" / f"{name}.csv").read_bytes() == (ROOT / "data" / f"{name}.csv").read_bytes()
    assert run_cli("validate", str(tmp_path)).returncode == 0


def test_export_json_parquet_sqlite(tmp_path: Path) -> None:
    for fmt in ("json", "parquet", "sqlite"):
        out = run_cli("export", "--format", fmt, "--out", str(tmp_path / fmt))
        assert out.returncode == 0, out.stderr
    assert json.loads((tmp_path / "json" / "editions.json").read_text(encoding="utf-8"))[0]["edition_id"] == "cicc-2021"
    assert (tmp_path / "parquet" / "roles.parquet").stat().st_size > 0
    con = sqlite3.connect(tmp_path / "sqlite" / "cicc-data.sqlite")
    assert con.execute("select city_zh from editions where year = 2021").fetchone() == ("北京",)


def test_export_rejects_bad_arguments(tmp_path: Path) -> None:
    assert run_cli("export", "--format", "xml", "--out", str(tmp_path)).returncode == 2
    assert run_cli("export", "--format", "json", "--excel", "--out", str(tmp_path)).returncode == 2


def test_verify(pkg: Path) -> None:
    assert run_cli("verify", str(pkg)).returncode == 0
    p = pkg / "data" / "people.csv"
    blob = bytearray(p.read_bytes())
    blob[-2] = ord("x") if blob[-2] != ord("x") else ord("y")
    p.write_bytes(bytes(blob))
    out = run_cli("verify", str(pkg))
    assert out.returncode == 1
    assert "data/people.csv" in out.stdout and "sha256" in out.stdout


def test_diff(pkg: Path, tmp_path: Path) -> None:
    out = run_cli("diff", str(ROOT), str(pkg))
    assert out.returncode == 0 and "no data changes" in out.stdout
    out = run_cli("diff", str(ROOT), str(pkg), "--json")
    assert json.loads(out.stdout)["tables"]["editions"]["added"] == []


def test_unknown_path_is_a_clean_error(tmp_path: Path) -> None:
    out = run_cli("validate", str(tmp_path / "missing"))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr


def test_diff_reports_added_removed_and_changed_rows(pkg: Path) -> None:
    import csv

    p = pkg / "data" / "outputs.csv"
    with open(p, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    removed = body.pop(0)
    changed = body[0]
    changed[header.index("notes")] = "changed in a test"
    added = list(body[1])
    added[0] = "zzz-added-output"
    body.append(added)
    with open(p, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, *body])
    out = run_cli("diff", str(ROOT), str(pkg), "--json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)["tables"]
    assert d["outputs"] == {"added": ["zzz-added-output"], "removed": [removed[0]], "changed": {changed[0]: ["notes"]}}
    assert all(not any(t.values()) for name, t in d.items() if name != "outputs")
    text = run_cli("diff", str(ROOT), str(pkg)).stdout
    assert "outputs: 1 added, 1 removed, 1 changed" in text and f"~ {changed[0]} (notes)" in text


def test_citation_cff_is_valid() -> None:
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "cffconvert"
    if not exe.exists():
        import pytest

        pytest.skip("cffconvert is not installed (CI installs it with --no-deps)")
    out = subprocess.run([str(exe), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
