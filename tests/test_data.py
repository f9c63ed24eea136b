"""The curated data itself: coverage of the editions, provenance, keys, entities, conflicts."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from cicc_data import _tables
from cicc_data.schema import load_schema_dir
from cicc_data.text import fold

from .conftest import ROOT, rows

SCHEMAS = load_schema_dir(ROOT / "schemas")
SOURCES_DIR = ROOT.parent / "shared" / "sources"


SOURCE_IDS = {r["source_id"] for r in rows("sources")}


ENTITY_TABLES = list(_tables.ENTITY_TABLES)
ENTITY_OF = {r["entity_id"]: r["table"] for r in rows("entities")}
CITED = defaultdict(set)
for _c in rows("citations"):
    CITED[(_c["entity_id"], _c["field"])].add(_c["source_id"])
CURATED = {(r["entity_id"], r["field"]): r for r in rows("curator_values")}


@pytest.mark.parametrize("name", ENTITY_TABLES)
def test_every_row_is_cited_by_an_existing_source(name: str) -> None:
    key = SCHEMAS[name].primary_key[0]
    for i, r in enumerate(rows(name), start=2):
        if r.get("name_type", "").startswith("curator-"):
            assert (r[key], "") not in CITED, f"{name} row {i}: a curators' rendering cites a source"
            continue
        cited = CITED.get((r[key], ""), set())
        assert cited, f"{name} row {i} ({r[key]}) is not cited"
        assert cited <= SOURCE_IDS, f"{name} row {i} cites unknown sources {cited - SOURCE_IDS}"


def test_at_least_99_percent_of_factual_cells_cite_their_own_sources() -> None:
    total = cited = 0
    uncovered = []
    for name in ENTITY_TABLES:
        key = SCHEMAS[name].primary_key[0]
        for r in rows(name):
            for f in SCHEMAS[name].cited_fields:
                if not r[f]:
                    continue
                total += 1
                if (r[key], f) in CITED:
                    cited += 1
                elif (r[key], f) not in CURATED:
                    uncovered.append((name, r[key], f))
    assert total > 1000
    assert not uncovered, uncovered[:10]
    # every cell is cited or marked as the curators' own (mostly English the curators wrote)
    curated = sum(1 for (e, f) in CURATED if f in ("name_en", "title_en", "theme_en", "place_en", "venue_en"))
    assert cited + len([k for k in CURATED]) >= total and cited / (total - curated) >= 0.95, (cited, total, curated)
    # values the curators read (a day from a weekday, a session's place from the conference's) stay rare
    readings = sum(1 for r in CURATED.values() if r["method"] == "inferred")
    assert readings <= 0.05 * total, (readings, total)


def test_citations_name_real_cells() -> None:
    for c in rows("citations"):
        table = ENTITY_OF[c["entity_id"]]
        assert c["field"] in ("", "notes", *SCHEMAS[table].cited_fields), c
        assert c["source_id"] in SOURCE_IDS


def test_entities_list_every_row_once() -> None:
    listed = [r["entity_id"] for r in rows("entities")]
    expected = [r[SCHEMAS[n].primary_key[0]] for n in ENTITY_TABLES for r in rows(n)]
    assert sorted(listed) == sorted(expected)
    assert len(set(listed)) == len(listed)


@pytest.mark.parametrize("name", [n for n, s in SCHEMAS.items() if s.foreign_keys])
def test_foreign_keys_resolve(name: str) -> None:
    for fk in SCHEMAS[name].foreign_keys:
        targets = {r[fk.ref_field] for r in rows(fk.table)}
        for i, r in enumerate(rows(name), start=2):
            assert r[fk.field] == "" or r[fk.field] in targets, f"{name} row {i}: {fk.field}={r[fk.field]!r}"


def test_names_and_claims_point_at_entities() -> None:
    for name in ("names", "claims", "citations", "curator_values"):
        for i, r in enumerate(rows(name), start=2):
            assert r["entity_id"] in ENTITY_OF, f"{name} row {i}: {r['entity_id']}"


@pytest.mark.parametrize("table,key", [("organizations", "organization_id"), ("people", "person_id")])
def test_no_entity_under_two_ids(table: str, key: str) -> None:
    by_zh = defaultdict(set)
    for r in rows(table):
        if r["name_zh"]:
            by_zh[fold(r["name_zh"])].add(r[key])
    assert not {k: v for k, v in by_zh.items() if len(v) > 1}
    by_name = defaultdict(set)
    for r in rows("names"):
        if ENTITY_OF[r["entity_id"]] == table and r["property"] == "name":
            by_name[(r["language"], fold(r["name"]))].add(r["entity_id"])
    assert not {k: v for k, v in by_name.items() if len(v) > 1}


def test_all_six_editions_present() -> None:
    eds = {r["year"]: r for r in rows("editions")}
    assert sorted(eds) == ["2021", "2022", "2023", "2024", "2025", "2026"]
    assert [eds[y]["city_en"] for y in sorted(eds)] == ["Beijing", "Tianjin", "Xiamen", "Chengdu", "Hefei", "Nanning"]
    assert eds["2025"]["subforums_announced"] == "14"
    assert eds["2021"]["start_date"] == "2021-11-19"


def test_the_founding_documents_are_sources() -> None:
    urls = {r["url"] for r in rows("sources")}
    assert "https://en.wikipedia.org/wiki/China_Internet_Civilization_Conference" in urls
    assert any("tellerreport.com" in u for u in urls)


@pytest.mark.skipif(not SOURCES_DIR.is_dir(), reason="../shared/sources is not beside the checkout")
def test_every_evidence_file_is_a_source_row() -> None:
    """Each page is a source row under its file name, or (a second capture of one URL) its redirect is."""
    redirects = {r["old_id"]: r["new_id"] for r in csv.DictReader(open(ROOT / "releases" / "redirects.csv",
                                                                     encoding="utf-8"))}
    urls = {r["source_id"]: r["url"] for r in rows("sources")}
    for p in SOURCES_DIR.glob("*.md"):
        sid = redirects.get(p.stem, p.stem)
        assert sid in SOURCE_IDS, p.name
        url = next(line for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("url:"))
        assert url.split(":", 1)[1].strip() == urls[sid], p.name


def test_known_disagreements_stay_visible() -> None:
    claims = defaultdict(list)
    for r in rows("claims"):
        claims[(r["entity_id"], r["field"])].append(r)
    assert {c["value"] for c in claims[("cicc-2021", "subforums_announced")]} >= {"7", "5"}
    assert len(claims[("cicc-2021", "venue_zh")]) >= 2
    assert {c["value"] for c in claims[("cicc-2024", "duration_days")]} >= {"1.5", "2"}
    for key, values in claims.items():
        assert sum(v["preferred"] == "true" for v in values) == 1, key
        # a disagreement between sources: each value is printed by sources of its own
        cited = [frozenset(CITED[(v["claim_id"], "")]) for v in values]
        assert all(cited) and len(values) >= 2, key


def test_weak_facts_are_flagged_fact_by_fact() -> None:
    grade = {r["source_id"]: r["reliability"] for r in rows("sources")}
    weak = {(c["entity_id"], c["field"]): c["weak"] == "true" for c in rows("citations")}
    for (eid, fld), sources in CITED.items():
        assert weak[(eid, fld)] == all(grade[s] in ("mirror", "blog", "generated") for s in sources), (eid, fld)
    assert weak[("cicc-2026", "")] and weak[("cicc-2026", "city_en")]
    assert not weak[("cicc-2021", "start_date")]


def test_no_two_source_rows_share_a_url() -> None:
    urls = [r["url"] for r in rows("sources")]
    assert len(urls) == len(set(urls))


def test_variant_names_belong_to_one_organization() -> None:
    cac = {r["name"] for r in rows("names") if r["entity_id"] == "cac"}
    assert {"中央网信办", "Cyberspace Administration of China"} <= cac


def test_csvs_are_utf8_lf_and_sorted() -> None:
    for name, schema in SCHEMAS.items():
        blob = (ROOT / "data" / f"{name}.csv").read_bytes()
        assert b"\r" not in blob and not blob.startswith(b"\xef\xbb\xbf"), name
        keys = [tuple(r[k] for k in schema.primary_key) for r in rows(name)]
        assert keys == sorted(keys), f"{name} is not sorted by its primary key"


def test_generated_files_are_fresh() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_frictionless_reference_validator_accepts_the_package() -> None:
    from frictionless import Package

    report = Package(str(ROOT / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


