"""What a citation's quote must show: the rules that prove a quote states its fact.

1. The quote occurs in its page (``evidence.read_page``).
2. A cited text, date or count cell stands in the quote (``evidence.value_stands``).
3. A role row (and its ``term_zh`` and ``position`` cells) names the actor, and holds ``term_zh`` when set;
   a ``position`` quote also names the actor listed next to it (the one before, or after the first).
A body is named by one of its printed names or by the printed title of a person serving it (北京市委常委、
宣传部部长 names the Beijing propaganda department). Rows of names hold their name and claims their value (a claimed reference names the body or person, a
claimed kind shows what its row would); a post holds its person and its title; any other row names its entity. A date names its row (not a dateline); a kind, and a sub-forum, session or output row, names the row and holds
a word for its kind (分论坛, 发布会, 倡议 ...). A cited reference (the session where an output came out) names
both its row and that session (by a name, a word for its kind, or 会上 on a page about it). Notes and other enumerated cells are checked by rule 1 only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import csvio
from .evidence import Span, as_span, folded, value_stands

Check = Callable[[Span], bool]
NOT_PRINTED = frozenset({"curator-translation", "curator-romanization"})
KIND_WORDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("subforums", "subforum"): ("论坛", "forum", "forums", "forumu", "форум"),
    ("subforums", "summit"): ("峰会", "高峰论坛", "summit", "gipfel"),
    ("subforums", "exhibition"): ("展", "exhibition", "exhibit", "ausstellung", "выставк"),
    ("subforums", "side-event"): ("活动", "晚会", "之夜", "宣传", "activity", "activities", "event", "campaign", "night"),
    ("events", "press-conference"): ("发布会", "新闻发布", "press conference", "briefing", "pressekonferenz", "пресс-конференц"),
    ("events", "opening-ceremony"): ("开幕", "opening", "opened", "eröffnung", "eröffnet", "открыти"),
    ("events", "main-forum"): ("主论坛", "main forum", "hauptforum", "главн"),
    ("events", "closing-ceremony"): ("闭幕", "closing", "закрыти"),
    ("events", "launch"): ("启动", "launch"),
    ("outputs", "declaration"): ("宣言", "declaration", "erklärung"),
    ("outputs", "initiative"): ("倡议", "倡议书", "initiative", "инициатив"),
    ("outputs", "report"): ("报告", "report", "bericht", "доклад"),
    ("outputs", "list"): ("十件大事", "名单", "榜", "案例", "典型", "成果", "events", "cases", "list"),
    ("outputs", "award"): ("奖", "荣获", "竞赛", "突出", "award", "prize"),
    ("outputs", "campaign"): ("活动", "行动", "月", "大赛", "竞赛", "征集", "启动", "campaign", "contest"),
}
"""Words (folded: simplified, lower case) one of which a quote holds when it states a row's kind; a kind
not listed here (``other``) is stated by naming the row."""


@dataclass(frozen=True)
class Need:
    """One thing a quote must show: a label for messages and the test that decides it."""

    label: str
    test: Check


class Rules:
    """The needs of every citation of a package, built once from its tables."""

    def __init__(self, root: Path) -> None:
        from .schema import table_names, table_schema

        self.table_of: dict[str, str] = {}
        self.rows: dict[str, dict[str, str]] = {}
        self.types: dict[tuple[str, str], str] = {}
        self.enums: set[tuple[str, str]] = set()
        for name in table_names(root):
            schema = table_schema(name, root)
            for f in schema.fields:
                self.types[(name, f.name)] = f.type
                if f.enum:
                    self.enums.add((name, f.name))
            if name in {"citations", "sources", "entities", "curator_values", "glossary"}:
                continue
            key = schema.primary_key[0]
            for row in csvio.read_table(root / "data" / f"{name}.csv")[1]:
                self.table_of[row[key]] = name
                self.rows[row[key]] = row
        self.aliases = self._aliases()
        self.places = self._places()

    def _places(self) -> dict[tuple[str, ...], dict[int, str]]:
        """For each list of roles (context and kind), the actor at each printed place."""
        out: dict[tuple[str, ...], dict[int, str]] = {}
        for row in self.rows.values():
            if row.get("role_id") and row.get("position", "").isdigit():
                out.setdefault(self._list_of(row), {})[int(row["position"])] = row["person_id"] or row["organization_id"]
        return out

    @staticmethod
    def _list_of(row: dict[str, str]) -> tuple[str, ...]:
        return tuple(row[k] for k in ("edition_id", "event_id", "subforum_id", "output_id", "role_kind"))

    def _aliases(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for eid, row in self.rows.items():
            table = self.table_of[eid]
            if table == "names" and row["name_type"] not in NOT_PRINTED:
                out.setdefault(row["entity_id"], set()).add(folded(row["name"]))
            elif table in {"organizations", "people", "outputs", "events", "subforums", "editions"}:
                for col in ("name_zh", "name_en", "title_zh", "theme_zh"):
                    if row.get(col):
                        out.setdefault(eid, set()).add(folded(row[col]))
            elif table in {"roles", "posts"} and row.get("person_id") and row.get("organization_id"):
                for col in ("title_zh", "title_en"):  # a body is also named by the title of one who serves it
                    if row.get(col):
                        out.setdefault(row["organization_id"], set()).add(folded(row[col]))
        return {k: {a for a in v if a} for k, v in out.items()}

    def names(self, entity_id: str) -> Need:
        """The quote names ``entity_id`` by one of its printed names (a session also by its kind: 开幕, 主论坛)."""
        aliases = self.aliases.get(entity_id, set())
        if self.table_of.get(entity_id) == "events":
            kind = self.rows[entity_id].get("kind", "")
            aliases = aliases | {folded(w) for w in KIND_WORDS.get(("events", kind), ())}
        return Need(f"names {entity_id}", lambda q: any(a in q.folded for a in aliases))

    def session(self, entity_id: str) -> Need:
        """The quote names the session ``entity_id`` by a name, by a word for its kind (论坛, 峰会) or as 会上."""
        named = self.names(entity_id)
        table, kind = self.table_of.get(entity_id, ""), self.rows.get(entity_id, {}).get("kind", "")
        words = {folded(w) for w in (*KIND_WORDS.get((table, kind), ()), "会上", "现场")}
        return Need(f"names session {entity_id}", lambda q: named.test(q) or any(w in q.folded for w in words))

    def holds(self, value: str, kind: str, label: str) -> Need:
        return Need(f"{label} {value!r}", lambda q: value_stands(value, kind, q))

    def needs(self, entity_id: str, field: str) -> list[Need]:
        """What a quote citing ``field`` of ``entity_id`` (``''`` for the row) must show."""
        table, row = self.table_of.get(entity_id), self.rows.get(entity_id, {})
        if table is None or field == "notes":
            return []
        if field == "kind" or (not field and table in {"subforums", "events", "outputs"}):
            return [self.names(entity_id), *self._kind(table, row.get("kind", ""))]
        if (table, field) in self.enums:
            return []
        if table == "roles":
            return self._role(row, field)
        if field.endswith("_id"):  # a cited reference: where an output came out names that session and the output
            return [self.session(row.get(field, "")), self.names(entity_id)]
        if field:
            kind = self.types.get((table, field), "string")
            kind = "day" if kind == "date" and field == "date" else kind
            needs = [self.holds(row.get(field, ""), kind, field)]
            if kind in {"date", "day"} and table in {"editions", "events", "subforums", "outputs"}:
                needs.append(self.names(entity_id))  # the date of this row, not a dateline or another day
            return needs
        return self._row(table, row, entity_id)

    def _kind(self, table: str, kind: str) -> list[Need]:
        words = [folded(w) for w in KIND_WORDS.get((table, kind), ())]
        return [Need(f"kind {kind!r}", lambda q: any(w in q.folded for w in words))] if words else []

    def _role(self, row: dict[str, str], field: str) -> list[Need]:
        actor = row["person_id"] or row["organization_id"]
        if field in {"title_zh", "title_en", "term_en"}:
            return [self.holds(row[field], "string", field)]
        needs = [self.names(actor)]
        if row["term_zh"] and field in {"", "term_zh"}:
            needs.append(self.holds(row["term_zh"], "string", "term_zh"))
        if field == "position" and row["position"].isdigit():  # the place shows beside the actor listed next to it
            n, places = int(row["position"]), self.places.get(self._list_of(row), {})
            neighbour = places.get(n - 1) or places.get(n + 1)
            if neighbour:
                needs.append(self.names(neighbour))
        return needs

    def _row(self, table: str, row: dict[str, str], entity_id: str) -> list[Need]:
        if table == "names":
            return [self.holds(row["name"], "string", "name")]
        if table == "claims":
            return self._claim(row)
        if table == "posts":
            titles = [t for t in (row["title_zh"], row["title_en"]) if t]
            title = Need("title", lambda q: any(value_stands(t, "string", q) for t in titles))
            return [self.names(row["person_id"]), title]
        return [self.names(entity_id)]

    def _claim(self, row: dict[str, str]) -> list[Need]:
        """A claimed value stands in the quote; a claimed reference is named; a claimed kind shows its row."""
        claimed, field = self.table_of.get(row["entity_id"], ""), row["field"]
        if field.endswith("_id"):
            return [self.names(row["value"])]
        if (claimed, field) in self.enums:
            return self.needs(row["entity_id"], "")
        return [self.holds(row["value"], self.types.get((claimed, field), "string"), field)]

    def failures(self, entity_id: str, field: str, quote: str) -> list[str]:
        """Labels of the needs that ``quote`` does not show."""
        span = as_span(quote)
        return [n.label for n in self.needs(entity_id, field) if not n.test(span)]
