"""Building blocks shared by the generated row models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Row(BaseModel):
    """Base of every table row model: immutable, no unknown columns, empty text means missing."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)
