"""Build the CJK font that scripts/figure.py draws with: a GB 2312 subset of Noto Sans CJK SC.

  python scripts/subset_font.py PATH/TO/NotoSansCJK-Regular.ttc   (or NotoSansCJKsc-Regular.otf)

The figure must build on a fresh machine with no CJK font installed, so the repository ships the
subset (docs/fonts/, SIL Open Font License 1.1, docs/fonts/OFL.txt). It holds printable ASCII,
the common CJK punctuation and every character of GB 2312 (6,763 hanzi), renamed as the OFL asks of
a modified version. Rerun this only to change the character set; it needs fontTools (a matplotlib
dependency) and the full font (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "fonts" / "CICCFigureSansSC-Regular.otf"
FAMILY = "CICC Figure Sans SC"
PUNCTUATION = "–—‘’“”…·、。《》「」『』【】（），：；？！　"


def characters() -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)} | set(PUNCTUATION)
    for b1 in range(0xA1, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                chars.add(bytes([b1, b2]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(sorted(chars))


def build(source: Path, out: Path = OUT) -> Path:
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    if source.suffix.lower() == ".ttc":
        font = next(f for f in TTCollection(str(source)).fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    else:
        font = TTFont(str(source))
    opts = subset.Options()
    opts.layout_features = ["kern", "liga", "locl", "palt"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    sub = subset.Subsetter(opts)
    sub.populate(text=characters())
    sub.subset(font)
    name = font["name"]
    version = name.getDebugName(5) or ""
    for rec in list(name.names):
        if rec.nameID in (1, 4, 16):
            rec.string = FAMILY
        elif rec.nameID == 3:
            rec.string = f"{FAMILY} Regular; subset of {name.getDebugName(6)} {version}"
        elif rec.nameID == 6:
            rec.string = FAMILY.replace(" ", "") + "-Regular"
    name.setName(f"Subset of Noto Sans CJK SC ({version}) made by scripts/subset_font.py of cicc-data: "
                 "printable ASCII, CJK punctuation and GB 2312.", 10, 3, 1, 0x409)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path, help="NotoSansCJK-Regular.ttc or NotoSansCJKsc-Regular.otf")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    print(f"wrote {build(args.source, args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
