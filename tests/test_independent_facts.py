"""The data held against facts gathered separately from the same evidence pages.

tests/fixtures/independent_facts.csv was compiled by a reader who saw only ../shared/sources, never
the dataset: per edition, the dates, city, sub-forum count, theme, press-conference date, hosts,
speakers and sub-forum titles the pages print, each with the pages that print it. Every fact must
be in the data (as the kept value, a claim or a name) unless KNOWN_DIFFERENCES explains why not.
"""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from .conftest import ROOT, rows

opencc = pytest.importorskip("opencc")
T2S = opencc.OpenCC("t2s")


def norm(text: str) -> str:
    """Compare across scripts, spacing and the punctuation the pages vary."""
    out = T2S.convert(text)
    for ch in " \u3000,，、“”\"《》":
        out = out.replace(ch, "")
    return out.removesuffix("分论坛").removesuffix("论坛")


KNOWN_DIFFERENCES = {
    # (edition, fact, value): why the data does not hold it
    ("2021", "theme_zh", "汇聚向上向善力量,携手建设网路文明"): "an aggregator's rewrite that puts 网路 for every 网络; not a name",
    ("2023", "subforum_title_zh", "海峽兩岸青少年網路素養建設論壇"): "a page converted to Taiwan wording, 網路 for every 網絡",
    ("2025", "theme_zh", "匯聚網路正能量 引領時代新風尚"): "a page converted to Taiwan wording, 網路 for every 網絡",
}

EDITIONS = {r["year"]: r for r in rows("editions")}
CLAIMS = defaultdict(set)
for _r in rows("claims"):
    CLAIMS[(_r["entity_id"], _r["field"])].add(_r["value"])
NAMES = defaultdict(set)
for _r in rows("names"):
    NAMES[_r["entity_id"]].add(norm(_r["name"]))
ORGS = {r["organization_id"]: r for r in rows("organizations")}
PEOPLE = {r["person_id"]: r for r in rows("people")}
ROLES = rows("roles")
EVENTS = rows("events")
SUBFORUMS = rows("subforums")
FACTS = list(csv.DictReader(open(ROOT / "tests" / "fixtures" / "independent_facts.csv", encoding="utf-8")))


def holds(f: dict[str, str]) -> bool:
    year, fact, value = f["edition"], f["fact"], f["value"]
    ed = EDITIONS[year]
    eid = ed["edition_id"]
    if fact in ("start_date", "end_date", "city_zh", "city_en", "subforums_announced", "theme_zh"):
        return norm(value) in {norm(v) for v in {ed[fact], *CLAIMS[(eid, fact)]} | NAMES[eid] if v}
    if fact == "press_conference_date":
        return any(e["date"] == value for e in EVENTS if e["edition_id"] == eid and e["kind"] == "press-conference")
    if fact == "host_zh":
        hosts = [r["organization_id"] for r in ROLES if r["edition_id"] == eid and not r["event_id"]
                 and not r["subforum_id"] and r["role_kind"] in ("host", "co-host")]
        return any(norm(value) == norm(ORGS[o]["name_zh"]) or norm(value) in NAMES[o] for o in hosts)
    if fact == "speaker_zh":
        name = value.split("|")[0]
        pids = {p for p, r in PEOPLE.items() if norm(r["name_zh"]) == norm(name) or norm(name) in NAMES[p]}
        return any(r["person_id"] in pids for r in ROLES if r["edition_id"] == eid)
    title, _, date = value.partition("|")
    hits = [s for s in SUBFORUMS if s["edition_id"] == eid and norm(title) in
            {norm(s["title_zh"]), norm(s["theme_zh"]), *NAMES[s["subforum_id"]]} - {""}]
    return bool(hits) and (fact == "subforum_title_zh" or any(s["date"] == date for s in hits))


def test_fixture_covers_every_edition_and_kind_of_fact() -> None:
    assert {f["edition"] for f in FACTS} == set(EDITIONS)
    assert len(FACTS) > 100
    assert {f["fact"] for f in FACTS} >= {"start_date", "city_zh", "host_zh", "speaker_zh", "subforum_title_zh"}


def test_independently_gathered_facts_are_in_the_data() -> None:
    missing = [(f["edition"], f["fact"], f["value"]) for f in FACTS
               if not holds(f) and (f["edition"], f["fact"], f["value"]) not in KNOWN_DIFFERENCES]
    assert not missing, missing


def test_known_differences_are_still_differences() -> None:
    """An explanation that no longer applies is removed, so the list never hides a real gap."""
    by_key = {(f["edition"], f["fact"], f["value"]): f for f in FACTS}
    for key in KNOWN_DIFFERENCES:
        assert key in by_key and not holds(by_key[key]), key
