"""Draw docs/topics.png: which topics the sub-forums, summits and side events of each edition covered.

  python scripts/topics_figure.py [--out PATH]

Rows are the topics of the closed vocabulary in schemas/definitions.yaml (subforums.topic), columns
the editions; a cell counts that edition's sessions on that topic. English labels only, so the
figure builds with matplotlib's bundled font on any machine.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def counts() -> tuple[list[str], list[tuple[str, str]], Counter]:
    from cicc_data import csvio

    schema = json.loads((ROOT / "schemas" / "subforums.json").read_text(encoding="utf-8"))
    topic = next(f for f in schema["fields"] if f["name"] == "topic")
    labels = {c["value"]: c["label"] for c in topic["categories"]}
    _, editions = csvio.read_table(ROOT / "data" / "editions.csv")
    _, sessions = csvio.read_table(ROOT / "data" / "subforums.csv")
    years = [e["year"] for e in sorted(editions, key=lambda e: e["year"])]
    year_of = {e["edition_id"]: e["year"] for e in editions}
    n = Counter((s["topic"], year_of[s["edition_id"]]) for s in sessions)
    rows = [(t, labels[t]) for t in topic["constraints"]["enum"]]
    rows.sort(key=lambda r: (-sum(n[(r[0], y)] for y in years), r[1]))
    return years, rows, n


def draw(out: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    years, rows, n = counts()
    fig, ax = plt.subplots(figsize=(8.5, 0.36 * len(rows) + 1.4), dpi=120)
    for i, (topic, _) in enumerate(rows):
        for j, year in enumerate(years):
            c = n[(topic, year)]
            if c:
                ax.scatter([j], [i], s=170 * c, color="#c0392b", alpha=0.85, zorder=3)
                if c > 1:
                    ax.annotate(str(c), (j, i), ha="center", va="center", color="white", fontsize=8, zorder=4)
    ax.set_xticks(range(len(years)), years)
    ax.set_yticks(range(len(rows)), [label for _, label in rows])
    ax.set_xlim(-0.6, len(years) - 0.4)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.grid(True, color="#eee", zorder=0)
    ax.set_axisbelow(True)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title("Sub-forums, summits and side events by topic and edition", fontsize=11, loc="left")
    fig.text(0.01, 0.01, "cicc-data; topic = subforums.topic (closed vocabulary). The 2026 edition has no "
             "sub-forums in the sources.", fontsize=7, color="#666")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    out.parent.mkdir(parents=True, exist_ok=True)
    from picture_stamp import metadata

    fig.savefig(out, metadata={"Software": None, **metadata("docs/topics.png", ROOT)})
    plt.close(fig)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "docs" / "topics.png"))
    args = ap.parse_args(argv)
    print(f"wrote {draw(Path(args.out))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
