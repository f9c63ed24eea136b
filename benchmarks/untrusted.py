"""Hostile inputs for the standing figures of benchmarks/run.py: a row of a million cells, a zip that expands
to 100 MB of blank lines, 100,000 junk rows. Each is built sparsely (seconds, little disk) from the real package.

  python benchmarks/untrusted.py OUT_DIR     # writes wide/, junk/ and bomb.zip under OUT_DIR
"""

from __future__ import annotations

import random
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def copy(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "datapackage.json", dest / "datapackage.json")
    for folder in ("data", "schemas"):
        shutil.copytree(ROOT / folder, dest / folder, dirs_exist_ok=True)
    return dest


def wide_row(dest: Path, cells: int = 1_000_000) -> Path:
    """The package with one row of ``cells`` cells in glossary.csv (2 MB)."""
    pkg = copy(dest)
    path = pkg / "data" / "glossary.csv"
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(header + "\n" + ",".join(["x"] * cells) + "\n" + rest, encoding="utf-8")
    return pkg


def junk_rows(dest: Path, rows: int = 100_000, seed: int = 18) -> Path:
    """The package with ``rows`` rows of junk appended to people.csv: random text, stray quotes and commas."""
    pkg = copy(dest)
    rng = random.Random(seed)
    path = pkg / "data" / "people.csv"
    width = path.read_text(encoding="utf-8").split("\n", 1)[0].count(",") + 1
    alphabet = "abcxyz019 -_/é中文\t=+@"
    lines = []
    for i in range(rows):
        cells = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(width)]
        kind = i % 4
        if kind == 1:
            cells = cells[: rng.randint(1, width)] + cells * rng.randint(0, 2)
        elif kind == 2:
            cells[rng.randrange(width)] = '"' + cells[0].replace('"', "") + '""x"'
        lines.append(",".join(cells))
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(lines) + "\n")
    return pkg


def bomb_zip(dest: Path, megabytes: int = 100) -> Path:
    """A release zip whose glossary.csv expands to ``megabytes`` MB of blank lines (about 0.1 MB per 100 MB)."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(ROOT / "datapackage.json", "pkg/datapackage.json")
        for folder in ("data", "schemas"):
            for p in sorted((ROOT / folder).iterdir()):
                if p.is_file() and p.name != "glossary.csv":
                    zf.write(p, f"pkg/{folder}/{p.name}")
        with zf.open("pkg/data/glossary.csv", "w", force_zip64=True) as fh:
            fh.write((ROOT / "data" / "glossary.csv").read_bytes())
            block = b"\n" * (1 << 20)
            for _ in range(megabytes):
                fh.write(block)
    return dest


if __name__ == "__main__":
    out = Path(sys.argv[1])
    print(wide_row(out / "wide"), junk_rows(out / "junk"), bomb_zip(out / "bomb.zip"))
