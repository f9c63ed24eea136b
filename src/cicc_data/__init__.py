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


def tables() -> list[str]:
    """Names of the tables, in package order."""
    from .loading import tables as _tables

    return _tables()


def load(name: str, engine: str = "pandas") -> Any:
    """Table ``name`` as a typed DataFrame (pandas, or polars with ``engine="polars"``)."""
    from .loading import load as _load

    return _load(name, engine=engine)


def load_all(engine: str = "pandas") -> dict[str, Any]:
    """Every table as a typed DataFrame, keyed by name."""
    from .loading import load_all as _load_all

    return _load_all(engine=engine)


def records(name: str) -> list[Row]:
    """Rows of table ``name`` as Pydantic models."""
    from .loading import records as _records

    return _records(name)


def edition(year: int) -> EditionDetail:
    """One edition with its organizations, people, sessions, sub-forums, outputs and sources."""
    from .edition_detail import edition as _edition

    return _edition(year)


def find(name: str) -> list[Match]:
    """Organizations and people matching a name in any language, variant or abbreviation."""
    from .lookup import find as _find

    return _find(name)


def validate(path: Any = None) -> Report:
    """Validate the bundled package (or the one at ``path``); the report lists every problem."""
    from .validation import validate as _validate

    return _validate(path)


def citation(style: str = "apa") -> str:
    """How to cite this release: ``apa`` or ``bibtex``."""
    from .citing import citation as _citation

    return _citation(style)
