"""Layer 3 (cross-table): rules the data model states about provenance and claims.

- A cell is either cited (sources state it) or marked in ``curator_values`` (the curators made it),
  not both; only a ``script-conversion`` (a simplified form of a name printed in traditional script)
  is both, and it must cite the page that prints the traditional form.
- A claim is a disagreement between sources: a claimed field carries at least two different values.
"""

from __future__ import annotations

from collections import defaultdict

from .files import Table
from .report import Problem, Report

BOTH_CITED_AND_CURATED = frozenset({"script-conversion"})
"""Curator methods whose cells also cite sources (the page printing the form converted from)."""


def check(tables: dict[str, Table], report: Report) -> None:
    _curated_and_cited(tables, report)
    _single_value_claims(tables, report)


def _curated_and_cited(tables: dict[str, Table], report: Report) -> None:
    cit, cur = tables.get("citations"), tables.get("curator_values")
    if cit is None or cur is None or "method" not in cur.schema.field_names:
        return
    cited = {(r["entity_id"], r["field"]) for _, r in cit.rows if r["field"]}
    for n, r in cur.rows:
        key, method = (r["entity_id"], r["field"]), r["method"]
        if method in BOTH_CITED_AND_CURATED and key not in cited:
            report.add(Problem("cross-table", cur.file, n, "method",
                               f"{key[0]}.{key[1]} is a {method} but cites no source: cite the page that prints the "
                               "form it was converted from", "conversion-uncited"))
        elif method not in BOTH_CITED_AND_CURATED and key in cited:
            report.add(Problem("cross-table", cur.file, n, "method",
                               f"{key[0]}.{key[1]} cites sources yet is marked as the curators' {method}: a cell "
                               "is stated by sources or made by the curators, not both (only a script-conversion "
                               "is both)", "curated-and-cited"))


def _single_value_claims(tables: dict[str, Table], report: Report) -> None:
    t = tables.get("claims")
    if t is None or not {"entity_id", "field", "value"} <= set(t.schema.field_names):
        return
    values: dict[tuple[str, str], set[str]] = defaultdict(set)
    first: dict[tuple[str, str], int] = {}
    for n, r in t.rows:
        key = (r["entity_id"], r["field"])
        values[key].add(r["value"])
        first.setdefault(key, n)
    for key, vals in values.items():
        if len(vals) < 2:
            report.add(Problem("cross-table", t.file, first[key], "value",
                               f"{key[0]}.{key[1]} is claimed with a single value {next(iter(vals))[:60]!r}: a "
                               "claim records sources that disagree, so it needs two values or more (or make it "
                               "a note)", "claim-single-value"))
