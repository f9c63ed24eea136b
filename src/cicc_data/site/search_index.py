"""The index the site's search uses: the very keys ``cicc_data.find()`` matches, written at build time.

Every name of every searched row is folded as ``find()`` folds it (its script variant through OpenCC, its
pinyin with and without tones and tone numbers, family name first or last, from ``_pinyin.json``); the
browser folds the query the same way (``search.js``) and ranks exact, script, pinyin, partial and fuzzy
matches in ``find()``'s order. Traditional characters the browser must simplify come from OpenCC too.
"""

from __future__ import annotations

from pathlib import Path

from .links import edition_href
from .model import Data
from .safety import is_slug

HOW_CODES = ("exact", "script", "pinyin")
CJK_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def entity_url(data: Data, kind: str, eid: str) -> str:
    """The page (and anchor) where an entity is shown; "" when its id makes no safe file name. ``kind`` is its
    table, as ``Match.entity_type`` and ``entities.table`` name it (``people``, ``organizations`` ...)."""
    if not is_slug(eid):
        return ""
    if kind in ("people", "organizations"):
        return f"{kind}/{eid}.html"
    if kind == "editions":
        return edition_href(eid)
    table = {"events": data.event, "subforums": data.subforum, "outputs": data.output}.get(kind, {})
    edition = table.get(eid, {}).get("edition_id", "")
    return edition_href(edition, eid) if is_slug(edition) else ""


def traditional_to_simplified() -> dict[str, str]:
    """Every CJK character OpenCC writes differently in simplified script, with its simplified form."""
    from ..text import to_simplified

    chars = [chr(c) for lo, hi in CJK_BLOCKS for c in range(lo, hi + 1)]
    converted = to_simplified("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - OpenCC joined or split a line
        converted = [to_simplified(c) for c in chars]
    return {a: b for a, b in zip(chars, converted) if a != b and len(b) == 1}


def search_index(data: Data, root: Path) -> dict:
    """``find()``'s index as JSON: the entities with their pages, and each folded key with its entries
    (how it matches, the name as printed, the entity), in ``find()``'s order."""
    from ..lookup import FUZZY_CUTOFF, HOW_RANK, _index

    entities, by_key = _index(root)
    return {
        "how": list(HOW_RANK), "fuzzy_cutoff": FUZZY_CUTOFF,
        "entities": {eid: [kind, zh, en, entity_url(data, kind, eid)] for eid, (kind, zh, en) in entities.items()},
        "keys": [[key, [[HOW_CODES.index(e.how), e.shown, e.entity_id] for e in entries]]
                 for key, entries in by_key.items()],
        "t2s": traditional_to_simplified(),
    }
