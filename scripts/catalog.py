"""Catalogue metadata generated with the rest by scripts/generate.py: croissant.json, .zenodo.json
and the dataset card (docs/dataset-card.md), which the release zip carries as its README.md.

- croissant.json: MLCommons Croissant 1.1 (JSON-LD), one FileObject per CSV (with its sha256) and
  one RecordSet per table, its fields typed from the table schema, its key and foreign keys declared,
  and the Responsible-AI (RAI) properties: how the data were collected, their biases and limits, and
  what personal information they hold.
- .zenodo.json: the deposit metadata Zenodo reads from a GitHub release.
- docs/dataset-card.md: the Hugging Face dataset card, whose YAML `configs:` block names each table
  so that `datasets.load_dataset(DIR, "editions")` reads it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

CROISSANT_VERSION = "http://mlcommons.org/croissant/1.1"
CROISSANT_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
CROISSANT_TYPES = {"string": "sc:Text", "integer": "sc:Integer", "number": "sc:Float", "date": "sc:Date",
                   "boolean": "sc:Boolean"}
HF_TYPES = {"string": "string", "integer": "int64", "number": "float64", "date": "date32", "boolean": "bool"}
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
CREATOR = "cicc-data contributors"
LIMITS = (
    "- **Weak-only facts.** A fact whose every source is graded `mirror` or `blog` is flagged "
    "`weak = true` in `citations`; treat such facts as leads, not findings.\n"
    "- **The 2026 edition is thin.** It rests on one blog rewrite of a Xinhua dispatch: an English name, "
    "the city and an opening date inferred from the dispatch; no Chinese title, theme, venue, end date or "
    "sub-forum count appears in any collected source, and all its facts are weak-only.\n"
    "- **Coverage.** The tables hold what public web pages state. People are those the sources name "
    "as acting at an edition; absence from a table is not evidence that something did not happen.\n"
    "- **Curated cells.** Romanizations, translations and inferred values that no source prints are "
    "listed in `curator_values`; descriptions and notes are the curators' own words."
)


RAI: dict[str, Any] = {
    "rai:dataCollection": (
        "Curators read the public web pages that report each edition of the conference (official sites of "
        "the organisers, state media, news sites, encyclopedias, and copies of these on other hosts), saved "
        "the text of each page, and recorded by hand the facts the pages state: editions, sessions, "
        "organisations, people, their roles and posts, and the outputs released. Every recorded fact cites "
        "the pages that state it (table citations); the pages are listed in table sources."),
    "rai:dataCollectionType": ["Document analysis", "Manual human curation"],
    "rai:dataCollectionRawData": (
        "Public web pages, each listed in the sources table with its URL, publisher, date, language and a "
        "reliability grade; the saved page texts are kept by the curators as evidence."),
    "rai:dataCollectionMissingData": (
        "An empty cell means that no collected source states the value. Absence of a row is not evidence that "
        "something did not happen: the tables hold only what public pages report."),
    "rai:dataPreprocessingProtocol": [
        "Chinese names are kept as printed; traditional-script prints are converted to simplified script and "
        "marked in curator_values (method script-conversion).",
        "English names are the sources' own where printed, otherwise curator translations or pinyin "
        "romanizations, each marked in curator_values and as names rows.",
    ],
    "rai:dataAnnotationProtocol": [
        "Role kinds, session topics and source reliability grades are categories assigned by the curators "
        "from closed vocabularies defined in the table schemas and the glossary table.",
    ],
    "rai:dataBiases": [
        "The pages are mainly official announcements, state-media reports and copies of these on other hosts; "
        "they report the conference as its organisers present it, and independent or critical coverage is scarce.",
        "Prominent officials, keynote speakers and large bodies are named far more often than other "
        "participants, so the people and organisations tables over-represent them.",
        "Editions are not documented evenly: the 2026 edition rests on one blog rewrite of a news-agency "
        "dispatch, so its few facts are all weak-only.",
    ],
    "rai:dataLimitations": [
        "Coverage is limited to what public web pages state; the tables are not a full attendance record.",
        "Facts whose every source is a mirror or blog are flagged weak = true in citations; treat them as leads.",
        "Romanizations, translations and inferred values that no source prints are listed in curator_values.",
        "Not suitable for judging individuals: the data record who held a role at a conference, not opinions "
        "or conduct.",
    ],
    "rai:dataUseCases": [
        "Research on Chinese internet governance and on who takes part in the conference over the years.",
        "Journalism and fact-checking: every fact links to the pages that state it.",
    ],
    "rai:dataSocialImpact": (
        "The dataset makes public reports on a state-organised conference easier to query and check; it "
        "names public officials and other public figures in their public roles and adds nothing beyond what "
        "their publishers printed."),
    "rai:personalSensitiveInformation": [
        "The data name people: public officials, executives, academics and other public figures, each acting "
        "in a public role at the conference (speaker, host, awardee, signatory and the like), with job titles "
        "and posts as published.",
        "No contact details, identification numbers, private addresses, health, religion or other sensitive "
        "categories are recorded; people's data come only from the public pages cited for them.",
    ],
    "rai:dataReleaseMaintenancePlan": (
        "Releases follow semantic versioning for data and are cut from the public repository; each release "
        "zip carries a delta (delta.jsonl) against the previous release and redirects.csv for retired IDs. "
        "Readers propose corrections through the repository's issue tracker."),
}
"""The Croissant Responsible-AI properties (http://mlcommons.org/croissant/RAI/), in our own words."""


def cff_citation(style: str, cff_text: str) -> str:
    """The citation of the CITATION.cff text ``cff_text``, by the package's one writer (cicc_data.citing)."""
    import yaml

    from cicc_data.citing import citation, read_cff_mapping

    return citation(style, read_cff_mapping(yaml.safe_load(cff_text) or {}))


def _croissant_table(name: str, s: Any, blob: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    """A table's FileObject (its CSV, with size and sha256) and RecordSet (typed fields, key, references)."""
    file_id = f"{name}.csv"
    file_object = {
        "@type": "cr:FileObject", "@id": file_id, "name": file_id,
        "description": f"Table {name} (UTF-8 CSV, an empty cell meaning missing).",
        "contentUrl": f"data/{name}.csv", "encodingFormat": "text/csv",
        "contentSize": f"{len(blob)} B", "sha256": hashlib.sha256(blob).hexdigest(),
    }
    refs = {fk.field: fk for fk in s.foreign_keys}
    fields = []
    for f in s.fields:
        field: dict[str, Any] = {
            "@type": "cr:Field", "@id": f"{name}/{f.name}", "name": f.name, "description": f.description,
            "dataType": CROISSANT_TYPES.get(f.type, "sc:Text"),
            "source": {"fileObject": {"@id": file_id}, "extract": {"column": f.name}},
        }
        fk = refs.get(f.name)
        if fk is not None and fk.table != name:  # a self-reference makes a cycle for mlcroissant
            field["references"] = {"field": {"@id": f"{fk.table}/{fk.ref_field}"}}
        fields.append(field)
    record_set = {
        "@type": "cr:RecordSet", "@id": name, "name": name, "description": s.description,
        "key": [{"@id": f"{name}/{k}"} for k in s.primary_key], "field": fields,
    }
    return file_object, record_set


def croissant_source(defs: dict[str, Any], schemas: dict[str, Any], blobs: dict[str, bytes],
                     version: str, date: str, repository: str, description: str, cff: str) -> str:
    """croissant.json: Croissant 1.1 with the RAI properties; citeAs is the package's BibTeX of ``cff``."""
    tables = [_croissant_table(name, schemas[name], blobs[name]) for name in defs["tables"]]
    distribution, record_sets = [t[0] for t in tables], [t[1] for t in tables]
    doc = {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CROISSANT_VERSION,
        "name": "cicc-data",
        "alternateName": "China Internet Civilization Conference (中国网络文明大会) dataset",
        "description": description,
        "version": version,
        "datePublished": date,
        "license": LICENSE_URL,
        "url": repository,
        "sameAs": repository,
        "citeAs": cff_citation("bibtex", cff),
        "creator": {"@type": "sc:Organization", "name": CREATOR, "url": repository},
        "keywords": ["China", "internet governance", "China Internet Civilization Conference", "conferences",
                     "provenance"],
        "inLanguage": ["zh", "en"],
        "isLiveDataset": False,
        **RAI,
        "distribution": distribution,
        "recordSet": record_sets,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def zenodo_source(version: str, date: str, repository: str, description: str) -> str:
    doc = {
        "upload_type": "dataset",
        "title": f"cicc-data: China Internet Civilization Conference dataset ({version})",
        "description": description + " Code: MIT. Data: CC-BY-4.0.",
        "creators": [{"name": CREATOR}],
        "version": version,
        "publication_date": date,
        "access_right": "open",
        "license": "cc-by-4.0",
        "language": "eng",
        "keywords": ["China", "internet governance", "China Internet Civilization Conference", "中国网络文明大会",
                     "dataset", "provenance"],
        "related_identifiers": [
            {"identifier": repository, "relation": "isSupplementTo", "resource_type": "software",
             "scheme": "url"},
        ],
        "notes": "Release zip: datapackage.json (Frictionless Data Package v2) at its root, data/*.csv, schemas/, "
                 "croissant.json (Croissant 1.1), redirects.csv, role_facts.csv (the flat table of roles), delta.jsonl (changes since the previous release), "
                 "the data dictionary, CITATION.cff, LICENSE-DATA and a dataset card (README.md).",
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


CARD_BODY = """
# cicc-data {version}: the China Internet Civilization Conference dataset

Every edition of the **China Internet Civilization Conference** (中国网络文明大会, CICC), the yearly
state-organised gathering on "internet civilization" hosted by the Office of the Central Cyberspace
Affairs Commission, from the first (Beijing, 2021) to Nanning 2026: editions, organizations, people,
roles, sessions, sub-forums, outputs and every name variant, as tidy CSV tables in which each fact
cites the public web pages that state it. Release {version}, {date}.

## What is in this release

- `data/*.csv`: the tables, UTF-8 (no BOM), LF, sorted by primary key, an empty cell meaning missing.
- `datapackage.json`: the Frictionless Data Package (v2) with each table's schema in `schemas/`,
  sizes and sha256 hashes. It sits at the root of the release zip, so `frictionless validate
  cicc-data-{version}.zip` checks every table without unpacking (or `frictionless validate
  datapackage.json` in the unpacked folder).
- `croissant.json`: the same in MLCommons Croissant 1.1, with its Responsible-AI properties
  (`mlcroissant` loads each record set).
- `redirects.csv`: every retired ID with its successor and the reason.
- `role_facts.csv`: the flat table of every role (edition, session, actor, kind and printed term, title,
  weak flag and source URLs), also `cicc_data.load("role_facts")`.
- `delta.jsonl`: what changed since the previous release, one JSON object per line
  (`operation`, `table`, `id`, `field`, `old`, `new`; operations `add`, `remove`, `merge`, `rename`,
  `change`, `add-field`, `remove-field`).
- `docs/data-dictionary.md`: every column, its type, constraints and provenance.
- `CITATION.cff`, `LICENSE-DATA` (CC-BY-4.0), this card.

With Hugging Face `datasets`, each table is a configuration of the unpacked folder:
`datasets.load_dataset("path/to/the/folder", "editions")`.

The Python package `cicc-data` is not on a package index. Install it from the release, whose
files include the wheel (`pip install cicc_data-{version}-py3-none-any.whl`), or from the
repository (`pip install "git+{repository}"`, or `pip install .` in a clone); then
`cicc_data.load("roles", path="cicc-data-{version}.zip")` reads this release.

## Tables

{tables}

## Sources

Every row and every factual cell cites its sources in `citations` (one row per fact and source).
`sources` lists each public web page with its URL, publisher, date, language and a reliability grade
given by the curators after judging the host that serves it: `official`, `state-media`, `news`,
`encyclopedia`, `mirror` (copies and machine translations on unrelated hosts) and `blog`. Where
sources disagree, `claims` lists each value with its sources; the preferred value is the one in the
table. Chinese names are the originals; each translation, abbreviation and romanization is a row
of `names`.

## Limits

{limits}

## Licence

The data are licensed under the Creative Commons Attribution 4.0 International licence
(CC-BY-4.0, `LICENSE-DATA`); the code of the `cicc-data` package under MIT. The sources are the
pages of their publishers: the dataset quotes names and titles as printed and records facts, not
the pages' text.

## How to cite

Cite the release you used (`CITATION.cff`):

> {apa}

```bibtex
{bibtex}
```
"""
"""The dataset card below its front matter; str.format fields: version, date, repository, tables, limits,
apa, bibtex."""


def _card_front_matter(tables: list[str], schemas: dict[str, Any], counts: dict[str, int]) -> list[str]:
    """The card's YAML block: licence, languages, tags, size, and a configuration per table with its features."""
    total = sum(counts.values())
    size = ("n<1K" if total < 1000 else "1K<n<10K" if total < 10_000 else "10K<n<100K"
            if total < 100_000 else "100K<n<1M")
    yaml = ["---", "license: cc-by-4.0", "language:", "- zh", "- en",
            "pretty_name: China Internet Civilization Conference (中国网络文明大会) dataset",
            "tags:", "- china", "- internet-governance", "- conferences", "- provenance", "- tabular",
            "size_categories:", f"- {size}", "configs:"]
    for i, name in enumerate(tables):
        yaml += [f"- config_name: {name}", f"  data_files: data/{name}.csv"]
        if i == 0:
            yaml.append("  default: true")
    yaml.append("dataset_info:")
    for name in tables:
        yaml += [f"- config_name: {name}", "  features:"]
        for f in schemas[name].fields:
            yaml += [f"  - name: {f.name}", f"    dtype: {HF_TYPES.get(f.type, 'string')}"]
    return yaml + ["---"]


def card_source(defs: dict[str, Any], schemas: dict[str, Any], counts: dict[str, int],
                version: str, date: str, repository: str, cff: str) -> str:
    """docs/dataset-card.md: the Hugging Face front matter and the card (CARD_BODY) for this release."""
    tables = list(defs["tables"])
    yaml = _card_front_matter(tables, schemas, counts)
    rows = ["| table | rows | what it holds |", "|---|---|---|"]
    for name in tables:
        first = schemas[name].description.split(". ")[0].rstrip(".")
        rows.append(f"| `{name}` | {counts[name]} | {first}. |")
    body = CARD_BODY.format(version=version, date=date, repository=repository, tables="\n".join(rows),
                            limits=LIMITS, apa=cff_citation("apa", cff), bibtex=cff_citation("bibtex", cff))
    return "\n".join(yaml) + "\n" + body


def catalog_files(root: Path, defs: dict[str, Any], schemas: dict[str, Any], blobs: dict[str, bytes],
                  counts: dict[str, int], version: str, date: str, repository: str,
                  description: str, cff: str) -> dict[Path, bytes]:
    """The generated catalogue files, keyed by path; ``cff`` is the CITATION.cff text they cite."""
    return {
        root / "croissant.json": croissant_source(defs, schemas, blobs, version, date, repository,
                                                  description, cff).encode("utf-8"),
        root / ".zenodo.json": zenodo_source(version, date, repository, description).encode("utf-8"),
        root / "docs" / "dataset-card.md": card_source(defs, schemas, counts, version, date,
                                                       repository, cff).encode("utf-8"),
    }
