"""The release version: the one place it is written (scripts/release.py updates it)."""

__version__ = "0.1.0"
__release_date__ = "2026-11-21"
