"""Links between pages: only rows whose id is a slug get a page, so only they are linked."""

from __future__ import annotations

from .facts import Facts, Page, bi, txt
from .safety import is_slug

FOLDERS = {"people": "people", "organizations": "organizations", "editions": "editions"}


def name(zh: str, en: str) -> dict:
    return {"kind": "name", "zh": zh or "", "en": en or ""}


def link(href: str, inner: dict, cls: str = "") -> dict:
    return {"kind": "link", "href": href, "inner": inner, "cls": cls}


def edition_href(eid: str, anchor: str = "") -> str:
    return f"editions/{eid}.html" + (f"#{anchor}" if anchor else "")


class Links(Facts):
    """Facts plus the names and links of rows."""

    def org_name(self, oid: str) -> dict:
        o = self.d.org.get(oid)
        return name(o.get("name_zh", ""), self.en_name(oid, o)) if o else {"kind": "text", **txt(oid)}

    def org_link(self, page: Page, oid: str) -> dict:
        if oid not in self.d.org or not is_slug(oid):
            return {"kind": "text", **txt(oid)}
        return link(page.href(f"organizations/{oid}.html"), self.org_name(oid), "org")

    def person_name(self, pid: str) -> dict:
        p = self.d.person.get(pid)
        return name(p.get("name_zh", ""), p.get("name_en", "")) if p else {"kind": "text", **txt(pid)}

    def person_link(self, page: Page, pid: str) -> dict:
        if pid not in self.d.person or not is_slug(pid):
            return {"kind": "text", **txt(pid)}
        return link(page.href(f"people/{pid}.html"), self.person_name(pid), "person")

    def edition_name(self, eid: str) -> dict:
        e = self.d.edition[eid]
        return {"kind": "edition", "year": e["year"], "en": e["city_en"], "zh": e.get("city_zh", "")}

    def edition_link(self, page: Page, eid: str, anchor: str = "") -> dict:
        if eid not in self.d.edition:
            return {"kind": "text", **txt(eid)}
        if not is_slug(eid):
            return self.edition_name(eid)
        return link(page.href(edition_href(eid, anchor if is_slug(anchor) else "")), self.edition_name(eid))

    def subforum_title(self, s: dict[str, str]) -> dict:
        zh_t = s.get("title_zh") or ""
        en_t = s.get("title_en") or self.en_name(s["subforum_id"], s, "title_en")
        if not zh_t and not en_t:
            zh_t, en_t = s.get("theme_zh") or "", s.get("theme_en") or ""
        return name(zh_t, en_t) if (zh_t or en_t) else {"kind": "text", **txt(s["subforum_id"])}

    def output_title(self, o: dict[str, str]) -> dict:
        en_t = o.get("name_en") or self.en_name(o["output_id"], o)
        return name(o.get("name_zh") or "", en_t) if (o.get("name_zh") or en_t) else {"kind": "text", **txt(o["output_id"])}

    def event_title(self, ev: dict[str, str]) -> dict:
        return self.label("events", "kind", ev["kind"])

    def context_link(self, page: Page, r: dict[str, str]) -> dict:
        """Where a role belongs: a sub-forum, a session, an output, or the edition itself."""
        for key, table, title in (("subforum_id", self.d.subforum, self.subforum_title),
                                  ("event_id", self.d.event, self.event_title),
                                  ("output_id", self.d.output, self.output_title)):
            if r.get(key) and r[key] in table:
                return link(page.href(edition_href(r["edition_id"], r[key] if is_slug(r[key]) else "")),
                            title(table[r[key]]))
        return link(page.href(edition_href(r["edition_id"])), bi("the edition", "大会"))

    def topic_href(self, page: Page, topic: str, slugs: dict[str, str]) -> str:
        return page.href(f"topics/{slugs[topic]}.html")
