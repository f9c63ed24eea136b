"""Facts that each look fine but cannot be true together, made on resealed copies of the real data."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from .resealing import caught, cell, copy_row, damaged, descriptor, edit, row_number, validate_copy

ED21, ED22, ED23 = {"year": "2021"}, {"year": "2022"}, {"year": "2023"}
PERSON = {"person_id": "li-shulei"}
ZH_NAME = {"entity_id": "li-shulei", "language": "zh", "name": "李书磊"}
EN_NAME = {"entity_id": "li-shulei", "language": "en", "name": "Li Shulei"}
SOURCE = {"source_id": "undated_wikipedia-en_china-internet-civilization-conference"}
PRESS = {"event_id": "cicc-2023-press-conference-2023-06-29"}
OUTPUT = {"output_id": "cicc-2021-out-joint-action-initiative"}
ROLE = {"role_id": "cicc-2023--host--cac"}


def _swap_ordinals(pkg: Path) -> None:
    edit(pkg, "editions", ED22, ordinal="3")
    edit(pkg, "editions", ED23, ordinal="2")


def _late_source(pkg: Path) -> None:
    created = datetime.date.fromisoformat(descriptor(pkg)["created"][:10])
    edit(pkg, "sources", SOURCE, published=str(created + datetime.timedelta(days=30)))


def _parent_cycle(pkg: Path) -> None:
    edit(pkg, "organizations", {"organization_id": "central-cyberspace-affairs-commission"},
         parent_organization_id="cac-comprehensive-governance-bureau")


def _first_post(pkg: Path) -> dict[str, str]:
    from .resealing import read_csv

    rows = read_csv(pkg / "data" / "posts.csv")
    return {"post_id": rows[1][rows[0].index("post_id")]}


def _post_twice(pkg: Path) -> None:
    where = _first_post(pkg)
    copy_row(pkg, "posts", where, post_id=where["post_id"] + "-again")


def _source_copy(pkg: Path) -> None:
    copy_row(pkg, "sources", SOURCE, source_id="zzzz_nobody-cites-this")


# (id, damage, code, table, row picked after resealing, field)
Case = tuple[str, Callable[[Path], None], str, str, dict[str, str] | None, str | None]
CASES: list[Case] = [
    ("ordinals-out-of-year-order", _swap_ordinals, "ordinal-order", "editions", ED22, "ordinal"),
    ("edition-year-not-start-year", lambda p: edit(p, "editions", ED23, start_date="2024-07-18",
                                                   end_date="2024-07-19"),
     "edition-year", "editions", ED23, None),
    ("press-conference-long-before", lambda p: edit(p, "events", PRESS, date="2022-12-01"),
     "press-conference-early", "events", PRESS, "date"),
    ("zero-length", lambda p: edit(p, "editions", ED21, duration_days="0"), "length-not-positive", "editions",
     ED21, "duration_days"),
    ("longer-than-its-dates", lambda p: edit(p, "editions", ED21, duration_days="3"), "length-not-positive",
     "editions", ED21, "duration_days"),
    ("negative-length", lambda p: edit(p, "editions", ED21, duration_days="-1"), "constraint-error", "editions",
     ED21, "duration_days"),
    ("output-years-before-first-edition", lambda p: edit(p, "outputs", OUTPUT, date="2015-11-19"), "output-date",
     "outputs", OUTPUT, "date"),
    ("output-years-after-its-edition", lambda p: edit(p, "outputs", OUTPUT, date="2025-11-19"), "output-date",
     "outputs", OUTPUT, "date"),
    ("source-published-after-creation", _late_source, "source-after-release", "sources", SOURCE, "published"),
    ("parent-organization-cycle", _parent_cycle, "parent-cycle", "organizations", None, "parent_organization_id"),
    ("role-twice-under-two-ids", lambda p: copy_row(p, "roles", ROLE, role_id="cicc-2023--host--cac-2"),
     "duplicate-relation", "roles", {"role_id": "cicc-2023--host--cac-2"}, None),
    ("post-twice-under-two-ids", _post_twice, "duplicate-relation", "posts", None, None),
    ("person-traditional-and-simplified", lambda p: copy_row(p, "people", PERSON, person_id="li-shulei-2",
                                                             name_zh="李書磊"),
     "duplicate-entity", "people", {"person_id": "li-shulei-2"}, "name_zh"),
    ("organization-traditional-and-simplified", lambda p: copy_row(
        p, "organizations", {"organization_id": "cac"}, organization_id="cac-office",
        name_zh="中央網絡安全和信息化委員會辦公室"), "duplicate-entity", "organizations", None, "name_zh"),
    ("chinese-name-tagged-english", lambda p: edit(p, "names", ZH_NAME, language="en"), "script-mismatch", "names",
     {**ZH_NAME, "language": "en"}, "language"),
    ("english-name-tagged-chinese", lambda p: edit(p, "names", EN_NAME, language="zh"), "script-mismatch", "names",
     {**EN_NAME, "language": "zh"}, "language"),
    ("traditional-name-tagged-simplified", lambda p: edit(p, "names", ZH_NAME, name="李書磊"), "script-mismatch",
     "names", {**ZH_NAME, "name": "李書磊"}, "language"),
    ("language-not-bcp47", lambda p: edit(p, "sources", SOURCE, language="xx"), "language-tag", "sources", SOURCE,
     "language"),
    ("script-not-iso15924", lambda p: edit(p, "names", ZH_NAME, language="zh-Hanx"), "language-tag", "names",
     {**ZH_NAME, "language": "zh-Hanx"}, "language"),
    ("region-not-iso3166", lambda p: edit(p, "names", EN_NAME, language="en-ZZ"), "language-tag", "names",
     {**EN_NAME, "language": "en-ZZ"}, "language"),
    ("theme-of-a-person", lambda p: edit(p, "names", ZH_NAME, property="theme"), "property-not-applicable", "names",
     {**ZH_NAME, "property": "theme"}, "property"),
    ("venue-of-a-person", lambda p: edit(p, "names", ZH_NAME, property="venue"), "property-not-applicable", "names",
     {**ZH_NAME, "property": "venue"}, "property"),
    ("source-nothing-cites", _source_copy, "source-uncited", "sources", {"source_id": "zzzz_nobody-cites-this"},
     "source_id"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_facts_that_cannot_be_true_together(tmp_path: Path, case: Case) -> None:
    _, damage, code, table, where, field = case
    pkg = damaged(tmp_path, damage)
    row = row_number(pkg, table, where) if where else None
    caught(validate_copy(pkg), code, f"data/{table}.csv", row, field)


def test_edition_year_problem_names_its_row(tmp_path: Path) -> None:
    pkg = damaged(tmp_path, CASES[1][1])
    report = validate_copy(pkg)
    n = row_number(pkg, "editions", ED23)
    assert any(p.code == "edition-year" and p.row == n for p in report.problems)
    assert cell(pkg, "editions", ED23, "start_date") == "2024-07-18"
