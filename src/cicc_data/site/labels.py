"""Bilingual labels of enum values, read from the generated table schemas (never declared again here).

A field carries them either as ``enumLabels`` ({value: {en, zh, en_plural}}) or as Frictionless v2
``categories`` ([{value, label}], the label a string or an {en, zh} object); :func:`field_labels` reads both.
"""

from __future__ import annotations

import json
from pathlib import Path

Label = dict[str, str]


def _as_label(value: str, label: object) -> Label:
    if isinstance(label, dict):
        return {k: str(v) for k, v in label.items() if isinstance(v, (str, int))}
    if isinstance(label, str) and label:
        return {"en": label}
    return {"en": value}


def field_labels(field: dict) -> dict[str, Label]:
    """value -> {"en": ..., "zh": ...} for one field of a table schema, in the order of its vocabulary."""
    out: dict[str, Label] = {}
    categories = field.get("categories")
    if isinstance(categories, list):
        for c in categories:
            if isinstance(c, dict) and "value" in c:
                label = _as_label(str(c["value"]), c.get("label"))
                for key, name in (("labelZh", "zh"), ("labelPlural", "en_plural")):  # v2 keeps them beside label
                    if isinstance(c.get(key), str) and c[key]:
                        label[name] = c[key]
                out[str(c["value"])] = label
            elif isinstance(c, (str, int)):
                out[str(c)] = {"en": str(c)}
    labels = field.get("enumLabels") if isinstance(field.get("enumLabels"), dict) else {}
    for v in _enum(field) or list(labels):
        out.setdefault(str(v), _as_label(str(v), labels.get(v)))
    return out


def _enum(field: dict) -> list:
    constraints = field.get("constraints")
    values = constraints.get("enum") if isinstance(constraints, dict) else None
    return values if isinstance(values, list) else []


class Labels:
    """Labels of every enum field of every table schema under ``root/schemas``."""

    def __init__(self, root: Path):
        self.by_field: dict[tuple[str, str], dict[str, Label]] = {}
        for path in sorted((root / "schemas").glob("*.json")):
            try:
                fields = json.loads(path.read_text(encoding="utf-8")).get("fields", [])
            except (OSError, ValueError, AttributeError):
                continue
            for f in fields if isinstance(fields, list) else []:
                if isinstance(f, dict) and ("enumLabels" in f or "categories" in f or _enum(f)):
                    self.by_field[(path.stem, str(f.get("name")))] = field_labels(f)

    def vocabulary(self, table: str, field: str) -> list[str]:
        return list(self.by_field.get((table, field), {}))

    def get(self, table: str, field: str, value: str, plural: bool = False) -> tuple[str, str]:
        """(English, Chinese) label of ``value``; the value itself, made readable, when the schema has none."""
        lab = self.by_field.get((table, field), {}).get(value, {})
        en = (lab.get("en_plural") if plural else None) or lab.get("en") or value.replace("-", " ").capitalize()
        return en, lab.get("zh", "")
