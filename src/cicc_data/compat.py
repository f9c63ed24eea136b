"""Which data model a package follows, and whether this version of cicc-data reads it.

The major version of a package (``version`` in its datapackage.json) names its data model. This
library reads packages of its own major version; an older release is read by the library of its
version, and said so instead of failing on the first column it does not know.
"""

from __future__ import annotations

import json
from pathlib import Path

from ._version import __version__
from .errors import IncompatibleVersionError, PackageReadError

DATA_MODELS = {
    0: "11 tables, each row carrying its sources in source_ids and weak_sources_only columns; "
       "no citations, entities or curator_values tables",
    1: "15 tables, one-column primary keys, every fact citing its sources through the citations "
       "table, the curators' values in curator_values",
}
"""What each major version of the package holds, in a sentence."""


def major(version: str) -> int | None:
    head = str(version).split(".", 1)[0]
    return int(head) if head.isdigit() else None


CURRENT_MAJOR = major(__version__)


def package_version(root: Path) -> str:
    """The ``version`` of the package at ``root``, as its descriptor gives it ("" when it has none)."""
    try:
        desc = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise PackageReadError(f"{root / 'datapackage.json'}: cannot be read as JSON ({exc})") from exc
    return str(desc.get("version", "")) if isinstance(desc, dict) else ""


def data_model(version: str) -> str:
    """``data model N (what it holds)`` for a package version."""
    m = major(version)
    if m is None:
        return "an unknown data model"
    return f"data model {m}" + (f" ({DATA_MODELS[m]})" if m in DATA_MODELS else "")


def mismatch(root: Path, shown: object = None) -> str | None:
    """Why this library cannot read the package at ``root`` (another major version), or None.

    ``shown``: the path as the user gave it (a release zip is read from a temporary directory)."""
    version = package_version(root)
    m = major(version)
    if m is None or m == CURRENT_MAJOR:
        return None
    return (f"{shown or root} is cicc-data package {version}, {data_model(version)}. This is cicc-data {__version__}, "
            f"which reads {data_model(__version__)}. Read this package with "
            f"cicc-data {version} (pip install 'cicc-data=={version}', or install the wheel or the repository "
            f"of that release), or take a release of major version {CURRENT_MAJOR}.")


def check_major(root: Path, shown: object = None) -> Path:
    """``root``, once it is known to follow this library's data model; else :class:`IncompatibleVersionError`."""
    why = mismatch(root, shown)
    if why:
        raise IncompatibleVersionError(why)
    return root


def validation_note(version: str) -> str | None:
    """What ``validate`` says of a package of ``version`` when it is another major version (else None)."""
    m = major(version)
    if m is None or m == CURRENT_MAJOR:
        return None
    return (f"this is cicc-data package {version}, {data_model(version)}; cicc-data {__version__} reads "
            f"data model {CURRENT_MAJOR}. The package was checked against its own descriptor and table schemas "
            f"(files, text, types, constraints, primary and foreign keys), NOT against the row models and "
            f"cross-table rules of data model {m}, which this version does not have: run cicc-data {version} "
            f"(pip install 'cicc-data=={version}') for those.")
