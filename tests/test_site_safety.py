"""The site trusts nothing (issue 18) and is found and linked (issue 20): damaged copies of the package
through the CLI, the Content-Security-Policy of every page, JSON-LD read by a JSON-LD processor,
the sitemap, canonical links, redirects for retired ids, the JSON of each entity, the words of each source."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from html import unescape as html_unescape
from pathlib import Path

import pytest

from cicc_data.site import build

from .conftest import ROOT, copy_package, rows, run_cli

BASE = "https://cicc-data.example.org/site/"


def rewrite(path: Path, change) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, table = list(reader.fieldnames or []), list(reader)
    change(table, header)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build(out, ROOT, base_url=BASE)
    return out


def test_hostile_ids_and_urls_write_nothing_outside_and_link_nothing_but_http(tmp_path):
    pkg = copy_package(tmp_path / "deep" / "er" / "pkg")
    bad_urls = ["javascript:alert(1)", "  JaVaScRiPt:alert(2)", "data:text/html,<script>alert(3)</script>",
                "VBScript:msgbox(4)", "\tjavascript:alert(5)"]

    def people(table, _h):
        table[0]["person_id"] = "../../../x"
        table[1]["person_id"] = "/tmp/abs"

    def sources(table, _h):
        for row, url in zip(table, bad_urls):
            row["url"] = url

    rewrite(pkg / "data" / "people.csv", people)
    rewrite(pkg / "data" / "sources.csv", sources)
    out = tmp_path / "deep" / "er" / "out"
    result = run_cli("site", "--out", str(out), str(pkg))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "'../../../x' does not match" in result.stderr and "people.csv" in result.stderr
    assert not list(tmp_path.rglob("x.html")) and not Path("/tmp/abs.html").exists()
    written = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()} - {p.resolve() for p in pkg.rglob("*")}
    assert written and all(p.is_relative_to(out.resolve()) for p in written)
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        hrefs = re.findall(r'(?:href|src)="([^"]*)"', html)
        assert not [h for h in hrefs if re.match(r"\s*[a-z]+:", h, re.I) and not h.startswith(("http:", "https:"))], page
    sources_page = (out / "sources.html").read_text(encoding="utf-8")
    assert "JaVaScRiPt:alert(2)" in sources_page  # shown as text
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in sources_page and "<script>alert" not in sources_page


def test_site_out_on_an_existing_file_is_a_usage_error(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("mine", encoding="utf-8")
    result = run_cli("site", "--out", str(target))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "existing file" in result.stderr and str(target) in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"


def test_site_builds_from_the_release_zip(tmp_path):
    zips = sorted((ROOT / "releases").glob("cicc-data-*.zip"))
    assert zips
    result = run_cli("site", "--out", str(tmp_path / "web"), str(zips[-1]))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "web" / "index.html").is_file() and "editions" in result.stdout


def test_every_page_forbids_inline_script(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 250
    for page in pages:
        html = page.read_text(encoding="utf-8")
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert csp, page
        policy = html_unescape(csp.group(1))
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            assert 'type="application/ld+json"' in attrs or ("src=" in attrs and not body.strip()), page
        assert not re.search(r"\son[a-z]+=", html), page  # no event handler attributes


def _loader(url, options=None):
    """Offline: the schema.org context is given here, never fetched."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": "https://schema.org/"}}}
    raise AssertionError(f"JSON-LD tried to load {url}")


def jsonld(path: Path) -> list:
    from pyld import jsonld as ld

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
    assert block, path
    return ld.expand(json.loads(block.group(1)), {"documentLoader": _loader})


S = "https://schema.org/"


def test_json_ld_names_the_dataset_the_events_the_people_and_the_bodies(site):
    pytest.importorskip("pyld")
    home = jsonld(site / "index.html")[0]
    assert home["@type"] == [S + "Dataset"]
    assert home[S + "license"][0]["@value"].startswith("https://creativecommons.org/licenses/by/4.0")
    urls = [d[S + "contentUrl"][0]["@value"] for d in home[S + "distribution"]]
    assert any(u.endswith(".zip") for u in urls) and any(u.endswith("data/editions.csv") for u in urls)
    for u in urls:
        assert (site / u.removeprefix(BASE)).is_file(), u
    for e in rows("editions"):
        ev = jsonld(site / "editions" / f"{e['edition_id']}.html")[0]
        assert ev["@type"] == [S + "Event"] and ev[S + "name"][0]["@value"] == e["name_en"]
        assert ev[S + "startDate"][0]["@value"] == e["start_date"]
        assert ev[S + "location"][0][S + "address"][0][S + "addressLocality"][0]["@value"] == e["city_en"]
        hosts = {r["organization_id"] for r in rows("roles") if r["edition_id"] == e["edition_id"]
                 and r["role_kind"] in ("host", "co-host") and r["level"] == "edition"}
        shown = {o[S + "url"][0]["@value"] for o in ev.get(S + "organizer", [])}
        assert {BASE + f"organizations/{h}.html" for h in hosts} <= shown, e["edition_id"]
    li = jsonld(site / "people" / "li-shulei.html")[0]
    assert li["@type"] == [S + "Person"] and li[S + "name"][0]["@value"] == "Li Shulei"
    assert "李书磊" in [n["@value"] for n in li[S + "alternateName"]]
    cac = jsonld(site / "organizations" / "cac.html")[0]
    assert cac["@type"] == [S + "Organization"] and cac[S + "url"][0]["@value"] == BASE + "organizations/cac.html"


def test_sitemap_canonical_links_and_redirects(site):
    locs = [e.text for e in ET.parse(site / "sitemap.xml").getroot()
            if e.tag.endswith("url") for e in e if e.tag.endswith("loc")]
    assert BASE + "index.html" in locs and BASE + "people/li-shulei.html" in locs
    for loc in locs:
        page = site / loc.removeprefix(BASE)
        assert page.is_file(), loc
        assert f'<link rel="canonical" href="{loc}">' in page.read_text(encoding="utf-8")
    with open(ROOT / "releases" / "redirects.csv", encoding="utf-8", newline="") as fh:
        retired = list(csv.DictReader(fh))
    assert retired
    from cicc_data.site.safety import is_file_name

    # a withdrawn id has no successor to send a reader to; an id that is no slug never becomes a file name
    for r in (r for r in retired if r["new_id"] and is_file_name(r["table"], r["old_id"])):
        folder = r["table"] if r["table"] in ("people", "organizations", "editions") else "retired"
        page = site / folder / f"{r['old_id']}.html"
        html = page.read_text(encoding="utf-8")
        target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html).group(1)
        assert (page.parent / target.split("#")[0]).resolve().is_file(), (page, target)
        assert f"{folder}/{r['old_id']}.html" not in "".join(locs)


def test_each_entity_page_offers_its_rows_names_and_citations_as_json(site):
    html = (site / "people" / "li-shulei.html").read_text(encoding="utf-8")
    assert 'href="li-shulei.json"' in html
    doc = json.loads((site / "people" / "li-shulei.json").read_text(encoding="utf-8"))
    assert doc["rows"]["people"][0]["person_id"] == "li-shulei"
    role_ids = {r["role_id"] for r in rows("roles") if r["person_id"] == "li-shulei"}
    assert {r["role_id"] for r in doc["rows"]["roles"]} == role_ids
    assert {n["name_id"] for n in doc["names"]} == {n["name_id"] for n in rows("names") if n["entity_id"] == "li-shulei"}
    post_ids = {r["post_id"] for r in rows("posts") if r["person_id"] == "li-shulei"}
    assert {r["post_id"] for r in doc["rows"].get("posts", [])} == post_ids
    cited = {"li-shulei"} | role_ids | post_ids | {n["name_id"] for n in doc["names"]}
    expected = {c["citation_id"] for c in rows("citations") if c["entity_id"] in cited}
    assert {c["citation_id"] for c in doc["citations"]} == expected and expected
    assert {s["source_id"] for s in doc["sources"]} == {c["source_id"] for c in doc["citations"]}


def test_each_source_mark_opens_the_words_of_its_page(tmp_path):
    pkg = copy_package(tmp_path / "pkg")
    target = next(c for c in rows("citations") if c["entity_id"] == "cicc-2021" and c["field"] == "city_zh")

    def quote(table, header):
        if "quote" not in header:
            header.append("quote")
        for row in table:
            row["quote"] = "首届中国网络文明大会在北京开幕 <b>" if row["citation_id"] == target["citation_id"] else ""

    rewrite(pkg / "data" / "citations.csv", quote)
    build(tmp_path / "web", pkg)
    html = (tmp_path / "web" / "editions" / "cicc-2021.html").read_text(encoding="utf-8")
    assert html.count('<q class="quote"') == 1
    chip = re.search(r'<details class="src">((?:(?!</details>).)*首届中国网络文明大会在北京开幕 &lt;b&gt;.*?)</details>', html)
    assert chip, "the quote is not inside a source mark"
    url = {s["source_id"]: s["url"] for s in rows("sources")}[target["source_id"]]
    assert f'href="{url}"' in chip.group(1) and "<summary" in chip.group(1) and 'class="rel rel-' in chip.group(1)


def test_a_link_inside_out_leading_elsewhere_is_refused_before_any_write(tmp_path):
    out, elsewhere = tmp_path / "web", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "people").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("site", "--out", str(out), str(ROOT / "datapackage.json"))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "resolves outside" in result.stderr and "people/" in result.stderr
    assert list(elsewhere.iterdir()) == [] and not (out / "index.html").exists()
