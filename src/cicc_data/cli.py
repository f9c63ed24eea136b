"""The ``cicc-data`` command (also ``python -m cicc_data``). Imports stay inside each command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence


def _validate(args: argparse.Namespace) -> int:
    from . import validate

    report = validate(args.path)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report)
    return 0 if report.valid else 1


def _info(args: argparse.Namespace) -> int:
    from . import csvio
    from ._version import __version__
    from .paths import package_root
    from .schema import descriptor

    root = package_root()
    desc = descriptor(root)
    print(f"cicc-data {__version__} (data package version {desc['version']}) at {root}")
    print("tables:")
    for res in desc["resources"]:
        _, rows = csvio.read_table(root / res["path"])
        print(f"  {res['name']:<14} {len(rows):>5} rows")
    from .provenance import fact

    _, editions = csvio.read_table(root / "data" / "editions.csv")
    _, subforums = csvio.read_table(root / "data" / "subforums.csv")
    named: dict[str, int] = {}
    for s in subforums:
        if s["kind"] == "subforum":
            named[s["edition_id"]] = named.get(s["edition_id"], 0) + 1
    from .text import display_width, ljust

    print("editions:")
    city_en = max((display_width(e["city_en"]) for e in editions), default=0)
    city_zh = max((display_width(e["city_zh"]) for e in editions), default=0)
    for e in editions:
        dates = e["start_date"] if e["start_date"] == e["end_date"] else f"{e['start_date']}..{e['end_date']}"
        announced = e["subforums_announced"] or "?"
        weak = "  (weak sources only)" if fact(e["edition_id"], "", root).weak else ""
        print(f"  {e['year']}  #{e['ordinal']:<2} {dates:<22} {ljust(e['city_en'], city_en)} "
              f"{ljust(e['city_zh'], city_zh)} "
              f"sub-forums: {announced} announced, {named.get(e['edition_id'], 0)} listed{weak}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from .export import export

    written = export(args.format, args.out, excel=args.excel)
    print(f"wrote {len(written)} file(s) to {args.out}")
    return 0


def _cite(args: argparse.Namespace) -> int:
    from .citing import citation

    print(citation(args.style))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .diff import diff

    result = diff(args.old, args.new)
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) if args.json else result.to_text())
    return 0


def _verify(args: argparse.Namespace) -> int:
    from .integrity import verify

    report = verify(args.path)
    if report.valid:
        print(f"verified: {report.tables} file(s) match the sizes and sha256 hashes in {report.path}")
        return 0
    print(report)
    return 1


def _site(args: argparse.Namespace) -> int:
    from .site import build

    report = build(args.out, args.path, base_url=args.base_url)
    for problem in report.problems:
        print(f"cicc-data site: warning: {problem}", file=sys.stderr)
    print(report)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from ._version import __version__

    parser = argparse.ArgumentParser(
        prog="cicc-data",
        description="The China Internet Civilization Conference dataset: validate, inspect, export, cite.",
    )
    parser.add_argument("--version", action="version", version=f"cicc-data {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="validate a data package (default: the bundled one)")
    p.add_argument("path", nargs="?", help="package directory, datapackage.json or release zip")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=_validate)

    p = sub.add_parser("info", help="version, tables with row counts, editions at a glance")
    p.set_defaults(func=_info)

    p = sub.add_parser("export", help="write the whole package as csv, json, parquet, sqlite or xlsx")
    p.add_argument("--format", required=True, choices=["csv", "json", "parquet", "sqlite", "xlsx"],
                   help="sqlite comes with a Datasette metadata.json; every folder gets LICENSE-DATA and CITATION.cff")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--excel", action="store_true", help="csv only: UTF-8 BOM, CRLF, formula-like cells neutralised")
    p.set_defaults(func=_export)

    p = sub.add_parser("cite", help="how to cite this release")
    p.add_argument("--style", choices=["apa", "bibtex"], default="apa")
    p.set_defaults(func=_cite)

    p = sub.add_parser("diff", help="keyed differences between two packages (directories, zips or datapackage.json)")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--json", action="store_true", help="print the diff as JSON")
    p.set_defaults(func=_diff)

    p = sub.add_parser("verify", help="check file sizes and sha256 hashes against datapackage.json")
    p.add_argument("path", nargs="?", help="package directory, datapackage.json or release zip")
    p.set_defaults(func=_verify)

    p = sub.add_parser("site", help="write the static, offline, bilingual website of the data")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--base-url", help="the address the site is served from (canonical links, sitemap.xml)")
    p.add_argument("path", nargs="?", help="package directory, datapackage.json or release zip (default: the bundled one)")
    p.set_defaults(func=_site)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "export" and args.excel and args.format != "csv":
        print("cicc-data export: --excel goes with --format csv", file=sys.stderr)
        return 2
    from .errors import CiccDataError

    try:
        return args.func(args)
    except CiccDataError as exc:  # anything else is a bug: let it crash with its traceback
        print(f"cicc-data {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
