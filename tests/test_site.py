"""The website (issue 14): every page there, every internal link resolving, sources on every edition page,
no placeholder text, bilingual markup, byte-identical builds, and columns a later release may add."""

from __future__ import annotations

import csv
import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from cicc_data.site import build

from .conftest import ROOT, rows, run_cli

BAD_WORDS = re.compile(r"\b(undefined|NaN|None|null)\b")
CJK = re.compile(r"[\u3400-\u9fff]")
BLOCKS = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer", "form",
          "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Parsed(HTMLParser):
    """Links, ids, visible text and the language of every text run of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.assets: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.unlabelled_chinese: list[str] = []
        self.stack: list[tuple[str, str | None]] = []
        self.h1 = 0
        self.html_lang = None
        self.skip = 0
        self.misnested: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href") is not None:
            self.links.append(a["href"])
        if tag in ("script", "img") and a.get("src"):
            self.assets.append(a["src"])
        if tag == "link" and a.get("href"):
            self.assets.append(a["href"])
        if tag == "h1":
            self.h1 += 1
        if tag in ("script", "style", "title"):
            self.skip += 1
        if tag in BLOCKS and any(t == "p" for t, _ in self.stack):
            self.misnested.append(tag)  # a browser would close the paragraph here
        if tag == "a" and any(t == "a" for t, _ in self.stack):
            self.misnested.append("a in a")
        if tag not in VOID:
            self.stack.append((tag, a.get("lang")))

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self.skip -= 1
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.skip or not data.strip():
            return
        self.text.append(data)
        if CJK.search(data):
            langs = [lang for _t, lang in self.stack if lang]
            if not langs or not langs[-1].startswith("zh"):
                self.unlabelled_chinese.append(data.strip()[:40])


def parse(path: Path) -> Parsed:
    p = Parsed()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build(out, ROOT)
    return out


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Parsed]:
    return {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}


def test_every_edition_person_and_organization_has_a_page(site):
    for e in rows("editions"):
        assert (site / "editions" / f"{e['edition_id']}.html").is_file()
    for p in rows("people"):
        assert (site / "people" / f"{p['person_id']}.html").is_file()
    for o in rows("organizations"):
        assert (site / "organizations" / f"{o['organization_id']}.html").is_file()
    for name in ("index.html", "sources.html", "search.html", "people.html", "organizations.html", "style.css",
                 "search.js", "search-index.js"):
        assert (site / name).is_file(), name


def test_every_internal_link_and_anchor_resolves(site, pages):
    broken = []
    for rel, page in pages.items():
        for href in page.links + page.assets:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue
            assert not parts.scheme and not parts.netloc, f"{rel}: non-relative link {href}"
            target = rel if not parts.path else (Path(rel).parent / unquote(parts.path)).as_posix()
            target = str(Path(target)).replace("\\", "/")
            while "/../" in f"/{target}":
                target = re.sub(r"(^|/)[^/]+/\.\./", r"\1", target, count=1)
            if not (site / target).is_file():
                broken.append(f"{rel} -> {href}")
            elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{rel} -> {href} (no such anchor)")
    assert not broken, broken[:20]


def test_nothing_is_loaded_from_the_network(pages):
    for rel, page in pages.items():
        for asset in page.assets:
            assert "://" not in asset and not asset.startswith("//"), f"{rel} loads {asset}"


def test_no_placeholder_text_and_one_h1_per_page(pages):
    for rel, page in pages.items():
        text = " ".join(page.text)
        bad = BAD_WORDS.findall(text)
        assert not bad, f"{rel}: {bad}"
        assert page.h1 == 1, rel
        assert not page.misnested, (rel, page.misnested[:5])
        assert page.html_lang == "en", rel


def test_chinese_text_carries_a_chinese_lang_attribute(pages):
    for rel, page in pages.items():
        assert not page.unlabelled_chinese, f"{rel}: {page.unlabelled_chinese[:5]}"


def test_every_edition_page_links_to_the_sources_of_its_rows(site, pages):
    url = {s["source_id"]: s["url"] for s in rows("sources")}
    cites: dict[str, set[str]] = {}
    for c in rows("citations"):
        cites.setdefault(c["entity_id"], set()).add(c["source_id"])
    for e in rows("editions"):
        eid = e["edition_id"]
        own = {eid}
        for table, key in (("events", "event_id"), ("subforums", "subforum_id"), ("outputs", "output_id"),
                           ("roles", "role_id")):
            own |= {r[key] for r in rows(table) if r["edition_id"] == eid}
        own |= {r["name_id"] for r in rows("names") if r["entity_id"] in own}
        own |= {r["claim_id"] for r in rows("claims") if r["entity_id"] in own}
        expected = {url[s] for i in own for s in cites.get(i, ())}
        assert expected, eid
        links = set(pages[f"editions/{eid}.html"].links)
        assert expected <= links, (eid, sorted(expected - links)[:5])


def test_edition_page_shows_city_hosts_theme_and_contested_values(site):
    html = (site / "editions" / "cicc-2021.html").read_text(encoding="utf-8")
    assert "Beijing" in html and "北京" in html
    assert "汇聚向上向善力量" in html and 'lang="zh-Hans"' in html
    for host in ("cac", "central-civilization-office", "beijing-party-committee", "beijing-government"):
        assert f'href="../organizations/{host}.html"' in html
    assert "北京国际会议中心" in html and "Sources disagree" in html  # the rejected venue and its source
    assert 'class="rel rel-official"' in html or 'class="rel rel-state-media"' in html
    weak = (site / "editions" / "cicc-2026.html").read_text(encoding="utf-8")
    assert "weak sources only" in weak and "Nanning" in weak


def test_search_index_is_the_index_find_uses(site):
    from cicc_data.text import fold

    index = json.loads((site / "search-index.json").read_text(encoding="utf-8"))
    assert (site / "search-index.js").read_text(encoding="utf-8").startswith("window.CICC_SEARCH = {")
    assert index["t2s"]["網"] == "网" and index["t2s"]["陳"] == "陈" and index["how"][0] == "exact"
    keys = {k for k, _entries in index["keys"]}
    assert "lishulei" in keys and "shuleili" in keys  # pinyin, family name first and last
    entities = index["entities"]
    for p in rows("people"):
        assert entities[p["person_id"]][3] == f"people/{p['person_id']}.html"
        assert fold(p["name_en"]) in keys and (not p["name_zh"] or fold(p["name_zh"]) in keys)
    for n in rows("names"):
        if n["entity_id"] in entities:
            assert fold(n["name"]) in keys, n["name_id"]
    for _kind, _zh, _en, url in entities.values():
        assert url and (site / url.split("#")[0]).is_file(), url


def test_builds_are_byte_identical_and_fast(site, tmp_path):
    start = time.perf_counter()
    report = build(tmp_path / "again", ROOT)
    assert time.perf_counter() - start < 10
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(report.out).as_posix(): p.read_bytes() for p in report.out.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert report.pages["editions"] == len(rows("editions"))


def test_cli_site_command(tmp_path):
    result = run_cli("site", "--out", str(tmp_path / "web"))
    assert result.returncode == 0, result.stderr
    assert "editions" in result.stdout and (tmp_path / "web" / "index.html").is_file()


def test_topics_terms_order_and_glossary_are_shown(tmp_path):
    """subforums.topic (labelled from the schema), roles.term_zh and roles.position, the glossary."""
    out = tmp_path / "web"
    report = build(out, ROOT)
    with open(ROOT / "data" / "subforums.csv", encoding="utf-8", newline="") as fh:
        topics = {r["topic"] for r in csv.DictReader(fh)}
    assert report.pages["topics"] == len(topics)
    topic = (out / "topics" / "rule-of-law.html").read_text(encoding="utf-8")
    assert "rule of law online" in topic and "网络法治" in topic and "cicc-2021-sf-rule-of-law" in topic
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="topics/rumor-refutation.html"' in home and "Topics by edition" in home
    ed = (out / "editions" / "cicc-2021.html").read_text(encoding="utf-8")
    assert '<span class="term" title="term as printed"><span lang="zh-Hans">共同主办</span>' in ed
    assert 'href="../topics/rule-of-law.html"' in ed
    with open(ROOT / "data" / "roles.csv", encoding="utf-8", newline="") as fh:
        hosts = {r["role_id"]: int(r["position"]) for r in csv.DictReader(fh)
                 if r["edition_id"] == "cicc-2021" and r["role_kind"] == "co-host" and r["level"] == "edition"}
    shown = [h for h in re.findall(r'id="(cicc-2021--co-host--[a-z-]+)"', ed) if h in hosts]
    assert shown == sorted(hosts, key=hosts.get)  # in the order the sources list them
    assert "sub-forum" in (out / "glossary.html").read_text(encoding="utf-8")
    for p in [*out.glob("*.html"), *out.glob("topics/*.html"), *out.glob("editions/*.html")]:
        assert not BAD_WORDS.findall(" ".join(parse(p).text)), p


def test_a_rebuild_removes_pages_it_no_longer_writes_and_nothing_else(tmp_path):
    out = tmp_path / "web"
    out.mkdir()
    (out / "mine.txt").write_text("not the site's", encoding="utf-8")
    build(out, ROOT)
    (out / "people" / "someone-removed.html").write_text("old", encoding="utf-8")
    with open(out / ".cicc-site-files", "a", encoding="utf-8") as fh:
        fh.write("people/someone-removed.html\n../outside.txt\n")
    (tmp_path / "outside.txt").write_text("keep", encoding="utf-8")
    build(out, ROOT)
    assert not (out / "people" / "someone-removed.html").exists()
    assert (out / "mine.txt").is_file() and (tmp_path / "outside.txt").is_file()
    assert (out / "index.html").is_file()


def test_enum_labels_read_alike_from_enumlabels_and_frictionless_v2_categories(tmp_path):
    """The labels of enum values come from the table schemas, as v2 categories or as the older enumLabels."""
    from .conftest import copy_package

    pkg = copy_package(tmp_path / "pkg")
    converted = 0
    for path in (pkg / "schemas").glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for f in doc.get("fields", []):  # the shipped schemas carry v2 categories: turn them back into enumLabels
            if "categories" in f:
                f["enumLabels"] = {c["value"]: {"en": c["label"], "zh": c.get("labelZh", ""),
                                                **({"en_plural": c["labelPlural"]} if "labelPlural" in c else {})}
                                   for c in f.pop("categories")}
                converted += 1
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    assert converted >= 8
    build(tmp_path / "a", ROOT)
    build(tmp_path / "b", pkg)
    for rel in ("editions/cicc-2021.html", "organizations.html", "sources.html", "topics/rule-of-law.html"):
        a = (tmp_path / "a" / rel).read_text(encoding="utf-8")
        assert a == (tmp_path / "b" / rel).read_text(encoding="utf-8"), rel
    ed = (tmp_path / "b" / "editions" / "cicc-2021.html").read_text(encoding="utf-8")
    assert "Co-hosts" in ed and "共同主办" in ed and "Opening ceremony" in ed and "state media" in ed
