"""The schema reference page's content, read from `schema/*.schema.json` at build time.

Each schema becomes a table of fields (dotted path, type, required, allowed values, an
example, the description), so the published reference can never drift from the validator.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from credcat.check.schema import resolved, type_words
from credcat.resources import SCHEMA_DIR

SCHEMA_ORDER = ("credential", "provider", "pathway", "recognition", "taxonomy", "occupations", "exchange-rates")


@dataclass(frozen=True)
class FieldRow:
    path: str
    type: str
    required: bool
    values: tuple[str, ...]
    example: str
    description: str

    @property
    def depth(self) -> int:
        return self.path.count(".") + self.path.count("[]")


@dataclass(frozen=True)
class SchemaSection:
    name: str
    title: str
    description: str
    file_name: str
    rows: tuple[FieldRow, ...]


def schema_sections(schema_dir: Path = SCHEMA_DIR) -> list[SchemaSection]:
    """One section per schema file, in the order a contributor needs them."""
    sections = []
    for name in SCHEMA_ORDER:
        path = schema_dir / f"{name}.schema.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        sections.append(
            SchemaSection(name, schema.get("title", name), schema.get("description", ""), path.name,
                          tuple(_rows(schema, schema, "", False)))
        )
    return sections


def _rows(node: dict[str, Any], root: dict[str, Any], path: str, required: bool) -> Iterator[FieldRow]:
    node = resolved(node, root)
    if path:
        yield FieldRow(path, _type_text(node, root), required, tuple(str(v) for v in node.get("enum", ())),
                       _example(node), node.get("description", ""))
    if node.get("type") == "object":
        needed = set(node.get("required", ()))
        for name, child in node.get("properties", {}).items():
            yield from _rows(child, root, f"{path}.{name}" if path else name, name in needed)
        if isinstance(entries := node.get("additionalProperties"), dict):  # a map, such as translations by language
            yield from _rows(entries, root, f"{path}.<key>", False)
    elif node.get("type") == "array" and isinstance(node.get("items"), dict):
        items = resolved(node["items"], root)
        if items.get("type") == "object":
            prefix = f"{path}[]" if path else "[]"
            needed = set(items.get("required", ()))
            for name, child in items.get("properties", {}).items():
                yield from _rows(child, root, f"{prefix}.{name}", name in needed)


def _type_text(node: dict[str, Any], root: dict[str, Any]) -> str:
    kind = node.get("type", "")
    if kind == "array" and isinstance(node.get("items"), dict):
        items = resolved(node["items"], root)
        return f"list of {_type_text(items, root)}"
    if kind == "object" and isinstance(node.get("additionalProperties"), dict):
        return f"map of text keys to {_type_text(resolved(node['additionalProperties'], root), root)}"
    if kind == "object":
        return "mapping"
    if kind == "string" and "format" in node:
        return f"text ({node['format']})"
    return type_words(str(kind))


def _example(node: dict[str, Any]) -> str:
    examples = node.get("examples") or []
    if not examples or isinstance(examples[0], (dict, list)):
        return ""
    return json.dumps(examples[0], ensure_ascii=False) if not isinstance(examples[0], str) else examples[0]
