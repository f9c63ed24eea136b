"""Write the website to a directory."""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import package_root
from .model import load
from .pages import Site

STATIC = Path(__file__).resolve().parent / "static"
MANIFEST = ".cicc-site-files"
"""Lists the files a build wrote, so that the next build into the same directory removes stale pages."""


@dataclass
class BuildReport:
    out: Path
    pages: dict[str, int] = field(default_factory=dict)
    files: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in self.pages.items())
        return f"wrote {self.files} files to {self.out} in {self.seconds:.1f} s: {kinds}"


def _citation(root: Path) -> str:
    from ..citing import read_cff

    path = root / "CITATION.cff"
    if not path.is_file():
        return "cicc-data contributors. China Internet Civilization Conference dataset [Data set]."
    cff = read_cff(path)
    authors = ", ".join(cff.get("authors") or []) or "cicc-data contributors"  # type: ignore[arg-type]
    date = str(cff.get("date-released", ""))
    url = cff.get("repository-code", "")
    return f"{authors}. ({date[:4]}). {cff.get('title', '')} (Version {cff.get('version', '')}) [Data set]. {url}".strip()


def _version(root: Path) -> str:
    try:
        return str(json.loads((root / "datapackage.json").read_text(encoding="utf-8")).get("version", ""))
    except (OSError, ValueError):
        from .._version import __version__

        return __version__


def _figure(root: Path) -> Path | None:
    for candidate in (root / "docs" / "editions.png", root / "editions.png"):
        if candidate.is_file():
            return candidate
    return None


def _remove_stale(out: Path, keep: set[str]) -> None:
    """Delete the files an earlier build wrote (listed in its manifest) that this build does not write."""
    manifest = out / MANIFEST
    if not manifest.is_file():
        return
    base = out.resolve()
    for rel in manifest.read_text(encoding="utf-8").splitlines():
        path = (out / rel).resolve()
        if rel and rel not in keep and path.is_relative_to(base) and path.is_file():
            path.unlink()


def build(out: str | Path, root: str | Path | None = None) -> BuildReport:
    """Write the site for the package at ``root`` (default: the bundled one) into ``out``."""
    start = time.perf_counter()
    root = Path(root) if root else package_root()
    out = Path(out)
    data = load(root)
    figure = _figure(root)
    site = Site(data, _version(root), _citation(root), figure is not None)
    files: dict[str, str] = {}
    counts: dict[str, int] = {}

    def add(kind: str, item: tuple[str, str]) -> None:
        path, html = item
        files[path] = html
        counts[kind] = counts.get(kind, 0) + 1

    add("home", site.home_page())
    for e in data.editions:
        add("editions", site.edition_page(e["edition_id"]))
    for p in data.tables["people"]:
        add("people", site.person_page(p["person_id"]))
    for o in data.tables["organizations"]:
        add("organizations", site.org_page(o["organization_id"]))
    for t in data.topics:
        add("topics", site.topic_page(t))
    add("indexes", site.people_index())
    add("indexes", site.orgs_index())
    if data.topics:
        add("indexes", site.topics_index())
    if site.has_glossary:
        add("indexes", site.glossary_page())
    add("sources", site.sources_page())
    add("search", site.search_page())
    files["search-index.js"] = site.search_index()

    out.mkdir(parents=True, exist_ok=True)
    written = sorted([*files, "style.css", "search.js", "favicon.svg"] + (["editions.png"] if figure else []))
    _remove_stale(out, set(written))
    (out / MANIFEST).write_text("".join(f"{f}\n" for f in written), encoding="utf-8")
    for rel, text in sorted(files.items()):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    for name in ("style.css", "search.js", "favicon.svg"):
        (out / name).write_bytes((STATIC / name).read_bytes())
    n = len(files) + 3
    if figure is not None:
        shutil.copyfile(figure, out / "editions.png")
        n += 1
    return BuildReport(out=out, pages=counts, files=n, seconds=time.perf_counter() - start)
