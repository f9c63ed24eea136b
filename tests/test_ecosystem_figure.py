"""The figure builds on a fresh machine: its only CJK font is the OFL subset shipped in docs/fonts/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

FONT_DIR = ROOT / "docs" / "fonts"


def test_font_ships_with_its_licence() -> None:
    assert (FONT_DIR / "CICCFigureSansSC-Regular.otf").stat().st_size > 100_000
    ofl = (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl and "Adobe" in ofl


def test_figure_builds_with_a_fresh_font_cache_and_only_the_shipped_font(tmp_path: Path) -> None:
    out = tmp_path / "editions.png"
    env = dict(os.environ, MPLCONFIGDIR=str(tmp_path / "mpl"))  # no font cache from an earlier run
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "figure.py"), "--out", str(out)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000
    assert "glyph" not in res.stderr.lower() and "findfont" not in res.stderr.lower(), res.stderr


def test_every_label_character_is_in_the_shipped_font() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import figure
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    from cicc_data import csvio

    _, editions = csvio.read_table(ROOT / "data" / "editions.csv")
    texts = [e["city_zh"] + e["city_en"] for e in editions] + ["中国网络文明大会 – ·"]
    assert figure.missing_glyphs(texts) == set()
