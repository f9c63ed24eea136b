"""One edition as a nested object: who did what, its sessions, sub-forums, outputs and sources."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .errors import UnknownNameError
from .loading import records
from .models import (
    Claim,
    Edition,
    Event,
    Name,
    Organization,
    Output,
    Person,
    Role,
    Source,
    Subforum,
)
from .provenance import Fact, cited_source_ids, facts


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Actor(_Frozen):
    """A role with the organization and/or person it names resolved."""

    role: Role
    organization: Organization | None = None
    person: Person | None = None


class OutputDetail(_Frozen):
    output: Output
    releasers: list[Actor]


class EventDetail(_Frozen):
    event: Event
    actors: list[Actor]
    outputs: list[OutputDetail]


class SubforumDetail(_Frozen):
    subforum: Subforum
    actors: list[Actor]
    outputs: list[OutputDetail]


class EditionDetail(_Frozen):
    """Everything the dataset holds about one edition."""

    edition: Edition
    names: list[Name]
    organizations: list[Actor]
    people: list[Actor]
    press_conferences: list[EventDetail]
    events: list[EventDetail]
    subforums: list[SubforumDetail]
    outputs: list[OutputDetail]
    claims: list[Claim]
    sources: list[Source]
    provenance: dict[str, Fact]
    """Sources stated for each field of the edition row ("" for the row as a whole)."""


def edition(year: int, root: Path | None = None) -> EditionDetail:
    """The edition held in ``year``, with every row about it resolved and nested."""
    eds = [e for e in records("editions", root=root) if e.year == year]  # type: ignore[attr-defined]
    if not eds:
        years = sorted(e.year for e in records("editions", root=root))  # type: ignore[attr-defined]
        raise UnknownNameError(f"no edition in {year}; editions: {', '.join(map(str, years))}")
    ed: Edition = eds[0]  # type: ignore[assignment]
    eid = ed.edition_id
    orgs = {o.organization_id: o for o in records("organizations", root=root)}  # type: ignore[attr-defined]
    people = {p.person_id: p for p in records("people", root=root)}  # type: ignore[attr-defined]
    roles = [r for r in records("roles", root=root) if r.edition_id == eid]  # type: ignore[attr-defined]
    actors = [Actor(role=r, organization=orgs.get(r.organization_id or ""), person=people.get(r.person_id or ""))
              for r in roles]

    def releasers(output_id: str) -> list[Actor]:
        return [a for a in actors if a.role.role_kind == "releaser" and a.role.output_id == output_id]

    outputs = [OutputDetail(output=o, releasers=releasers(o.output_id))
               for o in records("outputs", root=root) if o.edition_id == eid]  # type: ignore[attr-defined]
    events = [EventDetail(event=e,
                          actors=[a for a in actors if a.role.event_id == e.event_id and a.role.role_kind != "releaser"],
                          outputs=[o for o in outputs if o.output.event_id == e.event_id])
              for e in records("events", root=root) if e.edition_id == eid]  # type: ignore[attr-defined]
    subforums = [SubforumDetail(subforum=s,
                                actors=[a for a in actors if a.role.subforum_id == s.subforum_id and a.role.role_kind != "releaser"],
                                outputs=[o for o in outputs if o.output.subforum_id == s.subforum_id])
                 for s in records("subforums", root=root) if s.edition_id == eid]  # type: ignore[attr-defined]
    own_ids = {eid} | {e.event.event_id for e in events} | {s.subforum.subforum_id for s in subforums} \
        | {o.output.output_id for o in outputs} | {r.role_id for r in roles}
    names = [n for n in records("names", root=root) if n.entity_id in own_ids]  # type: ignore[attr-defined]
    claims = [c for c in records("claims", root=root) if c.entity_id in own_ids]  # type: ignore[attr-defined]
    own_ids |= {n.name_id for n in names} | {c.claim_id for c in claims}  # type: ignore[attr-defined]
    cited = cited_source_ids(own_ids, root)
    sources = [s for s in records("sources", root=root) if s.source_id in cited]  # type: ignore[attr-defined]
    return EditionDetail(
        edition=ed,
        names=names,
        organizations=[a for a in actors if a.person is None],
        people=[a for a in actors if a.person is not None],
        press_conferences=[e for e in events if e.event.kind == "press-conference"],
        events=[e for e in events if e.event.kind != "press-conference"],
        subforums=subforums,
        outputs=outputs,
        claims=claims,
        sources=sources,
        provenance=facts(eid, root),
    )
