"""Small helpers to write escaped, bilingual HTML."""

from __future__ import annotations

from html import escape

ZH = "zh-Hans"


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def attr(text: object) -> str:
    return escape(str(text), quote=True)


def zh(text: str, lang: str = ZH, cls: str = "") -> str:
    """Chinese text in a span carrying its language."""
    if not text:
        return ""
    c = f' class="{cls}"' if cls else ""
    return f'<span lang="{lang}"{c}>{esc(text)}</span>'


def en(text: str, cls: str = "") -> str:
    if not text:
        return ""
    c = f' class="{cls}"' if cls else ""
    return f'<span lang="en"{c}>{esc(text)}</span>'


def text_lang(text: str, lang: str = "") -> str:
    """Text in a span with ``lang`` (a BCP 47 tag as in the names table; Chinese defaults to zh-Hans)."""
    if not text:
        return ""
    if lang in ("zh", ""):
        from .model import has_cjk

        lang = ZH if (lang == "zh" or has_cjk(text)) else "en"
    return f'<span lang="{attr(lang)}">{esc(text)}</span>'


def label(en_text: str, zh_text: str) -> str:
    """A bilingual label: English, then Chinese."""
    parts = [en(en_text, "en")] if en_text else []
    if zh_text:
        parts.append(zh(zh_text, cls="zh"))
    return " ".join(parts)


def heading(level: int, en_text: str, zh_text: str, ident: str = "") -> str:
    i = f' id="{attr(ident)}"' if ident else ""
    return f"<h{level}{i}>{label(en_text, zh_text)}</h{level}>"


def link(href: str, inner_html: str, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<a href="{attr(href)}"{c}>{inner_html}</a>'


def dl(rows: list[tuple[str, str]], cls: str = "facts") -> str:
    """A description list of (label HTML, value HTML), skipping empty values."""
    items = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in rows if v)
    return f'<dl class="{cls}">{items}</dl>' if items else ""
