"""Where the data package lives: bundled inside the wheel, at the repository root, or at a user's path
(a package directory, its datapackage.json, or a release zip, unpacked once per process)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from .errors import PackageNotFoundError, PackageReadError

_HERE = Path(__file__).resolve().parent
BUNDLED_ROOT = _HERE / "package"
REPO_ROOT = _HERE.parents[1]
MAX_UNPACKED = 1 << 30  # a release zip that unpacks to more than 1 GiB is refused
_UNPACKED: dict[tuple[str, int, int], Path] = {}


def package_root() -> Path:
    """Directory holding ``datapackage.json``, ``data/`` and ``schemas/`` for this install."""
    for root in (BUNDLED_ROOT, REPO_ROOT):
        if (root / "datapackage.json").is_file():
            return root
    raise PackageNotFoundError(
        f"cicc_data: no datapackage.json found in {BUNDLED_ROOT} (installed wheel) "
        f"or {REPO_ROOT} (source checkout); the installation is incomplete"
    )


def _unsafe(name: str) -> bool:
    """An absolute name, a drive, a backslash or a '..' would write outside the unpacking directory."""
    rel = PurePosixPath(name)
    return not rel.parts or name.startswith("/") or "\\" in name or ".." in rel.parts or ":" in rel.parts[0]


def unpack_zip(path: Path) -> Path:
    """Unpack a release zip once into a private temporary directory; return the package directory in it."""
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key in _UNPACKED:
        return _UNPACKED[key]
    with zipfile.ZipFile(path) as zf:
        members = [m for m in zf.infolist() if not m.is_dir()]
        descriptors = [m.filename for m in members if PurePosixPath(m.filename).name == "datapackage.json"]
        if not descriptors:
            raise PackageNotFoundError(f"{path}: the zip holds no datapackage.json")
        if sum(m.file_size for m in members) > MAX_UNPACKED:
            raise PackageReadError(f"{path}: the zip unpacks to more than {MAX_UNPACKED >> 20} MiB; refused")
        prefix = PurePosixPath(min(descriptors, key=len)).parent
        dest = Path(tempfile.mkdtemp(prefix="cicc-data-zip-"))
        atexit.register(shutil.rmtree, dest, True)
        for m in members:
            rel = PurePosixPath(m.filename)
            if _unsafe(m.filename):
                raise PackageReadError(f"{path}: refused member {m.filename!r} (absolute or outside the package)")
            target = dest.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(m) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)
    root = dest.joinpath(*prefix.parts)
    _UNPACKED[key] = root
    return root


def is_zip(path: str | Path | None) -> bool:
    return path is not None and Path(path).is_file() and zipfile.is_zipfile(path)


def resolve_root(path: str | Path | None = None) -> Path:
    """The package directory for ``path``: a directory, a datapackage.json, a release zip, or None (bundled)."""
    if path is None:
        return package_root()
    p = Path(path)
    if p.is_file() and zipfile.is_zipfile(p):
        return unpack_zip(p)
    root = p.parent if p.name == "datapackage.json" else p
    if not (root / "datapackage.json").is_file():
        raise PackageNotFoundError(f"{p}: no datapackage.json there (give a package directory or a release zip)")
    return root


def resolve_descriptor(path: str | Path | None) -> Path:
    """Turn a user path (a directory, a datapackage.json or a release zip) into the descriptor's path."""
    if path is None:
        return package_root() / "datapackage.json"
    p = Path(path)
    if p.is_file() and zipfile.is_zipfile(p):
        return unpack_zip(p) / "datapackage.json"
    return p / "datapackage.json" if p.is_dir() else p
