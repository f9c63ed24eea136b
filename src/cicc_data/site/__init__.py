"""A static, offline, bilingual website built from the data package: ``cicc-data site --out DIR``.

Every page is plain HTML with one stylesheet; the search page reads a generated index with a little
plain JavaScript. Nothing is loaded from the network and links are relative, so the site works from
``file://`` and on any static host. The same data always give the same bytes.
"""

from __future__ import annotations

from .build import BuildReport, build

__all__ = ["BuildReport", "build"]
