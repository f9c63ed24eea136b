"""Shared fixtures: the repository's package files and tables, a scratch copy of them, and a CLI runner."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def rows(name: str, root: Path = ROOT) -> list[dict[str, str]]:
    """Table ``name`` of the package at ``root`` (the repository by default) as dicts of raw text."""
    with open(root / "data" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def copy_package(dest: Path) -> Path:
    """Copy datapackage.json, data/ and schemas/ from the repository into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "datapackage.json", dest / "datapackage.json")
    shutil.copytree(ROOT / "data", dest / "data")
    shutil.copytree(ROOT / "schemas", dest / "schemas")
    return dest


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    """A writable copy of the real package, to corrupt."""
    return copy_package(tmp_path / "pkg")


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``cicc-data ARGS`` as a subprocess (``python -m cicc_data``)."""
    return subprocess.run([sys.executable, "-m", "cicc_data", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)

