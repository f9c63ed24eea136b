"""Check every resource's size and sha256 against datapackage.json (``cicc-data verify``)."""

from __future__ import annotations

from pathlib import Path

from .errors import CiccDataError
from .paths import is_zip, resolve_descriptor
from .reader import read_bytes
from .validation.files import check_integrity, load_descriptor, refusal
from .validation.report import Problem, Report


def verify(path: str | Path | None = None) -> Report:
    """Report each resource whose bytes differ from the size and hash its descriptor records.

    ``path``: a package directory, its datapackage.json or a release zip (default: the bundled package).
    """
    descriptor_path = resolve_descriptor(path)
    report = Report(str(path) if is_zip(path) else str(descriptor_path))
    desc = load_descriptor(descriptor_path, report)
    if desc is None:
        return report
    for i, res in enumerate(desc["resources"]):
        p = res.get("path") if isinstance(res, dict) else None
        why = refusal(descriptor_path.parent, p)
        if why:
            report.add(Problem("file", "datapackage.json", None, f"resources[{i}].path", f"refused: {why} ({p!r})",
                               "path-refused"))
            continue
        if "hash" not in res or "bytes" not in res:
            report.add(Problem("integrity", p, None, None, "datapackage.json records no bytes/hash for this file",
                               "hash-missing"))
        try:
            blob = read_bytes(descriptor_path.parent / p)
        except CiccDataError as exc:
            missing = not (descriptor_path.parent / p).exists()
            report.add(Problem("file", p, None, None, "file listed in datapackage.json is missing" if missing else
                               str(exc).removeprefix(f"{descriptor_path.parent / p}: "),
                               "file-missing" if missing else "file-unreadable"))
            continue
        check_integrity(res, blob, p, report)
        report.tables += 1
    return report
