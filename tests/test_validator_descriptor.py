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


# (id, damage, code, file named, group). Damages of one group touch different resources and schemas and
# are made together in one copy, validated once; the others (fatal or overlapping) each get their own copy.
CASES: list[tuple[str, Callable[[Path], None], str, str, str | None]] = [
    ("resource-removed-still-referenced", _desc(_drop_resource("subforums")), "schema-invalid",
     "datapackage.json", "descriptor"),
    ("encoding-lies", _desc(lambda d: _resource(d, "people").update(encoding="latin-1")),
     "descriptor-encoding", "datapackage.json", "descriptor"),
    ("format-lies", _desc(lambda d: _resource(d, "roles").update(format="xlsx")),
     "descriptor-encoding", "datapackage.json", "descriptor"),
    ("dialect-lies", _desc(lambda d: _resource(d, "names").update(dialect={"delimiter": ";"})),
     "descriptor-encoding", "datapackage.json", "descriptor"),
    ("licence-removed", _desc(lambda d: d.pop("licenses")), "descriptor-license", "datapackage.json", "descriptor"),
    ("created-not-a-date", _desc(lambda d: d.update(created="yesterday")), "descriptor-invalid", "datapackage.json",
     "descriptor"),
    ("hash-md5", _desc(lambda d: _resource(d, "posts").update(hash="md5:" + "0" * 32)),
     "hash-algorithm", "data/posts.csv", "descriptor"),
    ("hash-unprefixed-md5", _desc(lambda d: _resource(d, "events").update(hash="0" * 32)),
     "hash-algorithm", "data/events.csv", "descriptor"),
    ("licence-emptied", _desc(lambda d: d.update(licenses=[{}])), "descriptor-license", "datapackage.json", None),
    ("descriptor-nesting", _desc(lambda d: d.update(keywords=_nest(200))), "descriptor-nesting", "datapackage.json",
     None),
    ("descriptor-nesting-beyond-recursion", lambda p: (p / "datapackage.json").write_text(
        "[" * 100000 + "]" * 100000, encoding="utf-8"), "descriptor-nesting", "datapackage.json", None),
    ("primary-key-no-such-field", _schema("people", lambda s: s.update(primaryKey=["person_key"])),
     "schema-invalid", "schemas/people.json", "schema"),
    ("foreign-key-no-such-field", _schema("events", lambda s: s["foreignKeys"][0].update(fields=["edition"])),
     "schema-invalid", "schemas/events.json", "schema"),
    ("foreign-key-no-such-target-field", _schema(
        "outputs", lambda s: s["foreignKeys"][0]["reference"].update(fields=["edition"])),
     "schema-invalid", "schemas/outputs.json", None),
    ("foreign-key-no-such-resource", _schema(
        "roles", lambda s: s["foreignKeys"][0]["reference"].update(resource="edition")),
     "schema-invalid", "datapackage.json", "schema"),
    ("type-table-schema-lacks", _schema("editions", lambda s: _field(s, "year").update(type="int")),
     "schema-invalid", "schemas/editions.json", "schema"),
    ("type-varchar", _schema("organizations", lambda s: _field(s, "name_zh").update(type="varchar")),
     "schema-invalid", "schemas/organizations.json", "schema"),
    ("fields-not-a-list", _schema("claims", lambda s: s.update(fields={"name": "value"})),
     "schema-invalid", "schemas/claims.json", "schema"),
    ("field-twice", _schema("names", lambda s: s["fields"].append(dict(s["fields"][0]))),
     "schema-invalid", "schemas/names.json", "schema"),
    ("pattern-not-a-regex", _schema("sources", lambda s: _field(s, "title").setdefault(
        "constraints", {}).update(pattern="([")), "schema-invalid", "schemas/sources.json", None),
    ("constraint-of-wrong-type", _schema("posts", lambda s: _field(s, "title_zh").setdefault(
        "constraints", {}).update(minLength="x")), "schema-invalid", "schemas/posts.json", "schema"),
    ("unknown-constraint", _schema("subforums", lambda s: _field(s, "title_en").setdefault(
        "constraints", {}).update(maxLen=3)), "schema-invalid", "schemas/subforums.json", "schema"),
    ("schema-nesting", _schema("people", lambda s: _field(s, "notes").update(example=_nest(100))),
     "descriptor-nesting", "schemas/people.json", None),
    ("schema-not-an-object", lambda p: (p / "schemas" / "people.json").write_text("[1, 2]", encoding="utf-8"),
     "schema-invalid", "schemas/people.json", None),
    ("schema-not-json", lambda p: (p / "schemas" / "people.json").write_text("{", encoding="utf-8"),
     "schema-unreadable", "schemas/people.json", None),
    ("minimum-not-a-number", _schema("editions", lambda s: _field(s, "year")["constraints"].update(
        minimum="x")), "schema-invalid", "schemas/editions.json", None),
    ("required-not-boolean", _schema("editions", lambda s: _field(s, "year")["constraints"].update(
        required="yes")), "schema-invalid", "schemas/editions.json", None),
    ("missing-values-not-strings", _schema("editions", lambda s: s.update(missingValues=[1, 2])),
     "schema-invalid", "schemas/editions.json", None),
    ("bare-number-not-boolean", _schema("editions", lambda s: _field(s, "year").update(bareNumber="no")),
     "schema-invalid", "schemas/editions.json", None),
]


def _hand_in(pkg: Path, damages: list[Callable[[Path], None]], restamp_hashes: bool) -> None:
    for damage in damages:
        damage(pkg)
    if restamp_hashes:
        try:
            restamp(pkg)
        except (ValueError, RecursionError, KeyError, TypeError, AttributeError):
            pass  # a descriptor too broken to restamp is handed in as it is


def _group_damage(group: str) -> Callable[[Path], None]:
    def damage(pkg: Path) -> None:
        # restamp first, then break the recorded hashes of the hash cases
        _hand_in(pkg, [c[1] for c in CASES if c[4] == group and c[2] != "hash-algorithm"], True)
        _hand_in(pkg, [c[1] for c in CASES if c[4] == group and c[2] == "hash-algorithm"], False)
    return damage


@pytest.fixture(scope="module")
def group_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, dict]]:
    out = {}
    for group in ("descriptor", "schema"):
        out[group] = cli_validate(damaged(tmp_path_factory.mktemp(group), _group_damage(group), seal=False))
    return out


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_damaged_descriptor_or_schema_is_reported(tmp_path: Path, case: tuple,
                                                  group_reports: dict[str, tuple[int, dict]]) -> None:
    _, damage, code, file, group = case
    if group:
        rc, report = group_reports[group]
    else:
        rc, report = cli_validate(damaged(tmp_path, lambda p: _hand_in(p, [damage], code != "hash-algorithm"),
                                          seal=False))
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
    assert not validate_copy(damaged(tmp_path, damage)).problems


def test_verify_refuses_a_link_outside(tmp_path: Path) -> None:
    from cicc_data.integrity import verify

    outside = tmp_path / "people.csv"

    def damage(pkg: Path) -> None:
        outside.write_bytes((pkg / "data" / "people.csv").read_bytes())
        _link_out(pkg, "data/people.csv", outside)
    report = verify(damaged(tmp_path, damage))
    caught(report, "path-refused", "datapackage.json")
