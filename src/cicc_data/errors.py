"""The errors cicc-data raises on purpose. The CLI turns these, and only these, into a message.

Each also derives from the built-in exception callers caught before (``KeyError`` for an unknown
name, ``ValueError`` for a bad argument, ...), so ``except KeyError`` keeps working. Anything
else escaping the library is a bug, and the CLI lets it crash with its traceback.
"""

from __future__ import annotations


class CiccDataError(Exception):
    """Base of every error the library raises on purpose."""


class PackageNotFoundError(CiccDataError, FileNotFoundError):
    """No data package where one was expected (installation incomplete, wrong path)."""


class PackageReadError(CiccDataError, ValueError):
    """A data package exists but cannot be read as one (broken descriptor, unsafe path, not CSV)."""


class UnknownNameError(CiccDataError, KeyError):
    """A table, field or edition that the package does not have."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class InvalidArgumentError(CiccDataError, ValueError):
    """An argument outside the values a function accepts (format, engine, citation style)."""


class ExportError(CiccDataError, RuntimeError):
    """An export that would not be faithful to the package (e.g. broken foreign keys)."""


class MissingDependencyError(CiccDataError, ImportError):
    """An optional library a feature needs is not installed (polars, XlsxWriter)."""


class IncompatibleVersionError(CiccDataError, ValueError):
    """A data package of another major version: another data model, read by another version of cicc-data."""
