"""The release zip is the dataset: it opens in mlcroissant, Hugging Face datasets, frictionless and the API."""

from __future__ import annotations

import csv
import datetime
import io
import json
import logging
import subprocess
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
    return dest


def test_zip_holds_the_whole_dataset_at_its_root(release_zip: Path) -> None:
    names = set(zipfile.ZipFile(release_zip).namelist())
    for member in ("datapackage.json", "croissant.json", "README.md", "LICENSE-DATA", "CITATION.cff",
                   ".zenodo.json", "docs/data-dictionary.md", "redirects.csv", "delta.jsonl"):
        assert member in names, member
    for name in cicc_data.tables():
        assert f"data/{name}.csv" in names and f"schemas/{name}.json" in names
    assert not any(n.startswith("cicc-data-") for n in names), "a versioned folder in the member paths"
    with zipfile.ZipFile(release_zip) as zf:
        assert zf.read("redirects.csv") == (ROOT / "releases" / "redirects.csv").read_bytes()
        flat = list(csv.DictReader(io.StringIO(zf.read("role_facts.csv").decode("utf-8"))))
    assert [r["role_id"] for r in flat] == sorted(r["role_id"] for r in cicc_data.role_facts())
    assert len(flat) == len(cicc_data.load("roles"))


def test_frictionless_cli_validates_every_resource_of_the_zip(release_zip: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", str(release_zip)],
                         capture_output=True, text=True, timeout=300)
    report = json.loads(out.stdout)
    assert out.returncode == 0 and report["valid"], out.stdout[:2000]
    assert [t["name"] for t in report["tasks"]] == cicc_data.tables()
    assert all(t["valid"] and t["place"].startswith("data/") for t in report["tasks"])


def test_frictionless_package_loads_the_zip(release_zip: Path) -> None:
    from frictionless import Package

    package = Package(str(release_zip))
    assert package.name == "cicc-data" and package.version == VERSION
    assert [r.name for r in package.resources] == cicc_data.tables()
    editions = package.get_resource("editions").read_rows()
    assert len(editions) == len(rows("editions"))
    assert package.validate().valid


def test_api_reads_zips_with_the_descriptor_at_the_root_or_in_a_folder(release_zip: Path, tmp_path: Path) -> None:
    folder = tmp_path / "old-style.zip"  # the layout of releases up to 1.0.0: one versioned folder
    with zipfile.ZipFile(release_zip) as src, zipfile.ZipFile(folder, "w") as dst:
        for info in src.infolist():
            dst.writestr(f"cicc-data-{VERSION}/{info.filename}", src.read(info))
    from cicc_data.paths import resolve_root

    for path in (release_zip, folder):
        root = resolve_root(path)  # the unpacked package: descriptor and redirects.csv side by side
        assert (root / "datapackage.json").is_file() and (root / "redirects.csv").is_file(), path
        assert len(cicc_data.load("people", path=path)) == len(rows("people")), path
        assert cicc_data.validate(path).valid, path


def test_dataset_card_says_what_sources_licence_limits_and_citation(unpacked: Path) -> None:
    text = (unpacked / "README.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["license"] == "cc-by-4.0"
    assert [c["config_name"] for c in meta["configs"]] == cicc_data.tables()
    for heading in ("## Sources", "## Limits", "## Licence", "## How to cite"):
        assert heading in text
    assert "weak" in text and "2026" in text and "@misc{" in text
    # installs from the release's wheel or the repository, never from an index that does not serve it
    assert f"pip install cicc_data-{VERSION}-py3-none-any.whl" in text and "pip install cicc-data" not in text
    assert "delta.jsonl" in text and "redirects.csv" in text and "Croissant 1.1" in text


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


def test_croissant_validates_and_loads_every_record_set(unpacked: Path, caplog: pytest.LogCaptureFixture) -> None:
    mlc = pytest.importorskip("mlcroissant")
    with caplog.at_level(logging.WARNING):
        ds = mlc.Dataset(jsonld=str(unpacked / "croissant.json"))  # raises on a validation error
    assert not ds.metadata.ctx.issues.errors and not ds.metadata.ctx.issues.warnings
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]  # e.g. a non-standard @context
    assert ds.metadata.ctx.is_v1_1() and ds.metadata.ctx.is_latest_version()
    assert ds.metadata.name == "cicc-data" and ds.metadata.version == VERSION
    meta = ds.metadata  # the Responsible-AI properties, as mlcroissant reads them
    assert meta.data_collection and meta.data_collection_type and meta.data_biases and meta.data_limitations
    assert meta.data_use_cases and meta.data_social_impact and meta.data_release_maintenance_plan
    assert any("public officials" in t and "public role" in t for t in meta.personal_sensitive_information)
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
    assert doc["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    files = {d["contentUrl"]: d for d in doc["distribution"]}
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        assert "sha256:" + files[res["path"]]["sha256"] == res["hash"]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"croissant.json" = "cicc_data/package/croissant.json"' in pyproject


def test_one_bibtex_writer_for_the_cli_croissant_and_the_dataset_card() -> None:
    cli = run_cli("cite", "--style", "bibtex")
    assert cli.returncode == 0, cli.stderr
    bib = cli.stdout.strip()
    assert bib == cicc_data.citation("bibtex").strip() and bib.startswith("@misc{")
    croissant = json.loads((ROOT / "croissant.json").read_text(encoding="utf-8"))
    assert croissant["citeAs"] == bib
    card = (ROOT / "docs" / "dataset-card.md").read_text(encoding="utf-8")
    assert f"```bibtex\n{bib}\n```" in card
    assert f"> {cicc_data.citation('apa')}" in card


def test_datapackage_follows_v2_and_zenodo_metadata() -> None:
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["id"].startswith("https://") and package["name"] == "cicc-data"
    assert package["contributors"] and all(c["title"] and c["roles"] for c in package["contributors"])
    assert all(r["type"] == "table" for r in package["resources"])
    for res in package["resources"]:  # enum labels are v2 categories, never the old custom key
        schema = json.loads((ROOT / res["schema"]).read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://datapackage.org/profiles/2.0/tableschema.json"
        for f in schema["fields"]:
            assert "enumLabels" not in f, (res["name"], f["name"])
            if "categories" in f:
                assert [c["value"] for c in f["categories"]] == f["constraints"]["enum"]
                assert all(c["label"] and c["labelZh"] for c in f["categories"])
    zen = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zen["upload_type"] == "dataset" and zen["license"] == "cc-by-4.0"
    assert zen["version"] == package["version"] and zen["creators"]


def test_descriptor_and_schemas_pass_the_data_package_v2_json_schemas() -> None:
    """Checked against the official v2 profiles (the copies dplib-py ships), then by the frictionless CLI."""
    from importlib.resources import files

    from jsonschema.validators import validator_for

    profiles = files("dplib") / "profiles" / "2.0"
    checks = [("datapackage.json", ROOT / "datapackage.json")]
    checks += [("tableschema.json", p) for p in sorted((ROOT / "schemas").glob("*.json"))]
    for profile, path in checks:
        spec = json.loads((profiles / profile).read_text(encoding="utf-8"))
        errors = list(validator_for(spec)(spec).iter_errors(json.loads(path.read_text(encoding="utf-8"))))
        assert not errors, (path.name, [e.message for e in errors[:3]])
    topic = json.loads((ROOT / "schemas" / "subforums.json").read_text(encoding="utf-8"))
    spec = json.loads((profiles / "tableschema.json").read_text(encoding="utf-8"))
    next(f for f in topic["fields"] if "categories" in f)["categories"].append({"label": "no value"})
    assert list(validator_for(spec)(spec).iter_errors(topic)), "the profile check cannot fail"
    out = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", str(ROOT / "datapackage.json")],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and json.loads(out.stdout)["valid"], out.stdout[:2000]


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
    assert not report.problems and report.path == str(release_zip)


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
