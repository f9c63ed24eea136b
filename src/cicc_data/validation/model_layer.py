"""Layer 2: every row parsed into its Pydantic model, with the rules a schema cannot say."""

from __future__ import annotations

from pydantic import ValidationError

from .codes import CATALOGUE
from .files import Table
from .report import Problem, Report


def _field_named_in(message: str, model: type) -> str | None:
    """Rules that span fields name the field they fault first in their message."""
    first = message.split(" ", 1)[0]
    return first if first in model.model_fields else None


def _code(error: dict) -> str:
    """The catalogue code of a Pydantic error: the rule's own, or model-rule / model-type."""
    code = getattr((error.get("ctx") or {}).get("error"), "code", None)
    if isinstance(code, str) and code in CATALOGUE:
        return code
    return "model-rule" if error["type"] == "value_error" else "model-type"


def check(tables: dict[str, Table], flagged: set[tuple[str, int]], report: Report) -> None:
    from ..models import MODELS, edition_spans

    ed = tables.get("editions")
    context = {"editions": edition_spans([row for _, row in ed.rows] if ed else [])}
    for name, table in tables.items():
        model = MODELS.get(name)
        if model is None or report.full:
            continue
        for n, row in table.rows:
            if (table.file, n) in flagged:
                continue
            data = {k: v for k, v in row.items() if v != ""}
            try:
                model.model_validate(data, context=context)
            except ValidationError as exc:
                for e in exc.errors(include_url=False):
                    msg = e["msg"].removeprefix("Value error, ")
                    loc = ".".join(str(x) for x in e["loc"]) or _field_named_in(msg, model)
                    report.add(Problem("model", table.file, n, loc, msg, _code(e)))
