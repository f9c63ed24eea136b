"""The ``cicc-data`` command (also ``python -m cicc_data``). Imports stay inside each command."""

from __future__ import annotations

import argparse
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # pathlib and json cost more at start-up than argparse: they load inside the commands
    from collections.abc import Sequence
    from pathlib import Path


def _here(path: str | None) -> str | None:
    """The package a command works on: ``path``, else the current directory when it holds a
    datapackage.json, else None (the bundled package)."""
    if path:
        return path
    return "." if os.path.isfile("datapackage.json") else None


def _which(path: str | None) -> str:
    """One line naming the package a command checked, and its version."""
    from pathlib import Path

    from .compat import package_version
    from .errors import CiccDataError
    from .paths import resolve_root

    try:
        root = resolve_root(path)
        version = package_version(root)
    except CiccDataError:
        return f"package {path} (not readable as a package)"
    where = "the bundled package" if path is None else ("the package in the current directory" if path == "."
                                                          else "package")
    shown = root if path is None or path == "." else path
    return f"{where} {Path(shown).resolve() if path != '.' else Path.cwd()} (version {version})"


def _validate(args: argparse.Namespace) -> int:
    import json

    from . import validate

    path = _here(args.path)
    report = validate(path)
    if args.json:
        print(json.dumps({"package": _which(path), **report.to_dict()}, ensure_ascii=False, indent=2))
    else:
        print(f"checked {_which(path)}")
        print(report)
    return 0 if report.valid else 1


def _info(args: argparse.Namespace) -> int:
    from . import csvio
    from ._version import __version__
    from .compat import check_major
    from .paths import resolve_root
    from .schema import descriptor

    path = _here(args.path)
    root = resolve_root(path)
    check_major(root, path)
    desc = descriptor(root)
    print(f"{_which(path)}; read by cicc-data {__version__}")
    print("tables:")
    for res in desc["resources"]:
        _, rows = csvio.read_table(root / res["path"])
        print(f"  {res['name']:<14} {len(rows):>5} rows")
    _print_editions(root)
    return 0


def _print_editions(root: Path) -> None:
    from . import csvio
    from .provenance import fact
    from .text import display_width, ljust

    _, editions = csvio.read_table(root / "data" / "editions.csv")
    _, subforums = csvio.read_table(root / "data" / "subforums.csv")
    named: dict[str, int] = {}
    for s in subforums:
        if s["kind"] == "subforum":
            named[s["edition_id"]] = named.get(s["edition_id"], 0) + 1
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


def _find(args: argparse.Namespace) -> int:
    import json

    from . import find

    matches = find(args.query, path=args.path)
    if args.json:
        print(json.dumps([{**m.__dict__, "exact": m.exact} for m in matches[:args.limit]], ensure_ascii=False,
                         indent=2))
        return 0
    if not matches:
        print(f"nothing matches {args.query!r}")
        return 1
    for m in matches[:args.limit]:
        names = " / ".join(n for n in (m.name_zh, m.name_en) if n)
        print(f"{m.how:<8} {m.score:>5.1f}  {m.entity_type:<13} {m.entity_id}  {names}  (matched {m.matched_name!r})")
    return 0


def _show(args: argparse.Namespace) -> int:
    import json

    from . import show
    from .entity_view import to_text

    view = show(args.id, path=args.path)
    print(json.dumps(view.to_dict(), ensure_ascii=False, indent=2) if args.json else to_text(view))
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
    import json

    if args.delta:
        from .delta import delta, to_jsonl

        print(to_jsonl(delta(args.old, args.new)), end="")
        return 0
    from .diff import diff

    result = diff(args.old, args.new)
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) if args.json else result.to_text())
    return 0


def _verify(args: argparse.Namespace) -> int:
    from .integrity import verify

    path = _here(args.path)
    print(f"checked {_which(path)}")
    report = verify(path)
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


PATH_HELP = "package directory, datapackage.json or release zip (default: the current directory when it holds a " \
            "datapackage.json, else the bundled package)"

EXAMPLES = {
    "validate": "cicc-data validate                      # the package here (a clone), or the bundled one\n"
                "  cicc-data validate cicc-data-1.0.0.zip  # a downloaded release\n"
                "  cicc-data validate --json . > report.json",
    "info": "cicc-data info\n  cicc-data info cicc-data-1.0.0.zip",
    "find": "cicc-data find 中央网信办\n  cicc-data find 'Shulei Li'\n  cicc-data find cctv       "
            "# a retired ID: how=redirect\n  cicc-data find xiamen --json",
    "show": "cicc-data show cac\n  cicc-data show cicc-2023 --json\n  cicc-data show cctv      "
            "# a retired ID is followed to its successor",
    "export": "cicc-data export --format sqlite --out out/\n  cicc-data export --format csv --excel --out out/",
    "cite": "cicc-data cite --style bibtex >> refs.bib",
    "diff": "cicc-data diff cicc-data-0.1.0.zip cicc-data-1.0.0.zip\n"
            "  cicc-data diff cicc-data-1.0.0.zip . --json\n"
            "  cicc-data diff cicc-data-0.1.0.zip cicc-data-1.0.0.zip --delta > delta.jsonl",
    "verify": "cicc-data verify\n  cicc-data verify cicc-data-1.0.0.zip",
    "site": "cicc-data site --out site/     # then open site/index.html in a browser\n"
            "  cicc-data site --out site/ --base-url https://example.org/cicc/ cicc-data-1.1.0.zip",
}


def _columns() -> int:
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 80


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, told the terminal width (argparse would import shutil, bz2 and lzma to ask)."""

    def __init__(self, prog: str, **kwargs) -> None:
        if kwargs.get("width") is None:
            kwargs["width"] = max(_columns() - 2, 40)
        super().__init__(prog, **kwargs)


def _add(sub: argparse._SubParsersAction, name: str, help_: str, func) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_, description=help_[:1].upper() + help_[1:] + ".",
                       epilog="example:\n  " + EXAMPLES[name], formatter_class=_Formatter)
    p.set_defaults(func=func)
    return p


def _add_reading(sub: argparse._SubParsersAction) -> None:
    p = _add(sub, "validate", "validate a data package against its own schemas and rules", _validate)
    p.add_argument("path", nargs="?", help=PATH_HELP)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p = _add(sub, "info", "version, tables with row counts, editions at a glance", _info)
    p.add_argument("path", nargs="?", help=PATH_HELP)
    p = _add(sub, "find", "find bodies, people, editions, sessions, sub-forums and outputs by any name or ID", _find)
    p.add_argument("query", help="a name in any script, pinyin or English rendering, or an ID (retired IDs too)")
    p.add_argument("--json", action="store_true", help="print the matches as JSON")
    p.add_argument("--limit", type=int, default=10, help="at most this many matches (default 10)")
    p.add_argument("--path", help="package directory or release zip (default: the bundled package)")
    p = _add(sub, "show", "one entity's facts, names and roles, each fact with its sources and their quotes", _show)
    p.add_argument("id", help="the ID of a row (a retired ID is followed to its successor)")
    p.add_argument("--json", action="store_true", help="print the view as JSON")
    p.add_argument("--path", help="package directory or release zip (default: the bundled package)")
    p = _add(sub, "verify", "check file sizes and sha256 hashes against datapackage.json", _verify)
    p.add_argument("path", nargs="?", help=PATH_HELP)


def _add_writing(sub: argparse._SubParsersAction) -> None:
    p = _add(sub, "export", "write the whole package as csv, json, parquet, sqlite or xlsx", _export)
    p.add_argument("--format", required=True, choices=["csv", "json", "parquet", "sqlite", "xlsx"],
                   help="sqlite comes with a Datasette metadata.json; every folder gets LICENSE-DATA and CITATION.cff")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--excel", action="store_true", help="csv only: UTF-8 BOM, CRLF, formula-like cells neutralised")
    p = _add(sub, "cite", "how to cite this release", _cite)
    p.add_argument("--style", choices=["apa", "bibtex"], default="apa")
    p = _add(sub, "diff", "cell by cell differences between two packages (directories, zips or datapackage.json)",
             _diff)
    p.add_argument("old", help="the earlier package: a directory, its datapackage.json or a release zip")
    p.add_argument("new", help="the later package, likewise")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the diff as JSON (the same structure as the text)")
    out.add_argument("--delta", action="store_true",
                     help="print one JSON line per change: operation, table, id, field, old, new")
    p = _add(sub, "site", "write the static, offline, bilingual website of the data", _site)
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--base-url", help="the address the site is served from (canonical links, sitemap.xml)")
    p.add_argument("path", nargs="?", help="package directory, datapackage.json or release zip (default: the bundled one)")


def build_parser() -> argparse.ArgumentParser:
    from ._version import __version__

    parser = argparse.ArgumentParser(
        prog="cicc-data",
        description="The China Internet Civilization Conference dataset: validate, inspect, find, export, cite.",
        epilog="examples:\n  cicc-data find 中央网信办\n  cicc-data show cac\n  cicc-data validate\n"
               "  cicc-data COMMAND --help   # each command's own examples",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"cicc-data {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_reading(sub)
    _add_writing(sub)
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
        from .reader import MAX_MESSAGE, shorten

        print(f"cicc-data {args.command}: {shorten(str(exc), MAX_MESSAGE)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
