"""Read the Frictionless table schemas and the package descriptor (plain JSON, no heavy imports)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import PackageReadError, UnknownNameError
from .paths import package_root


@dataclass(frozen=True)
class Field:
    """One column of a table schema."""

    name: str
    type: str
    description: str
    required: bool
    unique: bool
    enum: tuple[str, ...] | None
    pattern: str | None
    minimum: int | None
    example: str | None
    derived: bool = False
    curated: bool = False
    references: str | None = None

    @classmethod
    def from_descriptor(cls, d: dict[str, Any]) -> Field:
        c = d.get("constraints", {})
        enum = c.get("enum")
        return cls(
            name=d["name"],
            type=d.get("type", "string"),
            description=d.get("description", ""),
            required=bool(c.get("required", False)),
            unique=bool(c.get("unique", False)),
            enum=tuple(enum) if enum else None,
            pattern=c.get("pattern"),
            minimum=c.get("minimum"),
            example=d.get("example"),
            derived=bool(d.get("derived", False)),
            curated=bool(d.get("curated", False)),
            references=d.get("references"),
        )


@dataclass(frozen=True)
class ForeignKey:
    field: str
    table: str
    ref_field: str


@dataclass(frozen=True)
class TableSchema:
    """A table's name, description, fields and keys."""

    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    raw: dict[str, Any]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def cited_fields(self) -> tuple[str, ...]:
        """Fields whose non-empty cells each cite the sources stating them (schema key ``citedFields``)."""
        return tuple(self.raw.get("citedFields", ()))

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise UnknownNameError(f"table {self.name!r} has no field {name!r}")

    @classmethod
    def from_descriptor(cls, name: str, d: dict[str, Any]) -> TableSchema:
        pk = d.get("primaryKey", [])
        fks = []
        for fk in d.get("foreignKeys", []):
            ref = fk["reference"]
            own, theirs = fk["fields"], ref["fields"]
            own, theirs = [own] if isinstance(own, str) else own, [theirs] if isinstance(theirs, str) else theirs
            fks.append(ForeignKey(own[0], ref.get("resource") or name, theirs[0]))
        return cls(
            name=name,
            description=d.get("description", ""),
            fields=tuple(Field.from_descriptor(f) for f in d["fields"]),
            primary_key=tuple([pk] if isinstance(pk, str) else pk),
            foreign_keys=tuple(fks),
            raw=d,
        )


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object from a package file, read through :mod:`cicc_data.reader` (bounded, regular file)."""
    from .reader import read_json as _read

    value = _read(path)
    if not isinstance(value, dict):
        raise PackageReadError(f"{path}: expected a JSON object, not {type(value).__name__}")
    return value


@lru_cache(maxsize=8)
def _read_descriptor(root: Path, stamp: tuple[int, int, int]) -> dict[str, Any]:
    from .reader import read_descriptor

    return read_descriptor(root)


def _stamp(root: Path) -> tuple[int, int, int]:
    """What tells one version of ``root/datapackage.json`` from another (a new file is read again)."""
    try:
        st = (root / "datapackage.json").stat()
    except OSError:
        return (0, 0, 0)
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _descriptor(root: Path) -> dict[str, Any]:
    return _read_descriptor(root, _stamp(root))


def descriptor(root: Path | None = None) -> dict[str, Any]:
    """The parsed ``datapackage.json`` of the bundled package (or of ``root``), its shape checked."""
    return _descriptor(root or package_root())


def table_names(root: Path | None = None) -> list[str]:
    return [r["name"] for r in descriptor(root)["resources"]]


def resource(name: str, root: Path | None = None) -> dict[str, Any]:
    """The descriptor's resource ``name``; an :class:`UnknownNameError` listing the tables otherwise."""
    if not isinstance(name, str):
        raise UnknownNameError(f"a table name is a string, not {type(name).__name__}")
    root = root or package_root()
    for r in _descriptor(root)["resources"]:
        if r["name"] == name:
            return r
    from .reader import listing, shorten

    raise UnknownNameError(f"unknown table {shorten(name, 80)!r}; the tables are: {listing(table_names(root), 30)}")


def data_file(name: str, root: Path | None = None) -> Path:
    """The CSV file of table ``name``, checked to be a regular file inside the package."""
    from .reader import safe_file

    root = root or package_root()
    return safe_file(root, resource(name, root)["path"])


def _schema(root: Path, name: str) -> TableSchema:
    return _cached_schema(root, name, _stamp(root))


@lru_cache(maxsize=64)
def _cached_schema(root: Path, name: str, stamp: tuple[int, int, int]) -> TableSchema:
    from .reader import safe_file
    from .validation.files import schema_problems

    s = resource(name, root)["schema"]
    d = read_json(safe_file(root, s)) if isinstance(s, str) else s
    bad = schema_problems(d)
    if bad:
        shown = s if isinstance(s, str) else "datapackage.json"
        raise PackageReadError(f"{root / shown}: invalid table schema of {name!r}: {bad[0]}")
    return TableSchema.from_descriptor(name, d)


def table_schema(name: str, root: Path | None = None) -> TableSchema:
    """The schema of table ``name``."""
    return _schema(root or package_root(), name)


def load_schema_dir(schema_dir: Path) -> dict[str, TableSchema]:
    """Every ``schemas/*.json`` file keyed by table name (for scripts working on the repo)."""
    return {
        p.stem: TableSchema.from_descriptor(p.stem, read_json(p))
        for p in sorted(schema_dir.glob("*.json"))
    }
