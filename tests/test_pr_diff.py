"""scripts/pr_diff.py: the keyed diff against the last release as Markdown, for a pull-request comment."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "pr_diff.py"
RELEASE = ROOT / "releases" / "cicc-data-1.0.0.zip"


def pr_diff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300)


def _edit(pkg: Path, table: str, key: str, key_value: str, field: str, value: str) -> str:
    p = pkg / "data" / f"{table}.csv"
    with open(p, encoding="utf-8", newline="") as fh:
        body = list(csv.DictReader(fh))
    header = list(body[0])
    row = next(r for r in body if r[key] == key_value)
    old, row[field] = row[field], value
    with open(p, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, header, lineterminator="\n")
        w.writeheader()
        w.writerows(body)
    return old


def test_a_corrected_cell_is_a_row_with_old_and_new(pkg: Path, tmp_path: Path) -> None:
    before = tmp_path / "before.md"
    assert pr_diff("--tree", str(pkg), "--against", str(RELEASE), "--out", str(before)).returncode == 0
    old = _edit(pkg, "editions", "edition_id", "cicc-2023", "venue_en", "Xiamen | International Conference Centre")
    out_file = tmp_path / "comment.md"
    out = pr_diff("--tree", str(pkg), "--against", str(RELEASE), "--out", str(out_file))
    assert out.returncode == 0, out.stderr
    md = out_file.read_text(encoding="utf-8")
    assert md.startswith(f"## Data changes: `{pkg}` against release 1.0.0 (`cicc-data-1.0.0.zip`)")
    assert "venue_en" not in before.read_text(encoding="utf-8").split("### `editions`")[-1].split("### ")[0]
    old_cell = f"`{old}`" if old else "*(empty)*"
    assert f"| `cicc-2023` | `venue_en` | {old_cell} | `Xiamen \\| International Conference Centre` |" in md
    assert "### `citations`" in md and "- column added: `quote`" in md  # the column the lead is adding


def test_the_newest_release_is_the_default_and_a_git_ref_can_be_compared() -> None:
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "data", "schemas",
                            "datapackage.json"], capture_output=True, text=True)
    if dirty.returncode != 0 or dirty.stdout.strip():
        pytest.skip("not a clean git checkout of the package files")
    tree, ref = pr_diff(), pr_diff("--ref", "HEAD")
    assert tree.returncode == 0 and ref.returncode == 0, tree.stderr + ref.stderr
    newest = sorted(p.name for p in (ROOT / "releases").glob("cicc-data-*.zip"))[-1]
    assert f"(`{newest}`)" in tree.stdout.splitlines()[0]
    assert tree.stdout.split("\n", 1)[1] == ref.stdout.split("\n", 1)[1]  # same body, only the label differs


def test_a_rename_is_listed_as_a_rename() -> None:
    out = pr_diff("--tree", str(RELEASE), "--against", str(ROOT / "releases" / "cicc-data-0.1.0.zip"))
    assert out.returncode == 0, out.stderr
    assert "- renamed: `cctv` → `china-media-group` (" in out.stdout
    assert "| `cicc-2023` | `city_zh` | `厦门市` | `厦门` |" in out.stdout


def test_a_bad_ref_is_a_clean_error() -> None:
    out = pr_diff("--ref", "no-such-branch-xyz")
    assert out.returncode != 0 and "Traceback" not in out.stderr and "no-such-branch-xyz" in out.stderr


def test_the_workflow_runs_ci_and_posts_this_diff_and_the_form_asks_for_the_evidence() -> None:
    import yaml

    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for s in wf["jobs"]["test"]["steps"]]
    assert "bash .ci/run" in steps and any("scripts/pr_diff.py --out pr-diff.md" in s for s in steps)
    assert any("gh pr comment" in s and "--body-file pr-diff.md" in s for s in steps)
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "correction.yml").read_text(encoding="utf-8"))
    ids = {b["id"]: b for b in form["body"] if "id" in b}
    for needed in ("entity", "field", "proposed", "url", "quote"):
        assert needed in ids
    assert all(ids[k]["validations"]["required"] for k in ("entity", "proposed", "url", "quote"))
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for path in ("releases/redirects.csv", "scripts/pr_diff.py", "scripts/release.py", ".ci/run",
                 ".github/ISSUE_TEMPLATE/correction.yml", "docs/data-dictionary.md"):
        assert path in guide and (ROOT / path).exists(), path
