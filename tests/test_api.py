"""The public Python API against the real data."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

import cicc_data
from cicc_data.schema import table_schema

from .conftest import ROOT


def test_version_matches_datapackage() -> None:
    desc = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert cicc_data.__version__ == desc["version"]


def test_import_is_light() -> None:
    code = ("import sys, cicc_data; heavy = [m for m in ('pandas', 'frictionless', 'pydantic', 'pyarrow') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_tables() -> None:
    names = cicc_data.tables()
    assert {"editions", "organizations", "people", "roles", "subforums", "sources", "names", "claims"} <= set(names)


@pytest.mark.parametrize("name", cicc_data.tables())
def test_load_types_follow_the_schema(name: str) -> None:
    df = cicc_data.load(name)
    schema = table_schema(name)
    assert list(df.columns) == schema.field_names
    assert isinstance(df.index, pd.RangeIndex)
    for f in schema.fields:
        dtype = df[f.name].dtype
        if f.type == "date":
            assert pd.api.types.is_datetime64_dtype(dtype), f.name
        elif f.enum:
            assert isinstance(dtype, pd.CategoricalDtype) and list(dtype.categories) == list(f.enum), f.name
        elif f.type == "integer":
            assert dtype == pd.Int64Dtype(), f.name
        elif f.type == "boolean":
            assert dtype == pd.BooleanDtype(), f.name
        elif f.type == "number":
            assert dtype == pd.Float64Dtype(), f.name
        else:
            assert isinstance(dtype, pd.StringDtype), f.name


def test_load_values() -> None:
    ed = cicc_data.load("editions").set_index("edition_id")
    assert ed.loc["cicc-2021", "start_date"] == pd.Timestamp("2021-11-19")
    assert ed.loc["cicc-2025", "subforums_announced"] == 14
    assert ed.loc["cicc-2024", "duration_days"] == 1.5
    assert pd.isna(ed.loc["cicc-2026", "end_date"])


def test_load_unknown_table_says_which_exist() -> None:
    with pytest.raises(KeyError, match="editions"):
        cicc_data.load("nope")


def test_load_all() -> None:
    frames = cicc_data.load_all()
    assert list(frames) == cicc_data.tables()
    assert all(len(f) > 0 for f in frames.values())


def test_records_are_pydantic_models() -> None:
    people = cicc_data.records("people")
    li = next(p for p in people if p.person_id == "li-shulei")
    assert li.name_zh == "李书磊"
    assert li.name_en == "Li Shulei"
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        li.name_zh = "x"  # frozen


def test_edition_nests_everything() -> None:
    ed = cicc_data.edition(2021)
    assert ed.edition.city_en == "Beijing"
    assert any(a.role.role_kind == "co-host" and a.organization.organization_id == "cac" for a in ed.organizations)
    assert ed.press_conferences and ed.press_conferences[0].event.date.isoformat() == "2021-11-16"
    assert any(a.person and a.role.title_zh for a in ed.press_conferences[0].actors)
    assert len([s for s in ed.subforums if s.subforum.kind == "subforum"]) == 7
    assert ed.outputs and ed.claims
    cited = {s.source_id for s in ed.sources}
    assert set(ed.provenance[""].source_ids) <= cited
    venue = ed.provenance["venue_zh"]
    assert venue.source_ids and not venue.weak and set(venue.source_ids) <= cited
    assert [e.source_id for e in venue.evidence] == list(venue.source_ids)
    assert all("国家会议中心" in q or "國家會議中心" in q for q in venue.quotes.values()), venue.quotes
    with pytest.raises(KeyError, match="2021"):
        cicc_data.edition(1999)


@pytest.mark.parametrize("query,expected", [
    ("中央网信办", "cac"),
    ("Cyberspace Administration of China", "cac"),
    ("cyberspace administration of china", "cac"),
    ("李书磊", "li-shulei"),
    ("Li Shulei", "li-shulei"),
    ("lishulei", "li-shulei"),
    ("Central Civilization Office", "central-civilization-office"),
])
def test_find_resolves_variants(query: str, expected: str) -> None:
    ids = [m.entity_id for m in cicc_data.find(query)]
    assert expected in ids


def test_find_partial_and_empty() -> None:
    assert cicc_data.find("") == []
    assert any(m.entity_id == "cac" and not m.exact for m in cicc_data.find("Cyberspace Administ"))


def test_validate_bundled_package_is_valid() -> None:
    report = cicc_data.validate()
    assert not report.problems, str(report)
    assert report.tables == len(cicc_data.tables()) and report.rows > 1000


@pytest.mark.parametrize("style,needle", [("apa", "(Version " + cicc_data.__version__ + ")"),
                                          ("bibtex", "version = {" + cicc_data.__version__ + "}")])
def test_citation(style: str, needle: str) -> None:
    assert needle in cicc_data.citation(style)


def test_citation_rejects_unknown_style() -> None:
    with pytest.raises(ValueError):
        cicc_data.citation("mla")


def test_polars_engine_uses_the_same_mapping() -> None:
    pl = pytest.importorskip("polars")
    df = cicc_data.load("editions", engine="polars")
    assert df.schema["start_date"] == pl.Date
    assert isinstance(df.schema["format"], pl.Enum)
    assert df.schema["attendance"] == pl.Int64
    assert cicc_data.load("citations", engine="polars").schema["weak"] == pl.Boolean
    assert df.height == len(cicc_data.load("editions"))
