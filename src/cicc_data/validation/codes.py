"""The catalogue of problem codes: each code's name, what it means and the layer that raises it.

A code is stable across releases: tests and scripts match on codes, never on message words.
A new kind of problem gets a new code; a code is never reused for another meaning.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    name: str
    meaning: str
    layer: str


_ENTRIES = [
    # layer "file": the descriptor, the schemas and the bytes of each file
    ("descriptor-unreadable", "datapackage.json cannot be read, or is not UTF-8 JSON", "file"),
    ("descriptor-invalid", "datapackage.json lacks what a data package needs (a resources list, a name and a "
                           "schema per resource, names used once, an ISO 8601 created date)", "file"),
    ("descriptor-nesting", "a descriptor or table schema nests deeper than any real one; refused unread", "file"),
    ("descriptor-license", "the package declares no licence (or a licence with neither name nor path)", "file"),
    ("descriptor-encoding", "a resource declares an encoding, format, media type or CSV dialect other than the "
                            "package's UTF-8 CSV", "file"),
    ("path-refused", "a resource or schema path leaves the package (URL, absolute, '..', backslash, or a "
                     "symbolic link leading outside); the file is not opened", "file"),
    ("file-missing", "a file listed in datapackage.json is not there", "file"),
    ("file-unreadable", "a file listed in datapackage.json is not a regular file (a folder, a device or a named "
                        "pipe, refused unread) or is larger than the reader's limit", "file"),
    ("schema-unreadable", "a table schema file cannot be read, or is not a JSON object", "file"),
    ("schema-invalid", "a table schema is not a valid Table Schema: fields without names, a name used twice, "
                       "a type Table Schema does not have, a primary or foreign key naming a field or "
                       "resource that does not exist", "file"),
    ("file-empty", "a data file is empty", "file"),
    ("byte-order-mark", "a data file starts with a UTF-8 byte-order mark", "file"),
    ("not-utf8", "a data file is not UTF-8 text", "file"),
    ("line-ending", "a carriage return (CRLF or CR line ending), or no line ending after the last row", "file"),
    ("csv-unparseable", "a data file cannot be parsed as CSV", "file"),
    ("header-mismatch", "the header row differs from the schema's fields", "file"),
    ("no-data-rows", "a data file has a header and no rows", "file"),
    ("row-width", "a row has more or fewer cells than the header (a stray quote or delimiter)", "file"),
    ("formula", "a text cell starts with a character a spreadsheet runs as a formula", "file"),
    ("whitespace", "a cell has leading or trailing whitespace", "file"),
    ("unsorted", "rows are not sorted by primary key", "file"),
    # layer "integrity": sizes and hashes recorded in datapackage.json
    ("size-mismatch", "a file's size differs from the bytes recorded in datapackage.json", "integrity"),
    ("hash-mismatch", "a file's sha256 differs from the hash recorded in datapackage.json", "integrity"),
    ("hash-algorithm", "a hash uses an algorithm the validator does not check (only sha256 is)", "integrity"),
    ("hash-missing", "datapackage.json records no bytes or hash for a file", "integrity"),
    # layer "text": what a cell's characters say
    ("control-character", "a control character (NUL, escape, other C0/C1 controls) in a cell", "text"),
    ("invisible-character", "a zero-width, format or private-use character, or an unusual space, in a cell",
     "text"),
    ("bidi-control", "a bidirectional override or isolate, which can reorder what a reader sees", "text"),
    ("line-break", "a line break inside a one-line field", "text"),
    ("mixed-script", "a word mixing Latin with Greek or Cyrillic look-alike letters", "text"),
    ("not-nfc", "text that is not in Unicode normalization form NFC", "text"),
    ("mojibake", "text decoded with the wrong codec (e.g. UTF-8 read as Latin-1 or GBK), or U+FFFD", "text"),
    ("no-chinese", "a Chinese field (*_zh) with no Chinese character in it", "text"),
    ("url-scheme", "a URL whose scheme is not http or https", "text"),
    ("url-userinfo", "a URL with user information before the host (user@host), which disguises the host",
     "text"),
    ("url-malformed", "a URL with no host, spaces, backslashes or hidden characters", "text"),
    # layer "schema": the reference Frictionless validator
    ("type-error", "a cell that is not of its field's type", "schema"),
    ("constraint-error", "a cell that breaks a constraint (required, enum, pattern, minimum...)", "schema"),
    ("unique-error", "a value repeated in a field that must be unique", "schema"),
    ("primary-key", "a primary key repeated or missing", "schema"),
    ("foreign-key", "a reference to a row that does not exist", "schema"),
    ("schema-other", "any other error the Frictionless validator reports", "schema"),
    ("schema-failed", "the Frictionless validator could not run on the tables", "schema"),
    # layer "model": one row's fields together
    ("model-type", "a row that does not parse into its model (missing, wrong type, unknown column)", "model"),
    ("model-rule", "a rule between a row's fields is broken", "model"),
    ("end-before-start", "an end date before the start date", "model"),
    ("edition-year", "an edition whose year is not its start date's year", "model"),
    ("name-missing", "a row with none of the names or titles it needs", "model"),
    ("own-parent", "an organization that is its own parent", "model"),
    ("date-outside-edition", "an event or sub-forum dated outside its edition (a press conference after it "
                             "opens, a side event too far from it)", "model"),
    ("role-actors", "a role whose kind does not match who acts (organization, person, output)", "model"),
    ("variant-language", "a variant name that is not Chinese", "model"),
    # layer "cross-table": rules across rows and tables
    ("cross-table-reference", "a reference across tables that does not resolve (cited source, entity, claim "
                              "field, preferred claim value, weak-source flag)", "cross-table"),
    ("id-reused", "an ID used in two tables", "cross-table"),
    ("duplicate-entity", "one organization or person under two IDs (same name, also across traditional "
                         "and simplified characters)", "cross-table"),
    ("duplicate-name", "one name belonging to two entities", "cross-table"),
    ("orphan-entity", "an organization or person tied to nothing at the conference", "cross-table"),
    ("curated-and-cited", "a cell that cites sources and is also marked as the curators' own (only a "
                          "script-conversion is both)", "cross-table"),
    ("conversion-uncited", "a script-conversion cell that cites no source for the form it was converted from",
     "cross-table"),
    ("claim-single-value", "a claimed field with one value only (a claim records sources that disagree)",
     "cross-table"),
    ("edition-mismatch", "a row pointing at an event, sub-forum or output of another edition", "cross-table"),
    # layer "consistency": facts that cannot be true together
    ("ordinal-order", "edition ordinals that do not follow the years (1, 2, 3... in year order)", "consistency"),
    ("press-conference-early", "a press conference long before its edition", "consistency"),
    ("length-not-positive", "an edition lasting zero or fewer days, or longer than its dates", "consistency"),
    ("output-date", "an output dated before the first edition, or far from its own edition", "consistency"),
    ("source-after-release", "a source published after the package was created", "consistency"),
    ("parent-cycle", "organizations that are each other's parents, directly or not", "consistency"),
    ("duplicate-relation", "the same relation (role, post, name, claim, citation) twice under two IDs",
     "consistency"),
    ("script-mismatch", "a name whose language tag does not match its script", "consistency"),
    ("language-tag", "a language tag that is not a BCP 47 language (with known script or region)",
     "consistency"),
    ("redirect-broken", "a row of releases/redirects.csv that loops, points at an ID that is neither a row "
                        "nor redirected on, or retires an ID still in use", "consistency"),
    ("property-not-applicable", "a name property that does not apply to the entity's type (a theme of a "
                                "person)", "consistency"),
    ("source-uncited", "a source that no row cites", "consistency"),
    # fallbacks, one per layer, for problems raised without a code
    ("file-other", "any other file problem", "file"),
    ("integrity-other", "any other integrity problem", "integrity"),
    ("text-other", "any other text problem", "text"),
    ("cross-table-other", "any other cross-table problem", "cross-table"),
    ("consistency-other", "any other inconsistency", "consistency"),
]

CATALOGUE: dict[str, Code] = {name: Code(name, meaning, layer) for name, meaning, layer in _ENTRIES}
"""Every problem code, keyed by name."""

DEFAULT_CODE = {
    "file": "file-other", "integrity": "integrity-other", "text": "text-other", "schema": "schema-other",
    "model": "model-rule", "cross-table": "cross-table-reference", "consistency": "consistency-other",
}
"""The code of a problem raised without one, by layer."""


def describe(code: str) -> Code:
    """The catalogue entry of ``code`` (KeyError if the catalogue has none)."""
    return CATALOGUE[code]


def markdown() -> str:
    """The catalogue as the Markdown table of docs/problem-codes.md."""
    lines = [
        "# Problem codes",
        "",
        "Generated from `src/cicc_data/validation/codes.py` by `python -c \"from cicc_data.validation.codes import "
        "markdown; print(markdown(), end='')\" > docs/problem-codes.md`; do not edit.",
        "Every problem `cicc-data validate` reports carries one of these codes (`code` in `--json`).",
        "",
        "| code | layer | meaning |",
        "|---|---|---|",
    ]
    lines += [f"| `{c.name}` | {c.layer} | {c.meaning} |" for c in CATALOGUE.values()]
    return "\n".join(lines) + "\n"

