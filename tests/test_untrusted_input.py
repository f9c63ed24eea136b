"""Packages and release zips made to hurt: each is refused through the CLI (exit 1 or 2, a message naming
the file, no traceback) and through the API (a ``cicc_data.errors`` exception), quickly and unread."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

import cicc_data
from cicc_data.errors import CiccDataError, InvalidArgumentError, PackageNotFoundError, PackageReadError
from cicc_data.paths import resolve_root

from .conftest import ROOT


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cicc_data", *args], capture_output=True, text=True, timeout=timeout)


def refused(out: subprocess.CompletedProcess[str], names: str, codes: tuple[int, ...] = (1, 2)) -> str:
    """Assert a clean refusal naming ``names``; return what was printed."""
    text = out.stdout + out.stderr
    assert out.returncode in codes, text[:2000]
    assert "Traceback" not in text, text[:4000]
    assert names in text, text[:2000]
    assert max(map(len, text.splitlines() or [""])) <= 2200, "a message line is not bounded"
    return text


def _members() -> dict[str, bytes]:
    out = {"datapackage.json": (ROOT / "datapackage.json").read_bytes()}
    for folder in ("data", "schemas"):
        out.update({f"{folder}/{p.name}": p.read_bytes() for p in sorted((ROOT / folder).iterdir()) if p.is_file()})
    return out


@pytest.fixture(scope="module")
def members() -> dict[str, bytes]:
    return _members()


def make_zip(path: Path, members: dict[str, bytes], **extra: bytes) -> Path:
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # duplicate names are the point of one test
        for name, blob in {**members, **extra}.items():
            zf.writestr(f"pkg/{name}", blob)
    return path


# ---- zips -----------------------------------------------------------------------------------------------------

def test_expanding_zip_is_refused_quickly(tmp_path: Path, members: dict[str, bytes]) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members.items():
            if name != "data/glossary.csv":
                zf.writestr(f"pkg/{name}", blob)
        with zf.open("pkg/data/glossary.csv", "w", force_zip64=True) as fh:  # 100 MB of blank lines, ~0.1 MB zipped
            fh.write(members["data/glossary.csv"])
            block = b"\n" * (1 << 20)
            for _ in range(100):
                fh.write(block)
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(PackageReadError, match="bomb.zip.*glossary.csv"):
        cicc_data.load("glossary", path=bomb)
    refused(cli("validate", str(bomb)), "bomb.zip", (2,))


def test_unlisted_member_is_never_unpacked(tmp_path: Path, members: dict[str, bytes]) -> None:
    z = make_zip(tmp_path / "extra.zip", members, **{"junk.bin": b"\0" * (8 << 20), "data/unlisted.csv": b"a\n"})
    root = resolve_root(z)
    assert not (root / "junk.bin").exists() and not (root / "data" / "unlisted.csv").exists()
    assert len(cicc_data.load("editions", path=z)) == len(cicc_data.load("editions"))


@pytest.mark.parametrize("case", ["duplicate", "file-and-folder", "symlink"])
def test_ambiguous_or_unsafe_members_are_refused(tmp_path: Path, members: dict[str, bytes], case: str) -> None:
    z = tmp_path / f"{case}.zip"
    with warnings.catch_warnings(), zipfile.ZipFile(z, "w") as zf:
        warnings.simplefilter("ignore")
        for name, blob in members.items():
            info = zipfile.ZipInfo(f"pkg/{name}")
            if name == "data/glossary.csv" and case == "symlink":
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                blob = b"/etc/passwd"
            if name == "data/glossary.csv" and case == "encrypted":
                info.flag_bits |= 0x1
            zf.writestr(info, blob)
        if case == "duplicate":
            zf.writestr("pkg/data/editions.csv", b"edition_id\nforged\n")
        if case == "file-and-folder":
            zf.writestr("pkg/data/editions.csv/x", b"x")
    with pytest.raises(PackageReadError, match=f"{case}.zip"):
        cicc_data.load("glossary", path=z)
    refused(cli("diff", str(ROOT), str(z)), f"{case}.zip", (2,))


def _patch(blob: bytearray, name: bytes, *, method: int | None = None, flip: bool = False, flags: int = 0) -> None:
    """Patch the local and central headers of member ``name`` in a zip held in memory."""
    for sig, method_at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = blob.find(sig)
        while at != -1:
            head = 30 if sig == b"PK\x03\x04" else 46
            if blob[at + head:at + head + len(name)] == name:
                if method is not None:
                    blob[at + method_at:at + method_at + 2] = method.to_bytes(2, "little")
                blob[at + method_at - 2] |= flags  # the general-purpose flags sit just before the method
                if flip and sig == b"PK\x03\x04":
                    extra = int.from_bytes(blob[at + 28:at + 30], "little")
                    blob[at + head + len(name) + extra + 5] ^= 0xFF
            at = blob.find(sig, at + 1)


@pytest.mark.parametrize("case", ["bad-crc", "method", "encrypted"])
def test_corrupt_zip_is_a_clear_error(tmp_path: Path, members: dict[str, bytes], case: str) -> None:
    z = tmp_path / f"{case}.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_STORED) as zf:
        for name, blob in members.items():
            zf.writestr(f"pkg/{name}", blob)
    blob = bytearray(z.read_bytes())
    _patch(blob, b"pkg/data/glossary.csv", method=99 if case == "method" else None, flip=case == "bad-crc",
           flags=0x1 if case == "encrypted" else 0)
    z.write_bytes(bytes(blob))
    with pytest.raises(PackageReadError, match=f"{case}.zip"):
        cicc_data.load("glossary", path=z)
    refused(cli("validate", str(z)), f"{case}.zip", (2,))


def test_zip_slip_is_still_refused_before_any_write(tmp_path: Path, members: dict[str, bytes]) -> None:
    z = tmp_path / "slip.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("pkg/datapackage.json", members["datapackage.json"])
        zf.writestr("pkg/..\\..\\evil.txt", b"x")
    with pytest.raises(PackageReadError, match="refused member"):
        cicc_data.records("editions", path=z)


# ---- package folders ------------------------------------------------------------------------------------------

def test_data_file_linked_out_of_the_package_is_never_read(pkg: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("term_zh,term_en,notes\nSECRET-VALUE,x,y\n", encoding="utf-8")
    (pkg / "data" / "glossary.csv").unlink()
    os.symlink(secret, pkg / "data" / "glossary.csv")
    for call in (lambda: cicc_data.load("glossary", path=pkg), lambda: cicc_data.records("glossary", path=pkg)):
        with pytest.raises(PackageReadError, match="glossary.csv"):
            call()
    text = refused(cli("diff", str(ROOT), str(pkg)), "glossary.csv", (2,))
    assert "SECRET-VALUE" not in text
    refused(cli("validate", str(pkg)), "glossary.csv", (1,))


@pytest.mark.parametrize("schema", ["../outside.json", "https://example.org/schema.json", "/etc/passwd"])
def test_schema_path_outside_or_remote_is_refused_unread(pkg: Path, schema: str) -> None:
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    desc["resources"][0]["schema"] = schema
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    with pytest.raises(PackageReadError, match="datapackage.json.*refused"):
        cicc_data.load("editions", path=pkg)
    refused(cli("diff", str(pkg), str(ROOT)), "datapackage.json", (2,))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_never_hangs(pkg: Path) -> None:
    (pkg / "data" / "glossary.csv").unlink()
    os.mkfifo(pkg / "data" / "glossary.csv")
    with pytest.raises(PackageReadError, match="not a regular file"):
        cicc_data.load("glossary", path=pkg)
    refused(cli("validate", str(pkg), timeout=60), "glossary.csv", (1,))
    refused(cli("diff", str(pkg), str(ROOT), timeout=60), "glossary.csv", (2,))
    (pkg / "datapackage.json").unlink()
    os.mkfifo(pkg / "datapackage.json")
    with pytest.raises(PackageReadError, match="not a regular file"):
        cicc_data.tables(pkg)
    refused(cli("validate", str(pkg), timeout=60), "datapackage.json", (1, 2))


@pytest.mark.parametrize("body", ["[1, 2, 3]", "[" * 5000 + "]" * 5000, '{"resources": [' + "[" * 100 + "]" * 100 + "]}",
                                  '{"name": "cut', '{"resources": "data/x.csv"}'])
def test_descriptor_of_the_wrong_shape_is_refused(pkg: Path, body: str) -> None:
    (pkg / "datapackage.json").write_text(body, encoding="utf-8")
    with pytest.raises(PackageReadError, match="datapackage.json"):
        cicc_data.load("editions", path=pkg)
    refused(cli("validate", str(pkg)), "datapackage.json", (1,))
    refused(cli("diff", str(pkg), str(ROOT)), "datapackage.json", (2,))


def test_huge_field_and_foreign_encoding_give_bounded_messages(pkg: Path) -> None:
    text = (pkg / "data" / "glossary.csv").read_text(encoding="utf-8")
    header, first, rest = text.split("\n", 2)
    big = f'{first.split(",")[0]},"{"x" * (5 << 20)}",\n'
    (pkg / "data" / "glossary.csv").write_text(header + "\n" + big + rest, encoding="utf-8")
    with pytest.raises(PackageReadError, match="glossary.csv"):
        cicc_data.records("glossary", path=pkg)
    refused(cli("diff", str(ROOT), str(pkg)), "glossary.csv", (2,))
    refused(cli("validate", str(pkg)), "glossary.csv", (1,))
    (pkg / "data" / "glossary.csv").write_bytes(text.encode("gb18030"))
    with pytest.raises(PackageReadError, match="not UTF-8"):
        cicc_data.records("glossary", path=pkg)
    refused(cli("diff", str(ROOT), str(pkg)), "glossary.csv", (2,))


def test_a_row_of_a_million_cells_is_reported_by_the_file_layer(pkg: Path) -> None:
    path = pkg / "data" / "glossary.csv"
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(header + "\n" + ",".join(["x"] * 1_000_000) + "\n" + rest, encoding="utf-8")
    report = cicc_data.validate(pkg)
    wide = [p for p in report.problems if p.code == "row-width"]
    assert [(p.file, p.row) for p in wide] == [("data/glossary.csv", 2)]
    assert not [p for p in report.problems if p.layer == "schema"], "the wide row reached Frictionless"
    with pytest.raises(PackageReadError, match="glossary.csv"):
        cicc_data.load("glossary", path=pkg)
    refused(cli("validate", str(pkg)), "glossary.csv", (1,))


def test_header_of_many_columns_gives_a_bounded_message(pkg: Path) -> None:
    path = pkg / "data" / "glossary.csv"
    path.write_text(",".join(f"column{i}" for i in range(200_000)) + "\n", encoding="utf-8")
    report = cicc_data.validate(pkg)
    assert all(len(p.message) <= 2100 for p in report.problems)
    refused(cli("validate", str(pkg)), "glossary.csv", (1,))


# ---- the API's own errors -------------------------------------------------------------------------------------

def test_package_with_only_a_descriptor(tmp_path: Path) -> None:
    (tmp_path / "datapackage.json").write_bytes((ROOT / "datapackage.json").read_bytes())
    with pytest.raises(PackageNotFoundError, match="schemas"):
        cicc_data.load("editions", path=tmp_path)
    with pytest.raises(CiccDataError):
        cicc_data.find("李书磊", path=tmp_path)
    refused(cli("diff", str(tmp_path), str(ROOT)), "schemas", (2,))


def test_arguments_of_the_wrong_type() -> None:
    with pytest.raises(InvalidArgumentError, match="string"):
        cicc_data.find(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="int"):
        cicc_data.edition("twenty-twenty-four")
    assert cicc_data.edition("2024").edition.year == cicc_data.edition(2024).edition.year == 2024
    with pytest.raises(PackageReadError, match="URL"):
        cicc_data.load("editions", path="https://example.org/cicc-data.zip")


def test_export_onto_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("keep me", encoding="utf-8")
    refused(cli("export", "--format", "json", "--out", str(target)), "out.txt", (2,))
    assert target.read_text(encoding="utf-8") == "keep me"
    from cicc_data.export import export

    with pytest.raises(InvalidArgumentError, match="out.txt"):
        export("json", target)
