"""scripts/release.py on a throwaway copy of the repository."""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

KEEP = ["src", "scripts", "data", "schemas", "datapackage.json", "pyproject.toml", "README.md", "LICENSE",
        "LICENSE-DATA", "CITATION.cff", "CHANGELOG.md", "releases", "tests", "docs"]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("repo")
    for name in KEEP:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "package"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def release(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(repo / "scripts" / "release.py"), *args], capture_output=True,
                          text=True, cwd=repo, timeout=600)


@pytest.mark.slow  # two full builds of the zip, the wheel and the sdist (python -m build): about a minute
def test_builds_twice_byte_identically(repo: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    first = release(repo, "--out", str(a))
    assert first.returncode == 0, first.stderr
    second = release(repo, "--out", str(b))
    assert second.returncode == 0, second.stderr
    names = sorted(p.name for p in a.iterdir())
    assert any(n.endswith(".whl") for n in names) and any(n.endswith(".tar.gz") for n in names)
    assert "SHA256SUMS" in names and any(n.startswith("cicc-data-") and n.endswith(".zip") for n in names)
    assert names == sorted(p.name for p in b.iterdir())
    for n in names:
        assert (a / n).read_bytes() == (b / n).read_bytes(), f"{n} differs between two builds"
    sums = dict(reversed(line.split("  ")) for line in (a / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    assert sorted(sums) == [n for n in names if n != "SHA256SUMS"]
    assert all(hashlib.sha256((a / n).read_bytes()).hexdigest() == h for n, h in sums.items())
    redirects = (repo / "releases" / "redirects.csv").read_bytes()
    wheel_name = next(a.glob("*.whl")).name
    with zipfile.ZipFile(next(a.glob("cicc-data-*.zip"))) as release_zip:  # the card names the wheel built
        assert f"pip install {wheel_name}" in release_zip.read("README.md").decode("utf-8")
    with zipfile.ZipFile(next(a.glob("*.whl"))) as wheel:  # find() and resolve() read it from the install
        assert wheel.read("cicc_data/package/redirects.csv") == redirects
    with tarfile.open(next(a.glob("*.tar.gz"))) as sdist:
        assert any(m.name.endswith("/releases/redirects.csv") for m in sdist.getmembers())
    templates = sorted(p.name for p in (ROOT / "src" / "cicc_data" / "site" / "templates").glob("*.html"))
    with zipfile.ZipFile(next(a.glob("*.whl"))) as wheel:  # the site's templates ship as package data
        assert templates and all(f"cicc_data/site/templates/{t}" in wheel.namelist() for t in templates)
    # the zip holds the same data as the tree it was cut from
    out = run_cli("diff", str(repo), str(next(a.glob("cicc-data-*.zip"))))
    assert out.returncode == 0 and "no data changes" in out.stdout, out.stdout + out.stderr


def test_missing_maintainer_dependencies_are_named_without_a_traceback(repo: Path, tmp_path: Path) -> None:
    # -S: the interpreter without its site-packages, as on a machine where the maintainer extras are not installed
    out = subprocess.run([sys.executable, "-S", str(repo / "scripts" / "release.py"), "--out", str(tmp_path / "z")],
                         capture_output=True, text=True, cwd=repo, timeout=120)
    assert out.returncode == 2, out.stderr
    assert "missing maintainer dependencies" in out.stderr and "build" in out.stderr and ".[release]" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "z").exists()


def test_dry_run_writes_nothing(repo: Path, tmp_path: Path) -> None:
    before = (repo / "CHANGELOG.md").read_bytes()
    out = release(repo, "--version", "0.2.0", "--dry-run", "--out", str(tmp_path / "x"))
    assert out.returncode == 0, out.stderr
    assert "0.2.0" in out.stdout
    assert not (tmp_path / "x").exists()
    assert (repo / "CHANGELOG.md").read_bytes() == before


def test_refuses_invalid_data(repo: Path, tmp_path: Path) -> None:
    people = repo / "data" / "people.csv"
    saved = people.read_bytes()
    try:
        lines = saved.decode("utf-8").split("\n")
        lines.insert(2, lines[1])  # duplicate primary key
        people.write_text("\n".join(lines), encoding="utf-8")
        out = release(repo, "--out", str(tmp_path / "y"))
        assert out.returncode == 1
        assert "release refused" in out.stderr and "people.csv" in out.stderr
        assert not (tmp_path / "y").exists()
    finally:
        people.write_bytes(saved)


def test_removed_id_without_redirect_stops_a_new_version(repo: Path) -> None:
    assert list((repo / "releases").glob("cicc-data-*.zip")), "no previous release archived"
    table = repo / "data" / "posts.csv"
    saved = {p: p.read_bytes() for p in (repo / "data").glob("*.csv")}
    claims = (repo / "data" / "claims.csv").read_text(encoding="utf-8")
    with open(table, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    victim = next(r for r in rows[1:] if r[0] not in claims)  # a post no claim is about
    redirects = repo / "releases" / "redirects.csv"
    saved_redirects = redirects.read_bytes()
    try:
        # withdraw the post with its citations, curator values and entity row, so the package stays valid
        for path in saved:
            with open(path, encoding="utf-8", newline="") as fh:
                kept = [r for r in csv.reader(fh) if victim[0] not in r]
            with open(path, "w", encoding="utf-8", newline="") as fh:
                csv.writer(fh, lineterminator="\n").writerows(kept)
        out = release(repo, "--version", "9.9.9", "--dry-run")
        assert out.returncode == 1
        assert "without a redirect" in out.stderr and victim[0] in out.stderr
        with open(redirects, "a", encoding="utf-8") as fh:
            fh.write(f"posts,{victim[0]},,withdrawn in a test\n")
        out = release(repo, "--version", "9.9.9", "--dry-run")
        assert out.returncode == 0, out.stderr
        assert f"removed `{victim[0]}`" in out.stdout
    finally:
        for path, blob in saved.items():
            path.write_bytes(blob)
        redirects.write_bytes(saved_redirects)
