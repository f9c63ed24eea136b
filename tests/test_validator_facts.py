"""Facts that each look fine but cannot be true together, made on resealed copies of the real data."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from cicc_data.validation import Report

from .resealing import caught, copy_row, damaged, descriptor, edit, read_csv, row_number, validate_copy

ED21, ED22, ED23, ED24 = {"year": "2021"}, {"year": "2022"}, {"year": "2023"}, {"year": "2024"}
PERSON = {"person_id": "li-shulei"}
SOURCE = {"source_id": "undated_wikipedia-en_china-internet-civilization-conference"}
SOURCE2 = {"source_id": "2018-05-11_globaltimes-pdnews_cfis-formed"}
SOURCE3 = {"source_id": "2018-05-11_newamerica-digichina_cfis-launch"}
PRESS = {"event_id": "cicc-2023-press-conference-2023-06-29"}
OUTPUT = {"output_id": "cicc-2021-out-joint-action-initiative"}
OUTPUT2 = {"output_id": "cicc-2021-out-ten-major-events"}
ROLE = {"role_id": "cicc-2023--co-host--cac"}


def _name(person: str, language: str, name: str) -> dict[str, str]:
    return {"entity_id": person, "language": language, "name": name}


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
    rows = read_csv(pkg / "data" / "posts.csv")
    return {"post_id": rows[1][rows[0].index("post_id")]}


def _post_twice(pkg: Path) -> None:
    where = _first_post(pkg)
    copy_row(pkg, "posts", where, post_id=where["post_id"] + "-again")


# (id, damage, code, table, row picked after resealing, field). The damages touch different rows and
# are made together in one resealed copy, validated once; each test looks for its own problem.
Case = tuple[str, Callable[[Path], None], str, str, dict[str, str] | None, str | None]
CASES: list[Case] = [
    ("ordinals-out-of-year-order", _swap_ordinals, "ordinal-order", "editions", ED22, "ordinal"),
    ("press-conference-long-before", lambda p: edit(p, "events", PRESS, date="2022-12-01"),
     "press-conference-early", "events", PRESS, "date"),
    ("zero-length", lambda p: edit(p, "editions", ED21, duration_days="0"), "length-not-positive", "editions",
     ED21, "duration_days"),
    ("longer-than-its-dates", lambda p: edit(p, "editions", ED23, duration_days="5"), "length-not-positive",
     "editions", ED23, "duration_days"),
    ("negative-length", lambda p: edit(p, "editions", ED24, duration_days="-1"), "constraint-error", "editions",
     ED24, "duration_days"),
    ("output-years-before-first-edition", lambda p: edit(p, "outputs", OUTPUT, date="2015-11-19"), "output-date",
     "outputs", OUTPUT, "date"),
    ("output-years-after-its-edition", lambda p: edit(p, "outputs", OUTPUT2, date="2025-11-19"), "output-date",
     "outputs", OUTPUT2, "date"),
    ("source-published-after-creation", _late_source, "source-after-release", "sources", SOURCE, "published"),
    ("parent-organization-cycle", _parent_cycle, "parent-cycle", "organizations", None, "parent_organization_id"),
    ("role-twice-under-two-ids", lambda p: copy_row(p, "roles", ROLE, role_id="cicc-2023--co-host--cac-2"),
     "duplicate-relation", "roles", {"role_id": "cicc-2023--co-host--cac-2"}, None),
    ("post-twice-under-two-ids", _post_twice, "duplicate-relation", "posts", None, None),
    ("person-traditional-and-simplified", lambda p: copy_row(p, "people", PERSON, person_id="li-shulei-2",
                                                             name_zh="李書磊"),
     "duplicate-entity", "people", {"person_id": "li-shulei-2"}, "name_zh"),
    ("organization-traditional-and-simplified", lambda p: copy_row(
        p, "organizations", {"organization_id": "cac"}, organization_id="cac-office",
        name_zh="中央網絡安全和信息化委員會辦公室"), "duplicate-entity", "organizations", None, "name_zh"),
    ("chinese-name-tagged-english", lambda p: edit(p, "names", _name("chen-changfeng", "zh", "陈昌凤"), language="en"),
     "script-mismatch", "names", _name("chen-changfeng", "en", "陈昌凤"), "language"),
    ("english-name-tagged-chinese", lambda p: edit(p, "names", _name("cac", "en", "Cyberspace Administration of China"),
                                                   language="zh"),
     "script-mismatch", "names", _name("cac", "zh", "Cyberspace Administration of China"), "language"),
    ("traditional-name-tagged-simplified", lambda p: edit(p, "names", _name("chen-xuerong", "zh", "陈雪嵘"),
                                                          name="陳雪嶸"),
     "script-mismatch", "names", _name("chen-xuerong", "zh", "陳雪嶸"), "language"),
    ("language-not-bcp47", lambda p: edit(p, "sources", SOURCE2, language="xx"), "language-tag", "sources", SOURCE2,
     "language"),
    ("script-not-iso15924", lambda p: edit(p, "names", _name("chen-yao", "zh", "陈瑶"), language="zh-Hanx"),
     "language-tag", "names", _name("chen-yao", "zh-Hanx", "陈瑶"), "language"),
    ("region-not-iso3166", lambda p: edit(p, "names", _name("cheng-hanfei", "zh-Latn", "Cheng Hanfei"),
                                                  language="en-ZZ"),
     "language-tag", "names", _name("cheng-hanfei", "en-ZZ", "Cheng Hanfei"), "language"),
    ("theme-of-a-person", lambda p: edit(p, "names", _name("dong-yuhui", "zh-Hant", "董宇輝"), property="theme"),
     "property-not-applicable", "names", {**_name("dong-yuhui", "zh-Hant", "董宇輝"), "property": "theme"}, "property"),
    ("venue-of-a-person", lambda p: edit(p, "names", _name("chu-xuejun", "zh", "储学军"), property="venue"),
     "property-not-applicable", "names", {**_name("chu-xuejun", "zh", "储学军"), "property": "venue"}, "property"),
    ("source-nothing-cites", lambda p: copy_row(p, "sources", SOURCE3, source_id="zzzz_nobody-cites-this"),
     "source-uncited", "sources", {"source_id": "zzzz_nobody-cites-this"}, "source_id"),
]


@pytest.fixture(scope="module")
def all_damaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    def damage(pkg: Path) -> None:
        for case in CASES:
            case[1](pkg)
    pkg = damaged(tmp_path_factory.mktemp("facts"), damage)
    return pkg, validate_copy(pkg)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_facts_that_cannot_be_true_together(all_damaged: tuple[Path, Report], case: Case) -> None:
    _, _, code, table, where, field = case
    pkg, report = all_damaged
    row = row_number(pkg, table, where) if where else None
    caught(report, code, f"data/{table}.csv", row, field)


def test_edition_year_not_its_start_dates_year(tmp_path: Path) -> None:
    pkg = damaged(tmp_path, lambda p: edit(p, "editions", ED23, start_date="2024-07-18", end_date="2024-07-19"))
    caught(validate_copy(pkg), "edition-year", "data/editions.csv", row_number(pkg, "editions", ED23))


def test_each_fact_alone_is_caught_without_the_others(tmp_path: Path) -> None:
    """Spot check that a damage is caught on its own, not only beside the others."""
    for i, case in enumerate(CASES[::5]):
        pkg = damaged(tmp_path / str(i), case[1])
        caught(validate_copy(pkg), case[2], f"data/{case[3]}.csv", row_number(pkg, case[3], case[4])
               if case[4] else None, case[5])
