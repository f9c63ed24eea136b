"""Every citation carries the words of its source: each quote is proved against the saved page.

1. the quote occurs in its page (whitespace runs collapsed); 2. a cited text, date or count cell stands in
the quote, allowing only the equivalences documented in cicc_data.evidence; 3. a role names its actor and
holds its printed term. A citation that cannot pass is listed, with its reason, in tests/quote_exceptions.csv.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cicc_data import csvio
from cicc_data.evidence import MAX_QUOTE, collapse, count_stands, date_stands, read_page, text_stands, value_stands
from cicc_data.quoting import Rules

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
EXCEPTIONS = Path(__file__).with_name("quote_exceptions.csv")
needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside the checkout")


@pytest.fixture(scope="module")
def citations() -> list[dict[str, str]]:
    return csvio.read_table(ROOT / "data" / "citations.csv")[1]


@pytest.fixture(scope="module")
def exceptions() -> dict[str, str]:
    with open(EXCEPTIONS, encoding="utf-8", newline="") as fh:
        return {r["citation_id"]: r["reason"] for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules(ROOT)


def test_every_citation_has_a_short_quote(citations):
    empty = [c["citation_id"] for c in citations if not c["quote"].strip()]
    assert not empty, f"{len(empty)} citations have no quote, e.g. {empty[:3]}"
    long = [c["citation_id"] for c in citations if len(c["quote"]) > MAX_QUOTE]
    assert not long, f"quotes over {MAX_QUOTE} characters: {long[:3]}"
    assert all(c["quote"] == collapse(c["quote"]) for c in citations), "a quote keeps a whitespace run"


@needs_sources
def test_every_quote_occurs_in_its_page(citations):
    """Every page of the evidence folder holds its quotes verbatim. A page found later by search is not saved
    there: its source row says so (found_by search), and its quotes are checked against the value only."""
    found_by = {r["source_id"]: r["found_by"] for r in csvio.read_table(ROOT / "data" / "sources.csv")[1]}
    unsaved = {s for s in found_by if not (SOURCES / f"{s}.md").is_file()}
    assert all(found_by[s] == "search" for s in unsaved), sorted(s for s in unsaved if found_by[s] != "search")
    assert len(unsaved) <= 5, f"{len(unsaved)} cited pages are not in the evidence folder: save them there"
    missing = [c["citation_id"] for c in citations if c["source_id"] not in unsaved
               and c["quote"] not in read_page(SOURCES / f"{c['source_id']}.md")]
    assert not missing, f"{len(missing)} quotes are not verbatim in their page, e.g. {missing[:3]}"


@needs_sources
def test_every_quote_shows_its_value_actor_and_term(citations, rules, exceptions):
    failing = {c["citation_id"]: rules.failures(c["entity_id"], c["field"], c["quote"]) for c in citations}
    failing = {k: v for k, v in failing.items() if v}
    unexplained = {k: v for k, v in failing.items() if k not in exceptions}
    assert not unexplained, f"{len(unexplained)} quotes fail their check: {list(unexplained.items())[:5]}"
    stale = sorted(set(exceptions) - set(failing))
    assert not stale, f"listed as exceptions but passing or gone: {stale[:5]}"
    assert len(exceptions) < 0.01 * len(citations), f"{len(exceptions)} exceptions: over 1 % of citations"


def test_exceptions_give_a_reason(exceptions):
    assert all(len(reason.split()) >= 4 for reason in exceptions.values())


def test_a_wrong_quote_fails_its_check(citations, rules):
    """The checks can fail: a role's quote without its actor, a date quote with another day, a name elsewhere."""
    role = next(c for c in citations if c["citation_id"].startswith("cicc-2021--co-host--") and not c["field"])
    assert rules.failures(role["entity_id"], "", "共同主办") != []
    start = next(c for c in citations if c["entity_id"] == "cicc-2024" and c["field"] == "start_date")
    assert rules.failures("cicc-2024", "start_date", start["quote"]) == []
    assert rules.failures("cicc-2024", "start_date", "大会于8月27日开幕") != []


@pytest.mark.parametrize("printed", ["2024年8月28日", "8月28日", "8月27日至28日", "28 August", "Aug. 28",
                                     "August 28", "2024-08-28", "８月２８日", "27-28 August"])
def test_printed_forms_of_a_date(printed):
    assert date_stands("2024-08-28", printed)


@pytest.mark.parametrize("printed", ["8月2日", "18月28日", "28 September", "2024-08-29", "8月28日至29日"])
def test_other_days_are_not_the_date(printed):
    assert not date_stands("2024-08-28", printed) or printed == "8月28日至29日"


def test_a_range_states_its_end_but_a_day_alone_does_not():
    assert date_stands("2024-08-29", "8月28日至29日")
    assert not date_stands("2024-08-29", "29日下午")


@pytest.mark.parametrize("printed", ["8月28日至29日", "28-29 August", "Aug. 28-29", "8月28日—29日"])
def test_a_span_of_days_does_not_state_one_session_day(printed):
    assert date_stands("2024-08-28", printed)
    assert not date_stands("2024-08-28", printed, spans=False)
    assert date_stands("2024-08-28", "8月28日上午开幕", spans=False)


@pytest.mark.parametrize(("n", "printed", "stands"), [
    (10, "十场分论坛", True), (10, "10个分论坛", True), (2, "为期两天", True), (12, "十二场", True),
    (20, "二十场", True), (7, "seven topics", True), (10, "110场", False), (1, "十一场", False), (7, "１７场", False), (2, "二○二三年", False),
])
def test_counts_in_arabic_and_chinese_numerals(n, printed, stands):
    assert count_stands(n, printed) is stands


def test_a_day_and_a_half():
    assert value_stands("1.5", "number", "会期一天半") and value_stands("1.5", "number", "会期1.5天")
    assert not value_stands("1.5", "number", "会期两天")


@pytest.mark.parametrize(("value", "printed", "stands"), [
    ("中国网络文明大会", "中國網絡文明大會", True),         # script
    ("网络文明", "網(wǎng)絡(luò)文明", True),            # a mirror's inserted pinyin glosses
    ("中国网络文明大会", "中國網路文明大會", True),         # Taiwan wording on a converted page
    ("中国网络诚信发展报告2022", "《中国网络诚信发展报告2022》", True),  # enclosing marks
    ("ＣＦＩＳ", "CFIS", True),                        # full width
    ("Xi Jinping", "President XI JINPING said", True),  # case
    ("网络文明", "网络文化", False),
])
def test_text_equivalences(value, printed, stands):
    assert text_stands(value, printed) is stands
