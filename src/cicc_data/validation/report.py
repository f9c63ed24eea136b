"""Problems found by validation, gathered into one report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..reader import MAX_MESSAGE, MAX_SHOWN, shorten
from .codes import DEFAULT_CODE

MAX_PROBLEMS = 500


@dataclass(frozen=True)
class Problem:
    """One problem: where it is (file, row, field), what was expected, and its stable ``code``.

    ``row`` counts the header as row 1, so the first data row is row 2 (as in Frictionless).
    ``code`` names the kind of problem in :mod:`cicc_data.validation.codes`; left out, it is the
    layer's fallback code.
    """

    layer: str
    file: str
    row: int | None
    field: str | None
    message: str
    code: str = ""

    def __post_init__(self) -> None:
        if not self.code:
            object.__setattr__(self, "code", DEFAULT_CODE.get(self.layer, f"{self.layer}-other"))
        if len(self.message) > MAX_MESSAGE:  # no 8.9 MB line listing a million column names
            object.__setattr__(self, "message", shorten(self.message, MAX_MESSAGE))
        if self.field is not None and len(self.field) > MAX_SHOWN:
            object.__setattr__(self, "field", shorten(self.field, MAX_SHOWN))

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.message} [{self.layer}: {self.code}]"


@dataclass
class Report:
    """Every problem of a package, in file then row order, capped at ``MAX_PROBLEMS``."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    tables: int = 0
    rows: int = 0
    truncated: bool = False
    note: str = ""  # what the report could not check (e.g. the rules of another major version)

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def full(self) -> bool:
        """True once ``MAX_PROBLEMS`` problems are listed: later layers may stop looking."""
        return len(self.problems) >= MAX_PROBLEMS

    def add(self, problem: Problem) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.truncated = True
            return
        self.problems.append(problem)

    def has(self, file: str, row: int | None = None) -> bool:
        return any(p.file == file and (row is None or p.row == row) for p in self.problems)

    def codes(self) -> set[str]:
        """The codes of the problems listed."""
        return {p.code for p in self.problems}

    def to_dict(self) -> dict:
        return {
            "path": self.path, "valid": self.valid, "tables": self.tables, "rows": self.rows,
            "truncated": self.truncated, "note": self.note, "problems": [asdict(p) for p in self.problems],
        }

    def __str__(self) -> str:
        note = f"\nnote: {self.note}" if self.note else ""
        if self.valid:
            return f"valid: {self.path} ({self.tables} tables, {self.rows} rows){note}"
        lines = [f"invalid: {self.path}: {len(self.problems)} problem(s)"
                 + (f" (stopped listing at {MAX_PROBLEMS})" if self.truncated else "")]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines) + note
