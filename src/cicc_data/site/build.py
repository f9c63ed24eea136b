"""Write the website to a directory: every page rendered from the Jinja2 templates, every path proved inside."""

from __future__ import annotations

import json
import os
import re
import stat
import time
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from html import escape as html_escape
from pathlib import Path

from ..errors import InvalidArgumentError
from . import downloads, jsonld, markup
from .facts import Page, txt
from .links import edition_href
from .model import Data, load
from .safety import SLUG, inside, is_file_name, is_slug
from .search_index import search_index
from .views import Views

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
STATIC_FILES = ("style.css", "search.js", "favicon.svg")
MANIFEST = ".cicc-site-files"
"""Lists the files a build wrote, so that the next build into the same directory removes stale pages."""
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'")
"""No inline script, nothing from another host, no plugins: what every page carries."""
PAGE_TABLES = (("editions", "edition_id", "editions"), ("people", "person_id", "people"),
               ("organizations", "organization_id", "organizations"))


@dataclass
class BuildReport:
    out: Path
    pages: dict[str, int] = field(default_factory=dict)
    files: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in self.pages.items())
        return f"wrote {self.files} files to {self.out} in {self.seconds:.1f} s: {kinds}"


def _citation(root: Path) -> str:
    from ..citing import read_cff

    path = root / "CITATION.cff"
    if not path.is_file():
        return "cicc-data contributors. China Internet Civilization Conference dataset [Data set]."
    cff = read_cff(path)
    authors = ", ".join(cff.get("authors") or []) or "cicc-data contributors"  # type: ignore[arg-type]
    date = str(cff.get("date-released", ""))
    url = cff.get("repository-code", "")
    return f"{authors}. ({date[:4]}). {cff.get('title', '')} (Version {cff.get('version', '')}) [Data set]. {url}".strip()


def _descriptor(root: Path) -> dict:
    try:
        doc = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def _figure(root: Path) -> Path | None:
    return next((p for p in (root / "docs" / "editions.png", root / "editions.png") if p.is_file()), None)


def topic_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "topic"


@lru_cache(maxsize=1)
def _environment():
    """The templates, compiled once per process (every build of the process shares them)."""
    from .templating import environment

    return environment(str(TEMPLATES))


def check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InvalidArgumentError(f"--out {out} is an existing file, not a directory; give a directory")
    if out.is_symlink():
        raise InvalidArgumentError(f"--out {out} is a symbolic link; give a real directory")


def normalize_base(base_url: str | None) -> str:
    if not base_url:
        return ""
    if not re.match(r"^https?://[^\s/<>\"']+(/[^\s<>\"']*)?$", base_url):
        raise InvalidArgumentError(f"--base-url {base_url!r} is not an http(s) address")
    return base_url.rstrip("/") + "/"


class Builder:
    """Renders every page of one package into a dict of relative path -> bytes."""

    def __init__(self, root: Path, base_url: str = ""):
        self.root = root
        self.base = base_url
        self.data: Data = load(root)
        self.env = _environment()
        self.views = Views(self.data, markup.chip)
        self.descriptor = _descriptor(root)
        self.version = str(self.descriptor.get("version", ""))
        self.figure = _figure(root)
        self.files: dict[str, bytes] = {}
        self.counts: dict[str, int] = {}
        self.problems: list[str] = []
        self.slugs = {t: topic_slug(t) for t in self.data.topics}
        self.nav = self._nav()

    def _nav(self) -> list[dict[str, str]]:
        items = [("index.html", "Home", "首页"), ("index.html#editions", "Editions", "历届"),
                 ("people.html", "People", "人物"), ("organizations.html", "Organizations", "机构")]
        if self.data.topics:
            items.append(("topics.html", "Topics", "主题"))
        items.append(("sources.html", "Sources", "来源"))
        if self.data.tables.get("glossary"):
            items.append(("glossary.html", "Glossary", "术语"))
        items.append(("search.html", "Search", "搜索"))
        return [{"href": h, "en": a, "zh": b} for h, a, b in items]

    def url(self, page: Page, target: str) -> str:
        """An address for ``target`` as seen from ``page``: absolute under --base-url, else relative."""
        return self.base + target if self.base else page.href(target)

    def org_url(self, page: Page, oid: str) -> str:
        return self.url(page, f"organizations/{oid}.html") if is_slug(oid) else ""

    def render(self, kind: str, template: str, page: Page, title: str, lang_title: str, view: dict, **extra) -> None:
        html = self.env.get_template(template).render(
            v=view, root=page.prefix, csp=CSP, nav=self.nav, version=self.version, title=title,
            lang_title=lang_title, canonical=self.base + page.path if self.base else "",
            download=extra.get("download", ""), jsonld=jsonld.script_json(extra["ld"]) if extra.get("ld") else "",
            scripts=extra.get("scripts", ()))
        self.add(kind, page.path, html.encode("utf-8"))

    def add(self, kind: str, rel: str, content: bytes) -> None:
        self.files[rel] = content
        if kind:
            self.counts[kind] = self.counts.get(kind, 0) + 1

    def safe_ids(self, table: str, key: str) -> list[str]:
        ids = []
        for r in self.data.tables[table]:
            if is_slug(r[key]):
                ids.append(r[key])
            else:
                self.problems.append(f"data/{table}.csv: {key} {r[key][:80]!r} does not match {SLUG.pattern}; "
                                     "no page written for it")
        return ids

    # --- pages ------------------------------------------------------------------------------------
    def entity_pages(self) -> None:
        v, d = self.views, self.data
        for table, key, folder in PAGE_TABLES:
            for eid in self.safe_ids(table, key):
                page = Page(f"{folder}/{eid}.html")
                json_rel = f"{folder}/{eid}.json"
                self.add("", json_rel, downloads.entity_json(d, table, eid))
                org_url = partial(self.org_url, page)
                here = self.url(page, page.path)
                if table == "editions":
                    e = d.edition[eid]
                    view = v.edition_view(page, eid, self.slugs)
                    view["sources"] = v.sources_of_page(page, view.pop("extra_sources"))
                    self.render("editions", "edition.html", page, e["name_en"], e.get("name_zh", ""), view,
                                ld=jsonld.event(v, eid, here, org_url), download=f"{eid}.json")
                elif table == "people":
                    p = d.person[eid]
                    view = v.person_view(page, eid)
                    view["sources"] = v.sources_of_page(page)
                    self.render("people", "person.html", page, p["name_en"], p.get("name_zh", ""), view,
                                ld=jsonld.person(v, eid, here), download=f"{eid}.json")
                else:
                    view = v.org_view(page, eid)
                    view["sources"] = v.sources_of_page(page)
                    title = view["name_en"] or view["name_zh"] or eid
                    self.render("organizations", "organization.html", page, title,
                                view["name_zh"] if view["name_en"] else "", view,
                                ld=jsonld.organization(v, eid, here, org_url), download=f"{eid}.json")

    def topic_pages(self) -> None:
        for topic in self.data.topics:
            page = Page(f"topics/{self.slugs[topic]}.html")
            view = self.views.topic_view(page, topic)
            view["sources"] = self.views.sources_of_page(page)
            self.render("topics", "topic.html", page, view["en"], view["zh"], view)

    def index_pages(self) -> None:
        v = self.views
        page = Page("people.html")
        self.render("indexes", "people.html", page, "People", "人物", v.people_view(page))
        page = Page("organizations.html")
        self.render("indexes", "organizations.html", page, "Organizations", "机构", v.orgs_view(page))
        if self.data.topics:
            page = Page("topics.html")
            self.render("indexes", "topics.html", page, "Topics", "议题", {"topics": v.topics_grid(page, self.slugs)})
        if self.data.tables.get("glossary"):
            self.render("indexes", "glossary.html", Page("glossary.html"), "Glossary", "术语", v.glossary_view())
        page = Page("sources.html")
        self.render("sources", "sources.html", page, "Sources", "来源", v.sources_view(page))
        index = search_index(self.data, self.root)
        self.add("", "search-index.json", (json.dumps(index, ensure_ascii=False, separators=(",", ":"))
                                           + "\n").encode("utf-8"))
        self.add("", "search-index.js", b"window.CICC_SEARCH = " + self.files["search-index.json"].rstrip()
                 .replace(b"</", b"<\\/") + b";\n")
        self.render("search", "search.html", Page("search.html"), "Search", "搜索", {},
                    scripts=("search-index.js", "search.js"))

    def home_page(self) -> None:
        name = f"cicc-data-{self.version}" if re.match(r"^[0-9A-Za-z.+-]+$", self.version) else "cicc-data"
        files = downloads.package_files(self.root, self.descriptor)
        self.add("", f"downloads/{name}.zip", downloads.package_zip(files, name))
        for rel, content in files.items():
            self.add("", f"downloads/{rel}", content)
        page = Page("index.html")
        links = [(f"{name}.zip", "application/zip", self.url(page, f"downloads/{name}.zip"))]
        links += [(rel, "text/csv", self.url(page, f"downloads/{rel}")) for rel in sorted(files) if rel.endswith(".csv")]
        ld = jsonld.dataset(self.descriptor, self.url(page, "index.html"), links)
        view = self.views.home_view(page, self.slugs, _citation(self.root), self.figure is not None)
        view["downloads"] = links
        self.render("home", "home.html", page, "China Internet Civilization Conference: the dataset",
                    "中国网络文明大会数据集", view, ld=ld)

    # --- retired ids and the sitemap --------------------------------------------------------------
    def target_of(self, new_id: str, chain: dict[str, str]) -> str:
        """Where the row that replaced a retired id is shown ("" when nowhere)."""
        seen = set()
        while new_id in chain and new_id not in seen:
            seen.add(new_id)
            new_id = chain[new_id]
        d = self.data
        new_id = self.owner.get(new_id, new_id)
        if new_id in d.source:
            return f"sources.html#src-{new_id}"
        for folder, table in (("people", d.person), ("organizations", d.org), ("editions", d.edition)):
            if new_id in table and is_slug(new_id):
                return f"{folder}/{new_id}.html"
        edition = d.edition_of(new_id)
        return edition_href(edition, new_id) if edition and is_slug(edition) and is_slug(new_id) else ""

    @cached_property
    def owner(self) -> dict[str, str]:
        """The row a name, a claim or a curators' value belongs to."""
        t = self.data.tables
        owner = {n["name_id"]: n["entity_id"] for n in t["names"]}
        owner |= {c["claim_id"]: c["entity_id"] for c in t["claims"]}
        return owner | {c["curator_value_id"]: c["entity_id"] for c in t["curator_values"]}

    def redirect_pages(self) -> None:
        chain = {r["old_id"]: r["new_id"] for r in self.data.redirects}
        for r in self.data.redirects:
            old, table = r["old_id"], r.get("table", "")
            folder = table if table in ("people", "organizations", "editions") else "retired"
            rel = f"{folder}/{old}.html"
            target = self.target_of(r["new_id"], chain)
            if not is_file_name(table, old) or not target or rel in self.files:
                self.problems.append(f"redirects.csv: no page for retired id {old[:80]!r} ({table}): "
                                     + ("not a slug" if not is_file_name(table, old) else "live or its target is not shown"))
                continue
            page = Page(rel)
            view = {"old_id": old, "new_id": r["new_id"], "table": table, "reason": txt(r.get("reason", "")),
                    "target": page.href(target)}
            self.render("redirects", "redirect.html", page, f"Retired id {old}", "", view)

    def sitemap(self) -> None:
        if not self.base:
            return
        pages = sorted(p for p in self.files if p.endswith(".html") and not p.startswith("retired/")
                       and b'http-equiv="refresh"' not in self.files[p][:2000])
        urls = "".join(f"<url><loc>{html_escape(self.base + p)}</loc></url>\n" for p in pages)
        self.add("", "sitemap.xml", ('<?xml version="1.0" encoding="UTF-8"?>\n'
                                     '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                                     f"{urls}</urlset>\n").encode())
        self.add("", "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {self.base}sitemap.xml\n".encode())

    def all(self) -> dict[str, bytes]:
        self.home_page()
        self.entity_pages()
        self.topic_pages()
        self.index_pages()
        self.redirect_pages()
        self.sitemap()
        for name in STATIC_FILES:
            self.add("", name, (STATIC / name).read_bytes())
        if self.figure is not None:
            self.add("", "editions.png", self.figure.read_bytes())
        return self.files


def _remove_stale(out: Path, keep: set[str]) -> None:
    """Delete the files an earlier build wrote (listed in its manifest) that this build does not write."""
    manifest = out / MANIFEST
    if not manifest.is_file():
        return
    base = out.resolve()
    for rel in manifest.read_text(encoding="utf-8").splitlines():
        path = (out / rel).resolve()
        if rel and rel not in keep and path.is_relative_to(base) and path.is_file():
            path.unlink()


def _targets(out: Path, rels) -> tuple[dict[str, Path], dict[str, Path]]:
    """Where each file goes, proved inside ``out``: each folder resolved once (not each file), and a name
    that is no plain file name, or an existing link, proved through :func:`inside` as a whole path.
    Returns (file -> path, folder -> resolved path)."""
    base = out.resolve()
    folders: dict[str, Path] = {}
    targets: dict[str, Path] = {}
    for rel in rels:
        folder, _, name = rel.rpartition("/")
        if folder not in folders:
            folders[folder] = (base / folder).resolve() if folder else base
            if not folders[folder].is_relative_to(base):
                inside(out, rel)  # raises: the folder, so the file, resolves outside
        target = folders[folder] / name
        targets[rel] = inside(out, rel) if name in ("", ".", "..") or target.is_symlink() else target
    return targets, folders


def _holds(path: Path, content: bytes) -> bool:
    """True when ``path`` is a regular file with exactly ``content``: a rebuild leaves such a file alone
    (reading it back costs less than writing it again, and its modification time stays)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(content):
            return False
        with open(path, "rb") as fh:
            return fh.read() == content
    except OSError:
        return False


def write(out: Path, files: dict[str, bytes]) -> None:
    """Write every file, each path first proved to lie inside ``out``."""
    targets, folders = _targets(out, [*files, MANIFEST])
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale(out, set(files))
    base = out.resolve()
    made = {""}
    targets[MANIFEST].write_text("".join(f"{f}\n" for f in sorted(files)), encoding="utf-8")
    for rel in sorted(files):
        folder = rel.rpartition("/")[0]
        if folder not in made:
            folders[folder].mkdir(parents=True, exist_ok=True)
            if (base / folder).resolve() != folders[folder]:  # a folder on the way became a link out since we checked
                raise InvalidArgumentError(f"refused to write {rel!r} through a link out of {out}")
            made.add(folder)
        if not _holds(targets[rel], files[rel]):
            targets[rel].write_bytes(files[rel])


def build(out: str | Path, root: str | Path | None = None, base_url: str | None = None) -> BuildReport:
    """Write the site for the package at ``root`` (a directory, its datapackage.json or a release zip;
    default: the bundled one) into ``out``; ``base_url`` gives canonical links and the sitemap."""
    from ..paths import resolve_root

    start = time.perf_counter()
    out = Path(out)
    check_out(out)
    builder = Builder(resolve_root(root), normalize_base(base_url))
    files = builder.all()
    write(out, files)
    return BuildReport(out=out, pages=builder.counts, files=len(files), seconds=time.perf_counter() - start,
                       problems=builder.problems)
