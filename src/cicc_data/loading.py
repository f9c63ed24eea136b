"""Load tables as typed pandas (or polars) DataFrames and as Pydantic records.

Column types come from the table schema: date -> datetime64 (polars: Date), enum -> categorical,
integer -> nullable Int64, number -> nullable Float64, boolean -> nullable boolean, other text -> string.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import csvio
from .errors import InvalidArgumentError, MissingDependencyError, PackageReadError, UnknownNameError
from .paths import package_root
from .schema import TableSchema, data_file, table_names, table_schema

if TYPE_CHECKING:

    from .rowtypes import Row


def tables() -> list[str]:
    """Names of the tables in the bundled package, in package order."""
    return table_names()


def _csv_path(name: str, root: Path) -> Path:
    table_schema(name, root)  # raises a helpful KeyError for an unknown table
    return data_file(name, root)  # a regular file inside the package, or a PackageReadError


def _arrow_safe(schema: TableSchema, path: Path):
    """:func:`_arrow`, with what pyarrow cannot parse turned into a :class:`PackageReadError` naming the file."""
    import pyarrow as pa

    try:
        return _arrow(schema, path)
    except (pa.ArrowException, OSError, ValueError) as exc:
        from .reader import shorten

        raise PackageReadError(f"{path}: cannot be read as table {schema.name!r}: {shorten(str(exc))}; "
                               "run cicc-data validate for every problem") from None


def _arrow(schema: TableSchema, path: Path):
    import pyarrow as pa
    import pyarrow.csv as pacsv

    kinds = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "date": pa.date32(),
             "boolean": pa.bool_()}
    types = {f.name: kinds.get(f.type, pa.string()) for f in schema.fields}
    return pacsv.read_csv(
        path,
        memory_pool=pa.system_memory_pool(),  # the default jemalloc pool reserves ~20 MB for a few KB of data
        # one thread: Arrow's thread pool gives each worker its own malloc arena, some 7 MB of peak memory
        # for tables of a few MB, which one thread parses as fast
        read_options=pacsv.ReadOptions(column_names=schema.field_names, skip_rows=1, use_threads=False),
        convert_options=pacsv.ConvertOptions(
            column_types=types, null_values=[""], true_values=["true"], false_values=["false"],
            strings_can_be_null=True, quoted_strings_can_be_null=False,
        ),
    )


def load(name: str, engine: str = "pandas", root: Path | None = None) -> Any:
    """Table ``name`` as a DataFrame typed from its schema; the primary key stays a column."""
    root = root or package_root()
    schema = table_schema(name, root)
    path = _csv_path(name, root)
    if engine == "polars":
        return _load_polars(schema, path)
    if engine != "pandas":
        raise InvalidArgumentError(f"engine must be 'pandas' or 'polars', not {engine!r}")
    import pandas as pd
    import pyarrow as pa

    table = _arrow_safe(schema, path)
    mapping = {pa.string(): pd.StringDtype(), pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
               pa.bool_(): pd.BooleanDtype()}
    cols = {}
    for f, col in zip(schema.fields, table.columns):
        if f.type == "date":
            cols[f.name] = col.cast(pa.timestamp("ms")).to_pandas()
        elif f.enum:
            cols[f.name] = pd.Series(pd.Categorical(col.to_pylist(), categories=list(f.enum)))
        else:
            cols[f.name] = col.to_pandas(types_mapper=mapping.get)
    return pd.DataFrame(cols)


def _load_polars(schema: TableSchema, path: Path):
    try:
        import polars as pl
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("engine='polars' needs polars: pip install 'cicc-data[polars]'") from exc
    kinds = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "date": pl.Date, "boolean": pl.Boolean}
    try:
        frame = pl.read_csv(path, schema={f.name: kinds.get(f.type, pl.String) for f in schema.fields})
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        from .reader import shorten

        raise PackageReadError(f"{path}: cannot be read as table {schema.name!r}: {shorten(str(exc))}") from None
    casts = []
    for f in schema.fields:
        if f.enum:
            casts.append(pl.col(f.name).cast(pl.Enum(list(f.enum))))
    return frame.with_columns(casts) if casts else frame


def load_all(engine: str = "pandas", root: Path | None = None) -> dict[str, Any]:
    """Every table, keyed by name."""
    root = root or package_root()
    return {name: load(name, engine=engine, root=root) for name in table_names(root)}


def records(name: str, root: Path | None = None) -> list[Row]:
    """Rows of table ``name`` as Pydantic models (``cicc_data.models``), in file order."""
    from .models import MODELS, edition_spans

    root = root or package_root()
    path = _csv_path(name, root)
    model = MODELS.get(name)
    if model is None:
        raise UnknownNameError(f"table {name!r} has no record model; records() knows: {', '.join(MODELS)}")
    context = {"editions": edition_spans(csvio.read_table(data_file("editions", root))[1])}
    _, rows = csvio.read_table(path)
    return [_record(model, r, n, path, context) for n, r in enumerate(rows, start=2)]


def _record(model: Any, row: dict[str, str], n: int, path: Path, context: dict[str, Any]) -> Row:
    from pydantic import ValidationError

    try:
        return model.model_validate({k: v for k, v in row.items() if v != ""}, context=context)
    except ValidationError as exc:
        from .reader import shorten

        err = exc.errors()[0]
        where = ".".join(str(x) for x in err.get("loc", ()))
        raise PackageReadError(f"{path}: row {n}, field {shorten(where, 60)}: {shorten(err.get('msg', ''))}; "
                               "run cicc-data validate for every problem") from None
