"""View models of roles (grouped by kind, or as table rows) and posts."""

from __future__ import annotations

from .facts import Page
from .links import Links

OUTPUT_ROLES = ("releaser", "compiler", "signatory")


class Roles(Links):
    def role_kind(self, kind: str, plural: bool = False) -> dict:
        return self.label("roles", "role_kind", kind, plural)

    def titles(self, page: Page, rid: str, row: dict[str, str]) -> list[dict]:
        return [f for f in (self.value(page, rid, row, "title_zh"), self.value(page, rid, row, "title_en")) if f]

    def org_claims(self, page: Page, rid: str) -> list[dict]:
        return self.contested(page, rid, "organization_id", lambda v: self.org_link(page, v))

    def actor(self, page: Page, r: dict[str, str]) -> dict:
        rid = r["role_id"]
        if r.get("person_id"):
            who = self.person_link(page, r["person_id"])
        else:
            who = self.org_link(page, r.get("organization_id", ""))
        return {"id": rid, "who": who, "term": r.get("term_zh", ""), "cites": self.cites(page, rid),
                "title": self.titles(page, rid, r),
                "for": self.org_link(page, r["organization_id"]) if r.get("person_id") and r.get("organization_id")
                else None,
                "notes": self.notes(page, rid, r), "org_claims": self.org_claims(page, rid)}

    def groups(self, page: Page, roles: list[dict[str, str]]) -> list[dict]:
        order = self.d.labels.vocabulary("roles", "role_kind")
        by_kind: dict[str, list[dict[str, str]]] = {}
        for r in roles:
            by_kind.setdefault(r["role_kind"], []).append(r)
        out = []
        for kind in sorted(by_kind, key=lambda k: (order.index(k) if k in order else len(order), k)):
            label = self.role_kind(kind, plural=len(by_kind[kind]) > 1)
            out.append({**label, "entries": [self.actor(page, r) for r in by_kind[kind]]})
        return out

    def table_row(self, page: Page, r: dict[str, str], actor: str) -> dict:
        rid = r["role_id"]
        who = None
        if actor == "org" and r.get("organization_id"):
            who = self.org_link(page, r["organization_id"])
        elif actor == "person":
            who = self.person_link(page, r["person_id"])
        return {"id": rid, "edition": self.edition_link(page, r["edition_id"]), "kind": self.role_kind(r["role_kind"]),
                "term": r.get("term_zh", ""), "cites": self.cites(page, rid), "org_claims": self.org_claims(page, rid),
                "where": self.context_link(page, r), "actor": who, "title": self.titles(page, rid, r)}

    def posts(self, page: Page, posts: list[dict[str, str]], show_person: bool) -> list[dict]:
        out = []
        for p in posts:
            pid = p["post_id"]
            dates = [{"en": en, "zh": zh, "value": self.value(page, pid, p, fld)}
                     for fld, en, zh in (("start_date", "from", "起"), ("end_date", "until", "止")) if p.get(fld)]
            out.append({"id": pid, "who": self.person_link(page, p["person_id"]) if show_person else None,
                        "title": self.titles(page, pid, p),
                        "org": self.org_link(page, p["organization_id"]) if p.get("organization_id") else None,
                        "dates": dates, "cites": self.cites(page, pid), "notes": self.notes(page, pid, p)})
        return out
