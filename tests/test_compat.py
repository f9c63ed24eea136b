"""A release of another major version (0.1.0, data model 0) is named for what it is, never a raw error."""

from __future__ import annotations

import json

import pytest

import cicc_data
from cicc_data.errors import CiccDataError, IncompatibleVersionError

from .conftest import ROOT, run_cli

OLD = ROOT / "releases" / "cicc-data-0.1.0.zip"


@pytest.mark.parametrize("call", [
    lambda: cicc_data.load("editions", path=OLD),
    lambda: cicc_data.records("people", path=OLD),
    lambda: cicc_data.edition(2023, path=OLD),
    lambda: cicc_data.find("cac", path=OLD),
    lambda: cicc_data.load_all(path=OLD),
], ids=["load", "records", "edition", "find", "load_all"])
def test_the_api_says_which_data_model_and_which_version_reads_it(call) -> None:
    with pytest.raises(IncompatibleVersionError) as exc:
        call()
    message = str(exc.value)
    assert isinstance(exc.value, CiccDataError)
    assert str(OLD) in message and "package 0.1.0" in message and "data model 0" in message
    assert "source_ids" in message and "pip install 'cicc-data==0.1.0'" in message
    assert f"cicc-data {cicc_data.__version__}" in message


def test_validate_checks_its_own_schemas_and_says_what_it_cannot_check() -> None:
    report = cicc_data.validate(OLD)
    assert report.valid and report.tables == 11, [str(p) for p in report.problems[:5]]
    assert "data model 0" in report.note and "NOT against the row models" in report.note
    out = run_cli("validate", str(OLD))
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("checked package ") and lines[0].endswith("(version 0.1.0)")
    assert lines[1].startswith("valid: ") and lines[2].startswith("note: this is cicc-data package 0.1.0")
    assert json.loads(run_cli("validate", str(OLD), "--json").stdout)["note"] == report.note


def test_a_damaged_old_release_is_still_checked_against_its_own_schemas(tmp_path) -> None:
    import shutil
    import zipfile

    src = tmp_path / "old"
    with zipfile.ZipFile(OLD) as zf:
        zf.extractall(src)
    pkg = next(src.iterdir())
    p = pkg / "data" / "editions.csv"
    p.write_text(p.read_text(encoding="utf-8").replace(",2021,", ",twenty21,", 1), encoding="utf-8")
    report = cicc_data.validate(pkg)
    assert not report.valid and any(pr.file == "data/editions.csv" and pr.field == "year" for pr in report.problems)
    assert len(report.problems) < 10 and report.note
    shutil.rmtree(src)


def test_info_and_edition_on_the_cli_are_clean_errors() -> None:
    out = run_cli("info", str(OLD))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith("cicc-data info: ") and "data model 0" in out.stderr
