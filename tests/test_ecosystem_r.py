"""The README's R snippet reads the CSVs right with base R and readr (run when Rscript exists)."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

RSCRIPT = shutil.which("Rscript")
pytestmark = pytest.mark.skipif(RSCRIPT is None, reason="Rscript is not installed (.ci/run installs r-base-core)")

CHECKS = r"""
# checks appended by tests/test_ecosystem_r.py
stopifnot(is.data.frame(editions), inherits(editions_tbl, "tbl_df"))
for (ed in list(editions, editions_tbl)) {
  stopifnot(inherits(ed$start_date, "Date"), inherits(ed$end_date, "Date"), is.numeric(ed$year))
  stopifnot(nrow(ed) == N_EDITIONS, ed$city_zh[ed$edition_id == "cicc-2021"] == "北京")
  stopifnot(format(ed$start_date[ed$edition_id == "cicc-2021"]) == "2021-11-19")
  stopifnot(is.na(ed$end_date[ed$edition_id == "cicc-2026"]), is.na(ed$venue_zh[ed$edition_id == "cicc-2026"]))
  stopifnot(is.numeric(ed$subforums_announced), is.na(ed$subforums_announced[ed$edition_id == "cicc-2026"]))
}
for (ci in list(citations, citations_tbl)) {
  stopifnot(is.logical(ci$weak), !anyNA(ci$weak), sum(ci$weak) == N_WEAK, nrow(ci) == N_CITATIONS)
  stopifnot(sum(is.na(ci$field)) == N_ROW_CITES)
}
cat("R CHECKS OK\n")
"""


def readme_snippet() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### R", 1)[1]
    return re.search(r"```r\n(.*?)```", section, re.S).group(1)


def test_readme_r_snippet_reads_types_dates_missing_values_and_booleans(tmp_path: Path) -> None:
    has_readr = subprocess.run([RSCRIPT, "-e", "library(readr)"], capture_output=True).returncode == 0
    if not has_readr:
        pytest.skip("readr is not installed (.ci/run installs r-cran-readr)")
    with open(ROOT / "data" / "citations.csv", encoding="utf-8", newline="") as fh:
        cites = list(csv.DictReader(fh))
    with open(ROOT / "data" / "editions.csv", encoding="utf-8", newline="") as fh:
        n_editions = sum(1 for _ in csv.DictReader(fh))
    checks = (CHECKS.replace("N_EDITIONS", str(n_editions)).replace("N_CITATIONS", str(len(cites)))
              .replace("N_WEAK", str(sum(r["weak"] == "true" for r in cites)))
              .replace("N_ROW_CITES", str(sum(r["field"] == "" for r in cites))))
    script = tmp_path / "snippet.R"
    script.write_text(readme_snippet() + checks, encoding="utf-8")
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    res = subprocess.run([RSCRIPT, str(script)], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "R CHECKS OK" in res.stdout
    assert "Date, format" in res.stdout  # str() of the base R frame shows typed dates
