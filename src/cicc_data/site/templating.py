"""The Jinja2 environment of the site: the templates compiled once per process and kept between runs."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any

from .markup import GLOBALS

OPTIONS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
"""How the templates are compiled; part of the name of every compiled template kept on disk."""


def _private_folder(folder: Path) -> bool:
    """``folder`` made (or found) as a real folder of this user that nobody else may write."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(folder)
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return stat.S_ISDIR(st.st_mode) and mine and not st.st_mode & 0o022 and os.access(folder, os.W_OK)


def bytecode_cache():
    """The compiled templates kept between runs (compiling them costs more than a third of a build), in
    ``$XDG_CACHE_HOME/cicc-data/templates`` (default ``~/.cache``); None where that folder cannot be a
    private one of this user. Each file is named by the Jinja2 version and :data:`OPTIONS`, and Jinja2
    checks it against the template's source, so an edited template is compiled again."""
    import jinja2

    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(home) / "cicc-data" / "templates"
    if not os.path.isabs(home) or not _private_folder(folder):
        return None
    key = hashlib.sha256(repr((jinja2.__version__, sorted(OPTIONS.items()))).encode()).hexdigest()[:16]

    class Cache(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:  # a full or read-only disk: the next run compiles again
                pass

    return Cache(str(folder), f"site-{key}-%s.cache")


def environment(templates: str):
    """The Jinja2 environment of the site: autoescaped, these globals, templates compiled once per process
    (and kept between runs, :func:`bytecode_cache`), and ``x.key`` on a dict read as ``x["key"]`` first
    (Jinja2 tries the attribute first, and the AttributeError of every miss costs more than the lookup; no
    template names a dict method)."""
    from jinja2 import Environment, FileSystemLoader

    class SiteEnvironment(Environment):
        def getattr(self, obj: Any, attribute: str) -> Any:
            if type(obj) is dict:
                if attribute in obj:
                    return obj[attribute]
                if not hasattr(dict, attribute):
                    return self.undefined(obj=obj, name=attribute)
            return super().getattr(obj, attribute)

        def make_globals(self, d: Any = None) -> Any:  # a dict, not a ChainMap: every name a page looks up
            return {**self.globals, **(d or {})}

    env = SiteEnvironment(loader=FileSystemLoader(templates), auto_reload=False, cache_size=-1,
                          bytecode_cache=bytecode_cache(), **OPTIONS)
    env.globals.update(GLOBALS)
    return env
