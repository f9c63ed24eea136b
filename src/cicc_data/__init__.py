"""cicc-data: the China Internet Civilization Conference (中国网络文明大会) as typed, sourced tables.

Importing this package is cheap: pandas, pyarrow, pydantic and frictionless load only when a
function needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __release_date__, __version__

if TYPE_CHECKING:
    from .edition_detail import EditionDetail
    from .lookup import Match
    from .rowtypes import Row
    from .validation import Report

__all__ = [
    "__release_date__", "__version__", "citation", "edition", "find", "load", "load_all",
    "records", "tables", "validate",
]


def tables(path: Any = None) -> list[str]:
    """Names of the tables, in package order."""
    from .paths import resolve_root
    from .schema import table_names

    return table_names(resolve_root(path))


def load(name: str, engine: str = "pandas", path: Any = None) -> Any:
    """Table ``name`` as a typed DataFrame (pandas, or polars with ``engine="polars"``).

    ``path``: a package directory, its datapackage.json or a release zip (default: the bundled package).
    """
    from .loading import load as _load
    from .paths import resolve_root

    return _load(name, engine=engine, root=resolve_root(path))


def load_all(engine: str = "pandas", path: Any = None) -> dict[str, Any]:
    """Every table as a typed DataFrame, keyed by name (``path`` as for :func:`load`)."""
    from .loading import load_all as _load_all
    from .paths import resolve_root

    return _load_all(engine=engine, root=resolve_root(path))


def records(name: str, path: Any = None) -> list[Row]:
    """Rows of table ``name`` as Pydantic models (``path`` as for :func:`load`)."""
    from .loading import records as _records
    from .paths import resolve_root

    return _records(name, root=resolve_root(path))


def edition(year: int | str, path: Any = None) -> EditionDetail:
    """One edition with its organizations, people, sessions, sub-forums, outputs and sources.

    ``year``: the year it was held, as an int (``2024``) or a string of digits (``"2024"``)."""
    from .edition_detail import edition as _edition
    from .paths import resolve_root

    if isinstance(year, str) and year.strip().isdecimal() and year.strip().isascii():
        year = int(year.strip())
    if not isinstance(year, int) or isinstance(year, bool):
        from .errors import InvalidArgumentError
        from .reader import shorten

        raise InvalidArgumentError(f"edition() wants the year as an int such as 2024, not {shorten(year, 60)}")
    return _edition(year, root=resolve_root(path))


def find(name: str, path: Any = None) -> list[Match]:
    """Organizations and people matching a name in any language, variant or abbreviation."""
    from .lookup import find as _find
    from .paths import resolve_root

    if not isinstance(name, str):
        from .errors import InvalidArgumentError

        raise InvalidArgumentError(f"find() wants a name as a string, not {type(name).__name__}")
    return _find(name, root=resolve_root(path))


def validate(path: Any = None) -> Report:
    """Validate the bundled package (or the one at ``path``: a directory, datapackage.json or release zip)."""
    from .paths import is_zip
    from .validation import validate as _validate

    report = _validate(path)
    if is_zip(path):
        report.path = str(path)
    return report


def citation(style: str = "apa") -> str:
    """How to cite this release: ``apa`` or ``bibtex``."""
    from .citing import citation as _citation

    return _citation(style)
