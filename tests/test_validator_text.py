"""What careful people miss in a cell's characters: each damage made on a resealed copy of the real data."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from cicc_data.validation import Report

from .conftest import ROOT
from .resealing import caught, cli_validate, damaged, edit, read_csv, row_number, validate_copy

# Every damage is made in one copy of the package, each on its own row (the k-th row of its table for
# the k-th damage there), resealed and validated once; each test then looks for its own problem.
# (id, table, column, new value, code)
CASES = [
    ("zero-width-space", "people", "name_zh", "李书\u200b磊", "invisible-character"),
    ("zero-width-joiner", "organizations", "name_zh", "国家\u200d网信办", "invisible-character"),
    ("word-joiner", "people", "name_en", "Li\u2060Shulei", "invisible-character"),
    ("soft-hyphen", "editions", "name_zh", "2022年中国网络\u00ad文明大会", "invisible-character"),
    ("nul", "people", "name_en", "Li\x00Shulei", "control-character"),
    ("bell", "editions", "name_zh", "2022年中国网络文明大会\x07", "control-character"),
    ("terminal-escape", "people", "name_en", "Li \x1b[31mShulei\x1b[0m", "control-character"),
    ("c1-control", "organizations", "name_zh", "国家\x9b网信办", "control-character"),
    ("next-line", "organizations", "name_zh", "国家\x85网信办", "line-break"),
    ("right-to-left-override", "organizations", "name_zh", "国家\u202e办信网", "bidi-control"),
    ("left-to-right-isolate", "people", "name_en", "Li \u2066Shulei\u2069", "bidi-control"),
    ("line-feed-in-name", "people", "name_en", "Li\nShulei", "line-break"),
    ("line-separator", "editions", "name_zh", "2022年中国\u2028网络文明大会", "line-break"),
    ("not-nfc", "people", "name_en", unicodedata.normalize("NFD", "Lǐ Shūlěi"), "not-nfc"),
    ("cyrillic-look-alike", "people", "name_en", "Li Shul\u0435i", "mixed-script"),
    ("mojibake-latin1", "people", "name_zh", "李书磊".encode().decode("latin-1"), "mojibake"),
    ("mojibake-cp1252", "organizations", "name_zh", "网信办".encode().decode("cp1252", "replace"), "mojibake"),
    ("mojibake-gbk", "people", "name_zh", "网络文明".encode().decode("gbk"), "mojibake"),
    ("mojibake-gbk-replaced", "editions", "name_zh", "中国网络文明大会".encode().decode("gbk", "replace"),
     "mojibake"),
    ("no-chinese-in-name-zh", "people", "name_zh", "Li Shulei", "no-chinese"),
    ("no-chinese-in-edition", "editions", "name_zh", "2022 China Internet Civilization Conference",
     "no-chinese"),
    ("url-userinfo", "sources", "url", "https://en.wikipedia.org@evil.example/wiki/CICC", "url-userinfo"),
    ("url-bidi", "sources", "url", "https://en.wikipedia.org/wiki/\u202eCICC", "bidi-control"),
    ("url-scheme-ftp", "sources", "url", "ftp://en.wikipedia.org/wiki/CICC", "url-scheme"),
    ("url-scheme-javascript", "sources", "url", "javascript:alert(1)//https://x", "url-scheme"),
    ("url-no-host", "sources", "url", "https:///wiki/CICC", "url-malformed"),
    ("url-backslash", "sources", "url", "https://en.wikipedia.org\\wiki\\CICC", "url-malformed"),
]


def _rows(cases: list[tuple]) -> dict[str, dict[str, str]]:
    """Each case's row: the k-th row of its table (by primary key, the first column) for the k-th case there."""
    taken: dict[str, int] = {}
    out = {}
    for case in cases:
        rows = read_csv(ROOT / "data" / f"{case[1]}.csv")
        k = taken[case[1]] = taken.get(case[1], 0) + 1
        out[case[0]] = {rows[0][0]: rows[k][0]}
    return out


WHERE = _rows(CASES)


@pytest.fixture(scope="module")
def all_damaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    def damage(pkg: Path) -> None:
        for name, table, column, value, _ in CASES:
            edit(pkg, table, WHERE[name], **{column: value})
    pkg = damaged(tmp_path_factory.mktemp("text"), damage)
    return pkg, validate_copy(pkg)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_cell_text_damage_is_caught(all_damaged: tuple[Path, Report], case: tuple) -> None:
    name, table, column, _, code = case
    pkg, report = all_damaged
    caught(report, code, f"data/{table}.csv", row_number(pkg, table, WHERE[name]), column)


def test_line_feed_is_allowed_in_notes_only(tmp_path: Path) -> None:
    pkg = damaged(tmp_path, lambda p: edit(p, "people", {"person_id": "li-shulei"}, notes="first paragraph\nsecond paragraph"))
    assert not validate_copy(pkg).problems


CLI_CASES = [c for c in CASES if c[0] in ("terminal-escape", "right-to-left-override", "url-userinfo")]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_exit_1_names_the_file(tmp_path: Path, case: tuple) -> None:
    name, table, column, value, code = case
    pkg = damaged(tmp_path, lambda p: edit(p, table, WHERE[name], **{column: value}))
    rc, report = cli_validate(pkg)
    assert rc == 1
    assert any(p["code"] == code and p["file"] == f"data/{table}.csv" for p in report["problems"])
