"""Validate a cicc-data package in layers and gather every problem into one report.

0. files: descriptor, schemas, safe paths, sizes and hashes, UTF-8/LF dialect, headers, whitespace, formulas;
   text: invisible and control characters, NFC, mojibake, Chinese fields without Chinese, deceptive URLs;
1. schema: the reference Frictionless validator (types, constraints, primary and foreign keys);
2. model: each row parsed by its Pydantic model, with the rules a schema cannot say;
3. cross-table: cited sources exist, IDs unique across tables, no duplicate entities or orphans;
   consistency: facts that cannot be true together (dates, cycles, duplicates, scripts, languages), and
   ``releases/redirects.csv`` beside the package (no cycle, no dangling target, no retired ID still live).

Every problem carries a stable code from :mod:`cicc_data.validation.codes`.
"""

from __future__ import annotations

from pathlib import Path

from ..compat import validation_note
from ..paths import resolve_descriptor
from .report import MAX_PROBLEMS, Problem, Report

__all__ = ["MAX_PROBLEMS", "Problem", "Report", "validate"]


def validate(path: str | Path | None = None) -> Report:
    """Validate the bundled package, or the one at ``path`` (a directory or a datapackage.json)."""
    # The layers load here, not with the package: load() reads schemas through validation.files, and the
    # model layer's Pydantic alone costs it some 60 ms and several MB.
    from . import consistency, cross_table, files, frictionless_layer, model_layer, redirect_check, text_layer

    descriptor_path = resolve_descriptor(path)
    root = descriptor_path.parent
    report = Report(str(descriptor_path))
    desc = files.load_descriptor(descriptor_path, report)
    if desc is None:
        return report
    tables = files.check_resources(desc, root, report)
    report.tables = len(tables)
    report.rows = sum(len(t.rows) for t in tables)
    text_layer.check(tables, report)
    flagged = frictionless_layer.check(tables, root, report)
    note = validation_note(str(desc.get("version", "")) if isinstance(desc, dict) else "")
    if note:  # another data model: its own schemas are checked above, this version's rules do not apply
        report.note = note
        return _finish(report)
    parsed = {t.name: t for t in tables if t.header_ok}
    model_layer.check(parsed, flagged, report)
    if not report.full:
        cross_table.check(parsed, report)
        consistency.check(parsed, desc, flagged, report)
        redirect_check.check(root, parsed, report)
    return _finish(report)


def _finish(report: Report) -> Report:
    report.truncated = report.truncated or report.full  # a layer may stop at the cap without trying to add more
    report.problems.sort(key=lambda p: (p.file, p.row or 0))
    return report
