"""Write the keyed diff of the data against the last release, as Markdown for a pull-request comment.

    python scripts/pr_diff.py                       # the working tree against the newest releases/*.zip
    python scripts/pr_diff.py --ref origin/my-fix   # a branch (or any git ref) instead of the working tree
    python scripts/pr_diff.py --tree DIR --against releases/cicc-data-1.0.0.zip --out comment.md

Each changed cell is a row of a table (id, field, old, new); renames (from redirects.csv), rows
added or removed, and columns added or dropped are listed once per table. The CI workflow posts the
output on the pull request, so a reviewer sees every value a change touches.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cicc_data.diff import PackageDiff, TableDiff, diff  # noqa: E402
from cicc_data.errors import CiccDataError  # noqa: E402

PACKAGE_FILES = ("datapackage.json", "data", "schemas", "releases/redirects.csv")
MAX_ROWS = 200


def last_release(releases: Path = ROOT / "releases") -> Path:
    """The release zip with the highest version in ``releases/``."""
    from packaging.version import InvalidVersion, Version

    def version(p: Path) -> Version:
        try:
            return Version(p.stem.removeprefix("cicc-data-"))
        except InvalidVersion:
            return Version("0")

    zips = sorted(releases.glob("cicc-data-*.zip"), key=version)
    if not zips:
        raise SystemExit(f"pr_diff: no release zip (cicc-data-*.zip) in {releases}")
    return zips[-1]


def checkout(ref: str, dest: Path) -> Path:
    """The package files of git ``ref`` unpacked into ``dest`` (git archive: nothing else is touched)."""
    present = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", ref, *PACKAGE_FILES],
                             capture_output=True, text=True)
    if present.returncode != 0:
        raise SystemExit(f"pr_diff: git cannot read {ref!r}: {present.stderr.strip()}")
    names = [n for n in present.stdout.split() if n]
    blob = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref, *names],
                          capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.12+, and 3.10.12/3.11.4 onwards
            tar.extractall(dest, filter="data")
        else:  # pragma: no cover - older interpreters; git archive writes no links outside the tree
            tar.extractall(dest)
    return dest


def _md(text: str | None) -> str:
    """A value as a Markdown table cell: code-quoted, pipes escaped, line breaks shown."""
    if text is None or text == "":
        return "*(empty)*"
    return "`" + text.replace("`", "'").replace("|", "\\|").replace("\n", "\u23ce") + "`"


def _changes(t: TableDiff) -> list[tuple[str, str, str, str]]:
    out = [(r.new_id, f, o, n) for r in t.renamed for f, (o, n) in r.changed.items()]
    out += [(k, f, o, n) for k, fs in t.changed.items() for f, (o, n) in fs.items()]
    return out


def table_section(name: str, t: TableDiff, max_rows: int = MAX_ROWS) -> list[str]:
    """The Markdown for one table's changes."""
    if t.status in ("added", "removed"):
        return [f"### `{name}`: table {t.status} ({t.rows} rows)", ""]
    lines = [f"### `{name}`", ""]
    if t.status == "rekeyed":
        lines += [f"Primary key changed from `{t.key[0]}` to `{t.key[1]}` ({t.old_rows} rows before, {t.rows} "
                  "after); rows cannot be matched one by one.", ""]
    lines += [f"- column added: `{c}`" for c in t.columns_added]
    lines += [f"- column removed: `{c}`" for c in t.columns_removed]
    lines += [f"- renamed: `{r.old_id}` → `{r.new_id}` ({r.reason})" for r in t.renamed]
    lines += [f"- added: `{k}`" for k in t.added[:max_rows]]
    lines += [f"- removed: `{k}`" for k in t.removed[:max_rows]]
    if len(t.added) > max_rows or len(t.removed) > max_rows:
        lines.append(f"- … {max(len(t.added) - max_rows, 0)} more added, {max(len(t.removed) - max_rows, 0)} "
                     "more removed (`cicc-data diff` lists them all)")
    changes = _changes(t)
    if changes:
        lines += ["", "| id | field | old | new |", "|---|---|---|---|"]
        lines += [f"| `{k}` | `{f}` | {_md(o)} | {_md(n)} |" for k, f, o, n in changes[:max_rows]]
        if len(changes) > max_rows:
            lines.append(f"\n… and {len(changes) - max_rows} more changed cells (`cicc-data diff --delta` lists them all).")
    return lines + [""]


def markdown(result: PackageDiff, against: str, tree: str, max_rows: int = MAX_ROWS) -> str:
    """The whole comment: a summary line per table, then each changed table's section."""
    lines = [f"## Data changes: {tree} against release {result.old_version} (`{against}`)", ""]
    changed = {n: t for n, t in result.tables.items() if not t.empty}
    if not changed:
        return "\n".join(lines + ["No data changes.", ""])
    lines += ["| table | added | removed | renamed | changed rows | changed cells |", "|---|---|---|---|---|---|"]
    for n, t in changed.items():
        status = "" if t.status == "kept" else f" ({t.status})"
        lines.append(f"| `{n}`{status} | {len(t.added)} | {len(t.removed)} | {len(t.renamed)} | {len(t.changed)} | "
                     f"{len(_changes(t))} |")
    lines.append("")
    for n, t in changed.items():
        lines += table_section(n, t, max_rows)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="example:\n  python scripts/pr_diff.py --ref HEAD --out pr-diff.md",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--ref", help="a git branch, tag or commit to compare instead of the working tree")
    src.add_argument("--tree", type=Path, default=ROOT, help="a package directory (default: the repository)")
    ap.add_argument("--against", type=Path, help="the release zip to compare with (default: newest in releases/)")
    ap.add_argument("--max-rows", type=int, default=MAX_ROWS, help=f"rows listed per table (default {MAX_ROWS})")
    ap.add_argument("--out", type=Path, help="write the Markdown here (default: standard output)")
    args = ap.parse_args(argv)
    against = args.against or last_release()
    with tempfile.TemporaryDirectory(prefix="cicc-pr-diff-") as tmp:
        tree = checkout(args.ref, Path(tmp)) if args.ref else args.tree
        try:
            result = diff(against, tree)
        except CiccDataError as exc:
            print(f"pr_diff: {exc}", file=sys.stderr)
            return 2
        label = f"`{args.ref}`" if args.ref else ("the working tree" if args.tree == ROOT else f"`{args.tree}`")
        text = markdown(result, against.name, label, args.max_rows)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
