"""The view model of an edition page: facts, hosts, sessions, sub-forums, outputs and their sources."""

from __future__ import annotations

from .facts import Page, bi
from .links import link
from .roles import OUTPUT_ROLES, Roles
from .safety import is_slug

TOC = (("facts", "At a glance", "概况"), ("hosts", "Hosts", "主办"), ("press-conference", "Press conference", "发布会"),
       ("sessions", "Sessions", "开幕式与主论坛"), ("subforums", "Sub-forums", "分论坛"),
       ("outputs", "Outputs", "成果"), ("sources", "Sources", "来源"))


def at_level(r: dict[str, str]) -> bool:
    return not (r.get("event_id") or r.get("subforum_id") or r.get("output_id"))


class EditionView(Roles):
    def edition_facts(self, page: Page, eid: str, e: dict[str, str]) -> list[dict]:
        dates: dict = {"range": [self.value(page, eid, e, "start_date")]}
        if e.get("end_date") and e["end_date"] != e.get("start_date"):
            dates["range"].append(self.value(page, eid, e, "end_date"))
        elif e.get("end_date"):
            dates["one_day"] = self.cites(page, eid, "end_date")
        rows = [("Name", "名称", self.pair(page, eid, e, "name")), ("Dates", "日期", dates),
                ("City", "城市", self.pair(page, eid, e, "city")), ("Province", "省份", self.pair(page, eid, e, "province")),
                ("Venue", "会场", self.pair(page, eid, e, "venue")),
                ("Format", "形式", self.enum_value(page, "editions", eid, e, "format")),
                ("Attendance", "参会人数", self.value(page, eid, e, "attendance")),
                ("Length in days", "会期(天)", self.value(page, eid, e, "duration_days")),
                ("Sub-forums announced", "宣布的分论坛数", self.value(page, eid, e, "subforums_announced")),
                ("Theme", "主题", self.pair(page, eid, e, "theme"))]
        return [{"en": en, "zh": zh, "value": v} for en, zh, v in rows]

    def anchor(self, page: Page, rid: str, title: dict) -> dict:
        return link("#" + rid if is_slug(rid) else "#outputs", title)

    def block(self, page: Page, cls: str, rid: str, row: dict[str, str], title: dict, facts: list, roles: list,
              outputs: list[dict[str, str]]) -> dict:
        return {"cls": cls, "id": rid, "title": title, "cites": self.cites(page, rid),
                "facts": [{"en": en, "zh": zh, "value": v} for en, zh, v in facts],
                "notes": self.notes(page, rid, row), "groups": self.groups(page, roles),
                "released": [self.anchor(page, o["output_id"], self.output_title(o)) for o in outputs],
                "names": self.names(page, rid)}

    def event_block(self, page: Page, ev: dict[str, str], roles: list, outputs: list) -> dict:
        evid = ev["event_id"]
        facts = [("Date", "日期", self.value(page, evid, ev, "date")), ("Place", "地点", self.pair(page, evid, ev, "place")),
                 ("Title", "标题", self.pair(page, evid, ev, "title"))]
        rs = [r for r in roles if r.get("event_id") == evid and not r.get("subforum_id")
              and r["role_kind"] not in OUTPUT_ROLES]
        b = self.block(page, "event", evid, ev, self.event_title(ev), facts, rs,
                       [o for o in outputs if o.get("event_id") == evid])
        return {**b, "date": ev.get("date", "")}

    def subforum_block(self, page: Page, s: dict[str, str], roles: list, outputs: list, slugs: dict) -> dict:
        sid = s["subforum_id"]
        topic = None
        if s.get("topic") in slugs:
            topic = link(self.topic_href(page, s["topic"], slugs), bi(*self.d.topic_label(s["topic"])), "topic")
        facts = [("Kind", "类别", self.enum_value(page, "subforums", sid, s, "kind")), ("Topic", "议题", topic),
                 ("Date", "日期", self.value(page, sid, s, "date")), ("Title", "标题", self.pair(page, sid, s, "title")),
                 ("Theme", "主题", self.pair(page, sid, s, "theme"))]
        rs = [r for r in roles if r.get("subforum_id") == sid and r["role_kind"] not in OUTPUT_ROLES]
        b = self.block(page, "subforum", sid, s, self.subforum_title(s), facts, rs,
                       [o for o in outputs if o.get("subforum_id") == sid])
        return {**b, "badge": self.label("subforums", "kind", s["kind"])}

    def output_block(self, page: Page, o: dict[str, str], roles: list) -> dict:
        oid = o["output_id"]
        where = None
        if o.get("subforum_id") in self.d.subforum:
            where = self.anchor(page, o["subforum_id"], self.subforum_title(self.d.subforum[o["subforum_id"]]))
        elif o.get("event_id") in self.d.event:
            where = self.anchor(page, o["event_id"], self.event_title(self.d.event[o["event_id"]]))
        facts = [("Kind", "类别", self.enum_value(page, "outputs", oid, o, "kind")),
                 ("Name", "名称", self.pair(page, oid, o, "name")), ("Date", "日期", self.value(page, oid, o, "date")),
                 ("Where", "发布场合", where)]
        return self.block(page, "output", oid, o, self.output_title(o), facts,
                          [r for r in roles if r.get("output_id") == oid], [])

    def pager(self, page: Page, eid: str) -> list[dict]:
        ids = [e["edition_id"] for e in self.d.editions if is_slug(e["edition_id"])]
        i = ids.index(eid)
        out = []
        if i > 0:
            out.append({"cls": "prev", "en": "Previous:", "zh": "上一届:", "link": self.edition_link(page, ids[i - 1])})
        if i + 1 < len(ids):
            out.append({"cls": "next", "en": "Next:", "zh": "下一届:", "link": self.edition_link(page, ids[i + 1])})
        return out

    def edition_view(self, page: Page, eid: str, slugs: dict[str, str]) -> dict:
        d = self.d
        e = d.edition[eid]
        roles = d.rows_by("roles", "edition_id", page_order=True).get(eid, [])
        events = d.rows_by("events", "edition_id").get(eid, [])
        subforums = sorted(d.rows_by("subforums", "edition_id").get(eid, []), key=self.subforum_key)
        outputs = d.rows_by("outputs", "edition_id").get(eid, [])
        level = [r for r in roles if at_level(r)]
        order = d.labels.vocabulary("events", "kind")
        others = sorted((ev for ev in events if ev["kind"] != "press-conference"),
                        key=lambda ev: (ev.get("date") or "9999", order.index(ev["kind"]) if ev["kind"] in order else 99,
                                        ev["event_id"]))
        v = {"ordinal": e["ordinal"], "year": e["year"], "name_zh": e.get("name_zh", ""), "name_en": e["name_en"],
             "cites": self.cites(page, eid), "weak": bool(d.weak.get((eid, "")) and d.sources_of(eid)), "toc": TOC,
             "facts": self.edition_facts(page, eid, e), "names": self.names(page, eid), "notes": self.notes(page, eid, e),
             "host_orgs": self.groups(page, [r for r in level if not r.get("person_id")]),
             "host_people": self.groups(page, [r for r in level if r.get("person_id")]),
             "press": [self.event_block(page, ev, roles, outputs) for ev in events if ev["kind"] == "press-conference"],
             "sessions": [self.event_block(page, ev, roles, outputs) for ev in others],
             "subforums": [self.subforum_block(page, s, roles, outputs, slugs) for s in subforums],
             "outputs": [self.output_block(page, o, roles) for o in outputs],
             "n_sf": sum(1 for s in subforums if s["kind"] == "subforum"),
             "announced": e.get("subforums_announced") or "?", "pager": self.pager(page, eid)}
        own = self.edition_rows(eid, roles, events, subforums, outputs)
        v["extra_sources"] = {s for (i, _f), ids in d.cites.items() if i in own for s in ids}
        return v

    def subforum_key(self, s: dict[str, str]) -> tuple:
        kinds = self.d.labels.vocabulary("subforums", "kind")
        return (kinds.index(s["kind"]) if s["kind"] in kinds else 99, s.get("date") or "9999", s["subforum_id"])

    def edition_rows(self, eid: str, roles: list, events: list, subforums: list, outputs: list) -> set[str]:
        d = self.d
        own = {eid} | {ev["event_id"] for ev in events} | {s["subforum_id"] for s in subforums} \
            | {o["output_id"] for o in outputs} | {r["role_id"] for r in roles}
        own |= {n["name_id"] for i in list(own) for n in d.names.get(i, [])}
        own |= {c["claim_id"] for (i, _f), cs in d.claims.items() if i in own for c in cs}
        return own
