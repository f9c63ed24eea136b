"""Where the data package lives: bundled inside the wheel, at the repository root, or at a user's path
(a package directory, its datapackage.json, or a release zip, unpacked once per process)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import InvalidArgumentError, PackageNotFoundError, PackageReadError
from .reader import _URL, file_problem, shorten, unsafe_path_reason

__all__ = ["BUNDLED_ROOT", "REPO_ROOT", "is_zip", "package_root", "resolve_descriptor", "resolve_root",
           "unpack_zip", "unsafe_path_reason"]

_HERE = Path(__file__).resolve().parent
BUNDLED_ROOT = _HERE / "package"
REPO_ROOT = _HERE.parents[1]


def is_zip(path: Any) -> bool:
    """Whether ``path`` is a regular file that looks like a zip (:func:`cicc_data.zipread.is_zip`)."""
    from .zipread import is_zip as _is_zip  # zipfile, tempfile and shutil load only when a path is given

    return _is_zip(path)


def unpack_zip(path: Path) -> Path:
    """Unpack a release zip once per process; the package folder (:func:`cicc_data.zipread.unpack_zip`)."""
    from .zipread import unpack_zip as _unpack_zip

    return _unpack_zip(path)


def package_root() -> Path:
    """Directory holding ``datapackage.json``, ``data/`` and ``schemas/`` for this install."""
    for root in (BUNDLED_ROOT, REPO_ROOT):
        if (root / "datapackage.json").is_file():
            return root
    raise PackageNotFoundError(
        f"cicc_data: no datapackage.json found in {BUNDLED_ROOT} (installed wheel) "
        f"or {REPO_ROOT} (source checkout); the installation is incomplete"
    )


def _user_path(path: Any) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidArgumentError(f"path must be a package directory, a datapackage.json or a release zip, "
                                   f"not {type(path).__name__}")
    p = Path(path)
    if isinstance(path, str) and _URL.match(path) and not p.exists():
        raise PackageReadError(f"{shorten(path, 120)}: a URL; only local files are read (download it first)")
    return p


def _folder(p: Path) -> Path:
    """The package folder of a user path that is not a zip; refuse a pipe, a device or a missing folder."""
    root = p.parent if p.name == "datapackage.json" else p
    if file_problem(root / "datapackage.json") == "file is missing":
        raise PackageNotFoundError(f"{p}: no datapackage.json there (give a package directory or a release zip)")
    return root


def resolve_root(path: str | Path | None = None) -> Path:
    """The package directory for ``path``: a directory, a datapackage.json, a release zip, or None (bundled).

    The descriptor is read safely and its shape checked before any caller trusts it."""
    if path is None:
        return package_root()
    p = _user_path(path)
    root = unpack_zip(p) if is_zip(p) else _folder(p)
    from .schema import descriptor

    descriptor(root)  # raises PackageReadError on a descriptor of the wrong shape
    return root


def resolve_descriptor(path: str | Path | None) -> Path:
    """Turn a user path (a directory, a datapackage.json or a release zip) into the descriptor's path.

    The descriptor is not parsed here: the validator reports what is wrong with it."""
    if path is None:
        return package_root() / "datapackage.json"
    p = _user_path(path)
    if is_zip(p):
        return unpack_zip(p) / "datapackage.json"
    return p / "datapackage.json" if p.is_dir() else p
