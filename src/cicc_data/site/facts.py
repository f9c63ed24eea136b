"""View models of facts: a value with the marks of the pages that state it, the words those pages use,
the values other sources give, and the names of a row. Templates render them (``_fact.html``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .model import Data, has_cjk
from .safety import is_slug, safe_url

ZH = "zh-Hans"
VISIBLE_CHIPS = 3
EN_NAME_ORDER = ("official-translation", "translation", "original", "abbreviation", "machine-translation",
                 "curator-translation", "romanization", "curator-romanization")
NAME_TYPES = {"original": "original", "variant": "variant", "official-translation": "official translation",
              "translation": "translation", "machine-translation": "machine translation",
              "abbreviation": "abbreviation", "romanization": "romanization",
              "curator-translation": "curators' translation", "curator-romanization": "curators' romanization"}


def lang_of(text: str, lang: str = "") -> str:
    """The lang attribute for ``text``: the names table's tag, or zh-Hans for Chinese and en otherwise."""
    if lang in ("zh", ""):
        return ZH if (lang == "zh" or has_cjk(text)) else "en"
    return lang


_CJK_RUN = re.compile(r"([\u3400-\u9fff\uf900-\ufaff][\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef《》“”]*)")


def runs(text: str, lang: str) -> list[dict[str, str]]:
    """``text`` of a page in ``lang`` cut into runs; a run of Chinese inside a page in another language gets
    its own lang attribute (zh-Hans), the rest none (it inherits the page's)."""
    if lang.startswith("zh") or not has_cjk(text):
        return [{"t": text, "lang": ""}]
    return [{"t": part, "lang": ZH if i % 2 else ""} for i, part in enumerate(_CJK_RUN.split(text)) if part]


def txt(text: str, lang: str = "") -> dict[str, str]:
    return {"t": text or "", "lang": lang_of(text or "", lang)}


def bi(en: str, zh: str = "") -> dict[str, str]:
    return {"kind": "bi", "en": en, "zh": zh}


@dataclass
class Page:
    """One page being built: its path (for relative links) and the sources its facts cite."""

    path: str
    sources: dict[str, None] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return "../" * self.path.count("/")

    def href(self, target: str) -> str:
        return self.prefix + target


class Facts:
    """Builds the view of each fact from the tables."""

    def __init__(self, data: Data, render_chip: Callable[[dict], str] | None = None):
        self.d = data
        self.render_chip = render_chip
        self._chips: dict[tuple[str, str], dict] = {}

    def label(self, table: str, fld: str, value: str, plural: bool = False) -> dict[str, str]:
        return bi(*self.d.labels.get(table, fld, value, plural))

    # --- sources ---------------------------------------------------------------------------------
    @staticmethod
    def short_publisher(s: dict[str, str]) -> str:
        return re.split(r" \(|, |; | via ", s["publisher"])[0].strip() or s["publisher"]

    def chip(self, page: Page, sid: str, entity_id: str, fld: str) -> dict | None:
        s = self.d.source.get(sid)
        if not s:
            return None
        page.sources[sid] = None
        quote = self.d.quote.get((entity_id, fld, sid), "")
        if (sid, quote) not in self._chips:
            view = self.chip_view(s, quote)
            self._chips[(sid, quote)] = {"html": self.render_chip(view)} if self.render_chip else view
        return self._chips[(sid, quote)]

    def chip_view(self, s: dict[str, str], quote: str) -> dict:
        """A source mark: the grade and publisher, and behind it the words of the page, its title and address."""
        rel_en, rel_zh = self.d.labels.get("sources", "reliability", s["reliability"])
        return {"sid": s["source_id"], "rel": s["reliability"] if is_slug(s["reliability"]) else "other",
                "rel_en": rel_en, "rel_zh": rel_zh, "short": txt(self.short_publisher(s)),
                "publisher": txt(s["publisher"]), "title": txt(s["title"], s.get("language", "")),
                "url": safe_url(s["url"]), "raw_url": s["url"], "published": s.get("published", ""),
                "quote": {"lang": lang_of("", s.get("language", "")) if not s.get("language", "").startswith("zh") else
                          lang_of(quote, s["language"]), "runs": runs(quote, s.get("language", ""))} if quote else None}

    def cites(self, page: Page, entity_id: str, fld: str = "") -> dict | None:
        """The sources of one fact, with its weak and curators' marks; None when it has neither."""
        ids = self.d.sources_of(entity_id, fld)
        marks = []
        cur = self.d.curated.get((entity_id, fld))
        if cur:
            marks.append({"cls": "curated", "note": cur.get("notes", ""),
                          **self.label("curator_values", "method", cur["method"])})
        if ids and self.d.weak.get((entity_id, fld)):
            marks.append({"cls": "weak", "note": "every source of this fact is a mirror or a blog",
                          "kind": "bi", "en": "weak sources only", "zh": "仅有弱来源"})
        chips = [c for c in (self.chip(page, s, entity_id, fld) for s in ids) if c]
        if not chips and not marks:
            return None
        return {"marks": marks, "shown": chips[:VISIBLE_CHIPS], "more": chips[VISIBLE_CHIPS:]}

    # --- values -----------------------------------------------------------------------------------
    def contested(self, page: Page, entity_id: str, fld: str, render: Callable[[str], dict] | None = None) -> list:
        out = []
        for c in self.d.claims.get((entity_id, fld), []):
            out.append({"kept": c.get("preferred") == "true", "value": (render or self.plain)(c["value"]),
                        "cites": self.cites(page, c["claim_id"]), "note": txt(c.get("notes", ""))})
        return out

    @staticmethod
    def plain(v: str) -> dict:
        return {"kind": "text", **txt(v)}

    def value(self, page: Page, entity_id: str, row: dict[str, str], fld: str,
              render: Callable[[str], dict] | None = None) -> dict | None:
        """A cell's value with its sources and any competing values; None when the cell is empty."""
        v = row.get(fld) or ""
        if not v:
            return None
        shown = render(v) if render else {"kind": "text", **txt(v, ZH if fld.endswith("_zh") else "")}
        return {"shown": shown, "cites": self.cites(page, entity_id, fld),
                "claims": self.contested(page, entity_id, fld, render)}

    def enum_value(self, page: Page, table: str, entity_id: str, row: dict[str, str], fld: str) -> dict | None:
        return self.value(page, entity_id, row, fld, lambda v: self.label(table, fld, v))

    def pair(self, page: Page, entity_id: str, row: dict[str, str], base: str) -> dict | None:
        """The Chinese and English cells of one field side by side."""
        z = self.value(page, entity_id, row, f"{base}_zh")
        e = self.value(page, entity_id, row, f"{base}_en")
        return {"pair": True, "zh": z, "en": e} if (z or e) else None

    def notes(self, page: Page, entity_id: str, row: dict[str, str]) -> dict | None:
        if not row.get("notes"):
            return None
        return {"text": txt(row["notes"]), "cites": self.cites(page, entity_id, "notes")}

    def names(self, page: Page, entity_id: str) -> list[dict]:
        """Every name and rendering of a row, with its language, type and sources."""
        out = []
        for n in self.d.names.get(entity_id, []):
            out.append({"name": txt(n["name"], n["language"]), "language": n["language"],
                        "property": "" if n["property"] == "name" else n["property"],
                        "type": NAME_TYPES.get(n["name_type"], n["name_type"]),
                        "cites": self.cites(page, n["name_id"]), "note": txt(n.get("notes", ""))})
        return out

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
