"""Resolve what a person types to the bodies, people, editions, sessions, sub-forums and outputs it names.

A query may be in simplified or traditional script, in pinyin (with or without spaces, hyphens,
tone marks or tone numbers, family name first or last), in any English rendering the sources
print, in any case or punctuation, and may carry small typos. Exact matches come before partial
ones, and those before fuzzy ones; each match says how it matched and with what score.

Libraries do the language work: OpenCC converts scripts, RapidFuzz scores typos, and the pinyin of
every Chinese name in the package is computed with pypinyin by ``scripts/generate.py`` into
``_pinyin.json`` (pypinyin itself takes most of a second to load, so it never runs here).
Nothing is loaded until the first call.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import csvio
from .errors import CiccDataError
from .paths import package_root
from .text import fold, to_simplified

SEARCHED = (
    ("organizations", "organization_id", ("name_zh", "name_en")),
    ("people", "person_id", ("name_zh", "name_en")),
    ("editions", "edition_id", ("name_zh", "name_en", "city_zh", "city_en")),
    ("events", "event_id", ("title_zh", "title_en")),
    ("subforums", "subforum_id", ("title_zh", "title_en", "theme_zh", "theme_en")),
    ("outputs", "output_id", ("name_zh", "name_en")),
)
"""Tables searched (``Match.entity_type`` is the table's name, as in ``entities.table``), the key
column and the columns holding names."""

HOW_RANK = {"exact": 0, "redirect": 0, "script": 1, "pinyin": 2, "partial": 3, "fuzzy": 4}
"""How a match was made, best first: the name or ID as typed, a retired ID followed to its successor,
after script conversion, as pinyin, as part of a longer name, and within a small edit distance."""

FUZZY_CUTOFF = 80.0
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PINYIN = Path(__file__).with_name("_pinyin.json")


@dataclass(frozen=True)
class Match:
    """An entity whose name (or one of its names) matches a query.

    ``entity_type`` is the table the entity is a row of (``"organizations"``, ``"people"`` ...), named
    as in ``entities.table``; ``how == "redirect"`` when the query was a retired ID, in ``matched_name``.
    """

    entity_type: str
    entity_id: str
    name_zh: str
    name_en: str
    matched_name: str
    how: str
    score: float

    @property
    def exact(self) -> bool:
        """True unless the match is partial or fuzzy."""
        return self.how in ("exact", "redirect", "script", "pinyin")


def _simplified(text: str) -> str:
    return to_simplified(text) if _CJK.search(text) else text


def _latin_key(text: str) -> str:
    """Fold Latin text: tone marks and tone numbers, case, spaces, hyphens and punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.casefold() if ch.isalpha() and not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[str, list[str]]:
    try:
        return json.loads(_PINYIN.read_text(encoding="utf-8"))
    except OSError:  # pragma: no cover - a broken install
        return {}


def _pinyin_keys(zh: str, person: bool) -> list[str]:
    """The pinyin keys of a name, in a fixed order (not a set: the index, and the site's search index
    written from it, must be the same from run to run whatever the hash seed)."""
    syllables = _pinyin_table().get(_simplified(zh))
    if not syllables:
        return []
    keys = ["".join(syllables)]
    if person and len(syllables) >= 2:  # given name first, as English pages often print it
        keys.append("".join(syllables[1:] + syllables[:1]))
        if len(syllables) >= 3:
            keys.append("".join(syllables[2:] + syllables[:2]))
    return list(dict.fromkeys(keys))


@dataclass(frozen=True)
class _Entry:
    key: str
    how: str
    shown: str
    entity_id: str


@lru_cache(maxsize=4)
def _index(root: Path) -> tuple[dict[str, tuple[str, str, str]], dict[str, list[_Entry]]]:
    entities: dict[str, tuple[str, str, str]] = {}
    by_key: dict[str, list[_Entry]] = {}

    def add(text: str, eid: str, person: bool) -> None:
        if not text:
            return
        entries = [_Entry(fold(text), "exact", text, eid)]
        if _CJK.search(text):
            entries.append(_Entry(fold(_simplified(text)), "script", text, eid))
            entries += [_Entry(k, "pinyin", text, eid) for k in _pinyin_keys(text, person)]
        else:
            entries.append(_Entry(_latin_key(text), "exact", text, eid))
        for e in entries:
            if e.key:
                by_key.setdefault(e.key, []).append(e)

    for table, key, columns in SEARCHED:
        path = root / "data" / f"{table}.csv"
        if not path.exists():
            continue
        for r in csvio.read_table(path)[1]:
            zh = next((r[c] for c in columns if c.endswith("_zh") and r.get(c)), "")
            en = next((r[c] for c in columns if c.endswith("_en") and r.get(c)), "")
            entities[r[key]] = (table, zh, en)
            add(r[key], r[key], False)
            for c in columns:
                add(r.get(c, ""), r[key], table == "people")
    for r in csvio.read_table(root / "data" / "names.csv")[1]:
        if r["entity_id"] in entities:
            add(r["name"], r["entity_id"], entities[r["entity_id"]][0] == "people")
    return entities, by_key


def _redirected(query: str, root: Path, entities: dict[str, tuple[str, str, str]]) -> Match | None:
    """The successor of ``query`` when it is a retired ID of an entity that find() searches."""
    from .redirects import read_redirects, resolve_id

    if query not in read_redirects(root):
        return None
    try:
        live = resolve_id(query, root).entity_id
    except CiccDataError:
        return None
    if live not in entities:
        return None
    kind, zh, en = entities[live]
    return Match(kind, live, zh, en, query, "redirect", 100.0)


def find(name: str, root: Path | None = None, limit: int = 10) -> list[Match]:
    """Entities matching ``name``, best first (see the module docstring for what a query may be)."""
    root = root or package_root()
    entities, by_key = _index(root)
    queries = {fold(name), fold(_simplified(name)), _latin_key(name)} - {""}
    if not queries:
        return []
    best: dict[str, Match] = {}
    moved = _redirected(name.strip(), root, entities)
    if moved is not None:
        best[moved.entity_id] = moved

    def offer(entry: _Entry, how: str, score: float) -> None:
        kind, zh, en = entities[entry.entity_id]
        m = Match(kind, entry.entity_id, zh, en, entry.shown, how, round(score, 1))
        old = best.get(entry.entity_id)
        if old is None or (HOW_RANK[how], -score) < (HOW_RANK[old.how], -old.score):
            best[entry.entity_id] = m

    for q in queries:
        for entry in by_key.get(q, []):
            offer(entry, entry.how, 100.0)
    if not best:
        for q in queries:
            if len(q) < 2:
                continue
            for key, entries in by_key.items():
                if q in key:
                    for entry in entries:
                        offer(entry, "partial", 100.0 * len(q) / len(key))
    if not best:
        from rapidfuzz import fuzz, process

        keys = list(by_key)
        for q in queries:
            for key, score, _ in process.extract(q, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=limit):
                for entry in by_key[key]:
                    offer(entry, "fuzzy", score)
    ranked = sorted(best.values(), key=lambda m: (HOW_RANK[m.how], -m.score, m.entity_type, m.entity_id))
    return ranked[:limit]
