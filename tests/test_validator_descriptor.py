"""Damaged descriptors and schemas are reported with the damaged file named, never a crash."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from .resealing import caught, cli_validate, damaged, descriptor, restamp, validate_copy, write_descriptor


def _desc(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def damage(pkg: Path) -> None:
        d = descriptor(pkg)
        change(d)
        write_descriptor(pkg, d)
    return damage


def _schema(table: str, change: Callable[[dict], None]) -> Callable[[Path], None]:
    def damage(pkg: Path) -> None:
        p = pkg / "schemas" / f"{table}.json"
        s = json.loads(p.read_text(encoding="utf-8"))
        change(s)
        p.write_text(json.dumps(s, ensure_ascii=False, indent=2), encoding="utf-8")
    return damage


def _resource(d: dict, name: str) -> dict:
    return next(r for r in d["resources"] if r["name"] == name)


def _field(s: dict, name: str) -> dict:
    return next(f for f in s["fields"] if f["name"] == name)


def _drop_resource(name: str) -> Callable[[dict], None]:
    return lambda d: d["resources"].remove(_resource(d, name))


def _nest(depth: int) -> object:
    v: object = "x"
    for _ in range(depth):
        v = [v]
    return v


# (id, damage, code, file named)
CASES: list[tuple[str, Callable[[Path], None], str, str]] = [
    ("resource-removed-still-referenced", _desc(_drop_resource("editions")), "schema-invalid", "datapackage.json"),
    ("encoding-lies", _desc(lambda d: _resource(d, "people").update(encoding="latin-1")),
     "descriptor-encoding", "datapackage.json"),
    ("format-lies", _desc(lambda d: _resource(d, "people").update(format="xlsx")),
     "descriptor-encoding", "datapackage.json"),
    ("licence-removed", _desc(lambda d: d.pop("licenses")), "descriptor-license", "datapackage.json"),
    ("licence-emptied", _desc(lambda d: d.update(licenses=[{}])), "descriptor-license", "datapackage.json"),
    ("hash-md5", _desc(lambda d: _resource(d, "people").update(hash="md5:" + "0" * 32)),
     "hash-algorithm", "data/people.csv"),
    ("hash-unprefixed-md5", _desc(lambda d: _resource(d, "people").update(hash="0" * 32)),
     "hash-algorithm", "data/people.csv"),
    ("descriptor-nesting", _desc(lambda d: d.update(keywords=_nest(200))), "descriptor-nesting", "datapackage.json"),
    ("descriptor-nesting-beyond-recursion", lambda p: (p / "datapackage.json").write_text(
        "[" * 100000 + "]" * 100000, encoding="utf-8"), "descriptor-nesting", "datapackage.json"),
    ("schema-nesting", _schema("people", lambda s: _field(s, "notes").update(example=_nest(100))),
     "descriptor-nesting", "schemas/people.json"),
    ("primary-key-no-such-field", _schema("people", lambda s: s.update(primaryKey=["person_key"])),
     "schema-invalid", "schemas/people.json"),
    ("foreign-key-no-such-field", _schema("events", lambda s: s["foreignKeys"][0].update(fields=["edition"])),
     "schema-invalid", "schemas/events.json"),
    ("foreign-key-no-such-target-field", _schema(
        "events", lambda s: s["foreignKeys"][0]["reference"].update(fields=["edition"])),
     "schema-invalid", "schemas/events.json"),
    ("foreign-key-no-such-resource", _schema(
        "events", lambda s: s["foreignKeys"][0]["reference"].update(resource="edition")),
     "schema-invalid", "datapackage.json"),
    ("type-table-schema-lacks", _schema("editions", lambda s: _field(s, "year").update(type="int")),
     "schema-invalid", "schemas/editions.json"),
    ("type-varchar", _schema("people", lambda s: _field(s, "name_zh").update(type="varchar")),
     "schema-invalid", "schemas/people.json"),
    ("fields-not-a-list", _schema("people", lambda s: s.update(fields={"name": "person_id"})),
     "schema-invalid", "schemas/people.json"),
    ("field-twice", _schema("people", lambda s: s["fields"].append(dict(s["fields"][0]))),
     "schema-invalid", "schemas/people.json"),
    ("schema-not-an-object", lambda p: (p / "schemas" / "people.json").write_text("[1, 2]", encoding="utf-8"),
     "schema-invalid", "schemas/people.json"),
    ("schema-not-json", lambda p: (p / "schemas" / "people.json").write_text("{", encoding="utf-8"),
     "schema-unreadable", "schemas/people.json"),
    ("created-not-a-date", _desc(lambda d: d.update(created="yesterday")), "descriptor-invalid", "datapackage.json"),
    ("dialect-lies", _desc(lambda d: _resource(d, "people").update(dialect={"delimiter": ";"})),
     "descriptor-encoding", "datapackage.json"),
    ("constraint-of-wrong-type", _schema("editions", lambda s: _field(s, "year")["constraints"].update(
        minimum="x")), "schema-invalid", "schemas/editions.json"),
    ("required-not-boolean", _schema("editions", lambda s: _field(s, "year")["constraints"].update(
        required="yes")), "schema-invalid", "schemas/editions.json"),
    ("unknown-constraint", _schema("people", lambda s: _field(s, "name_en").setdefault("constraints", {}).update(
        maxLen=3)), "schema-invalid", "schemas/people.json"),
    ("missing-values-not-strings", _schema("editions", lambda s: s.update(missingValues=[1, 2])),
     "schema-invalid", "schemas/editions.json"),
    ("bare-number-not-boolean", _schema("editions", lambda s: _field(s, "year").update(bareNumber="no")),
     "schema-invalid", "schemas/editions.json"),
    ("pattern-not-a-regex", _schema("people", lambda s: _field(s, "name_en").setdefault(
        "constraints", {}).update(pattern="([")), "schema-invalid", "schemas/people.json"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_damaged_descriptor_or_schema_is_reported(tmp_path: Path, case: tuple) -> None:
    _, damage, code, file = case

    def then_restamp(pkg: Path) -> None:
        damage(pkg)
        if code != "hash-algorithm":
            try:
                restamp(pkg)
            except (ValueError, RecursionError, KeyError, TypeError, AttributeError):
                pass  # a descriptor too broken to restamp is handed in as it is
    pkg = damaged(tmp_path, then_restamp, seal=False)
    rc, report = cli_validate(pkg)
    assert rc == 1
    assert any(p["code"] == code and p["file"] == file for p in report["problems"]), report["problems"][:20]


def _link_out(pkg: Path, rel: str, target: Path) -> None:
    (pkg / rel).unlink()
    os.symlink(target, pkg / rel)


def test_data_file_linked_outside_is_refused_unread(tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    os.mkfifo(outside)  # opening a FIFO with no writer blocks: reading it would hang the run
    pkg = damaged(tmp_path, lambda p: _link_out(p, "data/people.csv", outside), seal=False)
    caught(validate_copy(pkg), "path-refused", "datapackage.json")


def test_data_file_linked_to_a_copy_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "people.csv"

    def damage(pkg: Path) -> None:
        outside.write_bytes((pkg / "data" / "people.csv").read_bytes())
        _link_out(pkg, "data/people.csv", outside)
    pkg = damaged(tmp_path, damage)
    report = validate_copy(pkg)
    caught(report, "path-refused", "datapackage.json")
    assert any("symbolic link" in p.message for p in report.problems)


def test_schema_linked_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "people.json"

    def damage(pkg: Path) -> None:
        outside.write_bytes((pkg / "schemas" / "people.json").read_bytes())
        _link_out(pkg, "schemas/people.json", outside)
    caught(validate_copy(damaged(tmp_path, damage)), "path-refused", "datapackage.json")


def test_link_inside_the_package_is_fine(tmp_path: Path) -> None:
    def damage(pkg: Path) -> None:
        (pkg / "data" / "people-real.csv").write_bytes((pkg / "data" / "people.csv").read_bytes())
        _link_out(pkg, "data/people.csv", pkg / "data" / "people-real.csv")
    assert validate_copy(damaged(tmp_path, damage)).valid


def test_verify_refuses_a_link_outside(tmp_path: Path) -> None:
    from cicc_data.integrity import verify

    outside = tmp_path / "people.csv"

    def damage(pkg: Path) -> None:
        outside.write_bytes((pkg / "data" / "people.csv").read_bytes())
        _link_out(pkg, "data/people.csv", outside)
    report = verify(damaged(tmp_path, damage))
    assert any(p.code == "path-refused" for p in report.problems)
