"""Every CLI command, run as a subprocess."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import cicc_data

from .conftest import ROOT, run_cli
from .conftest import rows as table_rows

COMMANDS = ("validate", "info", "find", "show", "export", "cite", "diff", "verify", "site")


def test_help_lists_commands() -> None:
    out = run_cli("--help")
    assert out.returncode == 0
    for cmd in COMMANDS:
        assert cmd in out.stdout


def test_every_command_help_has_an_example() -> None:
    for cmd in COMMANDS:
        out = run_cli(cmd, "--help")
        assert out.returncode == 0, out.stderr
        example = out.stdout.split("example:\n", 1)
        assert len(example) == 2, f"{cmd} --help shows no example"
        assert example[1].lstrip().startswith(f"cicc-data {cmd}"), example[1]


def test_validate_ok(tmp_path: Path) -> None:
    out = run_cli("validate", cwd=tmp_path)  # no datapackage.json here: the bundled package
    assert out.returncode == 0, out.stdout + out.stderr
    first, second = out.stdout.splitlines()[:2]
    assert first.startswith("checked the bundled package ") and "(version 1." in first
    assert second.startswith("valid:")


def test_validate_verify_info_use_the_package_in_the_current_directory(pkg: Path) -> None:
    p = pkg / "data" / "editions.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("2021-11-19,2021-11-19", "2021-11-19,2021-11-18", 1),
                 encoding="utf-8")
    out = run_cli("validate", cwd=pkg)  # an edited clone: the files in front of the user are checked
    assert out.returncode == 1
    assert out.stdout.startswith(f"checked the package in the current directory {pkg.resolve()} (version ")
    assert "data/editions.csv, row 2" in out.stdout and "end_date" in out.stdout
    out = run_cli("verify", cwd=pkg)
    assert out.returncode == 1 and out.stdout.startswith(f"checked the package in the current directory {pkg.resolve()}")
    assert "data/editions.csv" in out.stdout and "sha256" in out.stdout
    (pkg / "data" / "people.csv").write_text("person_id,name_zh,name_en,notes\nx-y,某,Mou,\n", encoding="utf-8")
    out = run_cli("info", cwd=pkg)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"the package in the current directory {pkg.resolve()}")
    assert "people             1 rows" in out.stdout


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
    old_notes = next(r["notes"] for r in table_rows("outputs") if r["output_id"] == changed[0])
    assert d["outputs"]["added"] == ["zzz-added-output"] and d["outputs"]["removed"] == [removed[0]]
    assert d["outputs"]["changed"] == {changed[0]: {"notes": {"old": old_notes, "new": "changed in a test"}}}
    assert all(t["status"] == "kept" and not (t["added"] or t["removed"] or t["changed"] or t["renamed"])
               for name, t in d.items() if name != "outputs")
    text = run_cli("diff", str(ROOT), str(pkg)).stdout
    assert "outputs: 1 added, 1 removed, 0 renamed, 1 changed" in text
    assert f"  ~ {changed[0]}\n      notes: {json.dumps(old_notes, ensure_ascii=False)} -> \"changed in a test\"" in text


def test_citation_cff_is_valid() -> None:
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "cffconvert"
    if not exe.exists():
        import pytest

        pytest.skip("cffconvert is not installed (CI installs it with --no-deps)")
    out = subprocess.run([str(exe), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_find_prints_how_and_score() -> None:
    out = run_cli("find", "壽小麗")
    assert out.returncode == 0, out.stderr
    first = out.stdout.splitlines()[0].split()
    m = cicc_data.find("壽小麗")[0]
    assert first[:4] == [m.how, f"{m.score:.1f}", "people", "shou-xiaoli"]
    data = json.loads(run_cli("find", "cctv", "--json").stdout)
    assert data[0]["entity_id"] == "china-media-group" and data[0]["how"] == "redirect"
    assert data[0]["entity_type"] == "organizations" and data[0]["score"] == 100.0
    out = run_cli("find", "qqqqzzzz xyzzy")
    assert out.returncode == 1 and "nothing matches" in out.stdout


def test_show_prints_facts_names_roles_and_sources(pkg: Path) -> None:
    out = run_cli("show", "cicc-2023")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith("cicc-2023 (editions)\nfacts:\n")
    sources = {r["source_id"]: r for r in table_rows("sources")}
    cited = [c for c in table_rows("citations") if c["entity_id"] == "cicc-2023" and c["field"] == "city_zh"]
    assert "  city_zh: 厦门" in text and all(sources[c["source_id"]]["url"] in text for c in cited)
    assert "names (" in text and "roles (" in text and "co-host (共同主办)" in text
    out = run_cli("show", "cctv")
    assert out.returncode == 0 and "  redirect: cctv -> china-media-group (" in out.stdout
    out = run_cli("show", "no-such-thing")
    assert out.returncode == 2 and "Traceback" not in out.stderr and "not an ID of the package" in out.stderr


def test_show_prints_the_quote_of_a_source(pkg: Path) -> None:
    import csv

    p = pkg / "data" / "citations.csv"
    with open(p, encoding="utf-8", newline="") as fh:
        body = list(csv.reader(fh))
    header = body[0]
    target = next(r for r in body[1:] if r[header.index("entity_id")] == "cac" and r[header.index("field")] == "name_zh")
    target[header.index("quote")] = "中央网信办（国家网信办）"
    with open(p, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(body)
    out = run_cli("show", "cac", "--path", str(pkg))
    assert out.returncode == 0, out.stderr
    assert "\u201c中央网信办（国家网信办）\u201d" in out.stdout
    view = json.loads(run_cli("show", "cac", "--path", str(pkg), "--json").stdout)
    fact = next(f for f in view["facts"] if f["field"] == "name_zh")
    assert "中央网信办（国家网信办）" in [s["quote"] for s in fact["sources"]]


def _best_of(n: int, *cmd: str) -> float:
    import subprocess
    import sys
    import time

    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run([sys.executable, *cmd], check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def test_import_and_help_are_fast() -> None:
    bare = _best_of(7, "-c", "pass")  # best of 7: the time the code needs, not the time the machine is busy
    assert _best_of(7, "-c", "import cicc_data") - bare < 0.050
    assert _best_of(7, "-m", "cicc_data", "--help") - bare < 0.150
