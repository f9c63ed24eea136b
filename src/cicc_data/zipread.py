"""Release zips, unpacked under limits: the zip half of :mod:`cicc_data.reader`.

Every member name is checked before anything is written (no absolute name, drive, backslash or
'..'; no two members of one name; no file and folder of one name). Then only the members the
descriptor lists, and the package's known documents, are unpacked, each streamed with a cap on
its expanded size, on the total and on its compression ratio (the sizes a zip's headers state are
never trusted). Encrypted members, unsupported compression methods, symbolic links and bad CRCs
are refused with a message naming the zip and the member.
"""

from __future__ import annotations

import atexit
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import CiccDataError, PackageNotFoundError, PackageReadError
from .reader import MAX_JSON_BYTES, descriptor_shape, parse_json, shorten, unsafe_path_reason

MAX_MEMBERS = 2000
"""Most members in a release zip (a release holds about 40)."""
MAX_MEMBER_BYTES = 128 << 20
"""Largest expanded member unpacked (the biggest shipped table is 1.3 MB)."""
MAX_TOTAL_BYTES = 256 << 20
"""Most bytes unpacked from one zip in all (a release unpacks to about 2 MB)."""
MAX_RATIO = 100
"""Highest compression ratio of a member past ``RATIO_FLOOR`` bytes (CSV and JSON compress 4 to 10 times;
a zip bomb of blank lines about 1,000 times)."""
RATIO_FLOOR = 1 << 20
"""Bytes a member may expand to before its ratio is checked (tiny files compress oddly)."""
KNOWN_FILES = ("README.md", "CHANGELOG.md", "LICENSE", "LICENSE-DATA", "CITATION.cff", "croissant.json",
               ".zenodo.json", "docs/data-dictionary.md", "docs/editions.png", "editions.png",
               "schemas/definitions.yaml", "redirects.csv", "delta.jsonl", "role_facts.csv")
"""Files of a package besides those its descriptor lists, unpacked when the zip holds them."""
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_CHUNK = 1 << 16
_UNPACKED: dict[tuple[str, int, int], Path] = {}


class _Refused(Exception):
    """A member refused; turned into a PackageReadError naming the zip."""


@contextmanager
def _zip_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except CiccDataError:
        raise
    except _Refused as exc:
        raise PackageReadError(f"{path}: {exc}") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError, LookupError) as exc:
        raise PackageReadError(f"{path}: not a readable zip: {shorten(str(exc) or type(exc).__name__)}") from None


def check_names(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse the whole zip on one unsafe, duplicate or ambiguous member name (before any write)."""
    if len(infos) > MAX_MEMBERS:
        raise _Refused(f"holds {len(infos):,} members, more than {MAX_MEMBERS:,}; refused")
    seen: set[str] = set()
    folders: set[str] = set()
    files: set[str] = set()
    for info in infos:
        name = info.filename
        if unsafe_path_reason(name) or ":" in PurePosixPath(name).parts[0]:
            raise _Refused(f"refused member {shorten(name, 120)!r} (absolute or outside the package)")
        key = name.rstrip("/")
        if key in seen:
            raise _Refused(f"two members are named {shorten(key, 120)!r}; refused")
        seen.add(key)
        (folders if info.is_dir() else files).add(key)
        folders.update(str(p) for p in PurePosixPath(key).parents if str(p) != ".")
    both = sorted(files & folders)
    if both:
        raise _Refused(f"{shorten(both[0], 120)!r} is both a file and a folder; refused")


def _check_member(info: zipfile.ZipInfo) -> None:
    name = shorten(info.filename, 120)
    if info.flag_bits & 0x1:
        raise _Refused(f"member {name!r} is encrypted; refused")
    if info.compress_type not in _METHODS:
        raise _Refused(f"member {name!r} uses compression method {info.compress_type}, which is not supported")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise _Refused(f"member {name!r} is a symbolic link; links are never followed")


def _stream(zf: zipfile.ZipFile, info: zipfile.ZipInfo, out: Any, limit: int, budget: list[int]) -> None:
    """Copy one member to ``out``, refusing it once it passes ``limit``, the zip's budget or the ratio."""
    _check_member(info)
    written = 0
    with zf.open(info) as src:
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            budget[0] -= len(chunk)
            if written > limit:
                raise _Refused(f"member {shorten(info.filename, 120)!r} expands past {limit >> 20} MiB; refused")
            if budget[0] < 0:
                raise _Refused(f"the zip expands past {MAX_TOTAL_BYTES >> 20} MiB in all; refused")
            if written > RATIO_FLOOR and written > MAX_RATIO * max(info.compress_size, 1):
                raise _Refused(f"member {shorten(info.filename, 120)!r} expands more than {MAX_RATIO} times "
                               "its compressed size (a zip bomb?); refused")
            out.write(chunk)


class _Buffer(list):
    def write(self, chunk: bytes) -> None:
        self.append(chunk)


def _wanted(desc: Any) -> set[str]:
    """The package files to unpack: the descriptor, what it lists (when its shape is sound), known documents."""
    out = {"datapackage.json", *KNOWN_FILES}
    if descriptor_shape(desc) is None:
        for res in desc["resources"]:
            out.add(res["path"])
            if isinstance(res.get("schema"), str):
                out.add(res["schema"])
    return out


def _unpack(path: Path, zf: zipfile.ZipFile) -> Path:
    infos = zf.infolist()
    check_names(infos)
    by_name = {i.filename: i for i in infos if not i.is_dir()}
    found = [n for n in by_name if PurePosixPath(n).name == "datapackage.json"]
    if not found:
        raise PackageNotFoundError(f"{path}: the zip holds no datapackage.json")
    prefix = PurePosixPath(min(found, key=len)).parent
    budget = [MAX_TOTAL_BYTES]
    buf = _Buffer()
    _stream(zf, by_name[str(prefix / "datapackage.json")], buf, MAX_JSON_BYTES, budget)
    desc, _ = parse_json(b"".join(buf))
    dest = Path(tempfile.mkdtemp(prefix="cicc-data-zip-"))
    atexit.register(shutil.rmtree, dest, True)
    try:
        for rel in sorted(_wanted(desc)):
            info = by_name.get(str(prefix / rel))
            if info is None:
                continue
            target = dest.joinpath(*PurePosixPath(rel).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as out:
                _stream(zf, info, out, MAX_MEMBER_BYTES, budget)
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    return dest


def unpack_zip(path: Path) -> Path:
    """Unpack a release zip once per process into a private temporary folder; return the package folder."""
    path = Path(path)
    with _zip_errors(path):
        st = path.stat()
        key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
        if key not in _UNPACKED:
            with zipfile.ZipFile(path) as zf:
                _UNPACKED[key] = _unpack(path, zf)
    return _UNPACKED[key]


def is_zip(path: Any) -> bool:
    """Whether ``path`` is a regular file that looks like a zip (a pipe or device is never opened)."""
    from .reader import file_problem

    if path is None or not isinstance(path, (str, Path)):
        return False
    p = Path(path)
    if file_problem(p) is not None:
        return False
    try:
        return zipfile.is_zipfile(p)
    except OSError:
        return False
