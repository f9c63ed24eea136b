"""The curated data itself: coverage of the editions, provenance, keys, entities, conflicts."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from cicc_data.schema import load_schema_dir
from cicc_data.text import fold

from .conftest import ROOT

SCHEMAS = load_schema_dir(ROOT / "schemas")
SOURCES_DIR = ROOT.parent / "shared" / "sources"


def rows(name: str) -> list[dict[str, str]]:
    with open(ROOT / "data" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


SOURCE_IDS = {r["source_id"] for r in rows("sources")}


@pytest.mark.parametrize("name", [n for n, s in SCHEMAS.items() if "source_ids" in s.field_names])
def test_every_row_cites_an_existing_source(name: str) -> None:
    for i, r in enumerate(rows(name), start=2):
        cited = [s for s in r["source_ids"].split(";") if s]
        assert cited, f"{name} row {i} cites no source"
        missing = set(cited) - SOURCE_IDS
        assert not missing, f"{name} row {i} cites unknown sources {missing}"


@pytest.mark.parametrize("name", [n for n, s in SCHEMAS.items() if s.foreign_keys])
def test_foreign_keys_resolve(name: str) -> None:
    for fk in SCHEMAS[name].foreign_keys:
        targets = {r[fk.ref_field] for r in rows(fk.table)}
        for i, r in enumerate(rows(name), start=2):
            assert r[fk.field] == "" or r[fk.field] in targets, f"{name} row {i}: {fk.field}={r[fk.field]!r}"


def test_polymorphic_references_resolve() -> None:
    tables = {"edition": "editions", "organization": "organizations", "person": "people", "post": "posts",
              "event": "events", "subforum": "subforums", "output": "outputs", "role": "roles"}
    ids = {k: {r[SCHEMAS[t].primary_key[0]] for r in rows(t)} for k, t in tables.items()}
    for name in ("names", "claims"):
        for i, r in enumerate(rows(name), start=2):
            assert r["entity_id"] in ids[r["entity_type"]], f"{name} row {i}: {r['entity_type']} {r['entity_id']}"


@pytest.mark.parametrize("table,key", [("organizations", "organization_id"), ("people", "person_id")])
def test_no_entity_under_two_ids(table: str, key: str) -> None:
    by_zh = defaultdict(set)
    for r in rows(table):
        if r["name_zh"]:
            by_zh[fold(r["name_zh"])].add(r[key])
    assert not {k: v for k, v in by_zh.items() if len(v) > 1}
    kind = "organization" if table == "organizations" else "person"
    by_name = defaultdict(set)
    for r in rows("names"):
        if r["entity_type"] == kind and r["property"] == "name":
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
    files = {p.stem for p in SOURCES_DIR.glob("*.md")}
    assert files <= SOURCE_IDS


def test_known_disagreements_stay_visible() -> None:
    claims = defaultdict(list)
    for r in rows("claims"):
        claims[(r["entity_id"], r["field"])].append(r)
    assert {c["value"] for c in claims[("cicc-2021", "subforums_announced")]} >= {"7", "5"}
    assert len(claims[("cicc-2021", "venue_zh")]) >= 2
    assert {c["value"] for c in claims[("cicc-2024", "end_date")]} >= {"2024-08-28", "2024-08-29"}
    for key, values in claims.items():
        assert sum(v["preferred"] == "true" for v in values) == 1, key


def test_weak_only_rows_are_flagged() -> None:
    grade = {r["source_id"]: r["reliability"] for r in rows("sources")}
    ed2026 = next(r for r in rows("editions") if r["year"] == "2026")
    assert all(grade[s] in ("mirror", "blog") for s in ed2026["source_ids"].split(";"))
    assert ed2026["weak_sources_only"] == "true"


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


