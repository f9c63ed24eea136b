"""Where a library already does it: CITATION.cff via PyYAML, versions via packaging, polars Date,
display width via wcwidth; and `import cicc_data` stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import cicc_data
from cicc_data.citing import citation, read_cff
from cicc_data.text import display_width, ljust

from .conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "scripts"))
import release  # noqa: E402

CFF = """cff-version: 1.2.0
message: "Cite as below."
type: dataset
title: "cicc-data: China Internet Civilization Conference dataset"
authors:
  - family-names: Zhang
    given-names: San Feng
  - family-names: Beethoven
    name-particle: van
    given-names: Ludwig
    name-suffix: Jr.
  - name: "cicc-data contributors"
version: 2.1.0
date-released: 2027-01-02
license: CC-BY-4.0
repository-code: "https://github.com/cicc-data/cicc-data"
identifiers:
  - type: doi
    value: 10.5281/zenodo.1234567
"""


def test_cff_keeps_person_authors_and_the_doi(tmp_path: Path) -> None:
    path = tmp_path / "CITATION.cff"
    path.write_text(CFF, encoding="utf-8")
    cff = read_cff(path)
    assert cff["authors"] == ["Zhang, S. F.", "van Beethoven, L., Jr.", "cicc-data contributors"]
    assert cff["doi"] == "10.5281/zenodo.1234567" and str(cff["date-released"]) == "2027-01-02"
    apa = citation("apa", cff)
    assert apa.startswith("Zhang, S. F., van Beethoven, L., Jr., & cicc-data contributors. (2027).")
    assert apa.endswith("(Version 2.1.0) [Data set]. https://doi.org/10.5281/zenodo.1234567")
    bib = citation("bibtex", cff)
    assert "author = {Zhang, San Feng and van Beethoven, Ludwig and {cicc-data contributors}}" in bib
    assert "doi = {10.5281/zenodo.1234567}" in bib


def test_shipped_cff_reads_as_yaml() -> None:
    cff = read_cff(ROOT / "CITATION.cff")
    assert cff["version"] == cicc_data.__version__ and cff["authors"]
    assert cicc_data.__version__ in cicc_data.citation("apa")


def test_versions_compare_as_versions_not_strings() -> None:
    assert release._version_key("0.10.0") > release._version_key("0.9.1")
    assert release._version_key("1.0.0rc1") < release._version_key("1.0.0")
    assert release.parse_version("1.0.0") is not None and release.parse_version("1.0") is None
    assert release.parse_version("one") is None


def test_polars_dates_are_dates() -> None:
    pl = pytest.importorskip("polars")
    eds = cicc_data.load("editions", engine="polars")
    assert eds.schema["start_date"] == pl.Date and eds.schema["end_date"] == pl.Date
    assert str(eds.filter(pl.col("edition_id") == "cicc-2021")["start_date"][0]) == "2021-11-19"


def test_display_width_counts_chinese_as_two_columns() -> None:
    assert display_width("北京") == 4 and display_width("Beijing") == 7 and display_width("厦门市") == 6
    assert ljust("北京", 6) == "北京  " and display_width(ljust("厦门市", 6)) == 6


def test_info_aligns_chinese_columns_by_display_width() -> None:
    out = run_cli("info")
    assert out.returncode == 0, out.stderr
    lines = [ln for ln in out.stdout.splitlines() if "sub-forums:" in ln]
    assert len(lines) == len(cicc_data.load("editions"))
    assert len({display_width(ln.split("sub-forums:")[0]) for ln in lines}) == 1, lines


def test_import_stays_light() -> None:
    code = ("import sys, cicc_data; heavy = {'pandas', 'pyarrow', 'yaml', 'wcwidth', 'xlsxwriter', 'zipfile',"
            " 'pydantic', 'frictionless'} & set(sys.modules); print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
