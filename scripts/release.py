"""Cut a release: validate, stamp the version, hash the data, write the changelog, build the files.

  python scripts/release.py [--version X.Y.Z] [--date YYYY-MM-DD] [--out DIR] [--dry-run] [--allow-dirty]

Into --out go the release zip (datapackage.json at its root, redirects.csv, delta.jsonl), the wheel and
the sdist (python -m build) and SHA256SUMS. It needs the maintainer dependencies
(pip install -e ".[release]"); a missing one is named before anything is written.

Without --version the release files of the current version are rebuilt and nothing is bumped.
The same tree released twice gives byte-identical files. The previous release's zip, kept in
releases/, is what the changelog's data section is computed against; an ID that disappears
without a redirect in releases/redirects.csv stops the release.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

ZIP_MEMBERS = ["datapackage.json", "data", "schemas", "croissant.json", "docs/data-dictionary.md", "LICENSE",
               "LICENSE-DATA", "CITATION.cff", "CHANGELOG.md", ".zenodo.json"]
ZIP_RENAMED = {"README.md": "docs/dataset-card.md", "redirects.csv": "releases/redirects.csv"}
"""Member of the zip -> file of the repository: the zip's README is the dataset card."""
FLAT_MEMBER = "role_facts.csv"
"""The journalists' flat table of every role (cicc_data.flat), generated from the tables."""
DELTA_MEMBER = "delta.jsonl"
"""The zip's delta against the previous release (JSON lines, cicc_data.delta), when there is one."""
CHANGELOG_HEAD = """# Changelog

All notable changes to the cicc-data package. Versions follow semantic versioning for data:
**major** for a breaking schema change (a column removed or renamed, an ID retired without a
redirect), **minor** for new columns, tables or rows, **patch** for corrections of values.
The data section of each entry is written by `scripts/release.py` from a keyed comparison with
the previous release.
"""


MAINTAINER_DEPS = {"build": "build", "packaging": "packaging", "yaml": "pyyaml", "pypinyin": "pypinyin",
                   "opencc": "opencc", "frictionless": "frictionless", "pydantic": "pydantic"}
"""Module -> distribution: what cutting a release needs (validation, generate.py, python -m build)."""


class ReleaseError(Exception):
    pass


def missing_dependencies(building: bool = True) -> list[str]:
    """The distributions of MAINTAINER_DEPS that this interpreter cannot import (``build`` only when building)."""
    missing = []
    for module, dist in MAINTAINER_DEPS.items():
        if module == "build" and not building:
            continue
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(dist)
    return missing


def _version_key(v: str) -> Version:
    from packaging.version import Version

    return Version(v)


def parse_version(v: str) -> Version | None:
    """``v`` as a PEP 440 version with a three-part release (X.Y.Z, pre-releases allowed), else None."""
    from packaging.version import InvalidVersion, Version

    try:
        parsed = Version(v)
    except InvalidVersion:
        return None
    return parsed if len(parsed.release) == 3 else None


def current_version() -> tuple[str, str]:
    text = (ROOT / "src/cicc_data/_version.py").read_text(encoding="utf-8")
    return (re.search(r'__version__ = "([^"]+)"', text).group(1),
            re.search(r'__release_date__ = "([^"]+)"', text).group(1))


def write_version(version: str, date: str) -> None:
    p = ROOT / "src/cicc_data/_version.py"
    text = p.read_text(encoding="utf-8")
    text = re.sub(r'__version__ = "[^"]+"', f'__version__ = "{version}"', text)
    text = re.sub(r'__release_date__ = "[^"]+"', f'__release_date__ = "{date}"', text)
    p.write_text(text, encoding="utf-8")


def previous_release(version: str) -> Path | None:
    older = []
    for p in (ROOT / "releases").glob("cicc-data-*.zip"):
        v = p.name[len("cicc-data-"):-len(".zip")]
        if parse_version(v) is not None and _version_key(v) < _version_key(version):
            older.append((_version_key(v), p))
    return max(older)[1] if older else None


def redirects() -> set[tuple[str, str]]:
    p = ROOT / "releases" / "redirects.csv"
    if not p.exists():
        return set()
    with open(p, encoding="utf-8", newline="") as fh:
        return {(r["table"], r["old_id"]) for r in csv.DictReader(fh)}


def check_redirects() -> None:
    """Stop the release on a redirect that loops, points nowhere or retires an ID that is still a row."""
    from cicc_data import csvio
    from cicc_data.redirects import REDIRECTS, problems
    from cicc_data.schema import descriptor, table_schema

    p = ROOT / REDIRECTS
    if not p.exists():
        return
    live = {}
    for res in descriptor(ROOT)["resources"]:
        key = table_schema(res["name"], ROOT).primary_key[0]
        live[res["name"]] = {r[key] for r in csvio.read_table(ROOT / res["path"])[1]}
    rows = list(enumerate(csvio.read_table(p)[1], start=2))
    bad = problems(rows, live)
    if bad:
        raise ReleaseError(f"{REDIRECTS} is broken: " + "; ".join(f"row {n}: {msg}" for n, _, msg in bad[:20]))


def stable_key_tables(previous: Path) -> set[str]:
    """Tables whose primary key has the same columns in the previous release and now."""
    from cicc_data.diff import PackageReader

    old, new = PackageReader(previous), PackageReader(ROOT)

    def keys(reader: PackageReader) -> dict[str, list[str]]:
        out = {}
        for res in reader.descriptor["resources"]:
            pk = reader.schema(res).get("primaryKey", [])
            out[res["name"]] = [pk] if isinstance(pk, str) else list(pk)
        return out

    ko, kn = keys(old), keys(new)
    return {t for t in kn if t in ko and ko[t] == kn[t]}


def release_notes(version: str) -> str:
    """Hand-written notes for a version (releases/notes/<version>.md): what changed for users, migration."""
    p = ROOT / "releases" / "notes" / f"{version}.md"
    return p.read_text(encoding="utf-8").strip() + "\n\n" if p.exists() else ""


def changelog_section(version: str, date: str, previous: Path | None) -> str:
    from cicc_data.diff import diff

    lines = [f"## [{version}] - {date}", "", *([release_notes(version).rstrip("\n"), ""] if release_notes(version) else []),
             "### Data", ""]
    if previous is None:
        from cicc_data import csvio
        from cicc_data._tables import TABLE_ORDER

        lines.append("First release. Rows per table:")
        lines.append("")
        for name in TABLE_ORDER:
            _, rows = csvio.read_table(ROOT / "data" / f"{name}.csv")
            lines.append(f"- `{name}`: {len(rows)} rows added")
        return "\n".join(lines) + "\n"
    result = diff(previous, ROOT)
    known = redirects()
    # an ID must not vanish silently from a table of things whose key kept its meaning (same primary-key
    # columns); rows derived from them (entities, citations, curator values) go with them
    from cicc_data._tables import ENTITY_TABLES

    keyed = stable_key_tables(previous) & {*ENTITY_TABLES, "sources", "glossary"}
    lost = [(t, k) for t, d in result.tables.items() if t in keyed for k in d.removed if (t, k) not in known]
    if lost:
        raise ReleaseError("IDs removed without a redirect in releases/redirects.csv: "
                           + ", ".join(f"{t}:{k}" for t, k in lost))
    lines.append(f"Compared with {result.old_version} (keyed by primary key; `cicc-data diff` gives every row, "
                 "the release's `delta.jsonl` every changed cell):")
    lines.append("")
    for name, d in result.tables.items():
        if d.empty:
            lines.append(f"- `{name}`: unchanged")
            continue
        fields = sorted({f for fs in d.changed.values() for f in fs})
        lines.append(f"- `{name}`: {len(d.added)} added, {len(d.removed)} removed, {len(d.renamed)} renamed, "
                     f"{len(d.changed)} changed" + (f" (fields: {', '.join(fields)})" if fields else ""))
        lines += [f"  - renamed `{r.old_id}` to `{r.new_id}`" for r in d.renamed[:50]]
        lines += [f"  - added `{k}`" for k in d.added[:50]]
        lines += [f"  - removed `{k}`" for k in d.removed[:50]]
        lines += [f"  - changed `{k}`: {', '.join(fs)}" for k, fs in list(d.changed.items())[:50]]
    return "\n".join(lines) + "\n"


def update_changelog(section: str, version: str) -> str:
    p = ROOT / "CHANGELOG.md"
    text = p.read_text(encoding="utf-8") if p.exists() else CHANGELOG_HEAD
    entries = re.split(r"(?m)^(?=## \[)", text)
    head, entries = entries[0], entries[1:]
    entries = [e for e in entries if not e.startswith(f"## [{version}]")]
    entries.append(section)
    entries.sort(key=lambda e: _version_key(re.match(r"## \[([^\]]+)\]", e).group(1)), reverse=True)
    return head.rstrip("\n") + "\n\n" + "\n".join(e.rstrip("\n") + "\n" for e in entries)


def _zip_files() -> list[tuple[str, Path]]:
    out = []
    for member in ZIP_MEMBERS:
        p = ROOT / member
        if p.is_dir():
            out += [(f.relative_to(ROOT).as_posix(), f) for f in sorted(p.rglob("*")) if f.is_file()]
        elif p.is_file():
            out.append((member, p))
    out += [(arc, ROOT / src) for arc, src in ZIP_RENAMED.items() if (ROOT / src).is_file()]
    return sorted(out)


def release_delta(previous: Path | None) -> bytes | None:
    """The delta (JSON lines) from the previous release zip to the tree, renames read from releases/redirects.csv."""
    if previous is None:
        return None
    from cicc_data.delta import delta, successors, to_jsonl

    return to_jsonl(delta(previous, ROOT, successors(ROOT))).encode("utf-8")


def _role_facts_csv() -> bytes:
    from cicc_data.flat import write_role_facts

    with tempfile.TemporaryDirectory() as tmp:
        return write_role_facts(ROOT, Path(tmp) / FLAT_MEMBER).read_bytes()


def build_zip(dest: Path, version: str, date: str) -> None:
    """The release zip, Frictionless style: datapackage.json at the root (no versioned folder), the data,
    schemas and catalogue files, redirects.csv, role_facts.csv (the flat table of roles) and delta.jsonl
    against the previous release in releases/."""
    stamp = datetime.date.fromisoformat(date).timetuple()[:3] + (0, 0, 0)
    members = [(arc, path.read_bytes()) for arc, path in _zip_files()]
    delta = release_delta(previous_release(version))
    if delta is not None:
        members.append((DELTA_MEMBER, delta))
    members.append((FLAT_MEMBER, _role_facts_csv()))
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for arc, blob in sorted(members):
            info = zipfile.ZipInfo(arc, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, blob)


def build_python(out: Path, date: str) -> list[Path]:
    epoch = int(datetime.datetime.fromisoformat(date + "T00:00:00+00:00").timestamp())
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
    cmd = [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out)]
    if importlib.util.find_spec("hatchling"):
        cmd.insert(3, "--no-isolation")
    before = set(out.glob("*"))
    done = subprocess.run(cmd + [str(ROOT)], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise ReleaseError(f"python -m build failed (exit {done.returncode}):\n{tail}")
    return sorted(set(out.glob("*")) - before)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", help="new version X.Y.Z (default: rebuild the current one)")
    ap.add_argument("--date", help="release date YYYY-MM-DD (default: today for a new version, else the recorded one)")
    ap.add_argument("--out", default=str(ROOT / "dist"), help="where the zip, wheel, sdist and SHA256SUMS go (default: dist/)")
    ap.add_argument("--dry-run", action="store_true", help="do everything but write")
    ap.add_argument("--allow-dirty", action="store_true", help="release from a tree with uncommitted changes")
    args = ap.parse_args(argv)
    missing = missing_dependencies(building=not args.dry_run)
    if missing:
        print(f"release.py: missing maintainer dependencies: {', '.join(missing)}. Install them with\n"
              f"  python -m pip install -e \".[release]\"\n(or: python -m pip install {' '.join(missing)})",
              file=sys.stderr)
        return 2
    try:
        return release(args)
    except ReleaseError as exc:
        print(f"release refused: {exc}", file=sys.stderr)
        return 1


def release(args: argparse.Namespace) -> int:
    import generate

    from cicc_data.validation import validate

    if not args.allow_dirty and (ROOT / ".git").exists():
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
        if dirty.strip():
            raise ReleaseError("the working tree has uncommitted changes (commit them, or pass --allow-dirty)")
    # 1. full validation of the data as it stands (hashes are rewritten below, so they are not judged here)
    report = validate(ROOT)
    problems = [p for p in report.problems if p.layer != "integrity"]
    if problems:
        raise ReleaseError(f"validation failed, first problem: {problems[0]}")
    check_redirects()  # the validator checks it too; a release never ships a broken redirects file
    cur_version, cur_date = current_version()
    version = args.version or cur_version
    if parse_version(version) is None:
        raise ReleaseError(f"version {version!r} is not X.Y.Z")
    date = args.date or (cur_date if version == cur_version else datetime.date.today().isoformat())
    section = changelog_section(version, date, previous_release(version))
    if args.dry_run:
        print(f"dry run: would release {version} dated {date} into {args.out}\n\n{section}")
        return 0
    # 2-3. version and date everywhere; bytes and sha256 into datapackage.json (generate.py)
    write_version(version, date)
    (ROOT / "CHANGELOG.md").write_text(update_changelog(section, version), encoding="utf-8")
    if generate.main([]) != 0:
        raise ReleaseError("scripts/generate.py failed")
    after = validate(ROOT)
    if not after.valid:
        raise ReleaseError(f"validation failed after stamping: {after.problems[0]}")
    # 5. release files
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        built = build_python(Path(tmp), date)
        zpath = Path(tmp) / f"cicc-data-{version}.zip"
        build_zip(zpath, version, date)
        files = []
        for p in [*built, zpath]:
            shutil.copy2(p, out / p.name)
            files.append(out / p.name)
    sums = "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in sorted(files))
    (out / "SHA256SUMS").write_text(sums, encoding="utf-8")
    archive = ROOT / "releases" / f"cicc-data-{version}.zip"
    archive.parent.mkdir(exist_ok=True)
    shutil.copy2(out / f"cicc-data-{version}.zip", archive)
    print(f"released cicc-data {version} ({date}) into {out}:")
    print(sums, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
