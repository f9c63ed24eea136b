"""cicc-data: the China Internet Civilization Conference (中国网络文明大会) as typed, sourced tables.

Importing this package is cheap: pandas, pyarrow, pydantic and frictionless load only when a
function needs them.
"""

from __future__ import annotations

from ._version import __release_date__, __version__

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing alone costs more than the rest of the package
if TYPE_CHECKING:
    from typing import Any

    from .edition_detail import EditionDetail
    from .entity_view import EntityView
    from .lookup import Match
    from .redirects import Resolved
    from .rowtypes import Row
    from .validation import Report

__all__ = [
    "__release_date__", "__version__", "citation", "edition", "find", "load", "load_all",
    "records", "resolve", "role_facts", "show", "tables", "validate",
]


def _root(path: Any) -> Any:
    """The package directory for ``path``, once it is known to follow this library's data model."""
    from .compat import check_major
    from .paths import resolve_root

    root = resolve_root(path)
    return root if path is None else check_major(root, path)


def tables(path: Any = None) -> list[str]:
    """Names of the tables, in package order."""
    from .schema import table_names

    return table_names(_root(path))


def load(name: str, engine: str = "pandas", path: Any = None) -> Any:
    """Table ``name`` as a typed DataFrame (pandas, or polars with ``engine="polars"``).

    ``name`` is a table of the package or ``"role_facts"``, the flat table of every role built from them.

    ``path``: a package directory, its datapackage.json or a release zip (default: the bundled package).
    """
    from .loading import load as _load

    if name == "role_facts":  # the flat table, built from the others
        from .flat import load_role_facts

        return load_role_facts(engine, _root(path))
    return _load(name, engine=engine, root=_root(path))


def load_all(engine: str = "pandas", path: Any = None) -> dict[str, Any]:
    """Every table as a typed DataFrame, keyed by name (``path`` as for :func:`load`)."""
    from .loading import load_all as _load_all

    return _load_all(engine=engine, root=_root(path))


def records(name: str, path: Any = None) -> list[Row]:
    """Rows of table ``name`` as Pydantic models (``path`` as for :func:`load`)."""
    from .loading import records as _records

    return _records(name, root=_root(path))


def edition(year: int | str, path: Any = None) -> EditionDetail:
    """One edition with its organizations, people, sessions, sub-forums, outputs and sources.

    ``year``: the year it was held, as an int (``2024``) or a string of digits (``"2024"``)."""
    from .edition_detail import edition as _edition

    if isinstance(year, str) and year.strip().isdecimal() and year.strip().isascii():
        year = int(year.strip())
    if not isinstance(year, int) or isinstance(year, bool):
        from .errors import InvalidArgumentError
        from .reader import shorten

        raise InvalidArgumentError(f"edition() wants the year as an int such as 2024, not {shorten(year, 60)}")
    return _edition(year, root=_root(path))


def find(name: str, path: Any = None) -> list[Match]:
    """Organizations and people matching a name in any language, variant or abbreviation."""
    from .lookup import find as _find

    if not isinstance(name, str):
        from .errors import InvalidArgumentError

        raise InvalidArgumentError(f"find() wants a name as a string, not {type(name).__name__}")
    return _find(name, root=_root(path))


def resolve(entity_id: str, path: Any = None) -> Resolved:
    """The live ID for ``entity_id``: itself (``how="live"``) or, for a retired ID, its successor
    through ``redirects.csv`` (``how="redirect"``, with the chain followed and the reason)."""
    from .redirects import resolve_id

    return resolve_id(entity_id, _root(path))


def show(entity_id: str, path: Any = None) -> EntityView:
    """One entity's facts, names and roles, each fact with its sources and their quotes (a retired ID is
    followed to its successor and the view says so)."""
    from .entity_view import show as _show

    return _show(entity_id, _root(path))


def role_facts(path: Any = None) -> list[dict[str, str]]:
    """The flat table of every role (one row per role, ready for a spreadsheet); see ``load("role_facts")``."""
    from .flat import role_facts as _role_facts

    return _role_facts(_root(path))


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
