"""The website in a real browser: headless Chromium (Debian's /usr/bin/chromium) opens the pages from
file://, as a reader would, and reads what is shown. Skipped where no Chromium is installed.

Two ways in: ``chromium --headless --dump-dom`` (needs only the browser) for the home and an edition
page, and Selenium with Debian's chromedriver to type into the search box, follow the result, and walk
every page for broken links, script errors and placeholder text.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from cicc_data.site import build

from .conftest import ROOT, rows

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path(shutil.which("chromedriver") or "/usr/bin/chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1600"]
BAD_WORDS = re.compile(r"\b(undefined|NaN|None|null)\b")

pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(), reason="no /usr/bin/chromium (Debian package chromium)")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build(out, ROOT)
    return out


def dump_dom(url: str, profile: Path) -> str:
    """The DOM after the page's scripts ran, as headless Chromium prints it."""
    result = subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
                            capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_home_page_lists_every_edition(site, tmp_path):
    dom = dump_dom((site / "index.html").as_uri(), tmp_path / "profile")
    assert "China Internet Civilization Conference" in dom and "中国网络文明大会" in dom
    for e in rows("editions"):
        assert f'href="editions/{e["edition_id"]}.html"' in dom
        assert e["city_en"] in dom
    assert 'src="editions.png"' in dom or not (ROOT / "docs" / "editions.png").is_file()


def test_edition_page_shows_its_city_hosts_and_source_links(site, tmp_path):
    dom = dump_dom((site / "editions" / "cicc-2022.html").as_uri(), tmp_path / "profile")
    assert "Tianjin" in dom and "天津" in dom
    orgs = {o["organization_id"]: o for o in rows("organizations")}
    hosts = [r["organization_id"] for r in rows("roles") if r["edition_id"] == "cicc-2022"
             and r["role_kind"] in ("host", "co-host") and not (r["event_id"] or r["subforum_id"])]
    assert hosts
    for h in hosts:
        assert orgs[h]["name_zh"] in dom
    sources = re.findall(r'<a class="src" href="(https?://[^"]+)"', dom)
    assert len(sources) > 50


def test_search_reads_the_query_from_the_address(site, tmp_path):
    dom = dump_dom((site / "search.html").as_uri() + "?q=%E6%9D%8E%E4%B9%A6%E7%A3%8A", tmp_path / "profile")
    results = dom[dom.index('id="results"'):]
    assert 'href="people/li-shulei.html"' in results  # written by search.js, not in the HTML file


# --- Selenium: typing, clicking, walking every page --------------------------------------------------


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver")
    if not CHROMEDRIVER.is_file():
        pytest.skip("no chromedriver (Debian package chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    drv.implicitly_wait(0)
    yield drv
    drv.quit()


def wait_for(drv, css: str, timeout: float = 10):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(drv, timeout).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))


@pytest.mark.parametrize("query", ["Li Shulei", "李书磊", "lǐ shūlěi"])
def test_typing_a_name_finds_the_person(site, driver, query):
    from selenium.webdriver.common.by import By

    driver.get((site / "search.html").as_uri())
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(query)
    first = wait_for(driver, "#results li a")[0]
    assert "李书磊" in first.text and "Li Shulei" in first.text
    first.click()
    assert driver.current_url.endswith("people/li-shulei.html")
    h1 = driver.find_element(By.TAG_NAME, "h1").text
    assert "李书磊" in h1 and "Li Shulei" in h1
    assert driver.find_elements(By.CSS_SELECTOR, "#roles a[href$='editions/cicc-2024.html']")


def test_a_traditional_query_finds_a_name_printed_only_in_simplified_script(site, driver):
    from selenium.webdriver.common.by import By

    assert "陳睿" not in {r["name"] for r in rows("names")}
    driver.get((site / "search.html").as_uri())
    driver.find_element(By.ID, "q").send_keys("陳睿")
    first = wait_for(driver, "#results li a")[0]
    assert first.get_attribute("href").endswith("people/chen-rui.html") and "陈睿" in first.text


def test_header_search_from_an_edition_page(site, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get((site / "editions" / "cicc-2021.html").as_uri())
    box = driver.find_element(By.ID, "site-q")
    box.send_keys("Xu Lin", Keys.ENTER)
    links = [a.get_attribute("href") for a in wait_for(driver, "#results li a")]
    assert any(h.endswith("people/xu-lin.html") for h in links)


def test_edition_page_as_a_reader_sees_it(site, driver):
    from selenium.webdriver.common.by import By

    driver.get((site / "editions" / "cicc-2021.html").as_uri())
    text = driver.find_element(By.TAG_NAME, "body").text
    for seen in ("Beijing", "北京", "汇聚向上向善力量", "Hosts", "中央网信办", "Central Civilization Office",
                 "Press conference", "Sub-forums", "Sources disagree", "北京国际会议中心"):
        assert seen in text, seen
    hosts = driver.find_element(By.ID, "hosts")
    assert hosts.is_displayed() and "北京市人民政府" in hosts.text
    marks = [m for m in driver.find_elements(By.CSS_SELECTOR, "#facts dl details.src > summary")[:8] if m.is_displayed()]
    assert marks and any("state media" in m.text or "official" in m.text for m in marks)
    links = driver.find_elements(By.CSS_SELECTOR, "#facts dl details.src a.src")
    assert links and not links[0].is_displayed()  # behind the mark until it is opened
    marks[0].click()
    assert links[0].is_displayed() and links[0].get_attribute("href").startswith("http")
    assert driver.find_element(By.CSS_SELECTOR, "html").get_attribute("lang") == "en"
    zh = driver.find_elements(By.CSS_SELECTOR, "h1 [lang='zh-Hans']")
    assert zh and zh[0].text == "首届中国网络文明大会"


PHONE_PAGES = ["index.html", "editions/cicc-2024.html", "people.html", "organizations.html", "people/li-shulei.html",
               "organizations/cac.html", "topics/rule-of-law.html", "sources.html", "glossary.html", "search.html"]

WIDEST = """
const view = document.documentElement.clientWidth;
const wide = [];
for (const el of document.querySelectorAll("body *")) {
  const r = el.getBoundingClientRect();
  if (r.width > 0 && r.right > 0 && (r.right > view + 1 || r.left < -1)) {  // not the skip link, parked off-screen
    wide.push(el.tagName + "." + el.className + " " + Math.round(r.left) + ".." + Math.round(r.right));
  }
}
return [document.documentElement.scrollWidth, view, wide.slice(0, 5)];
"""


def test_phone_width_has_no_element_wider_than_the_screen(site, driver):
    from selenium.webdriver.common.by import By

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        for rel in PHONE_PAGES:
            driver.get((site / rel).as_uri())
            scroll, view, wide = driver.execute_script(WIDEST)
            assert view == 390 and scroll <= view and not wide, (rel, scroll, view, wide)
        driver.get((site / "people.html").as_uri())
        cell = driver.find_element(By.CSS_SELECTOR, "table.cards tbody td")
        label = driver.execute_script("return getComputedStyle(arguments[0], '::before').content", cell)
        assert "Name" in label  # the column's label, shown on each card
        assert driver.execute_script("return getComputedStyle(arguments[0]).display", cell) == "block"
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture(scope="module")
def served(site):
    """The site on a local HTTP server (127.0.0.1), so that one page can fetch all the others."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))

    class Quiet(handler.func):  # type: ignore[name-defined, misc]
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_every_page_in_the_browser(site, driver, served):
    """No broken internal link or anchor, no undefined/NaN/None on any page, parsed by the browser itself."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    driver.get_log("browser")
    driver.get(served + "index.html")
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        """
        const [pages, base, done] = arguments;
        const out = {};
        Promise.all(pages.map(async (p) => {
          const url = new URL(p, base).href;
          const html = await (await fetch(url)).text();
          const doc = new DOMParser().parseFromString(html, "text/html");
          doc.querySelectorAll("script").forEach((s) => s.remove());
          const refs = Array.from(doc.querySelectorAll("a[href],link[href],script[src],img[src]"))
            .map((e) => new URL(e.getAttribute("href") || e.getAttribute("src"), url).href);
          out[url] = {text: doc.body.textContent, refs: refs,
                      ids: Array.from(doc.querySelectorAll("[id]")).map((e) => e.id),
                      main: !!doc.querySelector("main"), lang: doc.documentElement.lang};
        })).then(() => done(out), (err) => done({error: String(err)}));
        """, pages, served)
    assert "error" not in result, result
    assert len(result) == len(pages)
    broken = []
    for url, page in result.items():
        assert not BAD_WORDS.findall(page["text"]), (url, BAD_WORDS.findall(page["text"]))
        assert page["main"] and page["lang"] == "en", url
        for ref in page["refs"]:
            parts = urlsplit(ref)
            if not ref.startswith(served):
                assert parts.scheme in ("http", "https") and parts.hostname != "127.0.0.1", (url, ref)
                continue
            target = unquote(parts.path).lstrip("/")
            if not (site / target).is_file():
                broken.append((url, ref))
            elif parts.fragment and target.endswith(".html"):
                if unquote(parts.fragment) not in result[served + target]["ids"]:
                    broken.append((url, ref))
    assert not broken, broken[:10]
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, errors[:5]


def test_search_page_runs_without_script_errors(site, driver):
    from selenium.webdriver.common.by import By

    driver.get_log("browser")
    driver.get((site / "search.html").as_uri() + "?q=cac")
    assert wait_for(driver, "#results li a")
    assert "match" in driver.find_element(By.ID, "status").text
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, errors[:5]


# --- search gives what find() gives ----------------------------------------------------------------

def _href(match) -> str:
    if match.entity_type in ("people", "organizations", "editions"):  # Match.entity_type is the table
        return f"{match.entity_type}/{match.entity_id}.html"
    return "#" + match.entity_id


QUERIES = [q for q, _e, _h in __import__("tests.test_find", fromlist=["QUERIES"]).QUERIES] + ["陳睿", "xiamen propaganda"]


def test_the_search_box_puts_first_what_find_puts_first(site, driver):
    """Every query of tests/test_find.py, typed into the box: the first result is find()'s first entity,
    and the whole ranking (entity and how it matched) is find()'s."""
    from selenium.webdriver.common.by import By

    import cicc_data

    driver.get((site / "search.html").as_uri())
    box = driver.find_element(By.ID, "q")
    for query in QUERIES:
        expected = cicc_data.find(query, ROOT)
        box.clear()
        box.send_keys(query)
        first = wait_for(driver, "#results li a")[0]
        assert first.get_attribute("href").endswith(_href(expected[0])), (query, expected[0])
        ranked = driver.execute_script("return window.ciccFind(arguments[0]).slice(0, 10)"
                                       ".map(m => [m.id, m.how])", query)
        assert ranked == [[m.entity_id, m.how] for m in expected], query


@pytest.fixture(scope="module")
def quoted_site(tmp_path_factory) -> Path:
    """A copy of the package whose citations carry quotes, built into a site."""
    import csv

    from .conftest import copy_package

    pkg = copy_package(tmp_path_factory.mktemp("quoted") / "pkg")
    path = pkg / "data" / "citations.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, table = list(reader.fieldnames or []), list(reader)
    if "quote" not in header:
        header.append("quote")
    for row in table:
        row["quote"] = f"QUOTE {row['citation_id']}" if row["entity_id"] == "cicc-2021" else ""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    out = tmp_path_factory.mktemp("quoted-site")
    build(out, pkg)
    return out


def test_a_source_mark_opens_its_quote_from_the_keyboard(quoted_site, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get((quoted_site / "editions" / "cicc-2021.html").as_uri())
    summary = driver.find_element(By.CSS_SELECTOR, "#facts dl details.src > summary")
    quote = summary.find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, "q.quote")
    assert not quote.is_displayed()
    driver.find_element(By.CSS_SELECTOR, "h1").click()
    for _ in range(400):  # Tab through the page until the mark has the focus, as a keyboard user would
        driver.switch_to.active_element.send_keys(Keys.TAB)
        if driver.execute_script("return document.activeElement === arguments[0]", summary):
            break
    else:
        pytest.fail("Tab never reached the first source mark")
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert quote.is_displayed() and quote.text.startswith("QUOTE cicc-2021")
    page = summary.find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, "a.src")
    assert page.is_displayed() and page.get_attribute("href").startswith("http")
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert not quote.is_displayed()  # and closes again


def test_no_script_error_on_a_page_of_every_kind(site, driver):
    """Every template (and every edition page) in the browser: no script error, no CSP violation."""
    kinds = ["index.html", "people.html", "organizations.html", "topics.html", "sources.html", "glossary.html",
             "search.html", "search.html?q=li3%20shu1%20lei3", "people/li-shulei.html", "organizations/cac.html",
             "topics/rule-of-law.html", *[f"editions/{e['edition_id']}.html" for e in rows("editions")]]
    kinds += sorted(p.relative_to(site).as_posix() for p in site.glob("retired/*.html"))[:1]
    driver.get_log("browser")
    for rel in kinds:
        path, _, query = rel.partition("?")
        driver.get((site / path).as_uri() + (f"?{query}" if query else ""))
        errors = [e for e in driver.get_log("browser") if e.get("level") in ("SEVERE", "WARNING")]
        assert not errors, (rel, errors[:3])


# --- every page in the browser: script errors, CSP violations, failed requests ------------------------


@pytest.fixture(scope="module")
def tab(tmp_path_factory):
    """One Chromium tab over the DevTools protocol (:mod:`tests.browser_cdp`), reused for every page."""
    pytest.importorskip("websocket")
    from .browser_cdp import chromium_tab

    with chromium_tab(CHROMIUM, FLAGS, tmp_path_factory.mktemp("cdp-profile")) as t:
        yield t


def browser_problems(tab, root: Path, pages: list[str]) -> dict[str, list[str]]:
    """Open each page of the site in ``root`` (a path under it, with any query) in turn in the one tab, from
    file:// as a reader opens it, each until its load event, and list what went wrong on it
    (:func:`tests.browser_cdp.problems`)."""
    from .browser_cdp import problems

    base = root.as_uri() + "/"
    found = {}
    for rel in pages:
        forwards = b'http-equiv="refresh"' in (root / rel.partition("?")[0]).read_bytes()[:3000]
        found[rel] = problems(tab.open(base + rel, forwards=forwards), base)
    return {rel: p for rel, p in found.items() if p}


def test_no_script_error_csp_violation_or_failed_request_on_any_page(site, tab):
    """Every page of the site (and the search page with a query) in Chromium: not one console error or
    warning, uncaught exception, request refused by the Content-Security-Policy, failed or leaving the machine."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 300
    start = time.perf_counter()
    problems = browser_problems(tab, site, [*pages, "search.html?q=li3%20shu1%20lei3"])
    print(f"{len(pages) + 1} pages in Chromium in {time.perf_counter() - start:.1f} s")
    assert not problems, (len(problems), dict(list(problems.items())[:10]))


BROKEN = {"throws.html": '<script src="throws.js"></script>', "inline.html": "<script>document.title = 1</script>",
          "console.html": '<script src="console.js"></script>', "missing.html": '<img src="missing.png" alt="">',
          "style.html": '<link rel="stylesheet" href="https://example.org/x.css">'}


def test_the_every_page_check_finds_what_it_looks_for(site, tab, tmp_path):
    """The check above, on copies of the home page each with one fault: a script that throws, an inline
    script (refused by the page's policy), console.error, an image that is not there, a stylesheet from
    another host (refused by the policy too). Each is named, and the page without a fault is not."""
    for name in ("index.html", "style.css", "favicon.svg", "editions.png"):
        if (site / name).is_file():
            shutil.copy(site / name, tmp_path / name)
    (tmp_path / "throws.js").write_text("null.x;\n", encoding="utf-8")
    (tmp_path / "console.js").write_text("console.error('broken on purpose');\n", encoding="utf-8")
    home = (tmp_path / "index.html").read_text(encoding="utf-8")
    for name, fault in BROKEN.items():
        (tmp_path / name).write_text(home.replace("</body>", fault + "</body>"), encoding="utf-8")
    problems = browser_problems(tab, tmp_path, ["index.html", *BROKEN])
    assert set(problems) == set(BROKEN), problems
    assert "TypeError" in " ".join(problems["throws.html"])
    assert "Content Security Policy" in " ".join(problems["inline.html"])
    assert "broken on purpose" in " ".join(problems["console.html"])
    assert any("failed" in p and "missing.png" in p for p in problems["missing.html"])
    assert any("example.org/x.css" in p for p in problems["style.html"])
