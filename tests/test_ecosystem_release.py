"""The release zip is the dataset: it opens in mlcroissant, Hugging Face datasets, frictionless and the API."""

from __future__ import annotations

import datetime
import json
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

import cicc_data

from .conftest import ROOT, rows, run_cli

sys.path.insert(0, str(ROOT / "scripts"))
import release  # noqa: E402

VERSION = cicc_data.__version__


@pytest.fixture(scope="module")
def release_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("release") / f"cicc-data-{VERSION}.zip"
    release.build_zip(dest, VERSION, cicc_data.__release_date__)
    return dest


@pytest.fixture(scope="module")
def unpacked(release_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(release_zip) as zf:
        zf.extractall(dest)
    return dest / f"cicc-data-{VERSION}"


def test_zip_holds_the_whole_dataset(release_zip: Path) -> None:
    names = {n.split("/", 1)[1] for n in zipfile.ZipFile(release_zip).namelist()}
    for member in ("datapackage.json", "croissant.json", "README.md", "LICENSE-DATA", "CITATION.cff",
                   ".zenodo.json", "docs/data-dictionary.md"):
        assert member in names, member
    for name in cicc_data.tables():
        assert f"data/{name}.csv" in names and f"schemas/{name}.json" in names


def test_dataset_card_says_what_sources_licence_limits_and_citation(unpacked: Path) -> None:
    text = (unpacked / "README.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["license"] == "cc-by-4.0"
    assert [c["config_name"] for c in meta["configs"]] == cicc_data.tables()
    for heading in ("## Sources", "## Limits", "## Licence", "## How to cite"):
        assert heading in text
    assert "weak" in text and "2026" in text and "@misc{" in text


def test_hugging_face_datasets_reads_each_table_by_name(unpacked: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets = pytest.importorskip("datasets")
    eds = datasets.load_dataset(str(unpacked), "editions", cache_dir=str(tmp_path / "hf"))["train"]
    assert eds.num_rows == len(rows("editions"))
    assert eds.features["start_date"].dtype == "date32" and eds.features["year"].dtype == "int64"
    first = eds.sort("edition_id")[0]
    assert first["city_zh"] == "北京" and first["start_date"] == datetime.date(2021, 11, 19)
    cites = datasets.load_dataset(str(unpacked), "citations", cache_dir=str(tmp_path / "hf"))["train"]
    assert cites.num_rows == len(rows("citations"))
    assert cites.features["weak"].dtype == "bool"
    assert sum(cites["weak"]) == sum(r["weak"] == "true" for r in rows("citations"))
    for name in cicc_data.tables():  # every table is a configuration with every row
        table = datasets.load_dataset(str(unpacked), name, cache_dir=str(tmp_path / "hf"))["train"]
        assert table.num_rows == len(rows(name)), name
        assert list(table.features) == cicc_data.load(name).columns.tolist(), name


def test_croissant_validates_and_loads_every_record_set(unpacked: Path) -> None:
    mlc = pytest.importorskip("mlcroissant")
    ds = mlc.Dataset(jsonld=str(unpacked / "croissant.json"))  # raises on a validation error
    assert not ds.metadata.ctx.issues.errors and not ds.metadata.ctx.issues.warnings
    assert ds.metadata.name == "cicc-data" and ds.metadata.version == VERSION
    assert [rs.name for rs in ds.metadata.record_sets] == cicc_data.tables()
    for rs in ds.metadata.record_sets:
        got = list(ds.records(record_set=rs.uuid))
        assert len(got) == len(rows(rs.name)), rs.name
    eds = {r["editions/edition_id"].decode(): r for r in ds.records(record_set="editions")}
    assert eds["cicc-2021"]["editions/year"] == 2021
    assert eds["cicc-2021"]["editions/city_zh"].decode() == "北京"
    assert str(eds["cicc-2021"]["editions/start_date"])[:10] == "2021-11-19"


def test_croissant_at_the_root_matches_the_data_and_ships_in_the_wheel() -> None:
    doc = json.loads((ROOT / "croissant.json").read_text(encoding="utf-8"))
    assert doc["conformsTo"].startswith("http://mlcommons.org/croissant/1.")
    files = {d["contentUrl"]: d for d in doc["distribution"]}
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        assert "sha256:" + files[res["path"]]["sha256"] == res["hash"]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"croissant.json" = "cicc_data/package/croissant.json"' in pyproject


def test_datapackage_follows_v2_and_zenodo_metadata() -> None:
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert all(c["roles"] for c in package["contributors"])
    assert all(r["type"] == "table" for r in package["resources"])
    zen = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zen["upload_type"] == "dataset" and zen["license"] == "cc-by-4.0"
    assert zen["version"] == package["version"] and zen["creators"]


def test_frictionless_validates_the_unpacked_release(unpacked: Path) -> None:
    from frictionless import Package

    report = Package(str(unpacked / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_api_loads_a_downloaded_zip(release_zip: Path) -> None:
    assert len(cicc_data.load("roles", path=release_zip)) == len(rows("roles"))
    frames = cicc_data.load_all(path=release_zip)
    assert set(frames) == set(cicc_data.tables())
    assert len(cicc_data.records("people", path=release_zip)) == len(rows("people"))
    assert cicc_data.edition(2021, path=release_zip).edition.city_zh == "北京"
    assert cicc_data.find("中央网信办", path=release_zip)[0].entity_id == "cac"
    report = cicc_data.validate(release_zip)
    assert report.valid and report.path == str(release_zip)


def test_api_loads_a_package_directory(unpacked: Path) -> None:
    assert len(cicc_data.load("editions", path=unpacked)) == len(rows("editions"))
    assert len(cicc_data.load("editions", path=unpacked / "datapackage.json")) == len(rows("editions"))
    with pytest.raises(FileNotFoundError):
        cicc_data.load("editions", path=unpacked / "data")


def test_cli_validates_and_verifies_the_zip(release_zip: Path, tmp_path: Path) -> None:
    out = run_cli("validate", str(release_zip))
    first, second = (out.stdout.splitlines() + ["", ""])[:2]
    assert out.returncode == 0 and first.startswith(f"checked package {release_zip.resolve()} (version "), out.stdout
    assert second.startswith(f"valid: {release_zip}"), out.stdout + out.stderr
    out = run_cli("verify", str(release_zip))
    assert out.returncode == 0 and "verified: " in out.stdout, out.stdout + out.stderr
    bad = tmp_path / "bad.zip"  # one byte changed in one table: verify names the file
    with zipfile.ZipFile(release_zip) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename.endswith("data/editions.csv"):
                blob = blob.replace("北京".encode(), "南京".encode(), 1)
            dst.writestr(info, blob)
    out = run_cli("verify", str(bad))
    assert out.returncode == 1 and "editions.csv" in out.stdout


def test_zip_with_a_member_outside_the_package_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("pkg/datapackage.json", "{}")
        zf.writestr("../outside.txt", "x")
    with pytest.raises(ValueError, match="refused"):
        cicc_data.load("editions", path=evil)
    assert not (tmp_path.parent / "outside.txt").exists()
