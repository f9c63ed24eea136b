"""How the validator reports: stable codes from one catalogue, no double reporting, errors the CLI
catches (and those it lets crash), and a flood of junk rows reported quickly."""

from __future__ import annotations

import contextlib
import io
import re
import time
from pathlib import Path

import pytest

import cicc_data
from cicc_data import errors
from cicc_data.validation import MAX_PROBLEMS, Problem, validate
from cicc_data.validation.codes import CATALOGUE, DEFAULT_CODE

from .conftest import ROOT
from .resealing import cli_validate, damaged, read_csv, reseal, row_number, write_csv

SRC = ROOT / "src" / "cicc_data"
LAYERS = {"file", "integrity", "text", "schema", "model", "cross-table", "consistency"}


def test_catalogue_is_well_formed() -> None:
    for name, code in CATALOGUE.items():
        assert code.name == name and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)
        assert code.meaning and code.layer in LAYERS
    assert set(DEFAULT_CODE.values()) <= set(CATALOGUE)
    assert set(DEFAULT_CODE) == LAYERS - {"integrity"} | {"integrity"}


def test_every_code_raised_in_the_source_is_in_the_catalogue() -> None:
    used = set()
    for path in [*(SRC / "validation").glob("*.py"), SRC / "models.py", SRC / "integrity.py"]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'RuleError\("([a-z0-9-]+)"', text))
        used |= set(re.findall(r',\s*"([a-z0-9]+(?:-[a-z0-9]+)+)"\)\)', text))  # Problem(..., "code"))
        used |= set(re.findall(r'ctx\.add\(.*?"([a-z0-9]+(?:-[a-z0-9]+)+)"\)$', text, re.S | re.M))
    used -= LAYERS  # Problem(layer, ...) written on one line
    assert used, "the scan found no codes"
    assert used <= set(CATALOGUE), sorted(used - set(CATALOGUE))


def test_problem_without_a_code_gets_its_layers_fallback() -> None:
    p = Problem("cross-table", "data/x.csv", 2, "f", "message")
    assert p.code == "cross-table-reference" and "[cross-table: cross-table-reference]" in str(p)
    assert Problem("file", "x", None, None, "m", "formula").code == "formula"


def test_shipped_data_is_valid() -> None:
    report = validate()
    assert not report.problems, str(report)
    assert report.tables == len(cicc_data.tables())


def test_every_problem_carries_a_catalogued_code(pkg: Path) -> None:
    p = pkg / "data" / "people.csv"
    p.write_bytes(p.read_bytes().replace(b"Li Shulei", b"Li\x00Shulei", 1) + b"junk,,\n")
    rc, report = cli_validate(pkg)
    assert rc == 1 and report["problems"]
    assert all(q["code"] in CATALOGUE and q["layer"] == CATALOGUE[q["code"]].layer for q in report["problems"])


def test_stray_quote_is_reported_once(tmp_path: Path) -> None:
    def damage(pkg: Path) -> None:
        p = pkg / "data" / "people.csv"
        lines = p.read_text(encoding="utf-8").split("\n")
        lines[3] = lines[3] + ",extra"
        p.write_text("\n".join(lines), encoding="utf-8")
    report = validate(damaged(tmp_path, damage))
    row = next(q.row for q in report.problems if q.code == "row-width")
    assert [q.code for q in report.problems if q.row == row] == ["row-width"], str(report)


@pytest.mark.parametrize("width", ["right", "wrong"])
def test_hundred_thousand_junk_rows_are_reported_quickly(tmp_path: Path, width: str) -> None:
    def damage(pkg: Path) -> None:
        p = pkg / "data" / "roles.csv"
        rows = read_csv(p)
        n = len(rows[0]) if width == "right" else 3
        write_csv(p, rows + [[f"junk {i}"] + ["\x00?"] * (n - 1) for i in range(100_000)])
    pkg = damaged(tmp_path, damage)
    t = time.perf_counter()
    rc, report = cli_validate(pkg)
    elapsed = time.perf_counter() - t
    assert rc == 1 and report["truncated"] and len(report["problems"]) == MAX_PROBLEMS
    assert {q["file"] for q in report["problems"]} == {"data/roles.csv"}
    assert elapsed < 60  # the target is 15 s; the bound only catches a validator that reads row by row forever


def test_row_numbers_follow_the_resealed_order(tmp_path: Path) -> None:
    def damage(pkg: Path) -> None:
        rows = read_csv(pkg / "data" / "people.csv")
        rows.append(["aaa-first-after-sorting", "", "Nobody", "", "x", "false"][: len(rows[0])])
        write_csv(pkg / "data" / "people.csv", rows)
    pkg = damaged(tmp_path, damage)
    assert row_number(pkg, "people", {"person_id": "aaa-first-after-sorting"}) == 2
    reseal(pkg)  # idempotent
    assert row_number(pkg, "people", {"person_id": "aaa-first-after-sorting"}) == 2


# ---------------------------------------------------------------- exceptions and the CLI
def test_library_errors_keep_their_builtin_bases() -> None:
    assert issubclass(errors.UnknownNameError, KeyError)
    assert issubclass(errors.InvalidArgumentError, ValueError)
    assert issubclass(errors.PackageNotFoundError, FileNotFoundError)
    for name in ("UnknownNameError", "InvalidArgumentError", "PackageNotFoundError", "PackageReadError",
                 "ExportError"):
        assert issubclass(getattr(errors, name), errors.CiccDataError)
    with pytest.raises(errors.UnknownNameError, match="no edition in 1999"):
        cicc_data.edition(1999)
    with pytest.raises(errors.InvalidArgumentError):
        cicc_data.citation("mla")


def _main(*argv: str) -> tuple[int, str, str]:
    from cicc_data.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(list(argv))
    return rc, out.getvalue(), err.getvalue()


def test_cli_reports_library_errors_in_one_line(tmp_path: Path) -> None:
    rc, _, err = _main("diff", str(tmp_path / "nowhere"), str(ROOT))
    assert rc == 2 and err.startswith("cicc-data diff: ") and "Traceback" not in err
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "datapackage.json").write_text("{", encoding="utf-8")
    rc, _, err = _main("diff", str(tmp_path / "broken"), str(ROOT))
    assert rc == 2 and "cannot read" in err


def test_cli_lets_a_programming_error_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    import cicc_data.validation

    def broken(path=None):
        raise KeyError("a bug, not a user error")

    monkeypatch.setattr(cicc_data.validation, "validate", broken)
    with pytest.raises(KeyError, match="a bug"):
        _main("validate")


def test_problem_codes_doc_is_current() -> None:
    from cicc_data.validation.codes import markdown

    assert (ROOT / "docs" / "problem-codes.md").read_text(encoding="utf-8") == markdown(), \
        "regenerate docs/problem-codes.md with codes.markdown() (see its first lines)"
