"""The smallest pieces of every page, written in Python for speed: text with its language, bilingual labels,
names and links, headings. The templates call them as globals (``t``, ``bi``, ``shown``, ``heading``); each
escapes what it is given exactly as ``{{ ... }}`` does under autoescape, and returns Markup.

They were Jinja2 macros once; a page calls them hundreds of times, and a macro call costs more than the
markup it writes. The view models they read are the dicts of :mod:`.facts` and :mod:`.links`: a key
that is missing reads as "" (as an undefined attribute does in a template)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

EN_OPEN = '<span lang="en" class="en">'
ZH_OPEN = '<span lang="zh-Hans" class="zh">'
ZH_PLAIN = '<span lang="zh-Hans">'

try:  # MarkupSafe 3's C escape of a str, without the Markup object escape() wraps it in
    from markupsafe._speedups import _escape_inner as _escape_str  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - another MarkupSafe
    def _escape_str(text: str) -> str:
        return str(escape(text))


def _e(value: Any) -> str:
    """``{{ value }}`` under autoescape, as a str: markup as it is, anything else escaped (undefined reads as "")."""
    if type(value) is str:
        return _escape_str(value)
    return str(escape(value))


def _get(x: Any, key: str) -> Any:
    return x.get(key, "") if isinstance(x, dict) else ""


def _t(x: Any) -> str:
    text = _get(x, "t")
    return f'<span lang="{_e(_get(x, "lang"))}">{_e(text)}</span>' if text else ""


def _bi(en: Any, zh: Any) -> str:
    out = EN_OPEN + _e(en) + "</span>" if en else ""
    if en and zh:
        out += " "
    return out + (ZH_OPEN + _e(zh) + "</span>" if zh else "")


def _name(s: dict) -> str:
    zh, en = s.get("zh", ""), s.get("en", "")
    out = ZH_PLAIN + _e(zh) + "</span>" if zh else ""
    if zh and en:
        out += " "
    return out + (EN_OPEN + _e(en) + "</span>" if en else "")


def _shown(s: Any) -> str:
    kind = _get(s, "kind")
    if kind == "link":
        cls = s.get("cls", "")
        return (f'<a href="{_e(s.get("href", ""))}"' + (f' class="{_e(cls)}"' if cls else "")
                + f'>{_shown(s.get("inner", ""))}</a>')
    if kind == "bi":
        return _bi(s.get("en", ""), s.get("zh", ""))
    if kind == "name":
        return _name(s)
    if kind == "edition":
        zh = s.get("zh", "")
        return f'{_e(s.get("year", ""))} {_e(s.get("en", ""))}' + (f" {ZH_PLAIN}{_e(zh)}</span>" if zh else "")
    return _t(s)


def t(x: Any) -> Markup:
    """Text with its lang attribute (``{"t": ..., "lang": ...}``); nothing when there is no text."""
    return Markup(_t(x))


def bi(en: Any, zh: Any) -> Markup:
    """An English and a Chinese label side by side, each with its lang attribute."""
    return Markup(_bi(en, zh))


def shown(s: Any) -> Markup:
    """A value as shown: a link around what it shows, a bilingual label, a name, an edition, or text."""
    return Markup(_shown(s))


def heading(level: Any, en: Any, zh: Any, id: Any = "") -> Markup:  # noqa: A002 - the template's name for it
    """``<hN id=...>`` around a bilingual label."""
    anchor = f' id="{_e(id)}"' if id else ""
    return Markup(f"<h{_e(level)}{anchor}>{_bi(en, zh)}</h{_e(level)}>")


def _quote(q: dict) -> str:
    words = "".join(f'<span lang="{_e(r.get("lang", ""))}">{_e(r.get("t", ""))}</span>' if r.get("lang")
                    else _e(r.get("t", "")) for r in q.get("runs", ()))
    return f'<q class="quote" lang="{_e(q.get("lang", ""))}">{words}</q>'


def chip(c: dict) -> Markup:
    """A source mark (:meth:`.facts.Facts.chip_view`): the grade and publisher; opened, the words of the page,
    its title and address (or the address as text when it is no http(s) address), publisher, date, grade."""
    g = c.get
    rel = _e(g("rel", ""))
    out = (f'<details class="src"><summary><span class="rel rel-{rel}">{_e(g("rel_en", ""))}</span> {_t(g("short"))}'
           '</summary><span class="said">' + (_quote(g("quote")) if g("quote") else "") + '<span class="page">')
    if g("url"):
        out += f'<a class="src" href="{_e(g("url"))}" rel="noopener noreferrer">{_t(g("title"))}</a>'
    else:
        out += (f'<span class="unlinked">{_t(g("title"))} <code>{_e(g("raw_url", ""))}</code> '
                f'({_bi("not an http(s) address, shown as text", "")})</span>')
    out += f" · {_t(g('publisher'))}" + (f" · {_e(g('published'))}" if g("published") else "")
    return Markup(out + f' · <span class="rel rel-{rel}">{_bi(g("rel_en", ""), g("rel_zh", ""))}</span></span></span></details>')


def _mark(m: dict) -> str:
    note = f' title="{_e(m["note"])}"' if m.get("note") else ""
    return f'<span class="mark {_e(m.get("cls", ""))}"{note}>{_bi(m.get("en", ""), m.get("zh", ""))}</span>'


def _cites(c: Any) -> str:
    if not c:
        return ""
    out = '<span class="cites">' + "".join(_mark(m) for m in c.get("marks", ()))
    out += "".join(_e(x.get("html") or chip(x)) for x in c.get("shown", ()))
    more = c.get("more")
    if more:
        out += (f'<details class="more"><summary>+{len(more)} {_bi("more sources", "")}</summary>'
                + "".join(_e(x.get("html") or chip(x)) for x in more) + "</details>")
    return out + "</span>"


def cites(c: Any) -> Markup:
    """The marks of a fact (weak, curated) and its source marks, the first few shown and the rest behind "+N"."""
    return Markup(_cites(c))


def _claims(cs: Any) -> str:
    if not cs:
        return ""
    items = "".join(
        f'<li class="{"kept" if c.get("kept") else "alt"}"><span class="tag">'
        + (_bi("kept", "采用") if c.get("kept") else _bi("alternative", "异说"))
        + f'</span> <span class="value">{_shown(c.get("value", ""))}</span> {_cites(c.get("cites"))}'
        + (f' <span class="note">{_t(c["note"])}</span>' if _get(c.get("note"), "t") else "") + "</li>" for c in cs)
    return f'<div class="claims"><p>{_bi("Sources disagree:", "来源说法不一:")}</p><ul>{items}</ul></div>'


def _fact(f: Any) -> str:
    if not f:
        return ""
    if f.get("pair"):
        return (f'<div class="bi"><div class="zh-col" lang="zh-Hans">{_fact(f.get("zh"))}</div>'
                f'<div class="en-col" lang="en">{_fact(f.get("en"))}</div></div>')
    return f'<span class="fact">{_shown(f.get("shown", ""))}{_cites(f.get("cites"))}</span>{_claims(f.get("claims"))}'


def _fact_value(v: dict) -> str:
    """What a row of the facts list shows: a value, a list of links, a range of dates, or a fact."""
    if v.get("kind"):
        return _shown(v)
    if v.get("links"):
        return '<ul class="plain">' + "".join(f"<li>{_shown(x)}</li>" for x in v["links"]) + "</ul>"
    if v.get("range"):
        out = " – ".join(_fact(part) for part in v["range"])
        if v.get("one_day"):
            out += f' <span class="meta">{_bi("(one day)", "(一天)")}</span>{_cites(v["one_day"])}'
        return out
    return _fact(v)


def facts(rows: Any) -> Markup:
    """The facts of a row as a definition list (label, value with its marks); rows without a value left out."""
    rows = [r for r in rows or () if r.get("value")]
    if not rows:
        return Markup("")
    items = "".join(f'<div><dt>{_bi(r.get("en", ""), r.get("zh", ""))}</dt><dd>{_fact_value(r["value"])}</dd></div>'
                    for r in rows)
    return Markup(f'<dl class="facts">{items}</dl>')


def notes(n: Any) -> Markup:
    """The curators' note of a row, with its sources."""
    if not n:
        return Markup("")
    return Markup(f'<div class="notes"><span class="lbl">{_bi("Curators’ note", "整理者说明")}:</span> '
                  f'{_t(n.get("text"))}{_cites(n.get("cites"))}</div>')


def _name_item(n: dict) -> str:
    prop = f'{_e(n["property"])}, ' if n.get("property") else ""
    note = f' <span class="note">{_t(n["note"])}</span>' if _get(n.get("note"), "t") else ""
    return (f'<li>{_t(n.get("name"))} <span class="meta">({prop}{_e(n.get("type", ""))}, <code>'
            f'{_e(n.get("language", ""))}</code>)</span>{_cites(n.get("cites"))}{note}</li>')


def names(ns: Any) -> Markup:
    """Every name and rendering of a row, behind a summary that counts them."""
    if not ns:
        return Markup("")
    return Markup(f'<details class="names"><summary>{_bi("Names and renderings", "名称与译名")} ({len(ns)})</summary>'
                  f'<ul>{"".join(_name_item(n) for n in ns)}</ul></details>')


def fact(f: Any) -> Markup:
    """One value with its source marks and the values other sources give (a pair: Chinese and English)."""
    return Markup(_fact(f))


def claims(cs: Any) -> Markup:
    """The values sources disagree on, each with its own marks; the kept one says so."""
    return Markup(_claims(cs))


GLOBALS = {"t": t, "bi": bi, "shown": shown, "heading": heading, "cites": cites, "fact": fact, "claims": claims,
           "facts": facts, "notes": notes, "names": names}
