"""Layer 2: every row parsed into its Pydantic model, with the rules a schema cannot say."""

from __future__ import annotations

import datetime

from pydantic import ValidationError

from .files import Table
from .report import Problem, Report


def edition_spans(tables: dict[str, Table]) -> dict[str, tuple[datetime.date, datetime.date]]:
    spans = {}
    ed = tables.get("editions")
    for _, row in ed.rows if ed else []:
        try:
            spans[row["edition_id"]] = (datetime.date.fromisoformat(row["start_date"]),
                                        datetime.date.fromisoformat(row["end_date"]))
        except ValueError:
            continue
    return spans


def check(tables: dict[str, Table], flagged: set[tuple[str, int]], report: Report) -> None:
    from ..models import MODELS

    context = {"editions": edition_spans(tables)}
    for name, table in tables.items():
        model = MODELS.get(name)
        if model is None:
            continue
        for n, row in table.rows:
            if (table.file, n) in flagged:
                continue
            data = {k: v for k, v in row.items() if v != ""}
            try:
                model.model_validate(data, context=context)
            except ValidationError as exc:
                for e in exc.errors(include_url=False):
                    loc = ".".join(str(x) for x in e["loc"]) or None
                    msg = e["msg"].removeprefix("Value error, ")
                    report.add(Problem("model", table.file, n, loc, msg))
