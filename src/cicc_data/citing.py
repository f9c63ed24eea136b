"""How to cite the installed release, read from its CITATION.cff (a YAML file, read with PyYAML)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InvalidArgumentError
from .paths import package_root


def read_cff(path: Path | None = None) -> dict[str, Any]:
    """The CITATION.cff as a mapping, with ``authors`` as display names (persons and entities)."""
    import yaml

    from .reader import decode, read_bytes

    path = path or package_root() / "CITATION.cff"
    try:
        data = yaml.safe_load(decode(read_bytes(path, 1 << 20), str(path))) or {}
    except yaml.YAMLError as exc:
        from .errors import PackageReadError
        from .reader import shorten

        raise PackageReadError(f"{path}: not valid YAML: {shorten(str(exc))}") from None
    return read_cff_mapping(data if isinstance(data, dict) else {})


def read_cff_mapping(data: dict[str, Any]) -> dict[str, Any]:
    """A parsed CITATION.cff with ``authors`` as display names and ``doi`` from ``identifiers`` if needed."""
    data = dict(data)
    data["author_records"] = list(data.get("authors") or [])
    data["authors"] = [author_name(a) for a in data["author_records"]]
    if not data.get("doi"):
        dois = [i.get("value") for i in data.get("identifiers") or [] if i.get("type") == "doi"]
        if dois:
            data["doi"] = dois[0]
    return data


def author_name(author: dict[str, Any]) -> str:
    """A CFF person as 'Family, G.' (with particle and suffix), an entity by its name."""
    if author.get("name"):
        return str(author["name"])
    family = " ".join(str(author[k]) for k in ("name-particle", "family-names") if author.get(k))
    given = str(author.get("given-names") or "")
    initials = " ".join(p[0] + "." for p in given.replace("-", " ").split() if p)
    name = f"{family}, {initials}" if family and initials else family or given
    return f"{name}, {author['name-suffix']}" if author.get("name-suffix") else name


def _bibtex_name(author: dict[str, Any]) -> str:
    if author.get("name"):
        return "{" + str(author["name"]) + "}"
    family = " ".join(str(author[k]) for k in ("name-particle", "family-names") if author.get(k))
    given = author.get("given-names")
    return f"{family}, {given}" if given else family


def citation(style: str = "apa", cff: dict[str, Any] | None = None) -> str:
    """The citation of this release (or of ``cff``, a parsed CITATION.cff) in ``apa`` or ``bibtex`` style."""
    cff = cff if cff is not None else read_cff()
    names: list[str] = cff["authors"] or ["cicc-data contributors"]
    title, version = cff["title"], cff["version"]
    date, url = str(cff["date-released"]), cff.get("repository-code") or cff.get("url", "")
    doi = cff.get("doi")
    if style == "apa":
        if len(names) > 1:
            authors = ", ".join(names[:-1]) + ", & " + names[-1]
        else:
            authors = names[0]
        where = f"https://doi.org/{doi}" if doi else url
        return f"{authors.rstrip('.')}. ({date[:4]}). {title} (Version {version}) [Data set]. {where}".rstrip()
    if style == "bibtex":
        key = "cicc_data_" + str(version).replace(".", "_")
        records = cff.get("author_records") or [{"name": n} for n in names]
        authors = " and ".join(_bibtex_name(a) for a in records) or "{cicc-data contributors}"
        doi_line = f"  doi = {{{doi}}},\n" if doi else ""
        return (
            f"@misc{{{key},\n  author = {{{authors}}},\n  title = {{{title}}},\n"
            f"  year = {{{date[:4]}}},\n  version = {{{version}}},\n  date = {{{date}}},\n"
            f"  license = {{{cff.get('license', '')}}},\n{doi_line}  url = {{{url}}},\n  note = {{Data set}}\n}}"
        )
    raise InvalidArgumentError(f"style must be 'apa' or 'bibtex', not {style!r}")
