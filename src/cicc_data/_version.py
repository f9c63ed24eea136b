"""The release version: the one place it is written (scripts/release.py updates it)."""

__version__ = "1.3.0"
__release_date__ = "2026-12-02"
