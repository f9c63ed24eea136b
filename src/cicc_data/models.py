"""Public row models: the generated field definitions plus the rules a table schema cannot say.

Rules that need another table (a sub-forum's date within its edition) read the editions from
the validation context: ``Model.model_validate(row, context={"editions": {...}})``.
"""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import ValidationInfo, model_validator

from . import _generated_models as g
from ._tables import MODEL_NAMES
from .rowtypes import Row

ORG_ROLE_KINDS = frozenset({"host", "co-host", "undertaker", "guide", "supporter", "organizer", "compiler", "signatory"})
PERSON_ROLE_KINDS = frozenset(
    {"keynote-speaker", "speaker", "letter-sender", "letter-reader", "presider",
     "moderator", "briefer", "attendee"}
)
EITHER_ROLE_KINDS = frozenset({"awardee"})
"""Role kinds that name a person or a body (an award goes to either)."""


def edition_spans(rows: list[dict[str, str]]) -> dict[str, tuple[datetime.date, datetime.date]]:
    """Start and end date of each edition from raw editions rows (end defaults to start; bad rows skipped)."""
    spans = {}
    for row in rows:
        try:
            start = datetime.date.fromisoformat(row["start_date"])
            end = datetime.date.fromisoformat(row["end_date"]) if row.get("end_date") else start
        except (KeyError, ValueError):
            continue
        spans[row["edition_id"]] = (start, end)
    return spans


class RuleError(ValueError):
    """A rule between a row's fields is broken; ``code`` names the rule in the validation catalogue."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


SIDE_EVENT_WINDOW = datetime.timedelta(days=60)
"""Summits, exhibitions and side events may fall this far around their edition; sub-forums may not."""


def _edition_span(info: ValidationInfo, edition_id: str) -> tuple[datetime.date, datetime.date] | None:
    ctx: Any = info.context or {}
    return (ctx.get("editions") or {}).get(edition_id)


class Source(g.SourceRow):
    pass


class Edition(g.EditionRow):
    @model_validator(mode="after")
    def _dates(self) -> Edition:
        if self.end_date and self.end_date < self.start_date:
            raise RuleError("end-before-start", f"end_date {self.end_date} is before start_date {self.start_date}")
        if self.start_date.year != self.year:
            raise RuleError("edition-year", f"start_date {self.start_date} is not in year {self.year}")
        return self


class Organization(g.OrganizationRow):
    @model_validator(mode="after")
    def _not_own_parent(self) -> Organization:
        if not (self.name_zh or self.name_en):
            raise RuleError("name-missing", "an organization needs name_zh or name_en")
        if self.parent_organization_id == self.organization_id:
            raise RuleError("own-parent", "an organization cannot be its own parent (parent_organization_id)")
        return self


class Person(g.PersonRow):
    @model_validator(mode="after")
    def _named(self) -> Person:
        if not (self.name_zh or self.name_en):
            raise RuleError("name-missing", "a person needs name_zh or name_en")
        return self


class Post(g.PostRow):
    @model_validator(mode="after")
    def _dates(self) -> Post:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise RuleError("end-before-start", f"end_date {self.end_date} is before start_date {self.start_date}")
        if not (self.title_zh or self.title_en):
            raise RuleError("name-missing", "a post needs title_zh or title_en")
        return self


class Event(g.EventRow):
    @model_validator(mode="after")
    def _date(self, info: ValidationInfo) -> Event:
        span = _edition_span(info, self.edition_id)
        if span and self.date:
            start, end = span
            if self.kind == "press-conference" and self.date > start:
                raise RuleError("date-outside-edition", f"date {self.date}: a press conference comes before its edition opens ({start})")
            if self.kind != "press-conference" and not start <= self.date <= end:
                raise RuleError("date-outside-edition", f"date {self.date} lies outside edition {self.edition_id} ({start} to {end})")
        return self


class Subforum(g.SubforumRow):
    @model_validator(mode="after")
    def _title_and_date(self, info: ValidationInfo) -> Subforum:
        if not (self.title_zh or self.title_en or self.theme_zh or self.theme_en):
            raise RuleError("name-missing", "a sub-forum needs a title or a theme (title_zh, title_en, theme_zh or theme_en)")
        span = _edition_span(info, self.edition_id)
        if span and self.date:
            start, end = span
            if self.kind == "subforum" and not start <= self.date <= end:
                raise RuleError("date-outside-edition", f"date {self.date} lies outside edition {self.edition_id} ({start} to {end})")
            lo, hi = start - SIDE_EVENT_WINDOW, end + SIDE_EVENT_WINDOW
            if not lo <= self.date <= hi:
                raise RuleError("date-outside-edition", f"date {self.date} is more than {SIDE_EVENT_WINDOW.days} days from edition "
                                 f"{self.edition_id} ({start} to {end})")
        return self


class Output(g.OutputRow):
    @model_validator(mode="after")
    def _name(self) -> Output:
        if not (self.name_zh or self.name_en):
            raise RuleError("name-missing", "an output needs name_zh or name_en")
        return self


class Role(g.RoleRow):
    @model_validator(mode="after")
    def _actors(self) -> Role:
        kind = self.role_kind
        if kind in ORG_ROLE_KINDS:
            if not self.organization_id or self.person_id:
                raise RuleError("role-actors", f"role_kind {kind!r} names an organization_id and no person_id")
        elif kind in PERSON_ROLE_KINDS:
            if not (self.person_id or self.organization_id):
                raise RuleError("role-actors", f"role_kind {kind!r} names a person_id (or, for an official the sources leave "
                                 "unnamed, the organization_id they spoke for)")
        elif kind in EITHER_ROLE_KINDS:
            if bool(self.person_id) == bool(self.organization_id) and not self.person_id:
                raise ValueError(f"role_kind {kind!r} names a person_id or an organization_id")
        elif kind == "releaser":
            if not self.output_id:
                raise RuleError("role-actors", "role_kind 'releaser' names the output_id released")
            if not (self.person_id or self.organization_id):
                raise RuleError("role-actors", "role_kind 'releaser' names a person_id or an organization_id")
        if (self.title_zh or self.title_en) and kind in ORG_ROLE_KINDS:
            raise RuleError("role-actors", f"title_zh/title_en describe a person's post; role_kind {kind!r} names an organization")
        return self


class Name(g.NameRow):
    @model_validator(mode="after")
    def _language(self) -> Name:
        if self.name_type == "variant" and not self.language.startswith("zh"):
            raise RuleError("variant-language", f"name_type 'variant' is for Chinese forms, not language {self.language!r}")
        return self


class Claim(g.ClaimRow):
    pass


class CuratorValue(g.CuratorValueRow):
    @model_validator(mode="after")
    def _id(self) -> CuratorValue:
        if self.curator_value_id != f"{self.entity_id}--{self.field}":
            raise ValueError(f"curator_value_id must be entity_id--field ({self.entity_id}--{self.field}); "
                             "run scripts/generate.py")
        return self


class Entity(g.EntityRow):
    pass


class GlossaryTerm(g.GlossaryTermRow):
    pass


class Citation(g.CitationRow):
    @model_validator(mode="after")
    def _id(self) -> Citation:
        expected = f"{self.entity_id}:{self.field or ''}:{self.source_id}"
        if self.citation_id != expected:
            raise ValueError(f"citation_id must be entity_id:field:source_id ({expected}); run scripts/generate.py")
        return self


MODELS: dict[str, type[Row]] = {table: globals()[name] for table, name in MODEL_NAMES.items()}
"""Model of each table, from the generated table map."""
