"""A static, offline, bilingual website built from the data package: ``cicc-data site --out DIR``.

Every page is HTML rendered from the Jinja2 templates in ``templates/`` (autoescaped) with one
stylesheet; only the search page runs script (``static/search.js``, over the index ``find()`` uses),
and a Content-Security-Policy forbids any inline script. Nothing is loaded from the network and
links are relative, so the site works from ``file://`` and on any static host. The same data always
give the same bytes.
"""

from __future__ import annotations

from .build import BuildReport, build

__all__ = ["BuildReport", "build"]
