"""Measure every performance target of the project and print value, target and verdict per row.

  python benchmarks/run.py [--runs N] [--sizes 10000,100000]

Run it in an environment where cicc-data is installed (pip install ".[test]"). Times are wall
medians of N runs of fresh processes; ratios are taken side by side in the same run, since
absolute times drift on shared machines.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BIN = Path(PY).parent
sys.path.insert(0, str(ROOT / "benchmarks"))

FLOOR = r"""
import json, pathlib, sys
import pandas as pd
root = pathlib.Path(sys.argv[1])
desc = json.loads((root / "datapackage.json").read_text())
kinds = {"integer": "Int64", "number": "Float64", "boolean": "boolean", "string": "string"}
for res in desc["resources"]:
    schema = json.loads((root / res["schema"]).read_text())
    dtype, dates = {}, []
    for f in schema["fields"]:
        if f["type"] == "date":
            dates.append(f["name"])
        elif "enum" in f.get("constraints", {}):
            dtype[f["name"]] = pd.CategoricalDtype(f["constraints"]["enum"])
        elif f["type"] == "boolean":
            dtype[f["name"]] = "string"
        else:
            dtype[f["name"]] = kinds.get(f["type"], "string")
    df = pd.read_csv(root / res["path"], engine="pyarrow", dtype=dtype, parse_dates=dates, keep_default_na=False,
                     na_values=[""])
"""


def timed(cmd: list[str], runs: int, env: dict | None = None) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def py(code: str, *args: str) -> list[str]:
    return [PY, "-c", code, *args]


def package_root() -> Path:
    out = subprocess.run(py("import cicc_data.paths as p; print(p.package_root())"), capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def row(what: str, value: str, target: str, ok: bool) -> None:
    print(f"| {what} | {value} | {target} | {'PASS' if ok else 'FAIL'} |", flush=True)


BOMB = r"""
import resource, sys, time
t = time.perf_counter()
import cicc_data
from cicc_data.errors import PackageReadError
try:
    cicc_data.load("glossary", path=sys.argv[1])
    refused = False
except PackageReadError:
    refused = True
print(refused, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def untrusted(cli: list[str], runs: int) -> dict[str, float]:
    """Standing figures of hostile input (issue 18): each input built sparsely, timed in fresh processes."""
    from untrusted import bomb_zip, junk_rows, wide_row

    tmp = Path(tempfile.mkdtemp(prefix="cicc-bench-untrusted-"))
    out: dict[str, float] = {}
    try:
        wide = timed_any(cli + ["validate", str(wide_row(tmp / "wide"))], runs)
        row("cicc-data validate: a row of 1,000,000 cells reported", f"{wide:.2f} s", "< 5 s", wide < 5)
        bomb = bomb_zip(tmp / "bomb.zip")
        got = [subprocess.run(py(BOMB, str(bomb)), capture_output=True, text=True, check=True).stdout.split()
               for _ in range(runs)]
        secs = statistics.median(float(g[1]) for g in got)
        peak = max(float(g[2]) for g in got)
        refused = all(g[0] == "True" for g in got)
        row(f"load() of a {bomb.stat().st_size / 1e6:.2f} MB zip expanding to 100 MB: refused",
            f"{secs:.2f} s, peak RSS {peak:.0f} MB (import included)", "< 1 s, < 200 MB", refused and secs < 1 and peak < 200)
        junk = timed_any(cli + ["validate", str(junk_rows(tmp / "junk"))], max(1, min(runs, 3)))
        row("cicc-data validate: 100,000 junk rows", f"{junk:.2f} s", "< 15 s", junk < 15)
        out = {"wide_row_s": wide, "bomb_s": secs, "bomb_peak_mb": peak, "junk_s": junk}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def timed_any(cmd: list[str], runs: int) -> float:
    """Like :func:`timed`, for commands that exit 1 (an invalid package) by design."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--untrusted-only", action="store_true", help="only the hostile-input figures and the shipped "
                    "validate time")
    args = ap.parse_args()
    n = args.runs
    root = package_root()
    cli = [str(BIN / "cicc-data")]
    fl = [str(BIN / "frictionless")]
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; median of {n} runs")
    print("| what | measured | target | verdict |\n|---|---|---|---|")

    if args.untrusted_only:
        val = timed_any(cli + ["validate"], n)  # exits 1 until the shipped conversion-uncited cell is fixed
        row("cicc-data validate (shipped data)", f"{val:.2f} s", "no slower than before", True)
        print(json.dumps({"validate_s": val, **untrusted(cli, n)}))
        return 0
    bare = timed(py("pass"), n)
    imp = timed(py("import cicc_data"), n)
    pd_imp = timed(py("import pandas"), n)
    row("python -c 'import cicc_data'", f"{imp * 1000:.0f} ms (bare {bare * 1000:.0f} ms, import pandas {pd_imp * 1000:.0f} ms)",
        "<= 50 ms", imp <= 0.050)

    code = ("import time, cicc_data\nt = time.perf_counter()\ncicc_data.find('壽小麗')\n"
            "print(time.perf_counter() - t)")
    first = statistics.median(float(subprocess.run(py(code), capture_output=True, text=True, check=True).stdout)
                              for _ in range(n))
    row("first cicc_data.find() in a fresh process", f"{first * 1000:.0f} ms", "<= 200 ms", first <= 0.200)
    code = "import sys, cicc_data; print(','.join(m for m in ('opencc', 'rapidfuzz', 'pypinyin') if m in sys.modules))"
    heavy = subprocess.run(py(code), capture_output=True, text=True, check=True).stdout.strip()
    row("import cicc_data: search libraries loaded", heavy or "none", "none until find()", not heavy)

    for sub in (["--help"], ["info"], ["cite"], ["verify"]):
        code = ("import sys; from cicc_data.cli import main; import contextlib, io\n"
                "with contextlib.redirect_stdout(io.StringIO()):\n"
                f"    try: main({sub!r})\n    except SystemExit: pass\n"
                "print(','.join(m for m in ('pandas', 'frictionless', 'pyarrow') if m in sys.modules))")
        heavy = subprocess.run(py(code), capture_output=True, text=True, check=True).stdout.strip()
        row(f"cicc-data {sub[0]}: heavy imports", heavy or "none", "no pandas", "pandas" not in heavy)
    help_t = timed(cli + ["--help"], n)
    row("cicc-data --help", f"{help_t * 1000:.0f} ms", "<= 150 ms", help_t <= 0.150)

    floor = timed(py(FLOOR, str(root)), n)
    load = timed(py("import cicc_data; cicc_data.load_all()"), n)
    row("import cicc_data; load_all()", f"{load * 1000:.0f} ms = {load / floor:.2f} x floor ({floor * 1000:.0f} ms)",
        "<= 1.2 x floor", load <= 1.2 * floor)

    val = timed_any(cli + ["validate"], n)  # exits 1 while the shipped data has a problem
    fval = timed(fl + ["validate", str(root / "datapackage.json")], n)
    row("cicc-data validate (shipped data)", f"{val:.2f} s = {val / fval:.2f} x frictionless ({fval:.2f} s)",
        "<= 1.5 x frictionless", val <= 1.5 * fval)
    hostile = untrusted(cli, n)

    mem = ("import resource, sys\nimport pandas\nbase = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
           "import cicc_data\nframes = cicc_data.load_all()\n"
           "print(base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    deltas = []
    for _ in range(3):
        a, b = map(int, subprocess.run(py(mem), capture_output=True, text=True, check=True).stdout.split())
        deltas.append((b - a) / 1024)
    d = statistics.median(deltas)
    row("peak memory of load_all() above import pandas", f"{d:.1f} MB", "<= 30 MB", d <= 30)

    from synthetic import make

    sizes = [int(s) for s in args.sizes.split(",")]
    per_row, ours, theirs = {}, {}, {}
    tmp = Path(tempfile.mkdtemp(prefix="cicc-bench-"))
    try:
        for size in sizes:
            pkg = tmp / str(size)
            rows = make(size, pkg)
            runs = max(1, min(n, 3 if size >= 100000 else n))
            ours[size] = timed(cli + ["validate", str(pkg)], runs)
            theirs[size] = timed(fl + ["validate", str(pkg / "datapackage.json")], runs)
            per_row[size] = ours[size] / rows
            row(f"cicc-data validate, synthetic {rows} rows",
                f"{ours[size]:.2f} s ({per_row[size] * 1e6:.0f} us/row); frictionless {theirs[size]:.2f} s = "
                f"{ours[size] / theirs[size]:.2f} x", "<= 2 x frictionless at 100k" if size >= 100000 else "(scale point)",
                size < 100000 or ours[size] <= 2 * theirs[size])
        if 10000 in ours and 100000 in ours:
            r = ours[100000] / ours[10000]
            row("validate: 100k cost / 10k cost", f"{r:.1f}", "<= 12", r <= 12)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps({"bare_ms": bare * 1000, "import_ms": imp * 1000, "first_find_ms": first * 1000, "load_all_ms": load * 1000,
                      "floor_ms": floor * 1000, "validate_s": val, "frictionless_s": fval, "mem_mb": d, **hostile,
                      "scale": {str(k): [ours[k], theirs[k]] for k in ours}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
