"""Language tags of names, with ``langcodes`` (BCP 47): a valid tag, and one that can hold the name's script.

- a tag ``langcodes`` does not accept as BCP 47 (it knows ``zh-Latn-pinyin``, ``zh-Hant-TW``, ...);
- a name with Chinese characters under a tag whose script (stated, or the likely one of its language)
  cannot hold them, such as ``en``, ``ru`` or ``zh-Latn``;
- an ``original`` name in Chinese characters tagged with another language than Chinese (``ja``);
- a name tagged traditional (``zh-Hant``, or a Chinese tag for Taiwan, Hong Kong or Macau) written in
  simplified characters: it has no traditional-only character and its traditional form differs.
"""

from __future__ import annotations

import re
from functools import lru_cache

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
HAN_SCRIPTS = frozenset({"Hans", "Hant", "Hani", "Jpan", "Kore"})
"""ISO 15924 scripts that hold Chinese characters."""
CHINESE = frozenset({"zh", "cmn", "yue", "wuu", "nan", "hak", "gan", "hsn", "cjy", "lzh"})
"""Chinese languages (ISO 639) an original Chinese name may be tagged with."""


_PRIVATE_REGION = re.compile(r"AA|Q[M-Z]|X[A-Z]|ZZ")
"""Region subtags BCP 47 leaves to private use or 'unknown': valid syntax, no country."""
_PRIVATE_SCRIPT = re.compile(r"Qa[a-b][a-x]|Zzzz")
"""Script subtags for private use or 'unknown'."""


@lru_cache(maxsize=512)
def parsed(tag: str) -> tuple[str | None, str, str]:
    """(why the tag is invalid or None, its language, its script: stated or the likely one)."""
    import langcodes

    if not langcodes.tag_is_valid(tag):
        return f"{tag[:40]!r} is not a valid BCP 47 language tag", "", ""
    lang = langcodes.Language.get(tag)
    if lang.territory and _PRIVATE_REGION.fullmatch(lang.territory):
        return f"{lang.territory!r} is a private-use or unknown region, not an ISO 3166 country", "", ""
    if lang.script and _PRIVATE_SCRIPT.fullmatch(lang.script):
        return f"{lang.script!r} is a private-use or unknown script, not an ISO 15924 script", "", ""
    script = lang.script or lang.maximize().script or ""
    return None, lang.language or "", script


def tag_problem(tag: str) -> str | None:
    """Why ``tag`` is not a BCP 47 language tag, or None."""
    return parsed(tag)[0]


def name_problem(tag: str, name: str, name_type: str) -> str | None:
    """Why ``name`` cannot carry ``tag`` (script or language), or None; invalid tags are reported elsewhere."""
    why, lang, script = parsed(tag)
    if why or not HAN.search(name):
        return None
    if script not in HAN_SCRIPTS:
        return f"has Chinese characters, which a {script or 'non-Chinese'}-script tag cannot hold (tag it zh or zh-Hant)"
    if name_type == "original" and lang not in CHINESE:
        return f"is an original name in Chinese characters; tag it zh or zh-Hant, not {tag!r}"
    if script == "Hant" and lang in CHINESE and _simplified(name):
        return "is written in simplified characters (tag it zh)"
    return None


def _simplified(name: str) -> bool:
    from ..text import to_simplified, to_traditional

    return to_simplified(name) == name and to_traditional(name) != name
