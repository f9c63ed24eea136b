"""Every kind of corruption, made on a copy of the real package, is reported with file, row and field."""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cicc_data.text import FORMULA_START
from cicc_data.validation import validate
from cicc_data.validation.codes import CATALOGUE

from .conftest import ROOT, copy_package
from .resealing import cli_validate, restamp


def edit_cell(pkg: Path, table: str, key: str, field: str, value: str) -> int:
    """Set one cell; return the row number (header = 1) of the edited row."""
    path = pkg / "data" / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    col = rows[0].index(field)
    for n, r in enumerate(rows[1:], start=2):
        if r[0] == key:
            r[col] = value
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(rows)
            path.write_text(buf.getvalue(), encoding="utf-8")
            return n
    raise KeyError(key)


def replace_text(pkg: Path, rel: str, old: str, new: str) -> None:
    p = pkg / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(pkg: Path) -> list[dict]:
    """The problems ``cicc-data validate PKG --json`` reports, with its exit status 1: the command run in this
    process (:func:`resealing.cli_validate`), as a subprocess per case cost a second or two of start-up each."""
    rc, report = cli_validate(pkg)
    assert rc == 1, json.dumps(report, ensure_ascii=False)[-2000:]
    return report["problems"]


def find(probs: list[dict], file: str, row: int | None, field: str | None, *words: str) -> dict:
    for p in probs:
        if p["file"] == file and (row is None or p["row"] == row) and (field is None or p["field"] == field) \
                and all(w.lower() in p["message"].lower() for w in words):
            return p
    raise AssertionError(f"no problem {file} row {row} field {field} {words}; got:\n"
                         + "\n".join(f"{p['file']} {p['row']} {p['field']}: {p['message']}" for p in probs[:30]))


def row_of(pkg: Path, table: str, key: str) -> int:
    with open(pkg / "data" / f"{table}.csv", encoding="utf-8", newline="") as fh:
        for n, r in enumerate(csv.reader(fh), start=1):
            if r[0] == key:
                return n
    raise KeyError(key)


CellCase = tuple[str, str, str, str, str, tuple[str, ...]]
CELL_CASES: list[CellCase] = [
    # (name, table, key, field, new value, words expected in the message)
    ("fk-to-nothing", "roles", "cicc-2021--co-host--cac", "organization_id", "no-such-body", ("foreign key",)),
    ("unknown-source", "citations", "cicc-2021:start_date:2021-11-17_chinaorg-mirror-010baizhang_scio-press-conference-transcript", "source_id", "no-such-source", ("foreign key", "no-such-source")),
    ("cite-unknown-entity", "citations", "cicc-2021:start_date:2021-11-17_chinaorg-mirror-010baizhang_scio-press-conference-transcript", "entity_id", "no-such-row", ("foreign key", "no-such-row")),
    ("cite-derived-field", "citations", "cicc-2021:start_date:2021-11-17_chinaorg-mirror-010baizhang_scio-press-conference-transcript", "field", "year", ("not a cited field",)),
    ("uncited-value", "editions", "cicc-2026", "venue_zh", "南宁国际会展中心", ("cites no source",)),
    ("text-in-integer", "editions", "cicc-2023", "attendance", "many", ("type",)),
    ("text-in-date", "editions", "cicc-2022", "start_date", "someday", ("type",)),
    ("impossible-date", "editions", "cicc-2023", "end_date", "2023-02-30", ("type",)),
    ("end-before-start", "editions", "cicc-2022", "end_date", "2022-08-01", ("before start_date",)),
    ("enum", "roles", "cicc-2021--co-host--cac", "role_kind", "boss", ("enum",)),
    ("required-empty", "people", "li-shulei", "name_en", "", ("required",)),
    ("malformed-url", "sources", "undated_wikipedia-en_china-internet-civilization-conference", "url", "htp:/not a url", ("url",)),
    ("leading-space", "editions", "cicc-2021", "city_en", " Beijing", ("whitespace",)),
    ("trailing-space", "people", "li-shulei", "name_en", "Li Shulei ", ("whitespace",)),
    ("formula-equals", "people", "li-shulei", "notes", "=HYPERLINK(\"http://x\")", ("formula",)),
    ("formula-plus", "people", "li-shulei", "notes", "+1+2", ("formula",)),
    ("formula-minus", "people", "li-shulei", "notes", "-1+2", ("formula",)),
    ("formula-at", "people", "li-shulei", "notes", "@SUM(A1)", ("formula",)),
    ("weak-flag-wrong", "citations", "cicc-2026::2026-05-19_luizeduardoaraujo_nanning-opening-2026", "weak", "false", ("weak",)),
    ("wrong-claim-preferred", "editions", "cicc-2024", "duration_days", "2", ("preferred value",)),
]


@pytest.mark.parametrize("case", CELL_CASES, ids=[c[0] for c in CELL_CASES])
def test_cell_corruption_is_reported(pkg: Path, case: CellCase) -> None:
    _, table, key, field, value, words = case
    n = edit_cell(pkg, table, key, field, value)
    probs = problems(pkg)
    if case[0] == "wrong-claim-preferred":
        find(probs, "data/claims.csv", None, "value", *words)
    else:
        find(probs, f"data/{table}.csv", n, field, *words)


def test_formula_tab(pkg: Path) -> None:
    n = edit_cell(pkg, "people", "li-shulei", "notes", "\tx")
    find(problems(pkg), "data/people.csv", n, "notes", "formula")


def test_formula_carriage_return(pkg: Path) -> None:
    n = edit_cell(pkg, "people", "li-shulei", "notes", "\rx")
    find(problems(pkg), "data/people.csv", n, None, "carriage return")


def test_duplicate_primary_key(pkg: Path) -> None:
    p = pkg / "data" / "people.csv"
    lines = p.read_text(encoding="utf-8").split("\n")
    lines.insert(2, lines[1])
    p.write_text("\n".join(lines), encoding="utf-8")
    find(problems(pkg), "data/people.csv", 3, None, "primary key")


def test_subforum_outside_its_edition(pkg: Path) -> None:
    n = edit_cell(pkg, "subforums", "cicc-2021-sf-rule-of-law", "date", "2021-12-25")
    find(problems(pkg), "data/subforums.csv", n, None, "outside edition")


@pytest.mark.parametrize("table,key", [("organizations", "cac"), ("people", "li-shulei")])
def test_same_entity_under_two_ids(pkg: Path, table: str, key: str) -> None:
    p = pkg / "data" / f"{table}.csv"
    text = p.read_text(encoding="utf-8")
    line = next(row for row in text.split("\n") if row.startswith(key + ","))
    p.write_text(text + "zzz-second-" + key + line[len(key):] + "\n", encoding="utf-8")
    find(problems(pkg), f"data/{table}.csv", None, "name_zh", "same chinese name")


HEADER_CASES: dict[str, Callable[[list[str]], list[str]]] = {
    "missing-column": lambda h: h[:-1],
    "extra-column": lambda h: h + ["extra"],
    "renamed-column": lambda h: [("city" if c == "city_en" else c) for c in h],
    "reordered-columns": lambda h: [h[1], h[0]] + h[2:],
}


@pytest.mark.parametrize("case", list(HEADER_CASES))
def test_header_corruption(pkg: Path, case: str) -> None:
    p = pkg / "data" / "editions.csv"
    with open(p, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = HEADER_CASES[case](rows[0])
    body = [r[: len(header)] + [""] * (len(header) - len(r)) for r in rows[1:]]
    if case == "reordered-columns":
        body = [[r[1], r[0]] + r[2:] for r in rows[1:]]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *body])
    p.write_text(buf.getvalue(), encoding="utf-8")
    find(problems(pkg), "data/editions.csv", 1, None, "header does not match")


@pytest.mark.parametrize("content,words", [(b"", ("empty",)), (None, ("no data rows",))], ids=["empty", "header-only"])
def test_empty_and_header_only(pkg: Path, content: bytes | None, words: tuple[str, ...]) -> None:
    p = pkg / "data" / "posts.csv"
    p.write_bytes(content if content is not None else p.read_bytes().split(b"\n")[0] + b"\n")
    find(problems(pkg), "data/posts.csv", None, None, *words)


def test_not_utf8(pkg: Path) -> None:
    p = pkg / "data" / "people.csv"
    p.write_bytes(p.read_bytes().replace("李书磊".encode(), "李书磊".encode("gb18030"), 1))
    find(problems(pkg), "data/people.csv", None, None, "not utf-8")


def test_byte_order_mark(pkg: Path) -> None:
    p = pkg / "data" / "people.csv"
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())
    find(problems(pkg), "data/people.csv", 1, None, "byte-order mark")


def test_crlf(pkg: Path) -> None:
    p = pkg / "data" / "people.csv"
    p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n"))
    find(problems(pkg), "data/people.csv", 1, None, "line ending")


def test_stray_quote_shifts_columns(pkg: Path) -> None:
    p = pkg / "data" / "editions.csv"
    lines = p.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("cicc-2022,"))
    lines[n] = lines[n].replace(",Tianjin,", ',"Tianjin,', 1)
    p.write_text("\n".join(lines), encoding="utf-8")
    find(problems(pkg), "data/editions.csv", n + 1, None, "cells")


@pytest.mark.parametrize("bad", ["../outside.csv", "/etc/passwd", "https://example.com/x.csv", "data/../../x.csv"])
def test_resource_path_outside_is_refused_without_reading(pkg: Path, bad: str) -> None:
    target = (pkg / bad) if not bad.startswith(("/", "http")) else None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            os.mkfifo(target)  # opening a FIFO with no writer blocks: reading it would hang the run
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    desc["resources"][2]["path"] = bad
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    find(problems(pkg), "datapackage.json", None, "resources[2].path", "refused")


def test_size_and_hash_mismatch(pkg: Path) -> None:
    p = pkg / "data" / "names.csv"
    p.write_bytes(p.read_bytes() + b"")
    blob = bytearray(p.read_bytes())
    blob[-3] = ord("Z") if blob[-3] != ord("Z") else ord("Y")
    p.write_bytes(bytes(blob))
    find(problems(pkg), "data/names.csv", None, None, "sha256")


def test_all_problems_are_reported_not_only_the_first(pkg: Path) -> None:
    edit_cell(pkg, "roles", "cicc-2021--co-host--cac", "role_kind", "boss")
    edit_cell(pkg, "editions", "cicc-2023", "attendance", "many")
    edit_cell(pkg, "people", "li-shulei", "notes", "=1")
    probs = problems(pkg)
    assert {p["file"] for p in probs} >= {"data/roles.csv", "data/editions.csv", "data/people.csv"}


def test_unreadable_descriptor(pkg: Path) -> None:
    (pkg / "datapackage.json").write_text("{not json", encoding="utf-8")
    find(problems(pkg), "datapackage.json", None, None, "json")


# ---------------------------------------------------------------- property: any single-cell mutation
_BASE: dict[str, list[list[str]]] = {}


def _tables() -> dict[str, list[list[str]]]:
    if not _BASE:
        for p in sorted((ROOT / "data").glob("*.csv")):
            with open(p, encoding="utf-8", newline="") as fh:
                _BASE[p.stem] = list(csv.reader(fh))
    return _BASE


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_single_cell_mutation_is_valid_or_reported(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    tables = _tables()
    name = data.draw(st.sampled_from(sorted(tables)))
    rows = tables[name]
    i = data.draw(st.integers(1, len(rows) - 1))
    j = data.draw(st.integers(0, len(rows[0]) - 1))
    value = data.draw(st.one_of(st.text(max_size=12), st.sampled_from(["", "0", "-1", "2021-02-30", "true", "x;y", "=1"])))
    pkg = copy_package(tmp_path_factory.mktemp("mut") / "pkg")
    mutated = [list(r) for r in rows]
    mutated[i][j] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(mutated)
    (pkg / "data" / f"{name}.csv").write_bytes(buf.getvalue().encode("utf-8", "surrogatepass"))
    restamp(pkg)  # sizes and hashes as a contributor would recompute them: this tests the validator, not hashing
    report = validate(pkg)  # must not raise
    assert all(p.code in CATALOGUE for p in report.problems)
    if value == rows[i][j]:
        assert not report.problems, str(report)
    elif _surely_invalid(name, rows[0][j], value):
        assert any(p.file == f"data/{name}.csv" for p in report.problems), str(report)


def _surely_invalid(table: str, column: str, value: str) -> bool:
    """Cell values the validator must always reject, whatever the column and row."""
    field = next(f for f in json.loads((ROOT / "schemas" / f"{table}.json").read_text(encoding="utf-8"))["fields"]
                 if f["name"] == column)
    if value == "":
        return bool(field.get("constraints", {}).get("required"))
    hidden = any(not (c.isprintable() or c == " " or c == "\n" and column == "notes") for c in value)
    return (hidden or value != value.strip() or not unicodedata.is_normalized("NFC", value)
            or field.get("type", "string") == "string" and value.startswith(FORMULA_START))
