"""The data a picture was drawn from, recorded in the PNG itself (tEXt chunks), so that a test can tell a
stale picture: ``cicc-data-inputs`` lists the files, ``cicc-data-sha256`` is the hash of their bytes.

    python scripts/picture_stamp.py docs/editions.png      # print what a picture records and whether it is current
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HASH_KEY = "cicc-data-sha256"
INPUTS_KEY = "cicc-data-inputs"

PICTURES = {
    "docs/editions.png": ("scripts/figure.py", ("data/editions.csv", "data/subforums.csv", "data/citations.csv",
                                                "data/sources.csv")),
    "docs/topics.png": ("scripts/topics_figure.py", ("data/editions.csv", "data/subforums.csv",
                                                     "schemas/subforums.json")),
    "docs/site-edition.png": ("scripts/site_screenshot.py", ("data/*.csv", "schemas/*.json")),
}
"""Each picture of the README: the script that draws it and the files (globs) whose contents it shows."""


def inputs(picture: str, root: Path = ROOT) -> list[str]:
    files: list[str] = []
    for pattern in PICTURES[picture][1]:
        files += sorted(p.relative_to(root).as_posix() for p in root.glob(pattern) if p.is_file())
    return files


def data_hash(picture: str, root: Path = ROOT) -> str:
    """sha256 over the name and bytes of every input file of ``picture``, in a fixed order."""
    h = hashlib.sha256()
    for rel in inputs(picture, root):
        data = (root / rel).read_bytes()
        h.update(f"{rel}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def metadata(picture: str, root: Path = ROOT) -> dict[str, str]:
    """The tEXt chunks to write into ``picture`` (matplotlib's savefig metadata or Pillow's PngInfo)."""
    return {HASH_KEY: data_hash(picture, root), INPUTS_KEY: " ".join(PICTURES[picture][1])}


def recorded(path: Path) -> dict[str, str]:
    """The tEXt chunks of a PNG."""
    from PIL import Image

    with Image.open(path) as image:
        return dict(getattr(image, "text", {}) or {})


def main(argv: list[str]) -> int:
    stale = 0
    for rel in argv or list(PICTURES):
        want, got = data_hash(rel), recorded(ROOT / rel).get(HASH_KEY, "")
        ok = want == got
        stale += not ok
        print(f"{rel}: {'current' if ok else 'STALE, re-run ' + PICTURES[rel][0]} (recorded {got[:12] or 'nothing'}, "
              f"data {want[:12]})")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
