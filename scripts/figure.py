"""Draw docs/editions.png: the editions on a timeline with city, dates and sub-forum counts.

  python scripts/figure.py [--out PATH]

Every label is drawn with the font shipped in docs/fonts/ (an OFL subset of Noto Sans CJK SC, see
docs/fonts/README.md) and no other, so the figure builds the same on a machine with no CJK font.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FONT_FILE = ROOT / "docs" / "fonts" / "CICCFigureSansSC-Regular.otf"


def shipped_font() -> str:
    """Register the shipped font with matplotlib (no system font is looked up) and return its name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(FONT_FILE))
    return font_manager.FontProperties(fname=str(FONT_FILE)).get_name()


def missing_glyphs(texts: list[str]) -> set[str]:
    """Characters of ``texts`` that the shipped font cannot draw."""
    from fontTools.ttLib import TTFont

    cmap = TTFont(str(FONT_FILE), lazy=True).getBestCmap()
    return {c for t in texts for c in t if not c.isspace() and ord(c) not in cmap}


def draw(out: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from cicc_data import csvio
    from cicc_data.provenance import fact

    root = ROOT
    _, editions = csvio.read_table(root / "data" / "editions.csv")
    _, subforums = csvio.read_table(root / "data" / "subforums.csv")
    named = {}
    for s in subforums:
        if s["kind"] == "subforum":
            named[s["edition_id"]] = named.get(s["edition_id"], 0) + 1

    font = shipped_font()
    plt.rcParams["font.family"] = [font]
    texts: list[str] = []
    fig, ax = plt.subplots(figsize=(11, 4.2), dpi=120)
    years = [int(e["year"]) for e in editions]
    ax.axhline(0, color="#888", lw=1.2, zorder=1)
    for i, e in enumerate(editions):
        x = int(e["year"])
        announced = int(e["subforums_announced"]) if e["subforums_announced"] else None
        size = 80 + 40 * (announced or named.get(e["edition_id"], 0))
        weak = fact(e["edition_id"], "", root).weak
        ax.scatter([x], [0], s=size, color="#c0392b" if not weak else "white", edgecolor="#c0392b",
                   lw=2, zorder=3, hatch="//" if weak else None)
        up = 1 if i % 2 == 0 else -1
        start, end = e["start_date"], e["end_date"]
        dates = start if not end or end == start else f"{start} – {end[5:]}"
        if not end:
            dates += " (end not reported)"
        counts = (f"{announced} sub-forums announced, {named.get(e['edition_id'], 0)} listed" if announced
                  else "sub-forums not reported")
        city = f"{e['city_zh']} {e['city_en']}".strip()
        label = f"{e['year']} · {city}\n{dates}\n{counts}" + ("\n(one weak source only)" if weak else "")
        texts.append(label)
        ax.annotate(label, (x, 0), xytext=(0, 38 * up), textcoords="offset points", ha="center",
                    va="bottom" if up > 0 else "top", fontsize=9,
                    arrowprops={"arrowstyle": "-", "color": "#aaa"})
    ax.set_xlim(min(years) - 0.7, max(years) + 0.7)
    ax.set_ylim(-1, 1)
    ax.set_yticks([])
    ax.set_xticks(years)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    title = ("中国网络文明大会 China Internet Civilization Conference, editions 2021–2026\n"
             "marker size: number of sub-forums announced")
    ax.set_title(title, fontsize=11)
    missing = missing_glyphs([*texts, title])
    if missing:
        raise SystemExit(f"the font {FONT_FILE.name} lacks {''.join(sorted(missing))}: "
                         "widen its character set in scripts/subset_font.py")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    from picture_stamp import metadata

    fig.savefig(out, metadata={"Software": None, **metadata("docs/editions.png", ROOT)})
    plt.close(fig)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "docs" / "editions.png"))
    args = ap.parse_args(argv)
    print(f"wrote {draw(Path(args.out))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
