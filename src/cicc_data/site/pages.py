"""The pages of the website, each a function returning HTML, with the sources every fact cites."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from .html import ZH, attr, dl, en, esc, heading, label, link, text_lang, zh
from .model import RELIABILITY_ORDER, Data, has_cjk, topic_of

ROLE_TERMS = {
    "host": ("Host", "主办"), "co-host": ("Co-host", "共同主办"), "undertaker": ("Undertaker", "承办"),
    "guide": ("Guidance", "指导"), "supporter": ("Supporter", "支持"), "organizer": ("Organizer", "组织"),
    "compiler": ("Compiler", "编制"), "signatory": ("Signatory", "签署"),
    "keynote-speaker": ("Keynote speaker", "主旨演讲"), "speaker": ("Speaker", "致辞、发言"),
    "letter-sender": ("Sender of the letter", "致贺信"), "letter-reader": ("Reader of the letter", "宣读贺信"),
    "presider": ("Presider", "主持"), "moderator": ("Moderator", "主持人"), "briefer": ("Briefer", "发布人"),
    "attendee": ("Attendee", "出席"), "awardee": ("Awardee", "获奖"), "releaser": ("Releaser", "发布"),
}
ROLE_PLURAL = {"host": "Hosts", "co-host": "Co-hosts", "undertaker": "Undertakers", "supporter": "Supporters",
               "organizer": "Organizers", "compiler": "Compilers", "signatory": "Signatories",
               "keynote-speaker": "Keynote speakers", "speaker": "Speakers", "presider": "Presiders",
               "moderator": "Moderators", "briefer": "Briefers", "attendee": "Attendees", "awardee": "Awardees",
               "releaser": "Releasers"}
EVENT_KINDS = {"press-conference": ("Press conference", "新闻发布会"), "opening-ceremony": ("Opening ceremony", "开幕式"),
               "main-forum": ("Main forum", "主论坛"), "closing-ceremony": ("Closing ceremony", "闭幕式"),
               "launch": ("Launch", "启动仪式"), "other": ("Other session", "其他活动")}
SUBFORUM_KINDS = {"subforum": ("Sub-forum", "分论坛"), "summit": ("Summit", "高峰论坛"),
                  "side-event": ("Side event", "配套活动"), "exhibition": ("Exhibition", "展览")}
OUTPUT_KINDS = {"declaration": ("Declaration", "宣言"), "initiative": ("Initiative", "倡议"),
                "report": ("Report", "报告"), "list": ("List", "榜单、名单"), "award": ("Award", "奖项"),
                "campaign": ("Campaign", "专项行动"), "other": ("Other", "其他")}
CLASSIFICATIONS = {"party": ("Party bodies", "党的机构"), "government": ("Government bodies", "政府机构"),
                   "association": ("Associations", "社会组织"), "enterprise": ("Enterprises", "企业"),
                   "media": ("Media", "媒体"), "academic": ("Academic bodies", "学术机构"),
                   "international": ("International bodies", "国际组织"), "other": ("Other bodies", "其他")}
FORMATS = {"offline": ("offline", "线下"), "online": ("online", "线上"), "hybrid": ("online and offline", "线上线下结合")}
RELIABILITY = {"official": ("official", "官方"), "state-media": ("state media", "官方媒体"), "news": ("news", "新闻"),
               "encyclopedia": ("encyclopedia", "百科"), "mirror": ("mirror", "转载镜像"), "blog": ("blog", "博客")}
CURATOR_METHODS = {"romanization": ("curators' pinyin", "整理者拼音"), "translation": ("curators' translation", "整理者翻译"),
                   "inferred": ("inferred by the curators", "整理者推断"), "computed": ("computed", "计算值"),
                   "script-conversion": ("converted from traditional script", "由繁体转换")}
NAME_TYPES = {"original": "original", "variant": "variant", "official-translation": "official translation",
              "translation": "translation", "machine-translation": "machine translation",
              "abbreviation": "abbreviation", "romanization": "romanization",
              "curator-translation": "curators' translation", "curator-romanization": "curators' romanization"}
EN_NAME_ORDER = ("official-translation", "translation", "original", "abbreviation", "machine-translation",
                 "curator-translation", "romanization", "curator-romanization")
VISIBLE_CHIPS = 3


class Page:
    """One page being written: its path (for relative links) and the sources its facts cite."""

    def __init__(self, path: str, title: str, lang_title: str = ""):
        self.path = path
        self.title = title
        self.lang_title = lang_title
        self.prefix = "../" * path.count("/")
        self.sources: dict[str, None] = {}

    def href(self, target: str) -> str:
        return self.prefix + target


def edition_href(eid: str, anchor: str = "") -> str:
    return f"editions/{eid}.html" + (f"#{anchor}" if anchor else "")


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "topic"


class Site:
    """Writes every page from the tables."""

    def __init__(self, data: Data, version: str, citation: str, has_figure: bool):
        self.d = data
        self.version = version
        self.citation = citation
        self.has_figure = has_figure
        self.topic_slug: dict[str, str] = {}
        for t in data.topics:
            base = candidate = slug(t)
            n = 1
            while candidate in self.topic_slug.values():
                n += 1
                candidate = f"{base}-{n}"
            self.topic_slug[t] = candidate
        self.has_glossary = bool(data.tables.get("glossary"))

    # --- names and links --------------------------------------------------------------------------
    def en_name(self, entity_id: str, row: dict[str, str], fld: str = "name_en") -> str:
        if row.get(fld):
            return row[fld]
        best = None
        for n in self.d.names.get(entity_id, []):
            if n["property"] == "name" and n["language"] == "en" and n["name_type"] in EN_NAME_ORDER:
                rank = EN_NAME_ORDER.index(n["name_type"])
                if best is None or rank < best[0]:
                    best = (rank, n["name"])
        return best[1] if best else ""

    def org_label(self, oid: str) -> str:
        o = self.d.org.get(oid)
        if not o:
            return esc(oid)
        return " ".join(p for p in (zh(o["name_zh"]), en(self.en_name(oid, o), "en")) if p)

    def org_link(self, page: Page, oid: str) -> str:
        if oid not in self.d.org:
            return esc(oid)
        return link(page.href(f"organizations/{oid}.html"), self.org_label(oid), "org")

    def person_label(self, pid: str) -> str:
        p = self.d.person.get(pid, {})
        return " ".join(x for x in (zh(p.get("name_zh", "")), en(p.get("name_en", ""), "en")) if x) or esc(pid)

    def person_link(self, page: Page, pid: str) -> str:
        if pid not in self.d.person:
            return esc(pid)
        return link(page.href(f"people/{pid}.html"), self.person_label(pid), "person")

    def edition_label(self, eid: str) -> str:
        e = self.d.edition[eid]
        return f'{esc(e["year"])} {esc(e["city_en"])}' + (f" {zh(e['city_zh'])}" if e.get("city_zh") else "")

    def edition_link(self, page: Page, eid: str, anchor: str = "") -> str:
        return link(page.href(edition_href(eid, anchor)), self.edition_label(eid))

    def subforum_title(self, s: dict[str, str]) -> str:
        zh_t = s.get("title_zh") or ""
        en_t = s.get("title_en") or self.en_name(s["subforum_id"], s, "title_en")
        if not zh_t and not en_t:
            zh_t, en_t = s.get("theme_zh") or "", s.get("theme_en") or ""
        return " ".join(p for p in (zh(zh_t), en(en_t, "en")) if p) or esc(s["subforum_id"])

    def output_title(self, o: dict[str, str]) -> str:
        en_t = o.get("name_en") or self.en_name(o["output_id"], o)
        return " ".join(p for p in (zh(o.get("name_zh") or ""), en(en_t, "en")) if p) or esc(o["output_id"])

    def event_title(self, ev: dict[str, str]) -> str:
        k_en, k_zh = EVENT_KINDS.get(ev["kind"], (ev["kind"], ""))
        return label(k_en, k_zh)

    def context_link(self, page: Page, r: dict[str, str]) -> str:
        """Where a role belongs: a sub-forum, a session, an output, or the edition itself."""
        if r.get("subforum_id") and r["subforum_id"] in self.d.subforum:
            s = self.d.subforum[r["subforum_id"]]
            return link(page.href(edition_href(r["edition_id"], s["subforum_id"])), self.subforum_title(s))
        if r.get("event_id") and r["event_id"] in self.d.event:
            ev = self.d.event[r["event_id"]]
            return link(page.href(edition_href(r["edition_id"], ev["event_id"])), self.event_title(ev))
        if r.get("output_id") and r["output_id"] in self.d.output:
            o = self.d.output[r["output_id"]]
            return link(page.href(edition_href(r["edition_id"], o["output_id"])), self.output_title(o))
        return link(page.href(edition_href(r["edition_id"])), label("the edition", "大会"))

    # --- provenance -----------------------------------------------------------------------------
    def chip(self, page: Page, sid: str) -> str:
        s = self.d.source.get(sid)
        if not s:
            return ""
        page.sources[sid] = None
        rel = s["reliability"]
        r_en = RELIABILITY.get(rel, (rel, ""))[0]
        short = self.short_publisher(s)
        return (f'<a class="src" href="{attr(s["url"])}" title="{attr(s["title"])}">'
                f'<span class="rel rel-{attr(rel)}">{esc(r_en)}</span> {text_lang(short)}</a>')

    @staticmethod
    def short_publisher(s: dict[str, str]) -> str:
        return re.split(r" \(|, |; | via ", s["publisher"])[0].strip() or s["publisher"]

    def cites(self, page: Page, entity_id: str, fld: str = "") -> str:
        """The sources of one fact, with its weak and curators' marks."""
        ids = self.d.sources_of(entity_id, fld)
        marks = []
        cur = self.d.curated.get((entity_id, fld))
        if cur:
            m_en, m_zh = CURATOR_METHODS.get(cur["method"], (cur["method"], ""))
            note = f' title="{attr(cur["notes"])}"' if cur.get("notes") else ""
            marks.append(f'<span class="mark curated"{note}>{label(m_en, m_zh)}</span>')
        if ids and self.d.weak.get((entity_id, fld)):
            marks.append(f'<span class="mark weak" title="every source of this fact is a mirror or a blog">'
                         f'{label("weak sources only", "仅有弱来源")}</span>')
        chips = [self.chip(page, s) for s in ids]
        chips = [c for c in chips if c]
        if not chips and not marks:
            return ""
        shown = "".join(chips[:VISIBLE_CHIPS])
        rest = ""
        if len(chips) > VISIBLE_CHIPS:
            rest = (f'<details class="more"><summary>+{len(chips) - VISIBLE_CHIPS} '
                    f'{label("more sources", "")}</summary>{"".join(chips[VISIBLE_CHIPS:])}</details>')
        return f'<span class="cites">{"".join(marks)}{shown}{rest}</span>'

    def contested(self, page: Page, entity_id: str, fld: str,
                  render: Callable[[str], str] | None = None) -> str:
        claims = self.d.claims.get((entity_id, fld))
        if not claims:
            return ""
        render = render or (lambda v: text_lang(v))
        items = []
        for c in claims:
            kept = c.get("preferred") == "true"
            tag = label("kept", "采用") if kept else label("alternative", "异说")
            note = f' <span class="note">{text_lang(c["notes"])}</span>' if c.get("notes") else ""
            items.append(f'<li class="{"kept" if kept else "alt"}"><span class="tag">{tag}</span> '
                         f'<span class="value">{render(c["value"])}</span> {self.cites(page, c["claim_id"])}{note}</li>')
        return (f'<div class="claims"><p>{label("Sources disagree:", "来源说法不一:")}</p>'
                f'<ul>{"".join(items)}</ul></div>')

    def value(self, page: Page, entity_id: str, row: dict[str, str], fld: str,
              render: Callable[[str], str] | None = None) -> str:
        """A cell's value with its sources and any competing values."""
        v = row.get(fld) or ""
        if not v:
            return ""
        shown = render(v) if render else text_lang(v, ZH if fld.endswith("_zh") else "")
        return f'<span class="fact">{shown}{self.cites(page, entity_id, fld)}</span>' \
            + self.contested(page, entity_id, fld, render)

    def pair(self, page: Page, entity_id: str, row: dict[str, str], base: str) -> str:
        """The Chinese and English cells of one field side by side."""
        z = self.value(page, entity_id, row, f"{base}_zh")
        e = self.value(page, entity_id, row, f"{base}_en")
        if not z and not e:
            return ""
        return (f'<div class="bi"><div class="zh-col" lang="{ZH}">{z}</div>'
                f'<div class="en-col" lang="en">{e}</div></div>')

    def notes(self, page: Page, entity_id: str, row: dict[str, str]) -> str:
        if not row.get("notes"):
            return ""
        return (f'<div class="notes"><span class="lbl">{label("Curators’ note", "整理者说明")}:</span> '
                f'{text_lang(row["notes"])}{self.cites(page, entity_id, "notes")}</div>')

    def names_block(self, page: Page, entity_id: str, skip: set[str] | None = None) -> str:
        """Every name and rendering of a row, with its language, type and sources."""
        rows = [n for n in self.d.names.get(entity_id, []) if n["name"] not in (skip or set())]
        if not rows:
            return ""
        items = []
        for n in rows:
            prop = "" if n["property"] == "name" else f'{esc(n["property"])}, '
            kind = NAME_TYPES.get(n["name_type"], n["name_type"])
            note = f' <span class="note">{text_lang(n["notes"])}</span>' if n.get("notes") else ""
            items.append(f'<li>{text_lang(n["name"], n["language"])} <span class="meta">({prop}{esc(kind)}, '
                         f'<code>{esc(n["language"])}</code>)</span>{self.cites(page, n["name_id"])}{note}</li>')
        return (f'<details class="names"><summary>{label("Names and renderings", "名称与译名")} '
                f'({len(rows)})</summary><ul>{"".join(items)}</ul></details>')

    # --- roles ------------------------------------------------------------------------------------
    def term(self, r: dict[str, str]) -> str:
        if r.get("term_zh"):
            return f' <span class="term" title="term as printed">{zh(r["term_zh"])}</span>'
        return ""

    def actor_item(self, page: Page, r: dict[str, str], show_kind: bool = False) -> str:
        parts = []
        if show_kind:
            k_en, k_zh = ROLE_TERMS.get(r["role_kind"], (r["role_kind"], ""))
            parts.append(f'<span class="kind">{label(k_en, k_zh)}</span>')
        if r.get("person_id"):
            parts.append(self.person_link(page, r["person_id"]))
        elif r.get("organization_id"):
            parts.append(self.org_link(page, r["organization_id"]))
        parts.append(self.term(r))
        org_claims = self.contested(page, r["role_id"], "organization_id", lambda v: self.org_link(page, v))
        parts.append(self.cites(page, r["role_id"]))
        title = " ".join(x for x in (self.value(page, r["role_id"], r, "title_zh"),
                                     self.value(page, r["role_id"], r, "title_en")) if x)
        if title:
            parts.append(f'<span class="title">{title}</span>')
        if r.get("person_id") and r.get("organization_id"):
            parts.append(f'<span class="for">{label("for", "所属")} {self.org_link(page, r["organization_id"])}</span>')
        notes = f'<span class="note">{text_lang(r["notes"])}{self.cites(page, r["role_id"], "notes")}</span>' \
            if r.get("notes") else ""
        return f'<li id="{attr(r["role_id"])}">{" ".join(p for p in parts if p)}{notes}{org_claims}</li>'

    def role_groups(self, page: Page, roles: list[dict[str, str]], level: int = 4) -> str:
        order = list(ROLE_TERMS)
        groups: dict[str, list[dict[str, str]]] = {}
        for r in roles:
            groups.setdefault(r["role_kind"], []).append(r)
        out = []
        for kind in sorted(groups, key=lambda k: order.index(k) if k in order else len(order)):
            k_en, k_zh = ROLE_TERMS.get(kind, (kind, ""))
            k_en = ROLE_PLURAL.get(kind, k_en) if len(groups[kind]) > 1 else k_en
            items = "".join(self.actor_item(page, r) for r in groups[kind])
            out.append(f'<section class="roles">{heading(level, k_en, k_zh)}<ul class="actors">{items}</ul></section>')
        return "".join(out)

    # --- page frame -------------------------------------------------------------------------------
    def nav(self, page: Page) -> str:
        items = [("index.html", "Home", "首页"), ("index.html#editions", "Editions", "历届"),
                 ("people.html", "People", "人物"), ("organizations.html", "Organizations", "机构")]
        if self.d.topics:
            items.append(("topics.html", "Topics", "主题"))
        items.append(("sources.html", "Sources", "来源"))
        if self.has_glossary:
            items.append(("glossary.html", "Glossary", "术语"))
        items.append(("search.html", "Search", "搜索"))
        lis = "".join(f'<li>{link(page.href(h), label(a, b))}</li>' for h, a, b in items)
        return f'<nav aria-label="Site"><ul>{lis}</ul></nav>'

    def frame(self, page: Page, body: str, scripts: tuple[str, ...] = ()) -> str:
        search = "" if page.path == "search.html" else (
            f'<form class="quick" role="search" action="{attr(page.href("search.html"))}">'
            f'<label for="site-q" class="vh">Search names</label>'
            f'<input id="site-q" name="q" type="search" placeholder="Search names · 搜索名称">'
            f'<button type="submit">{label("Search", "")}</button></form>')
        js = "".join(f'<script src="{attr(page.href(s))}"></script>' for s in scripts)
        title = esc(page.title) + (f" · {esc(page.lang_title)}" if page.lang_title else "")
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title} · CICC data</title>\n"
            f'<link rel="stylesheet" href="{attr(page.href("style.css"))}">\n'
            f'<link rel="icon" href="{attr(page.href("favicon.svg"))}" type="image/svg+xml">\n</head>\n<body>\n'
            f'<a class="skip" href="#main">Skip to content</a>\n'
            f'<header class="site"><p class="brand">{link(page.href("index.html"), label("CICC data", "中国网络文明大会数据"))}</p>'
            f"{self.nav(page)}{search}</header>\n"
            f'<main id="main">\n{body}\n</main>\n'
            f'<footer class="site"><p>{label(f"cicc-data {self.version}.", "")} '
            f'Data CC-BY-4.0, code MIT. {link(page.href("index.html#marks"), "How to read the marks")} · '
            f'{link(page.href("sources.html"), label("All sources", "全部来源"))}</p></footer>\n'
            f"{js}</body>\n</html>\n"
        )

    def sources_section(self, page: Page, extra: set[str] | None = None) -> str:
        ids = dict(page.sources)
        for s in sorted(extra or ()):
            ids.setdefault(s, None)
        rank = {g: i for i, g in enumerate(RELIABILITY_ORDER)}
        rows = sorted((self.d.source[s] for s in ids if s in self.d.source),
                      key=lambda s: (rank.get(s["reliability"], 99), s.get("published") or "9999", s["source_id"]))
        if not rows:
            return ""
        lis = "".join(self.source_item(page, s) for s in rows)
        return (f'<section class="sources" id="sources">{heading(2, f"Sources ({len(rows)})", "来源")}'
                f'<ol class="source-list">{lis}</ol></section>')

    def source_item(self, page: Page, s: dict[str, str], extra: str = "") -> str:
        rel = s["reliability"]
        r_en, r_zh = RELIABILITY.get(rel, (rel, ""))
        origin = f' <span class="meta">· {label("original:", "原出处:")} {text_lang(s["origin"])}</span>' \
            if s.get("origin") else ""
        date = f' <span class="meta">{esc(s["published"])}</span>' if s.get("published") else ""
        return (f'<li id="src-{attr(s["source_id"])}"><span class="rel rel-{attr(rel)}" title="{attr(r_en)}">'
                f'{esc(r_en)}</span> <span class="publisher">{text_lang(s["publisher"])}</span>: '
                f'<a href="{attr(s["url"])}" rel="noopener noreferrer">'
                f'{text_lang(s["title"], s["language"] if s["language"] != "zh" else "")}</a>{date} '
                f'<code>{esc(s["language"])}</code>{origin}{extra}</li>')

    # --- edition page -----------------------------------------------------------------------------
    def edition_page(self, eid: str) -> tuple[str, str]:
        d = self.d
        e = d.edition[eid]
        title_zh = e.get("name_zh") or ""
        page = Page(edition_href(eid), e["name_en"], title_zh)
        roles = [r for r in d.roles if r["edition_id"] == eid]
        events = [ev for ev in d.tables["events"] if ev["edition_id"] == eid]
        subforums = [s for s in d.tables["subforums"] if s["edition_id"] == eid]
        outputs = [o for o in d.tables["outputs"] if o["edition_id"] == eid]
        out_roles = ("releaser", "compiler", "signatory")

        def session_roles(pred) -> list[dict[str, str]]:
            return [r for r in roles if pred(r) and r["role_kind"] not in out_roles]

        b = []
        weak_row = d.weak.get((eid, "")) and d.sources_of(eid)
        ordinal, year = e["ordinal"], e["year"]
        b.append(f'<header class="page-head"><p class="kicker">{label(f"Edition {ordinal}, {year}", f"第{ordinal}届")}</p>'
                 f'<h1>{zh(title_zh)} <span lang="en">{esc(e["name_en"])}</span></h1>'
                 f'<div class="row-cites">{label("That it took place:", "举办:")} {self.cites(page, eid)}</div>'
                 + (f'<p class="warning">{label("Every source of this edition is a mirror or a blog: treat it as weak.", "本届的全部来源均为转载镜像或博客,证据较弱。")}</p>' if weak_row else "")
                 + "</header>")
        dates = self.value(page, eid, e, "start_date")
        if e.get("end_date") and e["end_date"] != e.get("start_date"):
            dates += " – " + self.value(page, eid, e, "end_date")
        elif e.get("end_date"):
            dates += f' <span class="meta">{label("(one day)", "(一天)")}</span>{self.cites(page, eid, "end_date")}'
        fmt = self.value(page, eid, e, "format", lambda v: label(*FORMATS.get(v, (v, ""))))
        facts = [
            (label("Name", "名称"), self.pair(page, eid, e, "name")),
            (label("Dates", "日期"), dates),
            (label("City", "城市"), self.pair(page, eid, e, "city")),
            (label("Province", "省份"), self.pair(page, eid, e, "province")),
            (label("Venue", "会场"), self.pair(page, eid, e, "venue")),
            (label("Format", "形式"), fmt),
            (label("Attendance", "参会人数"), self.value(page, eid, e, "attendance")),
            (label("Length in days", "会期(天)"), self.value(page, eid, e, "duration_days")),
            (label("Sub-forums announced", "宣布的分论坛数"), self.value(page, eid, e, "subforums_announced")),
            (label("Theme", "主题"), self.pair(page, eid, e, "theme")),
        ]
        b.append(f'<section id="facts">{heading(2, "At a glance", "概况")}{dl(facts)}'
                 f'{self.names_block(page, eid)}{self.notes(page, eid, e)}</section>')

        edition_level = [r for r in roles if not (r.get("event_id") or r.get("subforum_id") or r.get("output_id"))]
        orgs = [r for r in edition_level if not r.get("person_id")]
        people = [r for r in edition_level if r.get("person_id")]
        if orgs or people:
            b.append(f'<section id="hosts">{heading(2, "Hosts and organizers", "主办、承办与组织")}'
                     f'{self.role_groups(page, orgs, 3)}'
                     + (f'<h3>{label("People at the edition", "出席与发言人物")}</h3>{self.role_groups(page, people, 4)}'
                        if people else "")
                     + "</section>")
        else:
            b.append(f'<section id="hosts">{heading(2, "Hosts and organizers", "主办、承办与组织")}'
                     f'<p>{label("No source names the hosts of this edition.", "没有来源列出本届的主办单位。")}</p></section>')

        def released_here(outs: list[dict[str, str]]) -> str:
            if not outs:
                return ""
            return (f'<h4>{label("Released here", "发布成果")}</h4><ul>'
                    + "".join(f'<li>{link("#" + o["output_id"], self.output_title(o))}</li>' for o in outs)
                    + "</ul>")

        def event_block(ev: dict[str, str]) -> str:
            evid = ev["event_id"]
            facts = [(label("Date", "日期"), self.value(page, evid, ev, "date")),
                     (label("Place", "地点"), self.pair(page, evid, ev, "place")),
                     (label("Title", "标题"), self.pair(page, evid, ev, "title"))]
            rs = session_roles(lambda r: r.get("event_id") == evid and not r.get("subforum_id"))
            out_html = released_here([o for o in outputs if o.get("event_id") == evid])
            return (f'<article class="event" id="{attr(evid)}"><h3>{self.event_title(ev)}'
                    f'{" " + esc(ev["date"]) if ev.get("date") else ""}</h3>'
                    f'<div class="row-cites">{self.cites(page, evid)}</div>{dl(facts)}{self.notes(page, evid, ev)}'
                    f'{self.role_groups(page, rs)}{out_html}{self.names_block(page, evid)}</article>')

        press = [ev for ev in events if ev["kind"] == "press-conference"]
        others = [ev for ev in events if ev["kind"] != "press-conference"]
        order = list(EVENT_KINDS)
        others.sort(key=lambda ev: (ev.get("date") or "9999", order.index(ev["kind"]) if ev["kind"] in order else 99,
                                    ev["event_id"]))
        b.append(f'<section id="press-conference">{heading(2, "Press conference", "新闻发布会")}'
                 + ("".join(event_block(ev) for ev in press)
                    or f'<p>{label("No press conference is recorded.", "没有新闻发布会的记录。")}</p>') + "</section>")
        b.append(f'<section id="sessions">{heading(2, "Opening ceremony, main forum and other sessions", "开幕式、主论坛及其他活动")}'
                 + ("".join(event_block(ev) for ev in others)
                    or f'<p>{label("No session is recorded.", "没有会议活动的记录。")}</p>') + "</section>")

        def sf_block(s: dict[str, str]) -> str:
            sid = s["subforum_id"]
            k_en, k_zh = SUBFORUM_KINDS.get(s["kind"], (s["kind"], ""))
            topic = ""
            if topic_of(s):
                t_en, t_zh = d.topic_label(topic_of(s))
                topic = link(page.href(f"topics/{self.topic_slug[topic_of(s)]}.html"), label(t_en, t_zh), "topic")
            facts = [(label("Kind", "类别"), self.value(page, sid, s, "kind", lambda v: label(*SUBFORUM_KINDS.get(v, (v, ""))))),
                     (label("Topic", "议题"), topic),
                     (label("Date", "日期"), self.value(page, sid, s, "date")),
                     (label("Title", "标题"), self.pair(page, sid, s, "title")),
                     (label("Theme", "主题"), self.pair(page, sid, s, "theme"))]
            rs = session_roles(lambda r: r.get("subforum_id") == sid)
            out_html = released_here([o for o in outputs if o.get("subforum_id") == sid])
            return (f'<article class="subforum" id="{attr(sid)}"><h3>{self.subforum_title(s)} '
                    f'<span class="badge">{label(k_en, k_zh)}</span></h3>'
                    f'<div class="row-cites">{self.cites(page, sid)}</div>{dl(facts)}{self.notes(page, sid, s)}'
                    f'{self.role_groups(page, rs)}{out_html}{self.names_block(page, sid)}</article>')

        kinds = list(SUBFORUM_KINDS)
        subforums.sort(key=lambda s: (kinds.index(s["kind"]) if s["kind"] in kinds else 99, s.get("date") or "9999",
                                      s["subforum_id"]))
        n_sf = sum(1 for s in subforums if s["kind"] == "subforum")
        announced = e.get("subforums_announced") or "?"
        b.append(f'<section id="subforums">{heading(2, "Sub-forums and side events", "分论坛及配套活动")}'
                 f'<p>{label(f"{n_sf} sub-forums named by the sources, {announced} announced.", f"来源列出 {n_sf} 个分论坛,宣布 {announced} 个。")}</p>'
                 + ("".join(sf_block(s) for s in subforums)
                    or f'<p>{label("No sub-forum is recorded.", "没有分论坛的记录。")}</p>') + "</section>")

        def out_block(o: dict[str, str]) -> str:
            oid = o["output_id"]
            where = ""
            if o.get("subforum_id") in d.subforum:
                where = link("#" + o["subforum_id"], self.subforum_title(d.subforum[o["subforum_id"]]))
            elif o.get("event_id") in d.event:
                where = link("#" + o["event_id"], self.event_title(d.event[o["event_id"]]))
            facts = [(label("Kind", "类别"), self.value(page, oid, o, "kind", lambda v: label(*OUTPUT_KINDS.get(v, (v, ""))))),
                     (label("Name", "名称"), self.pair(page, oid, o, "name")),
                     (label("Date", "日期"), self.value(page, oid, o, "date")),
                     (label("Where", "发布场合"), where)]
            rs = [r for r in roles if r.get("output_id") == oid]
            return (f'<article class="output" id="{attr(oid)}"><h3>{self.output_title(o)}</h3>'
                    f'<div class="row-cites">{self.cites(page, oid)}</div>{dl(facts)}{self.notes(page, oid, o)}'
                    f'{self.role_groups(page, rs)}{self.names_block(page, oid)}</article>')

        b.append(f'<section id="outputs">{heading(2, "Outputs", "成果")}'
                 + ("".join(out_block(o) for o in outputs)
                    or f'<p>{label("No output is recorded.", "没有成果的记录。")}</p>') + "</section>")
        own = {eid} | {ev["event_id"] for ev in events} | {s["subforum_id"] for s in subforums} \
            | {o["output_id"] for o in outputs} | {r["role_id"] for r in roles}
        own |= {n["name_id"] for i in list(own) for n in d.names.get(i, [])}
        own |= {c["claim_id"] for (i, _f), cs in d.claims.items() if i in own for c in cs}
        extra = {s for (i, _f), ids in d.cites.items() if i in own for s in ids}
        b.append(self.sources_section(page, extra))
        toc = [("facts", "At a glance", "概况"), ("hosts", "Hosts", "主办"), ("press-conference", "Press conference", "发布会"),
               ("sessions", "Sessions", "开幕式与主论坛"), ("subforums", "Sub-forums", "分论坛"),
               ("outputs", "Outputs", "成果"), ("sources", "Sources", "来源")]
        nav = "".join(f'<li>{link("#" + a, label(x, y))}</li>' for a, x, y in toc)
        prev_next = self.prev_next(page, eid)
        body = b[0] + f'<nav class="toc" aria-label="On this page"><ul>{nav}</ul></nav>' + "".join(b[1:]) + prev_next
        return page.path, self.frame(page, body)

    def prev_next(self, page: Page, eid: str) -> str:
        ids = [e["edition_id"] for e in self.d.editions]
        i = ids.index(eid)
        parts = []
        if i > 0:
            parts.append(f'<li class="prev">{label("Previous:", "上一届:")} {self.edition_link(page, ids[i - 1])}</li>')
        if i + 1 < len(ids):
            parts.append(f'<li class="next">{label("Next:", "下一届:")} {self.edition_link(page, ids[i + 1])}</li>')
        return f'<nav class="pager" aria-label="Editions"><ul>{"".join(parts)}</ul></nav>' if parts else ""

    # --- person and organization pages -------------------------------------------------------------
    def roles_table(self, page: Page, roles: list[dict[str, str]], who: str) -> str:
        rows = []
        for r in roles:
            k_en, k_zh = ROLE_TERMS.get(r["role_kind"], (r["role_kind"], ""))
            actor = self.org_link(page, r["organization_id"]) if who == "org" and r.get("organization_id") else ""
            if who == "person-of-org":
                actor = self.person_link(page, r["person_id"])
            title = " ".join(x for x in (self.value(page, r["role_id"], r, "title_zh"),
                                         self.value(page, r["role_id"], r, "title_en")) if x)
            rows.append(
                f'<tr><td>{self.edition_link(page, r["edition_id"])}</td>'
                f'<td>{label(k_en, k_zh)}{self.term(r)}{self.cites(page, r["role_id"])}'
                f'{self.contested(page, r["role_id"], "organization_id", lambda v: self.org_link(page, v))}</td>'
                f'<td>{self.context_link(page, r)}</td>'
                + (f"<td>{actor}</td>" if who in ("org", "person-of-org") else "")
                + f"<td>{title}</td></tr>")
        extra_h = {"org": f'<th scope="col">{label("For", "所属")}</th>',
                   "person-of-org": f'<th scope="col">{label("Person", "人物")}</th>'}.get(who, "")
        return (f'<div class="scroll"><table><thead><tr><th scope="col">{label("Edition", "届次")}</th>'
                f'<th scope="col">{label("Role", "角色")}</th><th scope="col">{label("Where", "场合")}</th>{extra_h}'
                f'<th scope="col">{label("Title at the time", "时任职务")}</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')

    def posts_list(self, page: Page, posts: list[dict[str, str]], show_person: bool) -> str:
        items = []
        for p in posts:
            pid = p["post_id"]
            who = self.person_link(page, p["person_id"]) + ": " if show_person else ""
            org = f' <span class="for">{label("in", "机构")} {self.org_link(page, p["organization_id"])}</span>' \
                if p.get("organization_id") else ""
            dates = []
            if p.get("start_date"):
                dates.append(f'{label("from", "起")} {self.value(page, pid, p, "start_date")}')
            if p.get("end_date"):
                dates.append(f'{label("until", "止")} {self.value(page, pid, p, "end_date")}')
            title = " ".join(x for x in (self.value(page, pid, p, "title_zh"), self.value(page, pid, p, "title_en")) if x)
            items.append(f'<li id="{attr(pid)}">{who}{title}{org} {" ".join(dates)}{self.cites(page, pid)}'
                         f'{self.notes(page, pid, p)}</li>')
        return f'<ul class="posts">{"".join(items)}</ul>'

    def person_page(self, pid: str) -> tuple[str, str]:
        d = self.d
        p = d.person[pid]
        page = Page(f"people/{pid}.html", p["name_en"], p.get("name_zh") or "")
        b = [f'<header class="page-head"><p class="kicker">{label("Person", "人物")}</p>'
             f'<h1>{zh(p.get("name_zh") or "")} <span lang="en">{esc(p["name_en"])}</span></h1>'
             f'<div class="row-cites">{self.cites(page, pid)}</div></header>']
        b.append(f'<section id="facts">{dl([(label("Name", "姓名"), self.pair(page, pid, p, "name"))])}'
                 f'{self.names_block(page, pid)}{self.notes(page, pid, p)}</section>')
        roles = [r for r in d.roles if r.get("person_id") == pid]
        b.append(f'<section id="roles">{heading(2, f"Roles at the conference ({len(roles)})", "在大会中的角色")}'
                 f'{self.roles_table(page, roles, "org")}</section>')
        posts = [x for x in d.posts if x["person_id"] == pid]
        if posts:
            b.append(f'<section id="posts">{heading(2, "Posts held", "任职")}{self.posts_list(page, posts, False)}</section>')
        b.append(self.sources_section(page))
        return page.path, self.frame(page, "".join(b))

    def org_page(self, oid: str) -> tuple[str, str]:
        d = self.d
        o = d.org[oid]
        name_en = self.en_name(oid, o)
        page = Page(f"organizations/{oid}.html", name_en or o.get("name_zh") or oid,
                    o.get("name_zh") if name_en else "")
        c_en, c_zh = CLASSIFICATIONS.get(o["classification"], (o["classification"], ""))
        b = [f'<header class="page-head"><p class="kicker">{label("Organization", "机构")} · {label(c_en, c_zh)}</p>'
             f'<h1>{zh(o.get("name_zh") or "")} <span lang="en">{esc(name_en)}</span></h1>'
             f'<div class="row-cites">{self.cites(page, oid)}</div></header>']
        facts = [(label("Name", "名称"), self.pair(page, oid, o, "name"))]
        if o.get("parent_organization_id"):
            facts.append((label("Part of", "上级机构"), self.org_link(page, o["parent_organization_id"])))
        kids = d.children.get(oid, [])
        if kids:
            facts.append((label("Sub-bodies", "下属机构"),
                          '<ul class="plain">' + "".join(f"<li>{self.org_link(page, k)}</li>" for k in kids) + "</ul>"))
        if not o.get("name_en") and name_en:
            facts.append((label("English name shown", "所示英文名"),
                          f'{en(name_en)} <span class="meta">{label("(from the names below)", "(取自下列名称)")}</span>'))
        b.append(f'<section id="facts">{dl(facts)}{self.names_block(page, oid)}{self.notes(page, oid, o)}</section>')
        own = [r for r in d.roles if r.get("organization_id") == oid and not r.get("person_id")]
        b.append(f'<section id="roles">{heading(2, f"Roles at the conference ({len(own)})", "在大会中的角色")}'
                 + (self.roles_table(page, own, "") if own else f'<p>{label("No role as a body; see the people who acted for it.", "该机构本身无角色记录。")}</p>')
                 + "</section>")
        staff = [r for r in d.roles if r.get("organization_id") == oid and r.get("person_id")]
        if staff:
            b.append(f'<section id="people">{heading(2, f"People who acted for it ({len(staff)})", "代表该机构的人物")}'
                     f'{self.roles_table(page, staff, "person-of-org")}</section>')
        posts = [x for x in d.posts if x.get("organization_id") == oid]
        if posts:
            b.append(f'<section id="posts">{heading(2, "Posts in this body", "该机构的职务")}'
                     f'{self.posts_list(page, posts, True)}</section>')
        b.append(self.sources_section(page))
        return page.path, self.frame(page, "".join(b))

    # --- topics ---------------------------------------------------------------------------------
    def topic_page(self, topic: str) -> tuple[str, str]:
        t_en, t_zh = self.d.topic_label(topic)
        page = Page(f"topics/{self.topic_slug[topic]}.html", t_en, t_zh)
        rows = []
        for s in sorted(self.d.topics[topic], key=lambda s: (s["edition_id"], s["subforum_id"])):
            rows.append(f'<tr><td>{self.edition_link(page, s["edition_id"])}</td>'
                        f'<td>{link(page.href(edition_href(s["edition_id"], s["subforum_id"])), self.subforum_title(s))}'
                        f'{self.cites(page, s["subforum_id"])}</td>'
                        f'<td>{self.pair(page, s["subforum_id"], s, "theme")}</td>'
                        f'<td>{self.value(page, s["subforum_id"], s, "date")}</td></tr>')
        body = (f'<header class="page-head"><p class="kicker">{label("Topic", "议题")} <code>{esc(topic)}</code></p>'
                f'<h1>{zh(t_zh)} <span lang="en">{esc(t_en)}</span></h1>'
                f'<p>{label("The topic is the curators’ classification of each sub-forum.", "议题为整理者对分论坛的归类。")}</p></header>'
                f'<section>{heading(2, f"Sub-forums ({len(rows)})", "分论坛")}<div class="scroll"><table><thead><tr>'
                f'<th scope="col">{label("Edition", "届次")}</th><th scope="col">{label("Sub-forum", "分论坛")}</th>'
                f'<th scope="col">{label("Theme", "主题")}</th><th scope="col">{label("Date", "日期")}</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div></section>' + self.sources_section(page))
        return page.path, self.frame(page, body)

    def topics_table(self, page: Page) -> str:
        eds = self.d.editions
        head = "".join(f'<th scope="col">{link(page.href(edition_href(e["edition_id"])), esc(e["year"]))}</th>'
                       for e in eds)
        rows = []
        for topic, sfs in self.d.topics.items():
            t_en, t_zh = self.d.topic_label(topic)
            cells = []
            for e in eds:
                n = sum(1 for s in sfs if s["edition_id"] == e["edition_id"])
                cells.append(f'<td class="n{min(n, 3)}">{n if n else ""}</td>')
            rows.append(f'<tr><th scope="row">{link(page.href(f"topics/{self.topic_slug[topic]}.html"), label(t_en, t_zh))}'
                        f'</th>{"".join(cells)}</tr>')
        return (f'<div class="scroll"><table class="topics"><caption>{label("Sub-forums by topic and edition", "各届分论坛议题")}'
                f'</caption><thead><tr><th scope="col">{label("Topic", "议题")}</th>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')

    def topics_index(self) -> tuple[str, str]:
        page = Page("topics.html", "Topics", "议题")
        body = (f'<h1>{label("Topics", "议题")}</h1><p>{label("Each sub-forum is classified under one topic by the curators.", "每个分论坛由整理者归入一个议题。")}</p>'
                + self.topics_table(page))
        return page.path, self.frame(page, body)

    # --- index pages ----------------------------------------------------------------------------
    def people_index(self) -> tuple[str, str]:
        page = Page("people.html", "People", "人物")
        rows = []
        for p in sorted(self.d.tables["people"], key=lambda p: (p["name_en"].lower(), p["person_id"])):
            roles = [r for r in self.d.roles if r.get("person_id") == p["person_id"]]
            years = sorted({self.d.edition[r["edition_id"]]["year"] for r in roles if r["edition_id"] in self.d.edition})
            href = page.href("people/" + p["person_id"] + ".html")
            rows.append(f'<tr><td>{link(href, en(p["name_en"]))}</td>'
                        f'<td>{zh(p.get("name_zh") or "")}</td><td>{len(roles)}</td><td>{esc(", ".join(years))}</td></tr>')
        body = (f'<h1>{label(f"People ({len(rows)})", "人物")}</h1><div class="scroll"><table><thead><tr>'
                f'<th scope="col">{label("Name", "姓名")}</th><th scope="col" lang="{ZH}">中文</th>'
                f'<th scope="col">{label("Roles", "角色数")}</th><th scope="col">{label("Editions", "届次")}</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')
        return page.path, self.frame(page, body)

    def orgs_index(self) -> tuple[str, str]:
        page = Page("organizations.html", "Organizations", "机构")
        groups: dict[str, list[dict[str, str]]] = {}
        for o in self.d.tables["organizations"]:
            groups.setdefault(o["classification"], []).append(o)
        order = list(CLASSIFICATIONS)
        parts = []
        for c in sorted(groups, key=lambda c: order.index(c) if c in order else 99):
            c_en, c_zh = CLASSIFICATIONS.get(c, (c, ""))
            items = []
            for o in sorted(groups[c], key=lambda o: (o.get("name_zh") or "~", o["organization_id"])):
                n = sum(1 for r in self.d.roles if r.get("organization_id") == o["organization_id"])
                items.append(f'<li>{self.org_link(page, o["organization_id"])} <span class="meta">({n})</span></li>')
            parts.append(f'<section>{heading(2, f"{c_en} ({len(items)})", c_zh, "c-" + c)}'
                         f'<ul class="columns">{"".join(items)}</ul></section>')
        total = len(self.d.tables["organizations"])
        body = (f'<h1>{label(f"Organizations ({total})", "机构")}</h1>'
                f'<p>{label("In brackets: the number of roles the body or its people had at the conference.", "括号内为该机构及其人员在大会中的角色数。")}</p>'
                + "".join(parts))
        return page.path, self.frame(page, body)

    def sources_page(self) -> tuple[str, str]:
        page = Page("sources.html", "Sources", "来源")
        d = self.d
        facts: dict[str, int] = {}
        editions: dict[str, set[str]] = {}
        for (ent, _f), ids in d.cites.items():
            ed = d.edition_of_any(ent)
            for s in ids:
                facts[s] = facts.get(s, 0) + 1
                if ed:
                    editions.setdefault(s, set()).add(ed)
        rank = {g: i for i, g in enumerate(RELIABILITY_ORDER)}
        parts = []
        by_rel: dict[str, list[dict[str, str]]] = {}
        for s in d.tables["sources"]:
            by_rel.setdefault(s["reliability"], []).append(s)
        for rel in sorted(by_rel, key=lambda r: rank.get(r, 99)):
            r_en, r_zh = RELIABILITY.get(rel, (rel, ""))
            items = []
            for s in sorted(by_rel[rel], key=lambda s: (s.get("published") or "9999", s["source_id"])):
                eds = sorted(editions.get(s["source_id"], ()))
                n_facts = facts.get(s["source_id"], 0)
                extra = (f' <span class="meta">· {label(f"{n_facts} facts", "条事实")}'
                         + ("; " + ", ".join(self.edition_link(page, e) for e in eds) if eds else "") + "</span>")
                items.append(self.source_item(page, s, extra))
            parts.append(f'<section>{heading(2, f"{r_en.capitalize()} ({len(items)})", r_zh, "rel-" + rel)}'
                         f'<ol class="source-list">{"".join(items)}</ol></section>')
        n_sources = len(d.tables["sources"])
        body = (f'<h1>{label(f"Sources ({n_sources})", "来源")}</h1>'
                f'<p>{label("Every public web page the dataset cites, grouped by the curators’ reliability grade, judged by the host that serves the page. Mirrors and blogs count as weak evidence.", "数据集引用的全部公开网页,按整理者依据托管网站判定的可靠性分组。转载镜像与博客视为弱证据。")}</p>'
                + self.legend() + "".join(parts))
        return page.path, self.frame(page, body)

    def glossary_page(self) -> tuple[str, str]:
        page = Page("glossary.html", "Glossary", "术语")
        header = self.d.headers.get("glossary", [])
        rows = self.d.tables.get("glossary", [])
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in header)
        body_rows = "".join("<tr>" + "".join(f"<td>{text_lang(r.get(h) or '', ZH if h.endswith('_zh') else '')}</td>"
                                             for h in header) + "</tr>" for r in rows)
        body = (f'<h1>{label("Glossary", "术语")}</h1><div class="scroll"><table><thead><tr>{head}</tr></thead>'
                f'<tbody>{body_rows}</tbody></table></div>')
        return page.path, self.frame(page, body)

    def legend(self) -> str:
        marks = "".join(f'<li><span class="rel rel-{k}">{esc(v[0])}</span> {label("", v[1])}</li>'
                        for k, v in RELIABILITY.items())
        return (f'<div class="legend" id="marks">{heading(2, "How to read the marks", "标记说明")}'
                f'<p>{label("Each fact is followed by the pages that state it: the publisher, a link to the page and the reliability grade of the host.", "每项事实后列出记载它的网页:发布者、链接及托管网站的可靠性等级。")}</p>'
                f'<ul class="plain">{marks}'
                f'<li><span class="mark weak">{label("weak sources only", "仅有弱来源")}</span> '
                f'{label("every source of the fact is a mirror or a blog", "该事实的全部来源均为镜像或博客")}</li>'
                f'<li><span class="mark curated">{label("curators’ pinyin", "整理者拼音")}</span> '
                f'{label("a value no source prints, made by the curators (pinyin, translation, inference)", "没有来源印出、由整理者给出的值")}</li>'
                f'<li><span class="claims-mark">{label("Sources disagree", "来源说法不一")}</span> '
                f'{label("the alternatives with their own sources; the kept value is the one shown", "列出各说法及其来源;采用的值即所示之值")}</li>'
                f"</ul></div>")

    # --- home and search --------------------------------------------------------------------------
    def home_page(self) -> tuple[str, str]:
        d = self.d
        page = Page("index.html", "China Internet Civilization Conference: the dataset", "中国网络文明大会数据集")
        rows = []
        for e in d.editions:
            eid = e["edition_id"]
            dates = e["start_date"] + (f' – {e["end_date"]}' if e.get("end_date") and e["end_date"] != e["start_date"] else "")
            n_sf = sum(1 for s in d.tables["subforums"] if s["edition_id"] == eid and s["kind"] == "subforum")
            hosts = [r for r in d.roles if r["edition_id"] == eid and r["role_kind"] in ("host", "co-host")
                     and not (r.get("event_id") or r.get("subforum_id") or r.get("output_id"))]
            weak = f' <span class="mark weak">{label("weak sources only", "仅有弱来源")}</span>' \
                if d.weak.get((eid, "")) and d.sources_of(eid) else ""
            theme = " ".join(x for x in (zh(e.get("theme_zh") or ""), en(e.get("theme_en") or "", "en")) if x)
            rows.append(
                f'<tr><th scope="row">{link(page.href(edition_href(eid)), esc(e["year"]))}{weak}</th>'
                f'<td>{esc(e["ordinal"])}</td><td>{esc(dates)}</td>'
                f'<td>{link(page.href(edition_href(eid)), self.edition_label(eid))}</td>'
                f'<td>{theme}</td><td>{len(hosts)}</td>'
                f'<td>{n_sf} / {esc(e.get("subforums_announced") or "?")}</td></tr>')
        table = (f'<div class="scroll"><table class="editions"><caption>{label("The editions at a glance", "历届概览")}</caption>'
                 f'<thead><tr><th scope="col">{label("Year", "年份")}</th><th scope="col">#</th>'
                 f'<th scope="col">{label("Dates", "日期")}</th><th scope="col">{label("City", "城市")}</th>'
                 f'<th scope="col">{label("Theme", "主题")}</th><th scope="col">{label("Hosts", "主办单位数")}</th>'
                 f'<th scope="col">{label("Sub-forums named / announced", "分论坛 列出/宣布")}</th></tr></thead>'
                 f'<tbody>{"".join(rows)}</tbody></table></div>')
        figure = ""
        if self.has_figure:
            figure = (f'<figure>{"<img src=" + chr(34) + page.href("editions.png") + chr(34)} '
                      f'alt="Timeline of the editions: year, city and number of sub-forums" width="1000">'
                      f'<figcaption>{label("The editions on a timeline.", "历届大会时间线。")}</figcaption></figure>')
        topics = ""
        if d.topics:
            topics = f'<section id="topics">{heading(2, "Topics by edition", "各届议题")}{self.topics_table(page)}</section>'
        counts = (f'{len(d.editions)} editions, {len(d.tables["people"])} people, '
                  f'{len(d.tables["organizations"])} organizations, {len(d.tables["sources"])} sources, '
                  f'{len(d.tables["citations"])} citations')
        body = (
            f'<header class="page-head"><h1>{zh("中国网络文明大会")} <span lang="en">China Internet Civilization Conference</span></h1>'
            f'<p class="kicker">{label("An open, sourced dataset of every edition", "每届大会的开放数据,逐条注明来源")}</p></header>'
            f'<section id="about" class="bi intro"><div lang="en"><p>The China Internet Civilization Conference is a yearly '
            f'gathering organised by the Chinese state since 2021 on what the authorities call “internet civilization”: '
            f'the Party’s and government’s programme for what is said and done online, from content and conduct to '
            f'integrity, the rule of law and the protection of minors. The cyberspace office of the Party Centre (CAC) '
            f'hosts it with the Central Civilization Office and the Party committee and government of the host province '
            f'or city. Each edition has an opening ceremony and a main forum, themed sub-forums and side events, and '
            f'releases declarations, initiatives, reports and lists; a press conference announces it a few weeks '
            f'before.</p><p>This site shows every edition, person and body in the dataset. Every fact links to the '
            f'public pages that state it, with the publisher and a grade of how reliable the host is; facts that rest '
            f'only on mirrors or blogs are marked, and where sources disagree each value is shown with its own '
            f'sources.</p></div>'
            f'<div lang="{ZH}"><p>中国网络文明大会是自2021年起每年举办的全国性会议,议题是官方所称的“网络文明”建设:'
            f'网络内容、网上行为、网络诚信、网络法治、未成年人网络保护等。大会由中央网信办、中央文明办与举办地省(市)'
            f'党委和政府共同主办,一般包括开幕式、主论坛、若干分论坛和配套活动,并发布宣言、倡议、报告和榜单;'
            f'会前数周举行新闻发布会。</p><p>本网站列出数据集中的每届大会、人物和机构。每一项事实都链接到记载它的公开网页,'
            f'注明发布者及其可靠性等级;只见于转载镜像或博客的事实另有标记,来源说法不一时分别列出各说法及其来源。</p></div></section>'
            f'<p class="counts">{esc(counts)}</p>'
            f'<section id="editions">{heading(2, "Editions", "历届大会")}{table}{figure}</section>'
            f"{topics}"
            f'{self.legend()}'
            f'<section id="use">{heading(2, "Download, cite, validate", "下载、引用与校验")}'
            f'<p>{label("The data are CSV tables with a Frictionless data package descriptor, in the release zip and in the Python package:", "数据为附带 Frictionless 描述文件的 CSV 表格,见发布压缩包及 Python 包:")}</p>'
            f'<pre><code>pip install cicc-data\ncicc-data validate        # every problem with file, row and field\n'
            f'cicc-data export --format csv --out data-csv\ncicc-data site --out site  # this website\n'
            f'frictionless validate datapackage.json</code></pre>'
            f'<p>{label("Cite the release you used:", "请引用所用的版本:")}</p><blockquote><p>{esc(self.citation)}</p></blockquote>'
            f'<p>{label("Or run", "或运行")} <code>cicc-data cite --style bibtex</code>.</p></section>'
            f'<section id="licence">{heading(2, "Licence", "许可")}'
            f'<p>{label("Data: Creative Commons Attribution 4.0 (CC-BY-4.0). Code: MIT. Descriptions and notes are the curators’ own words; names and titles are as printed by the sources.", "数据采用 CC-BY-4.0 许可,代码采用 MIT 许可。说明文字为整理者所写,名称与职务照录来源。")}</p></section>'
        )
        return page.path, self.frame(page, body)

    def search_page(self) -> tuple[str, str]:
        page = Page("search.html", "Search", "搜索")
        body = (f'<h1>{label("Search names", "搜索名称")}</h1>'
                f'<form class="search" role="search" action="search.html" id="search-form">'
                f'<label for="q">{label("Any name of a person, body, edition, sub-forum or output: Chinese (simplified or traditional), pinyin with or without tones, or English", "人物、机构、届次、分论坛或成果的任何名称:简体、繁体、拼音或英文")}</label>'
                f'<input id="q" name="q" type="search" autocomplete="off" spellcheck="false"></form>'
                f'<p id="status" role="status" aria-live="polite"></p>'
                f'<ol id="results" class="results"></ol>'
                f'<noscript><p>{label("Search needs JavaScript; the lists of people and organizations work without it.", "搜索需要 JavaScript。")}</p></noscript>')
        return page.path, self.frame(page, body, ("search-index.js", "search.js"))

    def search_index(self) -> str:
        """Every name of every row a reader may look for, with the page it is on."""
        d = self.d
        entries = []

        def names_of(eid: str, *cells: str) -> list[str]:
            out = [c for c in cells if c]
            out += [n["name"] for n in d.names.get(eid, [])]
            out.append(eid)
            seen: dict[str, None] = {}
            for n in out:
                seen.setdefault(n, None)
            return list(seen)

        for p in d.tables["people"]:
            entries.append(["person", f'people/{p["person_id"]}.html', p["name_en"], p.get("name_zh") or "",
                            names_of(p["person_id"], p.get("name_zh", ""), p["name_en"])])
        for o in d.tables["organizations"]:
            oid = o["organization_id"]
            entries.append(["organization", f"organizations/{oid}.html", self.en_name(oid, o), o.get("name_zh") or "",
                            names_of(oid, o.get("name_zh", ""), o.get("name_en", ""))])
        for e in d.editions:
            eid = e["edition_id"]
            entries.append(["edition", edition_href(eid), e["name_en"], e.get("name_zh") or "",
                            names_of(eid, e.get("name_zh", ""), e["name_en"], e["year"], e["city_en"],
                                     e.get("city_zh", ""), e.get("theme_zh", ""), e.get("theme_en", ""))])
        for s in d.tables["subforums"]:
            sid = s["subforum_id"]
            y = d.edition.get(s["edition_id"], {}).get("year", "")
            en_t = s.get("title_en") or s.get("theme_en") or self.en_name(sid, s, "title_en")
            zh_t = s.get("title_zh") or s.get("theme_zh") or ""
            entries.append(["subforum", edition_href(s["edition_id"], sid), f"{en_t} ({y})" if en_t else str(y), zh_t,
                            names_of(sid, s.get("title_zh", ""), s.get("title_en", ""), s.get("theme_zh", ""),
                                     s.get("theme_en", ""))])
        for o in d.tables["outputs"]:
            oid = o["output_id"]
            y = d.edition.get(o["edition_id"], {}).get("year", "")
            en_t = self.en_name(oid, o)
            entries.append(["output", edition_href(o["edition_id"], oid), f"{en_t} ({y})" if en_t else str(y),
                            o.get("name_zh") or "", names_of(oid, o.get("name_zh", ""), o.get("name_en", ""))])
        for ev in d.tables["events"]:
            evid = ev["event_id"]
            y = d.edition.get(ev["edition_id"], {}).get("year", "")
            k_en, k_zh = EVENT_KINDS.get(ev["kind"], (ev["kind"], ""))
            entries.append(["session", edition_href(ev["edition_id"], evid), f"{k_en} {y}", ev.get("title_zh") or k_zh,
                            names_of(evid, ev.get("title_zh", ""), ev.get("title_en", ""))])
        for topic in d.topics:
            t_en, t_zh = d.topic_label(topic)
            entries.append(["topic", f"topics/{self.topic_slug[topic]}.html", t_en, t_zh, [t_en, t_zh, topic]])
        text = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
        t2s = json.dumps(self.traditional_to_simplified(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return ("window.CICC_INDEX = " + text.replace("</", "<\\/") + ";\n"
                + "window.CICC_T2S = " + t2s + ";\n")

    def traditional_to_simplified(self) -> dict[str, str]:
        """Traditional characters and their simplified forms, learnt from names printed in both scripts.

        A traditional name (``zh-Hant``) and a simplified name of the same row, of equal length and
        alike in most characters, pair their differing Chinese characters; a character paired two ways
        is dropped. Search uses the pairs so that a query in either script finds a name in the other.
        """
        pairs: dict[str, set[str]] = {}
        for eid, names in self.d.names.items():
            hant = [n["name"] for n in names if n["language"] == "zh-Hant"]
            hans = [n["name"] for n in names if n["language"] == "zh"]
            for table in (self.d.org, self.d.person, self.d.subforum, self.d.output, self.d.edition):
                row = table.get(eid)
                if row:
                    hans += [row.get(k) or "" for k in ("name_zh", "title_zh", "theme_zh")]
            for t in hant:
                for s in hans:
                    if len(s) != len(t) or s == t:
                        continue
                    diff = [(a, b) for a, b in zip(t, s) if a != b]
                    if len(diff) * 2 > len(t) or not all(has_cjk(a) and has_cjk(b) for a, b in diff):
                        continue
                    for a, b in diff:
                        pairs.setdefault(a, set()).add(b)
        return {a: next(iter(b)) for a, b in sorted(pairs.items()) if len(b) == 1}


def is_chinese(text: str) -> bool:
    return has_cjk(text)
