"""Building blocks shared by the generated row models."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict


def _split_ids(value: Any) -> Any:
    if isinstance(value, str):
        return tuple(part for part in value.split(";") if part)
    return value


SourceIds = Annotated[tuple[str, ...], BeforeValidator(_split_ids)]
"""A semicolon-separated cell of source IDs, parsed into a tuple."""


class Row(BaseModel):
    """Base of every table row model: immutable, no unknown columns, empty text means missing."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)
