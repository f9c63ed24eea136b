"""Resolve what a person types to the bodies, people, editions, sessions, sub-forums and outputs it names.

A query may be in simplified or traditional script, in pinyin (with or without spaces, hyphens,
tone marks or tone numbers, family name first or last), in any English rendering the sources
print, in any case or punctuation, and may carry small typos. Exact matches come before partial
ones, and those before fuzzy ones; each match says how it matched and with what score.

Libraries do the language work: OpenCC converts scripts, RapidFuzz scores typos, and the pinyin of
every Chinese name in the package is computed with pypinyin by ``scripts/generate.py`` into
``_pinyin.json`` (pypinyin itself takes most of a second to load, so it never runs here).
Nothing is loaded until the first call. The index of every name is generated too (``_find_index.json``,
by the same script): it carries the SHA-256 of the tables it was built from, and a package whose tables
differ (``find(name, root=other)``, or a checkout whose data changed since) gets its index built on the fly.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import namedtuple
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
_INDEX = Path(__file__).with_name("_find_index.json")
INDEX_TABLES = (*(table for table, _key, _columns in SEARCHED), "names")
"""The files find()'s index is built from, in data/."""
INDEX_FORMAT = 1
"""Version of the layout of ``_find_index.json`` (part of its digest)."""
HOWS = ("exact", "script", "pinyin")
"""How an entry of the index matches, by its number in ``_find_index.json``."""


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


def _pinyin_keys(zh: str, person: bool, pinyin: Mapping[str, list[str]]) -> list[str]:
    """The pinyin keys of a Chinese name, without repeats, in a fixed order (the generated index is the same
    on every run)."""
    syllables = pinyin.get(_simplified(zh))
    if not syllables:
        return []
    keys = ["".join(syllables)]
    if person and len(syllables) >= 2:  # given name first, as English pages often print it
        keys.append("".join(syllables[1:] + syllables[:1]))
        if len(syllables) >= 3:
            keys.append("".join(syllables[2:] + syllables[:2]))
    return list(dict.fromkeys(keys))


_Entry = namedtuple("_Entry", ("key", "how", "shown", "entity_id"))
"""One name under one folded key: how it matches, the name as printed, the entity (a tuple: thousands are made
when the index loads)."""


Index = tuple[dict[str, tuple[str, str, str]], dict[str, list[_Entry]]]
"""What find() searches: each entity's (table, Chinese name, English name) by ID, and the entries of each
folded key, in the order they were added (which decides ties)."""


def _keys(text: str, eid: str, person: bool, pinyin: Mapping[str, list[str]]) -> list[_Entry]:
    entries = [_Entry(fold(text), "exact", text, eid)]
    if _CJK.search(text):
        entries.append(_Entry(fold(_simplified(text)), "script", text, eid))
        entries += [_Entry(k, "pinyin", text, eid) for k in _pinyin_keys(text, person, pinyin)]
    else:
        entries.append(_Entry(_latin_key(text), "exact", text, eid))
    return [e for e in entries if e.key]


def _rows(blob: bytes | None, shown: str) -> list[dict[str, str]]:
    if blob is None:
        return []
    from .reader import decode, parse_csv

    header, rows = parse_csv(decode(blob.removeprefix(b"\xef\xbb\xbf"), shown), shown)
    return [dict(zip(header, r)) for r in rows]


def build_index(blobs: Mapping[str, bytes | None], pinyin: Mapping[str, list[str]], where: str = "data") -> Index:
    """find()'s index of the tables in ``blobs`` (the bytes of each file of :data:`INDEX_TABLES`, None when
    the package lacks it), with the pinyin of Chinese names from ``pinyin`` (the table of ``_pinyin.json``)."""
    entities: dict[str, tuple[str, str, str]] = {}
    by_key: dict[str, list[_Entry]] = {}

    def add(text: str, eid: str, person: bool) -> None:
        if text:
            for e in _keys(text, eid, person, pinyin):
                by_key.setdefault(e.key, []).append(e)

    for table, key, columns in SEARCHED:
        for r in _rows(blobs.get(table), f"{where}/{table}.csv"):
            zh = next((r[c] for c in columns if c.endswith("_zh") and r.get(c)), "")
            en = next((r[c] for c in columns if c.endswith("_en") and r.get(c)), "")
            entities[r[key]] = (table, zh, en)
            add(r[key], r[key], False)
            for c in columns:
                add(r.get(c, ""), r[key], table == "people")
    for r in _rows(blobs.get("names"), f"{where}/names.csv"):
        if r["entity_id"] in entities:
            add(r["name"], r["entity_id"], entities[r["entity_id"]][0] == "people")
    return entities, by_key


def data_digest(blobs: Mapping[str, bytes | None]) -> str:
    """SHA-256 of the files the index is built from (a missing file counts as such), and of the index format."""
    import hashlib

    h = hashlib.sha256(f"cicc-data find index {INDEX_FORMAT}\n".encode())
    for name in INDEX_TABLES:
        blob = blobs.get(name)
        h.update(f"{name} {-1 if blob is None else len(blob)}\n".encode())
        h.update(blob or b"")
    return h.hexdigest()


def index_source(blobs: Mapping[str, bytes | None], pinyin: Mapping[str, list[str]]) -> str:
    """``_find_index.json``: the digest of ``blobs`` and their index, one entity and one key a line (written by
    ``scripts/generate.py``; find() uses it for the package whose files have that digest)."""
    entities, by_key = build_index(blobs, pinyin)

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    ents = ",\n".join(f"{dump(eid)}:{dump(list(v))}" for eid, v in entities.items())
    keys = ",\n".join(dump([k, [[HOWS.index(e.how), e.shown, e.entity_id] for e in es]]) for k, es in by_key.items())
    return f'{{"digest":{dump(data_digest(blobs))},\n"entities":{{\n{ents}\n}},\n"keys":[\n{keys}\n]}}\n'


def _shipped(digest: str) -> Index | None:
    """The generated index, when it was built from files of this digest."""
    try:
        blob = _INDEX.read_bytes()
    except OSError:  # pragma: no cover - a broken install
        return None
    if not blob.startswith(b'{"digest":"%s"' % digest.encode()):
        return None
    doc = json.loads(blob)
    entities = {eid: tuple(v) for eid, v in doc["entities"].items()}
    by_key = {k: [_Entry(k, HOWS[h], shown, eid) for h, shown, eid in es] for k, es in doc["keys"]}
    return entities, by_key


def package_files(root: Path) -> dict[str, bytes | None]:
    """The bytes of each file of :data:`INDEX_TABLES` in the package at ``root`` (None for a missing table;
    names.csv must be there), read through :mod:`cicc_data.reader`."""
    from .reader import read_bytes

    out: dict[str, bytes | None] = {}
    for name in INDEX_TABLES:
        path = root / "data" / f"{name}.csv"
        out[name] = read_bytes(path) if name == "names" or path.exists() else None
    return out


@lru_cache(maxsize=4)
def _index(root: Path) -> Index:
    """The index of the package at ``root``: the generated one when the files match it, else built now."""
    blobs = package_files(root)
    shipped = _shipped(data_digest(blobs))
    return shipped if shipped is not None else build_index(blobs, _pinyin_table(), str(root / "data"))


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
