"""What the site trusts: ids that are slugs, links that are http(s), paths that stay inside the output."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..errors import PackageReadError

SLUG = re.compile(r"^[a-z0-9]+(--?[a-z0-9]+)*$")
"""The schema's pattern for row ids; only such an id becomes part of a file name."""

SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
"""The schema's pattern for source ids: no slash and no leading dot, so also safe as a file name."""
_SCHEMES = ("http://", "https://")


def is_slug(text: str) -> bool:
    return bool(SLUG.match(text or ""))


def is_file_name(table: str, text: str) -> bool:
    """An id safe to name a file: a slug, or for a source the schema's source-id pattern."""
    return is_slug(text) or (table == "sources" and bool(SOURCE_ID.match(text or "")) and ".." not in text)


@lru_cache(maxsize=4096)
def safe_url(url: str) -> str:
    """``url`` when it is an http(s) address a browser may follow, else "" (shown as text, never linked).

    ``javascript:``, ``data:``, ``vbscript:`` and every other scheme, in any case and behind leading
    spaces or control characters, are refused; so are addresses with characters no URL holds."""
    text = url or ""
    if text != text.strip() or any(ord(c) < 0x21 or c in "<>\"'`\\" for c in text):
        return ""
    return text if text.lower().startswith(_SCHEMES) and len(text) > 8 else ""


def inside(out: Path, rel: str) -> Path:
    """The path of ``rel`` under ``out``, proved to resolve inside it (no '..', no absolute path, no symlink out)."""
    base = out.resolve()
    target = (base / rel).resolve()
    if not target.is_relative_to(base) or target == base:
        raise PackageReadError(f"refused to write {rel!r}: it resolves outside {out} (a link or a path leading out)")
    return target
