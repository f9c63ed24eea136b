"""find()'s generated index (src/cicc_data/_find_index.json): fresh for the data, used only for the data it was
built from, and the same as the index built on the fly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import cicc_data
from cicc_data import lookup

from .conftest import ROOT


def _plain(index: lookup.Index) -> tuple[list, list]:
    entities, by_key = index
    return list(entities.items()), [(k, [tuple(e) for e in es]) for k, es in by_key.items()]


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    lookup._index.cache_clear()
    yield
    lookup._index.cache_clear()


def test_generated_index_matches_the_data() -> None:
    blobs = lookup.package_files(ROOT)
    shipped = lookup._shipped(lookup.data_digest(blobs))
    assert shipped is not None, "src/cicc_data/_find_index.json is stale: run python scripts/generate.py"
    assert _plain(shipped) == _plain(lookup.build_index(blobs, lookup._pinyin_table())), (
        "src/cicc_data/_find_index.json differs from the index built now: run python scripts/generate.py")


def test_find_uses_the_generated_index_for_the_shipped_data(fresh_cache: None) -> None:
    index = lookup._index(ROOT)
    assert _plain(index) == _plain(lookup._shipped(lookup.data_digest(lookup.package_files(ROOT))))


def test_another_package_gets_an_index_of_its_own(pkg: Path, fresh_cache: None) -> None:
    people = pkg / "data" / "people.csv"
    text = people.read_text(encoding="utf-8")
    assert "Shou Xiaoli" in text
    people.write_text(text.replace("Shou Xiaoli", "Xyzzy Plugh"), encoding="utf-8")
    assert [m.entity_id for m in cicc_data.find("Xyzzy Plugh", path=pkg)][:1] == ["shou-xiaoli"]
    assert cicc_data.find("Xyzzy Plugh") == []
    assert lookup._shipped(lookup.data_digest(lookup.package_files(pkg))) is None


def test_a_stale_generated_index_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               fresh_cache: None) -> None:
    expected = [(m.entity_id, m.how, m.score) for m in cicc_data.find("Li Shulei")]
    stale = tmp_path / "_find_index.json"
    text = lookup._INDEX.read_text(encoding="utf-8")
    digest = lookup.data_digest(lookup.package_files(ROOT))
    stale.write_text(text.replace(digest, "0" * 64).replace('"li-shulei"', '"cac"'), encoding="utf-8")
    monkeypatch.setattr(lookup, "_INDEX", stale)
    lookup._index.cache_clear()
    assert lookup._shipped(digest) is None
    assert [(m.entity_id, m.how, m.score) for m in cicc_data.find("Li Shulei")] == expected


def test_digest_covers_every_indexed_file_and_a_missing_one() -> None:
    blobs = lookup.package_files(ROOT)
    digests = {lookup.data_digest(blobs)}
    for name in lookup.INDEX_TABLES:
        digests.add(lookup.data_digest({**blobs, name: blobs[name] + b"\n"}))
        digests.add(lookup.data_digest({**blobs, name: None}))
    assert len(digests) == 1 + 2 * len(lookup.INDEX_TABLES)
