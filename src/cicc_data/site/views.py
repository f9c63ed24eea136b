"""View models of the person, organization, topic, index, sources and glossary pages."""

from __future__ import annotations

from .edition import EditionView, at_level
from .facts import Page, bi, txt
from .links import edition_href, link
from .model import RELIABILITY_ORDER
from .safety import is_slug, safe_url


class Views(EditionView):
    # --- sources ---------------------------------------------------------------------------------
    def source_view(self, s: dict[str, str]) -> dict:
        rel_en, rel_zh = self.d.labels.get("sources", "reliability", s["reliability"])
        return {"sid": s["source_id"], "rel": s["reliability"] if is_slug(s["reliability"]) else "other",
                "rel_en": rel_en, "rel_zh": rel_zh, "publisher": txt(s["publisher"]),
                "title": txt(s["title"], s.get("language", "")), "url": safe_url(s["url"]), "raw_url": s["url"],
                "published": s.get("published", ""), "language": s.get("language", ""), "origin": txt(s.get("origin", ""))}

    def source_sort(self, s: dict[str, str]) -> tuple:
        rank = {g: i for i, g in enumerate(RELIABILITY_ORDER)}
        return (rank.get(s["reliability"], 99), s.get("published") or "9999", s["source_id"])

    def sources_of_page(self, page: Page, extra: set[str] | None = None) -> list[dict]:
        ids = dict(page.sources)
        for s in sorted(extra or ()):
            ids.setdefault(s, None)
        rows = sorted((self.d.source[s] for s in ids if s in self.d.source), key=self.source_sort)
        return [self.source_view(s) for s in rows]

    def grades(self) -> list[dict]:
        return [{"value": g, **dict(zip(("en", "zh"), self.d.labels.get("sources", "reliability", g)))}
                for g in self.d.labels.vocabulary("sources", "reliability") or RELIABILITY_ORDER]

    # --- people and bodies -------------------------------------------------------------------------
    def person_view(self, page: Page, pid: str) -> dict:
        d = self.d
        p = d.person[pid]
        roles = d.rows_by("roles", "person_id", page_order=True).get(pid, [])
        return {"name_zh": p.get("name_zh", ""), "name_en": p["name_en"], "cites": self.cites(page, pid),
                "facts": [{"en": "Name", "zh": "姓名", "value": self.pair(page, pid, p, "name")}],
                "names": self.names(page, pid), "notes": self.notes(page, pid, p),
                "roles": [self.table_row(page, r, "org") for r in roles],
                "posts": self.posts(page, d.rows_by("posts", "person_id").get(pid, []), False)}

    def org_facts(self, page: Page, oid: str, o: dict[str, str], name_en: str) -> list[dict]:
        facts = [{"en": "Name", "zh": "名称", "value": self.pair(page, oid, o, "name")}]
        if o.get("parent_organization_id"):
            facts.append({"en": "Part of", "zh": "上级机构", "value": self.org_link(page, o["parent_organization_id"])})
        kids = self.d.children.get(oid, [])
        if kids:
            facts.append({"en": "Sub-bodies", "zh": "下属机构", "value": {"links": [self.org_link(page, k) for k in kids]}})
        if not o.get("name_en") and name_en:
            facts.append({"en": "English name shown (from the names below)", "zh": "所示英文名(取自下列名称)",
                          "value": {"kind": "text", **txt(name_en, "en")}})
        return facts

    def org_view(self, page: Page, oid: str) -> dict:
        d = self.d
        o = d.org[oid]
        name_en = self.en_name(oid, o)
        mine = d.rows_by("roles", "organization_id", page_order=True).get(oid, [])
        return {"name_zh": o.get("name_zh", ""), "name_en": name_en, "cites": self.cites(page, oid),
                "classification": self.label("organizations", "classification", o["classification"]),
                "facts": self.org_facts(page, oid, o, name_en), "names": self.names(page, oid),
                "notes": self.notes(page, oid, o),
                "roles": [self.table_row(page, r, "") for r in mine if not r.get("person_id")],
                "staff": [self.table_row(page, r, "person") for r in mine if r.get("person_id")],
                "posts": self.posts(page, d.rows_by("posts", "organization_id").get(oid, []), True)}

    # --- topics ---------------------------------------------------------------------------------
    def topic_view(self, page: Page, topic: str) -> dict:
        t_en, t_zh = self.d.topic_label(topic)
        rows = []
        for s in sorted(self.d.topics[topic], key=lambda s: (s["edition_id"], s["subforum_id"])):
            sid = s["subforum_id"]
            rows.append({"edition": self.edition_link(page, s["edition_id"]),
                         "link": link(page.href(edition_href(s["edition_id"], sid if is_slug(sid) else "")),
                                      self.subforum_title(s)),
                         "cites": self.cites(page, sid), "theme": self.pair(page, sid, s, "theme"),
                         "date": self.value(page, sid, s, "date")})
        return {"topic": topic, "en": t_en, "zh": t_zh, "rows": rows}

    def topics_grid(self, page: Page, slugs: dict[str, str]) -> dict:
        eds = [e for e in self.d.editions if is_slug(e["edition_id"])]
        rows = []
        for topic, sfs in self.d.topics.items():
            rows.append({"link": link(self.topic_href(page, topic, slugs), bi(*self.d.topic_label(topic))),
                         "counts": [sum(1 for s in sfs if s["edition_id"] == e["edition_id"]) for e in eds]})
        return {"editions": [link(page.href(edition_href(e["edition_id"])), {"kind": "text", **txt(e["year"])})
                             for e in eds], "rows": rows}

    # --- index pages ----------------------------------------------------------------------------
    def people_view(self, page: Page) -> dict:
        rows = []
        for p in sorted(self.d.tables["people"], key=lambda p: (p["name_en"].lower(), p["person_id"])):
            roles = self.d.rows_by("roles", "person_id", page_order=True).get(p["person_id"], [])
            years = sorted({self.d.edition[r["edition_id"]]["year"] for r in roles if r["edition_id"] in self.d.edition})
            shown = {"kind": "text", **txt(p["name_en"], "en")}
            rows.append({"link": link(page.href(f"people/{p['person_id']}.html"), shown)
                         if is_slug(p["person_id"]) else shown,
                         "zh": p.get("name_zh", ""), "roles": len(roles), "years": ", ".join(years)})
        return {"rows": rows}

    def orgs_view(self, page: Page) -> dict:
        groups: dict[str, list[dict[str, str]]] = {}
        for o in self.d.tables["organizations"]:
            groups.setdefault(o["classification"], []).append(o)
        order = self.d.labels.vocabulary("organizations", "classification")
        out = []
        for c in sorted(groups, key=lambda c: (order.index(c) if c in order else 99, c)):
            en, zh = self.d.labels.get("organizations", "classification", c)
            items = [{"link": self.org_link(page, o["organization_id"]),
                      "n": len(self.d.rows_by("roles", "organization_id").get(o["organization_id"], []))}
                     for o in sorted(groups[c], key=lambda o: (o.get("name_zh") or "~", o["organization_id"]))]
            out.append({"value": c if is_slug(c) else "other", "en": en, "zh": zh, "entries": items})
        return {"groups": out, "total": len(self.d.tables["organizations"])}

    def sources_view(self, page: Page) -> dict:
        d = self.d
        facts: dict[str, int] = {}
        editions: dict[str, set[str]] = {}
        for (ent, _f), ids in d.cites.items():
            ed = d.edition_of_any(ent)
            for s in ids:
                facts[s] = facts.get(s, 0) + 1
                if ed in d.edition:
                    editions.setdefault(s, set()).add(ed)
        by_rel: dict[str, list[dict]] = {}
        for s in sorted(d.tables["sources"], key=self.source_sort):
            item = {**self.source_view(s), "facts": facts.get(s["source_id"], 0),
                    "editions": [self.edition_link(page, e) for e in sorted(editions.get(s["source_id"], ()))]}
            by_rel.setdefault(s["reliability"], []).append(item)
        groups = []
        for rel, items in by_rel.items():
            en, zh = d.labels.get("sources", "reliability", rel)
            groups.append({"value": rel if is_slug(rel) else "other", "en": en.capitalize(), "zh": zh, "entries": items})
        return {"groups": groups, "total": len(d.tables["sources"]), "grades": self.grades()}

    def glossary_view(self) -> dict:
        header = self.d.headers.get("glossary", [])
        rows = [[(h, txt(r.get(h) or "", "zh-Hans" if h.endswith("_zh") else "")) for h in header]
                for r in self.d.tables.get("glossary", [])]
        return {"header": header, "rows": rows}

    # --- home -----------------------------------------------------------------------------------
    def home_edition(self, page: Page, e: dict[str, str]) -> dict:
        d = self.d
        eid = e["edition_id"]
        end = e.get("end_date")
        dates = e["start_date"] + (f" – {end}" if end and end != e["start_date"] else "")
        hosts = [r for r in d.rows_by("roles", "edition_id").get(eid, []) if r["role_kind"] in ("host", "co-host")
                 and at_level(r)]
        year = {"kind": "text", **txt(e["year"])}
        return {"year": link(page.href(edition_href(eid)), year) if is_slug(eid) else year,
                "weak": bool(d.weak.get((eid, "")) and d.sources_of(eid)), "ordinal": e["ordinal"], "dates": dates,
                "city": self.edition_link(page, eid), "hosts": len(hosts),
                "theme": {"kind": "name", "zh": e.get("theme_zh", ""), "en": e.get("theme_en", "")},
                "n_sf": sum(1 for s in d.rows_by("subforums", "edition_id").get(eid, []) if s["kind"] == "subforum"),
                "announced": e.get("subforums_announced") or "?"}

    def home_view(self, page: Page, slugs: dict[str, str], citation: str, figure: bool) -> dict:
        d = self.d
        counts = (f'{len(d.editions)} editions, {len(d.tables["people"])} people, '
                  f'{len(d.tables["organizations"])} organizations, {len(d.tables["sources"])} sources, '
                  f'{len(d.tables["citations"])} citations')
        return {"counts": counts, "editions": [self.home_edition(page, e) for e in d.editions], "figure": figure,
                "topics": self.topics_grid(page, slugs) if d.topics else None, "grades": self.grades(),
                "citation": citation}
