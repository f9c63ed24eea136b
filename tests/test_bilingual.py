"""The data reads the same way in both languages and across editions (one script, one vocabulary)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from .conftest import ROOT, rows

opencc = pytest.importorskip("opencc")
T2S = opencc.OpenCC("t2s")
CJK = re.compile(r"[\u3400-\u9fff]")


def schema(name: str) -> dict:
    return json.loads((ROOT / "schemas" / f"{name}.json").read_text(encoding="utf-8"))


MAIN_TABLES = ["editions", "organizations", "people", "posts", "events", "subforums", "outputs", "roles"]
PAIRS = {  # Chinese column -> its English column
    "name_zh": "name_en", "title_zh": "title_en", "theme_zh": "theme_en", "city_zh": "city_en",
    "province_zh": "province_en", "venue_zh": "venue_en", "place_zh": "place_en",
}
CITED = {(c["entity_id"], c["field"]) for c in rows("citations")}
CURATED = {(c["entity_id"], c["field"]): c["method"] for c in rows("curator_values")}


def key(table: str) -> str:
    return schema(table)["primaryKey"][0]


@pytest.mark.parametrize("table", MAIN_TABLES)
def test_canonical_chinese_columns_are_simplified(table: str) -> None:
    for r in rows(table):
        for f, v in r.items():
            if f.endswith("_zh") and v:
                assert T2S.convert(v) == v, f"{table} {r[key(table)]}.{f} is not in simplified script: {v}"


@pytest.mark.parametrize("table", MAIN_TABLES)
def test_every_named_cell_has_english_printed_or_marked(table: str) -> None:
    for r in rows(table):
        eid = r[key(table)]
        for zh, en in PAIRS.items():
            if zh in r and r[zh]:
                assert r.get(en), f"{table} {eid}: {zh}={r[zh]!r} has no {en}"
                assert (eid, en) in CITED or CURATED.get((eid, en)) in ("translation", "romanization", "inferred"), \
                    f"{table} {eid}.{en} is neither cited nor marked as the curators' translation"


def test_curator_translations_are_names_of_their_own_type() -> None:
    names = defaultdict(set)
    for n in rows("names"):
        names[(n["entity_id"], n["name"])].add(n["name_type"])
    for table in MAIN_TABLES:
        for r in rows(table):
            eid = r[key(table)]
            for en in ("name_en", "title_en"):
                if CURATED.get((eid, en)) == "translation" and table not in ("roles", "posts"):
                    assert "curator-translation" in names[(eid, r[en])], (table, eid, r[en])


def test_people_have_pinyin_family_name_first() -> None:
    rom = {n["entity_id"]: n["name"] for n in rows("names")
           if n["name_type"] in ("romanization", "curator-romanization") and n["language"] == "zh-Latn"}
    for p in rows("people"):
        if CJK.search(p["name_zh"]):
            assert p["person_id"] in rom, p["person_id"]
            family = unicodedata.normalize("NFKD", rom[p["person_id"]].split()[0].lower())
            assert "".join(c for c in family if c.isalpha()) == p["person_id"].split("-")[0], p["person_id"]


def test_places_are_written_one_way() -> None:
    eds = rows("editions")
    for e in eds:
        assert e["city_zh"] and not e["city_zh"].endswith("市"), e["edition_id"]
        assert re.search(r"(省|市|自治区)$", e["province_zh"]), e["edition_id"]
        assert re.search(r" (Province|Municipality|Autonomous Region)$", e["province_en"]), e["edition_id"]
        assert e["city_en"] and e["city_en"] == e["city_en"].title(), e["edition_id"]


def test_titles_carry_no_enclosing_book_title_marks() -> None:
    for table in MAIN_TABLES:
        for r in rows(table):
            for f, v in r.items():
                if f.endswith("_zh") and v:
                    assert not (v.startswith("《") and v.endswith("》")), (table, r[key(table)], f)


def _kind_terms() -> dict[str, set[str]]:
    desc = next(f for f in schema("roles")["fields"] if f["name"] == "role_kind")["description"]
    out = {}
    for kind, terms in re.findall(r"([a-z-]+) \(([^)]*)\)", desc):
        out[kind] = set(re.findall(r"[\u4e00-\u9fff]+", terms))
    return out


def test_role_kinds_are_defined_by_their_chinese_terms() -> None:
    defined = _kind_terms()
    enum = next(f for f in schema("roles")["fields"] if f["name"] == "role_kind")["constraints"]["enum"]
    assert set(enum) <= set(defined), set(enum) - set(defined)
    owner = {t: k for k, ts in defined.items() for t in ts}
    assert len(owner) == sum(len(ts) for ts in defined.values()) - len(
        [t for t in owner if sum(t in ts for ts in defined.values()) > 1]), "a term defines two kinds"
    kept = [r for r in rows("roles") if r["term_zh"]]
    assert len(kept) > 150
    for r in kept:
        if r["term_zh"] in owner and r["role_kind"] not in ("moderator", "presider"):
            assert owner[r["term_zh"]] == r["role_kind"], (r["role_id"], r["term_zh"], r["role_kind"])


def test_co_host_means_jointly_hosted() -> None:
    for r in rows("roles"):
        if r["role_kind"] in ("host", "co-host") and r["term_zh"]:
            assert (r["term_zh"] in ("共同主办", "联合主办")) == (r["role_kind"] == "co-host"), r["role_id"]


def test_sub_forums_carry_a_topic_from_the_vocabulary() -> None:
    field = next(f for f in schema("subforums")["fields"] if f["name"] == "topic")
    vocab = field["constraints"]["enum"]
    assert [c["value"] for c in field["categories"]] == vocab  # Data Package v2 categories, in enum order
    assert all(CJK.search(c["labelZh"]) and c["label"] and not CJK.search(c["label"]) for c in field["categories"])
    sessions = rows("subforums")
    with_topic = [s for s in sessions if s["topic"] in vocab]
    assert len(with_topic) >= 0.95 * len(sessions)
    by_topic = defaultdict(set)
    for s in sessions:
        by_topic[s["topic"]].add(s["edition_id"])
    assert len(by_topic["rumor-refutation"]) >= 4  # one group-by follows a theme across editions


def test_topics_figure_regenerates(tmp_path: Path) -> None:
    out = tmp_path / "topics.png"
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "topics_figure.py"), "--out", str(out)],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000
    assert "glyph" not in res.stderr.lower()


def test_glossary_renders_each_term_one_way() -> None:
    gloss = rows("glossary")
    assert len(gloss) >= 30
    terms = [g["term_zh"] for g in gloss]
    assert len(terms) == len(set(terms))
    assert {"网信办", "分论坛", "主论坛", "网络文明"} <= set(terms)
