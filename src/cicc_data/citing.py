"""How to cite the installed release, read from its CITATION.cff."""

from __future__ import annotations

from pathlib import Path

from .errors import InvalidArgumentError
from .paths import package_root


def read_cff(path: Path | None = None) -> dict[str, object]:
    """The top-level scalars and author names of a CITATION.cff (the subset this project writes)."""
    path = path or package_root() / "CITATION.cff"
    data: dict[str, object] = {"authors": []}
    section = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            key, _, value = line.partition(":")
            section = key.strip()
            if value.strip():
                data[section] = value.strip().strip('"')
        elif section == "authors" and ":" in line:
            key, _, value = line.strip().lstrip("- ").partition(":")
            if key.strip() == "name":
                data["authors"].append(value.strip().strip('"'))  # type: ignore[union-attr]
    return data


def citation(style: str = "apa") -> str:
    """The citation of this release in ``apa`` or ``bibtex`` style."""
    cff = read_cff()
    authors = ", ".join(cff["authors"]) or "cicc-data contributors"  # type: ignore[arg-type]
    title, version = cff["title"], cff["version"]
    date, url = str(cff["date-released"]), cff.get("repository-code", "")
    if style == "apa":
        return f"{authors}. ({date[:4]}). {title} (Version {version}) [Data set]. {url}".rstrip()
    if style == "bibtex":
        key = "cicc_data_" + str(version).replace(".", "_")
        return (
            f"@misc{{{key},\n  author = {{{{{authors}}}}},\n  title = {{{title}}},\n"
            f"  year = {{{date[:4]}}},\n  version = {{{version}}},\n  date = {{{date}}},\n"
            f"  license = {{{cff.get('license', '')}}},\n  url = {{{url}}},\n  note = {{Data set}}\n}}"
        )
    raise InvalidArgumentError(f"style must be 'apa' or 'bibtex', not {style!r}")
