"""Every SQL and Python recipe that the README, the release notes and the dataset card show is run here.

SQL blocks run against the real SQLite export and, loaded from the typed DataFrames, in DuckDB; each must
return at least one row (a recipe that silently returns nothing, such as ``field = ''`` where an empty
field is NULL, is the bug this guards against). Python blocks run as written, in a fresh interpreter, in a folder holding each release zip and its unpacked copy.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import cicc_data
from cicc_data.export import export

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "docs" / "dataset-card.md", *sorted((ROOT / "releases" / "notes").glob("*.md"))]
FENCE = re.compile(r"^( *)```(\w+)\n(.*?)^\1```", re.S | re.M)


def blocks(language: str) -> list[tuple[str, str]]:
    out = []
    for doc in DOCS:
        for m in FENCE.finditer(doc.read_text(encoding="utf-8")):
            if m.group(2) == language:
                body = "\n".join(line[len(m.group(1)):] for line in m.group(3).splitlines())
                out.append((f"{doc.relative_to(ROOT)}:{body.splitlines()[0][:40]}", body))
    return out


def statements(sql: str) -> list[str]:
    text = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in text.split(";") if s.strip()]


SQL = blocks("sql")
PYTHON = [b for b in blocks("python") if "cicc_data" in b[1]]


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory) -> sqlite3.Connection:
    out = tmp_path_factory.mktemp("recipes")
    export("sqlite", out)
    return sqlite3.connect(out / "cicc-data.sqlite")


@pytest.fixture(scope="module")
def duck():
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    for name, frame in {**cicc_data.load_all(), "role_facts": cicc_data.load("role_facts")}.items():
        con.register(f"_{name}", frame)
        con.execute(f'create table "{name}" as select * from "_{name}"')
    return con


def test_the_docs_hold_recipes():
    assert len(SQL) >= 5 and PYTHON


@pytest.mark.parametrize("where,sql", SQL, ids=[w for w, _ in SQL])
def test_sql_recipe_returns_rows_in_sqlite(sqlite_db, where, sql):
    for statement in statements(sql):
        assert sqlite_db.execute(statement).fetchall(), f"{where}: no rows from {statement!r}"


@pytest.mark.parametrize("where,sql", SQL, ids=[w for w, _ in SQL])
def test_sql_recipe_returns_rows_in_duckdb(duck, where, sql):
    for statement in statements(sql):
        assert duck.execute(statement).fetchall(), f"{where}: no rows from {statement!r}"


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    """A folder as a user has it after downloading each release: the zip, and the zip unpacked beside it."""
    out = tmp_path_factory.mktemp("downloads")
    for z in sorted((ROOT / "releases").glob("cicc-data-*.zip")):
        shutil.copy(z, out / z.name)
        with zipfile.ZipFile(z) as zf:
            at_root = "datapackage.json" in zf.namelist()
            zf.extractall(out / z.stem if at_root else out)
    return out


@pytest.mark.parametrize("where,code", PYTHON, ids=[w for w, _ in PYTHON])
def test_python_recipe_runs(where, code, downloads):
    code = code if code.lstrip().startswith("import") else "import cicc_data\n" + code
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=downloads, timeout=120)
    assert proc.returncode == 0, f"{where}:\n{proc.stderr[-2000:]}"
