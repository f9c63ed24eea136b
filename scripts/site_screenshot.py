"""Redraw docs/site-edition.png: build the website and photograph an edition page in headless Chromium.

    python scripts/site_screenshot.py [--edition cicc-2021] [--out docs/site-edition.png]

Needs Debian's chromium (/usr/bin/chromium) and Pillow (comes with matplotlib, a test extra).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from cicc_data.site import build  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", default="cicc-2021")
    parser.add_argument("--out", default=str(ROOT / "docs" / "site-edition.png"))
    parser.add_argument("--size", default="1200,1500", help="window width,height in CSS pixels")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site, ROOT)
        raw = Path(tmp) / "shot.png"
        page = (site / "editions" / f"{args.edition}.html").as_uri()
        subprocess.run([args.chromium, *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                        f"--window-size={args.size}", f"--screenshot={raw}", page],
                       check=True, capture_output=True, timeout=120)
        from picture_stamp import metadata
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        for key, value in metadata("docs/site-edition.png", ROOT).items():
            info.add_text(key, value)
        image = Image.open(raw).convert("RGB")
        image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(args.out, optimize=True, pnginfo=info)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
