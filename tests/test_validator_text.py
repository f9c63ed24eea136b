"""What careful people miss in a cell's characters: each damage made on a resealed copy of the real data."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from .resealing import caught, cli_validate, damaged, edit, row_number, validate_copy

PERSON = {"person_id": "li-shulei"}
ORG = {"organization_id": "cac"}
SOURCE = {"source_id": "undated_wikipedia-en_china-internet-civilization-conference"}
EDITION = {"year": "2022"}

# (id, table, row, column, new value, code)
CASES = [
    ("zero-width-space", "people", PERSON, "name_zh", "李书\u200b磊", "invisible-character"),
    ("zero-width-joiner", "organizations", ORG, "name_zh", "国家\u200d网信办", "invisible-character"),
    ("word-joiner", "people", PERSON, "name_en", "Li\u2060Shulei", "invisible-character"),
    ("soft-hyphen", "editions", EDITION, "name_zh", "2022年中国网络\u00ad文明大会", "invisible-character"),
    ("nul", "people", PERSON, "name_en", "Li\x00Shulei", "control-character"),
    ("bell", "editions", EDITION, "name_zh", "2022年中国网络文明大会\x07", "control-character"),
    ("terminal-escape", "people", PERSON, "name_en", "Li \x1b[31mShulei\x1b[0m", "control-character"),
    ("c1-control", "organizations", ORG, "name_zh", "国家\x85网信办", "line-break"),
    ("right-to-left-override", "organizations", ORG, "name_zh", "国家\u202e办信网", "bidi-control"),
    ("left-to-right-isolate", "people", PERSON, "name_en", "Li \u2066Shulei\u2069", "bidi-control"),
    ("line-feed-in-name", "people", PERSON, "name_en", "Li\nShulei", "line-break"),
    ("line-separator", "editions", EDITION, "name_zh", "2022年中国\u2028网络文明大会", "line-break"),
    ("not-nfc", "people", PERSON, "name_en", unicodedata.normalize("NFD", "Lǐ Shūlěi"), "not-nfc"),
    ("cyrillic-look-alike", "people", PERSON, "name_en", "Li Shul\u0435i", "mixed-script"),
    ("mojibake-latin1", "people", PERSON, "name_zh", "李书磊".encode().decode("latin-1"), "mojibake"),
    ("mojibake-cp1252", "organizations", ORG, "name_zh", "网信办".encode().decode("cp1252", "replace"), "mojibake"),
    ("mojibake-gbk", "people", PERSON, "name_zh", "网络文明".encode().decode("gbk"), "mojibake"),
    ("mojibake-gbk-replaced", "editions", EDITION, "name_zh", "中国网络文明大会".encode().decode("gbk", "replace"),
     "mojibake"),
    ("no-chinese-in-name-zh", "people", PERSON, "name_zh", "Li Shulei", "no-chinese"),
    ("no-chinese-in-edition", "editions", EDITION, "name_zh", "2022 China Internet Civilization Conference",
     "no-chinese"),
    ("url-userinfo", "sources", SOURCE, "url", "https://en.wikipedia.org@evil.example/wiki/CICC", "url-userinfo"),
    ("url-bidi", "sources", SOURCE, "url", "https://en.wikipedia.org/wiki/\u202eCICC", "bidi-control"),
    ("url-scheme-ftp", "sources", SOURCE, "url", "ftp://en.wikipedia.org/wiki/CICC", "url-scheme"),
    ("url-scheme-javascript", "sources", SOURCE, "url", "javascript:alert(1)//https://x", "url-scheme"),
    ("url-no-host", "sources", SOURCE, "url", "https:///wiki/CICC", "url-malformed"),
    ("url-backslash", "sources", SOURCE, "url", "https://en.wikipedia.org\\wiki\\CICC", "url-malformed"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_cell_text_damage_is_caught(tmp_path: Path, case: tuple) -> None:
    _, table, where, column, value, code = case
    pkg = damaged(tmp_path, lambda p: edit(p, table, where, **{column: value}))
    caught(validate_copy(pkg), code, f"data/{table}.csv", row_number(pkg, table, where), column)


def test_line_feed_is_allowed_in_notes_only(tmp_path: Path) -> None:
    pkg = damaged(tmp_path, lambda p: edit(p, "people", PERSON, notes="first paragraph\nsecond paragraph"))
    assert validate_copy(pkg).valid


CLI_CASES = [c for c in CASES if c[0] in ("word-joiner", "terminal-escape", "right-to-left-override", "not-nfc",
                                         "url-userinfo")]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_exit_1_names_the_file(tmp_path: Path, case: tuple) -> None:
    _, table, where, column, value, code = case
    pkg = damaged(tmp_path, lambda p: edit(p, table, where, **{column: value}))
    rc, report = cli_validate(pkg)
    assert rc == 1
    assert any(p["code"] == code and p["file"] == f"data/{table}.csv" for p in report["problems"])
