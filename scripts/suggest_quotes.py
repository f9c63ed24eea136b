"""Suggest an evidence quote for every citation that has none, from the saved source pages.

  python scripts/suggest_quotes.py [--sources DIR] [--write] [--report FILE]

For each citation with an empty ``quote``, the shortest span of its page (runs of whole clauses, at most
120 characters) that shows everything ``cicc_data.quoting`` requires of it becomes the suggestion, preferring
one that also names the row's entity. Notes get no suggestion: a curator picks the span that states the
fact the page adds to the note. ``--write`` fills the suggestions into data/citations.csv; ``--report``
writes the citations left without a quote (JSON lines) for a curator to read. A suggestion is only a
start: a curator reads each against its page before a release.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cicc_data import csvio  # noqa: E402
from cicc_data.evidence import MAX_QUOTE, Span, read_page  # noqa: E402
from cicc_data.quoting import Need, Rules  # noqa: E402

_CLAUSE_END = re.compile(r"(?<=[，。！？；：、,.!?;:）)】])\s?|(?<=\S) (?=\S)")
_TRIM = " 、，,；;：:"
_CONTEXT = 25  # a quote this long or longer, if one passes, so that it shows the fact in its sentence
_SOURCES = ROOT.parent / "shared" / "sources"


@lru_cache(maxsize=64)
def clauses(path: Path) -> tuple[str, ...]:
    """The page body cut after each clause mark and at each space (so English cuts at words)."""
    text = read_page(path)
    parts, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        if m.end() > start:
            parts.append(text[start:m.end()])
            start = m.end()
    parts.append(text[start:])
    return tuple(p for p in parts if p)


@lru_cache(maxsize=64)
def windows(path: Path) -> tuple[Span, ...]:
    """Every run of consecutive clauses of at most MAX_QUOTE characters, with its folded forms."""
    parts = [Span(p) for p in clauses(path)]
    out: dict[str, Span] = {}
    for i in range(len(parts)):
        text, fold, plain = "", "", ""
        for p in parts[i:]:
            if len(text) + len(p.text) > MAX_QUOTE + 1:
                break
            text, fold, plain = text + p.text, fold + p.folded, plain + p.plain
            w = text.strip(_TRIM)
            if w and w not in out:
                span = Span(w)
                span.__dict__.update(folded=fold, plain=plain)
                out[w] = span
    return tuple(out.values())


def best(path: Path, needs: list[Need], prefer: list[Need]) -> str | None:
    """The shortest window showing every need, preferring one that also shows ``prefer``."""
    found = [w for w in windows(path) if all(n.test(w) for n in needs)]
    if not found:
        return None
    preferred = [w for w in found if all(n.test(w) for n in prefer)]
    pool = preferred or found
    return min(pool, key=lambda w: (len(w.text) < _CONTEXT, len(w.text))).text


def suggest(rules: Rules, row: dict[str, str], sources: Path) -> str | None:
    """A quote for one citation, or None where the page shows nothing that passes."""
    page = sources / f"{row['source_id']}.md"
    if not page.is_file() or row["field"] == "notes":
        return None
    needs = rules.needs(row["entity_id"], row["field"])
    if not needs:
        needs = [rules.names(row["entity_id"])]
    prefer = [rules.names(row["entity_id"])] if row["field"] else []
    return best(page, needs, prefer)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", type=Path, default=_SOURCES, help="folder of saved pages (default ../shared/sources)")
    ap.add_argument("--write", action="store_true", help="fill the suggestions into data/citations.csv")
    ap.add_argument("--report", type=Path, help="write the citations left without a quote here (JSON lines)")
    args = ap.parse_args(argv)
    if not args.sources.is_dir():
        print(f"suggest_quotes: no source folder at {args.sources}", file=sys.stderr)
        return 2
    rules = Rules(ROOT)
    path = ROOT / "data" / "citations.csv"
    header, rows = csvio.read_table(path)
    left = []
    for row in rows:
        if not row.get("quote"):
            row["quote"] = suggest(rules, row, args.sources) or ""
            if not row["quote"]:
                left.append(row)
    if args.write:
        csvio.write_table(path, header, ([r.get(h, "") for h in header] for r in rows))
    if args.report:
        args.report.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in left), encoding="utf-8")
    print(f"{len(rows) - len(left)} of {len(rows)} citations have a quote; {len(left)} left")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
