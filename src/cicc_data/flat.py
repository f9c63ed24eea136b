"""``role_facts``: one flat row per role, for a spreadsheet or a newsroom (who did what, where, per which pages).

Built from ``roles``, ``editions``, ``events``, ``subforums``, ``outputs``, ``organizations``, ``people``,
``citations`` and ``sources`` each time it is asked for, so it can never drift from them. The same
table is the ``role_facts`` view of the SQLite export (:data:`SQLITE_VIEW`) and a sheet of the workbook.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from . import csvio
from .paths import package_root

NAME = "role_facts"
DESCRIPTION = ("Every role as one flat row: the edition, the session, sub-forum or output it belongs to (titles in "
               "Chinese and English), the actor (type, Chinese and English name) and the body named with it, the role "
               "kind and the term the source prints, the job title, the position, whether it rests on weak sources "
               "only, and the URLs of its sources. Built from the other tables, never edited.")
_S, _I, _B = "string", "integer", "boolean"
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("role_id", _S, "The role (roles.role_id)."),
    ("year", _I, "Year of the edition."),
    ("edition_id", _S, "The edition (editions.edition_id)."),
    ("level", _S, "Where the role sits: edition, event (a session), subforum or output."),
    ("context_id", _S, "The edition, session, sub-forum or output the role belongs to (the most specific one)."),
    ("context_kind", _S, "What that context is: the kind of session (opening-ceremony, main-forum, press-conference "
                         "...), of sub-forum, of output, or edition."),
    ("context_title_zh", _S, "Chinese name or title of that context (empty for the sessions the sources give no title)."),
    ("context_title_en", _S, "English name or title of that context."),
    ("role_kind", _S, "What the actor did (roles.role_kind)."),
    ("term_zh", _S, "The Chinese term a source prints for it (共同主办, 致辞 ...)."),
    ("term_en", _S, "The English wording, where only a page in that language states the role."),
    ("actor_type", _S, "person or organization."),
    ("actor_id", _S, "The person, or for a body's role the organization (people.person_id or organizations.organization_id)."),
    ("actor_name_zh", _S, "Chinese name of the actor."),
    ("actor_name_en", _S, "English name of the actor."),
    ("organization_id", _S, "The body named with the role: the actor itself, or the body a person served at the time."),
    ("organization_name_zh", _S, "Chinese name of that body."),
    ("organization_name_en", _S, "English name of that body."),
    ("title_zh", _S, "The person's post at the time, in Chinese, as a source gives it."),
    ("title_en", _S, "The person's post at the time, in English, as a source gives it."),
    ("position", _I, "Place of the actor in the list a source prints, from 1."),
    ("weak", _B, "True when the role rests on weak sources only (mirrors or blogs)."),
    ("source_urls", _S, "URLs of every page cited for the role or its cells, sorted, joined with a space."),
)
COLUMNS = tuple(f[0] for f in FIELDS)
CONTEXTS = {"event": ("events", "event_id", "title"), "subforum": ("subforums", "subforum_id", "title"),
            "output": ("outputs", "output_id", "name"), "edition": ("editions", "edition_id", "name")}
"""Per level: the table of the context, its key in roles, and the stem of its name columns."""


def schema_descriptor() -> dict[str, Any]:
    """A Frictionless table schema of ``role_facts`` (for a release that ships the table as a file)."""
    fields = [{"name": n, "type": t, "description": d} for n, t, d in FIELDS]
    fields[0]["constraints"] = {"required": True, "unique": True}
    return {"description": DESCRIPTION, "fields": fields, "primaryKey": ["role_id"], "missingValues": [""]}


@lru_cache(maxsize=8)
def _table(root: Path, name: str, key: str) -> dict[str, dict[str, str]]:
    return {r[key]: r for r in csvio.read_table(root / "data" / f"{name}.csv")[1]}


def _source_urls(root: Path) -> dict[str, list[str]]:
    urls = {sid: r["url"] for sid, r in _table(root, "sources", "source_id").items()}
    out: dict[str, set[str]] = {}
    for c in csvio.read_table(root / "data" / "citations.csv")[1]:
        out.setdefault(c["entity_id"], set()).add(urls.get(c["source_id"], ""))
    return {k: sorted(v - {""}) for k, v in out.items()}


def _weak(root: Path) -> dict[str, bool]:
    return {c["entity_id"]: c["weak"] == "true" for c in reversed(csvio.read_table(root / "data" / "citations.csv")[1])
            if c["field"] == ""}


def _row(r: dict[str, str], root: Path, urls: dict[str, list[str]], weak: dict[str, bool]) -> dict[str, str]:
    table, key, stem = CONTEXTS[r["level"]]
    ctx = _table(root, table, key).get(r[key], {})
    person = _table(root, "people", "person_id").get(r["person_id"]) if r["person_id"] else None
    org = _table(root, "organizations", "organization_id").get(r["organization_id"], {})
    actor = person if person is not None else org
    return {
        "role_id": r["role_id"], "year": _table(root, "editions", "edition_id")[r["edition_id"]]["year"],
        "edition_id": r["edition_id"], "level": r["level"], "context_id": r[key],
        "context_kind": ctx.get("kind", "edition") if table != "editions" else "edition",
        "context_title_zh": ctx.get(f"{stem}_zh", ""), "context_title_en": ctx.get(f"{stem}_en", ""),
        "role_kind": r["role_kind"], "term_zh": r["term_zh"], "term_en": r["term_en"],
        "actor_type": "person" if person is not None else "organization",
        "actor_id": r["person_id"] or r["organization_id"],
        "actor_name_zh": actor.get("name_zh", ""), "actor_name_en": actor.get("name_en", ""),
        "organization_id": r["organization_id"], "organization_name_zh": org.get("name_zh", ""),
        "organization_name_en": org.get("name_en", ""), "title_zh": r["title_zh"], "title_en": r["title_en"],
        "position": r["position"], "weak": "true" if weak.get(r["role_id"], False) else "false",
        "source_urls": " ".join(urls.get(r["role_id"], [])),
    }


def role_facts(root: Path | None = None) -> list[dict[str, str]]:
    """Every role as one flat row of text (the package's CSV conventions: empty = missing), by role_id."""
    root = root or package_root()
    urls, weak = _source_urls(root), _weak(root)
    roles = sorted(csvio.read_table(root / "data" / "roles.csv")[1], key=lambda r: r["role_id"])
    return [_row(r, root, urls, weak) for r in roles]


def write_role_facts(root: Path | None, out_path: str | Path) -> Path:
    """Write ``role_facts`` as a CSV in the package dialect (UTF-8, LF, sorted by role_id); return its path."""
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    csvio.write_table(out, COLUMNS, ([r[c] for c in COLUMNS] for r in role_facts(root)))
    return out


def load_role_facts(engine: str = "pandas", root: Path | None = None) -> Any:
    """``role_facts`` as a DataFrame typed like the tables: integers nullable, ``weak`` boolean, text as strings."""
    from .errors import InvalidArgumentError, MissingDependencyError

    rows = role_facts(root)
    typed = {n: [_typed(r[n], t) for r in rows] for n, t, _ in FIELDS}
    if engine == "polars":
        try:
            import polars as pl
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise MissingDependencyError("engine='polars' needs polars: pip install 'cicc-data[polars]'") from exc
        kinds = {_S: pl.String, _I: pl.Int64, _B: pl.Boolean}
        return pl.DataFrame(typed, schema={n: kinds[t] for n, t, _ in FIELDS})
    if engine != "pandas":
        raise InvalidArgumentError(f"engine must be 'pandas' or 'polars', not {engine!r}")
    import pandas as pd

    dtypes = {_S: pd.StringDtype(), _I: pd.Int64Dtype(), _B: pd.BooleanDtype()}
    return pd.DataFrame({n: pd.array(typed[n], dtype=dtypes[t]) for n, t, _ in FIELDS})


def _typed(text: str, kind: str) -> Any:
    if text == "":
        return None
    return int(text) if kind == _I else (text == "true") if kind == _B else text


def _context(column: str) -> str:
    parts = {"event": f"ev.{'title' if column != 'id' else 'event'}_{column}",
             "subforum": f"sf.{'title' if column != 'id' else 'subforum'}_{column}",
             "output": f"o.{'name' if column != 'id' else 'output'}_{column}",
             "edition": f"e.{'name' if column != 'id' else 'edition'}_{column}"}
    whens = " ".join(f"WHEN '{k}' THEN {v}" for k, v in parts.items() if k != "edition")
    return f"CASE r.level {whens} ELSE {parts['edition']} END"


SQLITE_VIEW = f"""CREATE VIEW "role_facts" AS
SELECT r.role_id, e.year, r.edition_id, r.level,
  {_context("id")} AS context_id,
  CASE r.level WHEN 'event' THEN ev.kind WHEN 'subforum' THEN sf.kind WHEN 'output' THEN o.kind ELSE 'edition' END
    AS context_kind,
  {_context("zh")} AS context_title_zh,
  {_context("en")} AS context_title_en,
  r.role_kind, r.term_zh, r.term_en,
  CASE WHEN r.person_id IS NOT NULL THEN 'person' ELSE 'organization' END AS actor_type,
  coalesce(r.person_id, r.organization_id) AS actor_id,
  CASE WHEN r.person_id IS NOT NULL THEN p.name_zh ELSE org.name_zh END AS actor_name_zh,
  CASE WHEN r.person_id IS NOT NULL THEN p.name_en ELSE org.name_en END AS actor_name_en,
  r.organization_id, org.name_zh AS organization_name_zh, org.name_en AS organization_name_en,
  r.title_zh, r.title_en, r.position,
  coalesce((SELECT c.weak FROM citations c WHERE c.entity_id = r.role_id AND c.field IS NULL
            ORDER BY c.rowid LIMIT 1), 0) AS weak,
  (SELECT group_concat(u.url, ' ') FROM (SELECT DISTINCT s.url FROM citations c JOIN sources s USING (source_id)
                                         WHERE c.entity_id = r.role_id ORDER BY s.url) u) AS source_urls
FROM roles r
JOIN editions e ON e.edition_id = r.edition_id
LEFT JOIN events ev ON ev.event_id = r.event_id
LEFT JOIN subforums sf ON sf.subforum_id = r.subforum_id
LEFT JOIN outputs o ON o.output_id = r.output_id
LEFT JOIN people p ON p.person_id = r.person_id
LEFT JOIN organizations org ON org.organization_id = r.organization_id
ORDER BY r.role_id"""
"""The same table as a view of the SQLite export (``cicc-data export --format sqlite``)."""

NEEDS = ("roles", "editions", "events", "subforums", "outputs", "people", "organizations", "citations", "sources")
"""Tables role_facts is built from."""
