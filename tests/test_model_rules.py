"""Rules the data model states, checked on damaged copies: provenance, claims, language tags, redirects,
exports that must not change a value, and mojibake."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from cicc_data.errors import ExportError
from cicc_data.redirects import problems

from .conftest import ROOT, run_cli
from .resealing import caught, damaged, edit, read_csv, row_number, validate_copy, write_csv

ANHUI = "anhui-public-security-department"


def _drop_citations(pkg: Path, entity: str, field: str) -> None:
    rows = read_csv(pkg / "data" / "citations.csv")
    h = rows[0]
    write_csv(pkg / "data" / "citations.csv",
              [h] + [r for r in rows[1:] if (r[h.index("entity_id")], r[h.index("field")]) != (entity, field)])


def _add_curator_value(pkg: Path, entity: str, field: str, method: str) -> None:
    rows = read_csv(pkg / "data" / "curator_values.csv")
    write_csv(pkg / "data" / "curator_values.csv", rows + [[f"{entity}--{field}", entity, field, method, "by hand"]])


def test_script_conversion_must_cite_and_only_it_may(tmp_path: Path) -> None:
    pkg = damaged(tmp_path / "a", lambda p: _drop_citations(p, ANHUI, "name_zh"))
    caught(validate_copy(pkg), "conversion-uncited", "data/curator_values.csv",
           row_number(pkg, "curator_values", {"entity_id": ANHUI, "field": "name_zh"}), "method")
    cited = read_csv(ROOT / "data" / "citations.csv")
    h = cited[0]
    curated = {(r[1], r[2]) for r in read_csv(ROOT / "data" / "curator_values.csv")[1:]}
    entity, field = next((r[h.index("entity_id")], r[h.index("field")]) for r in cited[1:]
                         if r[h.index("field")] == "city_en" and (r[1], r[2]) not in curated)
    pkg = damaged(tmp_path / "b", lambda p: _add_curator_value(p, entity, field, "translation"))
    caught(validate_copy(pkg), "curated-and-cited", "data/curator_values.csv",
           row_number(pkg, "curator_values", {"entity_id": entity, "field": field}), "method")


def test_the_shipped_data_has_no_uncited_conversion() -> None:
    from cicc_data import validate

    found = [p for p in validate().problems if p.code == "conversion-uncited"]
    assert not found, found  # 1.1.0 cited Ren Xianliang's 2023 title, the one 1.0.0 left uncited


def test_a_claim_with_a_single_value(tmp_path: Path) -> None:
    pkg = damaged(tmp_path, lambda p: edit(p, "claims", {"claim_id": "cicc-2021--claim-subforums-announced-1"},
                                           value="7"))
    caught(validate_copy(pkg), "claim-single-value", "data/claims.csv",
           row_number(pkg, "claims", {"claim_id": "cicc-2021--claim-subforums-announced-1"}), "value")


@pytest.mark.parametrize("name_id, values, code", [
    ("anhui-public-security-department--name-zh-hant-1", {"name": "安徽省公安厅"}, "script-mismatch"),
    ("alibaba-group--name-zh-1", {"language": "ja"}, "script-mismatch"),
    ("alibaba-group--name-zh-1", {"language": "ko-Latn"}, "script-mismatch"),
    ("alibaba-group--name-zh-1", {"language": "en-ZZ"}, "language-tag"),
])
def test_language_tag_against_script(tmp_path: Path, name_id: str, values: dict[str, str], code: str) -> None:
    pkg = damaged(tmp_path, lambda p: edit(p, "names", {"name_id": name_id}, **values))
    caught(validate_copy(pkg), code, "data/names.csv", row_number(pkg, "names", {"name_id": name_id}), "language")


def test_langcodes_accepts_what_bcp47_allows() -> None:
    from cicc_data.validation.language_rules import name_problem, tag_problem

    assert tag_problem("zh-Latn-pinyin") is None and tag_problem("zh-Hant-TW") is None  # the old hand check refused
    assert tag_problem("zh-Hanx") and tag_problem("xx") and tag_problem("en-ZZ")
    assert name_problem("zh-Latn-pinyin", "Zhongyang Wangxin Wei", "romanization") is None
    assert name_problem("zh-Latn-pinyin", "中央网信委", "romanization")


def _redirects(pkg: Path, *extra: list[str]) -> None:
    (pkg / "releases").mkdir()
    rows = read_csv(ROOT / "releases" / "redirects.csv")
    write_csv(pkg / "releases" / "redirects.csv", rows + list(extra))


def test_redirects_are_checked(tmp_path: Path) -> None:
    pkg = damaged(tmp_path, lambda p: _redirects(
        p, ["organizations", "gone-a", "gone-b", "loop"], ["organizations", "gone-b", "gone-a", "loop"],
        ["organizations", "gone-c", "nowhere", "dangling"], ["organizations", "cac", "alibaba-group", "still live"]))
    report = validate_copy(pkg)
    got = {(p.row, p.field) for p in report.problems if p.code == "redirect-broken"}
    n = len(read_csv(ROOT / "releases" / "redirects.csv"))
    assert got == {(n + 1, "new_id"), (n + 2, "new_id"), (n + 3, "new_id"), (n + 4, "old_id")}, report
    out = run_cli("validate", str(pkg))
    assert out.returncode == 1 and "releases/redirects.csv" in out.stdout


def test_redirect_rules_directly() -> None:
    live = {"t": {"a", "b"}}
    rows = [(2, {"table": "t", "old_id": "x", "new_id": "y"}), (3, {"table": "t", "old_id": "y", "new_id": "a"}),
            (4, {"table": "t", "old_id": "z", "new_id": "z"})]
    assert [(n, f) for n, f, _ in problems(rows, live)] == [(4, "new_id")]


def _long_note(pkg: Path, text: str) -> None:
    edit(pkg, "people", {"person_id": "li-shulei"}, notes=text)


def test_xlsx_refuses_a_cell_excel_cannot_hold(tmp_path: Path) -> None:
    from cicc_data.export import export

    pkg = damaged(tmp_path / "pkg", lambda p: _long_note(p, "长" * 40_000))
    with pytest.raises(ExportError, match=r"people.csv, row \d+, field notes.*40,000"):
        export("xlsx", tmp_path / "out", root=pkg)
    assert not list((tmp_path / "out").glob("*.xlsx")), "a workbook with a cut cell was left behind"


def test_excel_csv_keeps_a_line_feed_inside_a_value(tmp_path: Path) -> None:
    from cicc_data.export import export

    pkg = damaged(tmp_path / "pkg", lambda p: _long_note(p, "first paragraph\nsecond paragraph"))
    export("csv", tmp_path / "out", excel=True, root=pkg)
    blob = (tmp_path / "out" / "data" / "people.csv").read_bytes()
    assert blob.startswith(b"\xef\xbb\xbf") and b"first paragraph\nsecond paragraph" in blob
    rows = list(csv.DictReader(io.StringIO(blob[3:].decode("utf-8"), newline="")))
    assert next(r for r in rows if r["person_id"] == "li-shulei")["notes"] == "first paragraph\nsecond paragraph"
    assert blob.count(b"\r\n") == len(rows) + 1


@pytest.mark.parametrize("bad", ["Caf\u00c3\u00a9 Beijing", "\u00e2\u20ac\u0153Clean\u00e2\u20ac\u009d internet"])
def test_latin1_mojibake_is_found_by_ftfy(tmp_path: Path, bad: str) -> None:
    pkg = damaged(tmp_path, lambda p: edit(p, "people", {"person_id": "li-shulei"}, name_en=bad))
    caught(validate_copy(pkg), "mojibake", "data/people.csv", row_number(pkg, "people", {"person_id": "li-shulei"}),
           "name_en")


def test_redirects_file_is_optional(tmp_path: Path) -> None:
    pkg = damaged(tmp_path, lambda p: shutil.rmtree(p / "releases", ignore_errors=True))
    assert not [p for p in validate_copy(pkg).problems if p.code == "redirect-broken"]
