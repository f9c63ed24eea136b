"""The README's role_facts recipes (pandas and SQL) run, and its console examples are what the CLI prints."""

from __future__ import annotations

import re
import shlex
import sqlite3
from pathlib import Path

import pytest

import cicc_data
from cicc_data.export import export

from .conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def recipe(name: str) -> str:
    m = re.search(rf"<!-- recipe: {re.escape(name)} -->\n```\w+\n(.*?)```", README, re.S)
    assert m, f"README has no recipe {name!r}"
    return m.group(1)


def test_pandas_recipe() -> None:
    scope: dict = {}
    exec(compile(recipe("role-facts-pandas"), "README.md", "exec"), scope)
    li, per_year, rf = scope["li"], scope["per_year"], scope["rf"]
    flat = [r for r in cicc_data.role_facts() if r["actor_id"] == "li-shulei"]
    assert len(li) == len(flat) > 0 and list(li.columns) == ["year", "context_kind", "role_kind", "title_en", "weak"]
    assert sorted(per_year.index) == sorted({int(y) for y in rf["year"]})
    assert int(per_year.to_numpy().sum()) == len(rf)


def test_sql_recipe(tmp_path: Path) -> None:
    export("sqlite", tmp_path)
    con = sqlite3.connect(tmp_path / "cicc-data.sqlite")
    got = con.execute(recipe("role-facts-sql")).fetchall()
    want = [r for r in cicc_data.role_facts()
            if r["actor_type"] == "person" and r["year"] == "2024" and r["weak"] == "false"]
    assert len(got) == len(want) > 0
    assert {g[2] for g in got} == {w["actor_name_zh"] for w in want}


def _console_examples() -> list[tuple[str, list[str]]]:
    out = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            cmd, *shown = chunk.rstrip("\n").split("\n")
            out.append((cmd, shown))
    return out


@pytest.mark.parametrize("cmd,shown", _console_examples(), ids=[c for c, _ in _console_examples()])
def test_console_examples_are_real_output(cmd: str, shown: list[str]) -> None:
    command, _, pipe = cmd.partition(" | ")
    args = [a if not a.endswith(".zip") else str(ROOT / "releases" / a) for a in shlex.split(command)[1:]]
    out = run_cli(*args)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    if pipe:
        needle = shlex.split(pipe)[1]
        lines = [line for line in lines if needle in line]
    for line in shown:
        if line.strip() == "...":
            continue
        if line.endswith(", ...)"):
            prefix = line[:-len(", ...)")]
            assert any(real.startswith(prefix) for real in lines), line
        else:
            assert line in lines, line
