"""The one safe way into a data package: every command and API function reads files through here.

A package may come from anyone (a fork, a pull request, a downloaded release), so nothing in it
is trusted. Paths stay inside the package root (no URL, no '..', no symbolic link leading out, no
device or named pipe: a file is stat-ed before it is opened); release zips are read member by
member under limits on count, size and compression ratio, and only the members the descriptor
lists (and the package's known documents) are unpacked; JSON is bounded in size and depth; CSV
in field size and column count. Every refusal is a :class:`~cicc_data.errors.PackageReadError`
(or :class:`~cicc_data.errors.PackageNotFoundError`) naming the file, with a bounded message.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import PackageNotFoundError, PackageReadError

MAX_FILE_BYTES = 512 << 20
"""Largest file read from a package directory (the biggest shipped table is 1.3 MB)."""
MAX_JSON_BYTES = 16 << 20
"""Largest descriptor or table schema (the shipped descriptor is 10 KB, croissant.json 72 KB)."""
MAX_DEPTH = 16
"""Deepest nesting of JSON objects and arrays in a descriptor or schema (real ones reach 5)."""
MAX_FIELD_CHARS = 1 << 20
"""Longest CSV cell (the longest shipped cell is under 2,000 characters; Python's default is 131,072)."""
MAX_COLUMNS = 1000
"""Most cells in one CSV row (the widest table has 20 columns)."""
MAX_SHOWN = 200
"""Longest value quoted in a message; longer ones are cut with an ellipsis."""
MAX_LISTED = 10
"""Most items listed in one message; the rest are counted."""
MAX_MESSAGE = 2000
"""Longest message of an error or problem."""

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def shorten(value: Any, limit: int = MAX_SHOWN) -> str:
    """``value`` as text of at most ``limit`` characters (an ellipsis and the full length when cut)."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def listing(items: Any, limit: int = MAX_LISTED) -> str:
    """At most ``limit`` items joined by commas, then how many more there are."""
    items = [shorten(str(i), 60) for i in items]
    more = f" and {len(items) - limit:,} more" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more


def unsafe_path_reason(path: Any) -> str | None:
    """Why a path written in a descriptor may not be opened, or None when it stays inside the package."""
    if not isinstance(path, str) or not path:
        return "path must be a non-empty string"
    if _URL.match(path) or path.startswith("//"):
        return "path is a URL; only files inside the package are read"
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
        return "path is absolute; only relative paths inside the package are read"
    if "\\" in path or ".." in PurePosixPath(path).parts or "\x00" in path:
        return "path leaves the package directory ('..' or a backslash)"
    return None


def leaves_root(root: Path, rel: str) -> bool:
    """Whether ``root/rel`` resolves, through symbolic links, to a place outside ``root``."""
    try:
        return not (root / rel).resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop, a bad name
        return True


def file_problem(path: Path) -> str | None:
    """Why ``path`` may not be opened: missing, or not a regular file (a device, a pipe, a folder)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "file is missing"
    except (OSError, ValueError) as exc:
        return f"cannot be read: {getattr(exc, 'strerror', None) or exc}"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (a folder, a device or a named pipe); refused unread"
    return None


def refusal(root: Path, rel: Any) -> str | None:
    """Why ``rel`` (a path from the descriptor) may not be opened, without opening it; None if it may."""
    why = unsafe_path_reason(rel)
    if why is None and leaves_root(root, rel):
        why = "path is a symbolic link leading out of the package directory"
    if why is None and (root / rel).exists() and not (root / rel).is_file():
        why = "path is not a regular file"
    return why


def safe_file(root: Path, rel: Any) -> Path:
    """``root/rel`` when it is a regular file inside the package; raise :class:`PackageReadError` otherwise."""
    why = refusal(root, rel) or file_problem(root / rel)
    if why:
        error = PackageNotFoundError if why == "file is missing" else PackageReadError
        raise error(f"{root / shorten(str(rel), 120)}: {why}")
    return root / rel


def _package_root_of(path: Path) -> Path | None:
    for parent in list(path.parents)[:3]:
        if (parent / "datapackage.json").is_file():
            return parent
    return None


def contained(path: Path) -> Path:
    """``path`` checked: a regular file, and inside the package whose folder holds it (no link leading out)."""
    path = Path(path)
    root = _package_root_of(path)
    if root is not None and leaves_root(root, str(path.relative_to(root))):
        raise PackageReadError(f"{path}: a symbolic link leading out of the package {root}; refused unread")
    why = file_problem(path)
    if why:
        raise (PackageNotFoundError if why == "file is missing" else PackageReadError)(f"{path}: {why}")
    return path


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file no larger than ``limit`` (checked before and while reading)."""
    path = contained(path)
    try:
        with open(path, "rb") as fh:
            blob = fh.read(limit + 1)
    except OSError as exc:
        raise PackageReadError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    if len(blob) > limit:
        raise PackageReadError(f"{path}: larger than {limit >> 20} MiB; refused")
    return blob


def decode(blob: bytes, shown: str) -> str:
    """UTF-8 text of ``blob``; a clear error naming the line of the first byte that is not UTF-8."""
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = blob[: exc.start].count(b"\n") + 1
        raise PackageReadError(f"{shown}: line {line}: byte 0x{blob[exc.start]:02x} is not UTF-8; "
                               "every file of the package is UTF-8") from None


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether ``value`` nests objects and arrays more than ``limit`` deep (no recursion)."""
    stack = [(value, 1)]
    while stack:
        v, depth = stack.pop()
        if isinstance(v, (dict, list)):
            if depth > limit:
                return True
            stack.extend((c, depth + 1) for c in (v.values() if isinstance(v, dict) else v))
    return False


def parse_json(raw: bytes) -> tuple[Any, str | None]:
    """Parse JSON bytes; return (value, None) or (None, why not) with a bounded reason."""
    if len(raw) > MAX_JSON_BYTES:
        return None, f"larger than {MAX_JSON_BYTES >> 20} MiB; refused"
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"not valid UTF-8 JSON: {shorten(str(exc))}"
    except RecursionError:
        return None, f"nested more than {MAX_DEPTH} levels deep; refused"
    if too_deep(value):
        return None, f"nested more than {MAX_DEPTH} levels deep; refused"
    return value, None


def read_json(path: Path) -> Any:
    """A JSON file of the package, bounded in size and depth."""
    value, why = parse_json(read_bytes(path, MAX_JSON_BYTES))
    if why:
        raise PackageReadError(f"{path}: cannot read it: {why}")
    return value


def descriptor_shape(desc: Any) -> str | None:
    """What makes ``desc`` unusable as a package descriptor (checked before any command trusts it)."""
    if not isinstance(desc, dict):
        return f"the descriptor must be a JSON object, not {type(desc).__name__}"
    resources = desc.get("resources")
    if not isinstance(resources, list) or not resources:
        return "the descriptor needs a non-empty 'resources' list"
    names = set()
    for i, res in enumerate(resources):
        if not isinstance(res, dict) or not isinstance(res.get("name"), str) or not res["name"]:
            return f"resources[{i}] must be an object with a 'name'"
        if res["name"] in names:
            return f"resource name {shorten(res['name'], 60)!r} is used twice"
        names.add(res["name"])
        why = unsafe_path_reason(res.get("path"))
        if why:
            return f"resources[{i}].path refused: {why} ({shorten(res.get('path'), 80)})"
        schema = res.get("schema")
        if not isinstance(schema, dict):
            why = unsafe_path_reason(schema)
            if why:
                return f"resources[{i}].schema refused: {why} ({shorten(schema, 80)})"
    return None


def read_descriptor(root: Path) -> dict[str, Any]:
    """``root/datapackage.json``, read safely and checked to have the shape every command relies on."""
    desc = read_json(root / "datapackage.json")
    why = descriptor_shape(desc)
    if why:
        raise PackageReadError(f"{root / 'datapackage.json'}: {why}")
    return desc


def parse_csv(text: str, shown: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of CSV text in the package dialect; every row as wide as the header."""
    reader = csv.reader(io.StringIO(text, newline=""))
    old = csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        header = next(reader, [])
        if len(header) > MAX_COLUMNS:
            raise PackageReadError(f"{shown}: the header has {len(header):,} columns, more than {MAX_COLUMNS}")
        rows = []
        for n, rec in enumerate(reader, start=2):
            if len(rec) != len(header):
                raise PackageReadError(f"{shown}: row {n} has {len(rec):,} cells, expected {len(header)}; "
                                       "run cicc-data validate for every problem")
            rows.append(rec)
    except csv.Error as exc:
        raise PackageReadError(f"{shown}: line {reader.line_num}: not parseable as CSV: {shorten(str(exc))} "
                               f"(cells are limited to {MAX_FIELD_CHARS:,} characters)") from None
    finally:
        csv.field_size_limit(old)
    return header, rows


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a package CSV, read through the checks of :func:`read_bytes` and :func:`parse_csv`."""
    blob = read_bytes(path)
    return parse_csv(decode(blob.removeprefix(b"\xef\xbb\xbf"), str(path)), str(path))
