"""The package's tables read with the csv module and indexed for the website (no pandas)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import csvio
from ..errors import PackageNotFoundError
from ..text import WEAK_GRADES
from .labels import Labels

TABLES = ("editions", "organizations", "people", "posts", "events", "subforums", "outputs", "roles", "names",
          "claims", "curator_values", "citations", "sources")
OPTIONAL_TABLES = ("glossary",)

RELIABILITY_ORDER = ("official", "state-media", "news", "encyclopedia", "mirror", "blog", "generated")

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text or ""))


@dataclass
class Data:
    """Every table as lists of dicts (raw text), with the indexes the pages need."""

    root: Path
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    headers: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in TABLES + OPTIONAL_TABLES:
            path = self.root / "data" / f"{name}.csv"
            if path.is_file():
                self.headers[name], self.tables[name] = csvio.read_table(path)
            elif name in TABLES:
                raise PackageNotFoundError(f"no table {path}")
        t = self.tables
        self.editions = sorted(t["editions"], key=lambda r: (int(r["year"] or 0), r["edition_id"]))
        self.edition = {r["edition_id"]: r for r in self.editions}
        self.org = {r["organization_id"]: r for r in t["organizations"]}
        self.person = {r["person_id"]: r for r in t["people"]}
        self.event = {r["event_id"]: r for r in t["events"]}
        self.subforum = {r["subforum_id"]: r for r in t["subforums"]}
        self.output = {r["output_id"]: r for r in t["outputs"]}
        self.source = {r["source_id"]: r for r in t["sources"]}
        self.cites: dict[tuple[str, str], list[str]] = {}
        self.weak: dict[tuple[str, str], bool] = {}
        self.quote: dict[tuple[str, str, str], str] = {}
        self.citations_of: dict[str, list[dict[str, str]]] = {}
        for r in t["citations"]:
            key = (r["entity_id"], r["field"])
            self.cites.setdefault(key, []).append(r["source_id"])
            self.citations_of.setdefault(r["entity_id"], []).append(r)
            if (r.get("quote") or "").strip():
                self.quote[(r["entity_id"], r["field"], r["source_id"])] = r["quote"].strip()
            self.weak[key] = r.get("weak") == "true"
        rank = {g: i for i, g in enumerate(RELIABILITY_ORDER)}
        for key, ids in self.cites.items():
            ids.sort(key=lambda s: (rank.get(self.source.get(s, {}).get("reliability", ""), 99), s))
            if key not in self.weak or "weak" not in self.headers["citations"]:
                self.weak[key] = all(self.source.get(s, {}).get("reliability") in WEAK_GRADES for s in ids)
        self.curated = {(r["entity_id"], r["field"]): r for r in t["curator_values"]}
        self.claims: dict[tuple[str, str], list[dict[str, str]]] = {}
        for r in t["claims"]:
            self.claims.setdefault((r["entity_id"], r["field"]), []).append(r)
        self.names: dict[str, list[dict[str, str]]] = {}
        for r in t["names"]:
            self.names.setdefault(r["entity_id"], []).append(r)
        self.roles = sorted(t["roles"], key=self._role_key)
        self.posts = t["posts"]
        self.children: dict[str, list[str]] = {}
        for o in t["organizations"]:
            if o.get("parent_organization_id"):
                self.children.setdefault(o["parent_organization_id"], []).append(o["organization_id"])
        self.labels = Labels(self.root)
        self.topic_labels = self._topic_labels()
        self.topics = self._topics()
        self.redirects = read_redirects(self.root)

    @staticmethod
    def _role_key(r: dict[str, str]) -> tuple:
        pos = (r.get("position") or "").strip()
        try:
            p = float(pos)
        except ValueError:
            p = float("inf")
        return (r["edition_id"], p, r["role_id"])

    # --- topics: subforums.topic, labelled by the schema ---------------------------------------
    def _topic_labels(self) -> dict[str, tuple[str, str]]:
        """topic value -> (English label, Chinese label), in vocabulary order, from the table schema."""
        return {v: self.labels.get("subforums", "topic", v) for v in self.labels.vocabulary("subforums", "topic")}

    def _topics(self) -> dict[str, list[dict[str, str]]]:
        topics: dict[str, list[dict[str, str]]] = {}
        for s in self.tables["subforums"]:
            if topic_of(s):
                topics.setdefault(topic_of(s), []).append(s)
        order = list(self.topic_labels)
        return dict(sorted(topics.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order),
                                                          kv[0])))

    def topic_label(self, topic: str) -> tuple[str, str]:
        en, zh = self.topic_labels.get(topic, ("", ""))
        return (en or topic.replace("-", " ").replace("_", " ").capitalize()), zh

    # --- lookups --------------------------------------------------------------------------------
    def sources_of(self, entity_id: str, fld: str = "") -> list[str]:
        return self.cites.get((entity_id, fld), [])

    def edition_of(self, entity_id: str) -> str | None:
        """The edition a row belongs to, following names and claims to their entity."""
        for table in (self.edition, self.event, self.subforum, self.output):
            if entity_id in table:
                return table[entity_id].get("edition_id") or entity_id
        return self._role_edition.get(entity_id) if hasattr(self, "_role_edition") else None

    def finish(self) -> None:
        self._role_edition = {r["role_id"]: r["edition_id"] for r in self.roles}
        self._name_entity = {r["name_id"]: r["entity_id"] for r in self.tables["names"]}
        self._claim_entity = {r["claim_id"]: r["entity_id"] for r in self.tables["claims"]}

    def rows_by(self, table: str, key: str, page_order: bool = False) -> dict[str, list[dict[str, str]]]:
        """The rows of ``table`` grouped by the value of ``key``, each group in file order (``page_order``: the
        roles in the order the pages list them, :attr:`roles`); indexed once, at the first call."""
        cache = self.__dict__.setdefault("_rows_by", {})
        if (table, key, page_order) not in cache:
            by: dict[str, list[dict[str, str]]] = {}
            for r in self.roles if page_order and table == "roles" else self.tables.get(table, []):
                by.setdefault(r.get(key) or "", []).append(r)
            cache[(table, key, page_order)] = by
        return cache[(table, key, page_order)]

    def edition_of_any(self, entity_id: str) -> str | None:
        target = self._name_entity.get(entity_id) or self._claim_entity.get(entity_id) or entity_id
        return self.edition_of(target)


def topic_of(subforum: dict[str, str]) -> str:
    """The sub-forum's topic (subforums.topic)."""
    return subforum.get("topic", "")


def read_redirects(root: Path) -> list[dict[str, str]]:
    """Retired ids that have a successor (table, old_id, new_id, reason), through :mod:`cicc_data.redirects`."""
    from ..redirects import read_redirects as read

    return [{"table": r.table, "old_id": r.old_id, "new_id": r.new_id, "reason": r.reason}
            for r in read(root).values() if r.new_id]


def load(root: Path) -> Data:
    data = Data(root)
    data.finish()
    return data
