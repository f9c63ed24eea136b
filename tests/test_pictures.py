"""The README's pictures match the data they show: each PNG records the sha256 of its input files
(scripts/picture_stamp.py) and this test fails when the data changed since it was drawn."""

from __future__ import annotations

import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import picture_stamp  # noqa: E402

sys.path.remove(str(ROOT / "scripts"))


@pytest.mark.parametrize("picture", sorted(picture_stamp.PICTURES))
def test_picture_records_the_hash_of_the_data_it_shows(picture: str) -> None:
    pytest.importorskip("PIL")
    script = picture_stamp.PICTURES[picture][0]
    assert (ROOT / script).is_file()
    chunks = picture_stamp.recorded(ROOT / picture)
    assert chunks.get(picture_stamp.HASH_KEY), f"{picture} records no data hash: re-run python {script}"
    assert chunks[picture_stamp.HASH_KEY] == picture_stamp.data_hash(picture), (
        f"{picture} was drawn from other data than data/ holds now: re-run python {script}")


def test_the_hash_changes_with_the_data(tmp_path) -> None:
    from .conftest import copy_package

    pkg = copy_package(tmp_path / "pkg")
    before = picture_stamp.data_hash("docs/editions.png", pkg)
    assert before == picture_stamp.data_hash("docs/editions.png", ROOT)
    path = pkg / "data" / "editions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("厦门", "厦门市", 1), encoding="utf-8")
    assert picture_stamp.data_hash("docs/editions.png", pkg) != before
    assert picture_stamp.data_hash("docs/topics.png", pkg) != picture_stamp.data_hash("docs/topics.png", ROOT)
