"""Draw docs/editions.png: the editions on a timeline with city, dates and sub-forum counts.

  python scripts/figure.py [--out PATH]

Chinese labels need a CJK font (Debian: fonts-wqy-microhei or fonts-noto-cjk); the script stops
with a message naming them when none is installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "SimHei"]


def cjk_font() -> str:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    font_manager._load_fontmanager(try_read_cache=False)  # a font installed since the cache was built
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    raise SystemExit("no CJK font found for the Chinese labels; install one, e.g. "
                     "apt-get install fonts-wqy-microhei (or fonts-noto-cjk)")


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

    font = cjk_font()
    plt.rcParams["font.family"] = [font, "DejaVu Sans"]
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
        ax.annotate(label, (x, 0), xytext=(0, 38 * up), textcoords="offset points", ha="center",
                    va="bottom" if up > 0 else "top", fontsize=9,
                    arrowprops={"arrowstyle": "-", "color": "#aaa"})
    ax.set_xlim(min(years) - 0.7, max(years) + 0.7)
    ax.set_ylim(-1, 1)
    ax.set_yticks([])
    ax.set_xticks(years)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title("中国网络文明大会 China Internet Civilization Conference, editions 2021–2026\n"
                 "marker size: number of sub-forums announced", fontsize=11)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, metadata={"Software": None})
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
