"""Where the data package lives: bundled inside the wheel, or at the repository root."""

from __future__ import annotations

from pathlib import Path

from .errors import PackageNotFoundError

_HERE = Path(__file__).resolve().parent
BUNDLED_ROOT = _HERE / "package"
REPO_ROOT = _HERE.parents[1]


def package_root() -> Path:
    """Directory holding ``datapackage.json``, ``data/`` and ``schemas/`` for this install."""
    for root in (BUNDLED_ROOT, REPO_ROOT):
        if (root / "datapackage.json").is_file():
            return root
    raise PackageNotFoundError(
        f"cicc_data: no datapackage.json found in {BUNDLED_ROOT} (installed wheel) "
        f"or {REPO_ROOT} (source checkout); the installation is incomplete"
    )


def resolve_descriptor(path: str | Path | None) -> Path:
    """Turn a user path (a directory or a datapackage.json) into the descriptor's path."""
    if path is None:
        return package_root() / "datapackage.json"
    p = Path(path)
    return p / "datapackage.json" if p.is_dir() else p
