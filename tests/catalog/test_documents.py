"""The typed views of the listing files match the JSON Schemas, object by object: the same keys,
the same required keys, the same enums and scalar types, following every $ref."""

from __future__ import annotations

import json
from typing import Any, Literal, TypedDict, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from credcat.catalog import documents
from credcat.catalog.model import AUDIENCES, CREDENTIAL_TYPES
from credcat.check.schema import resolved
from credcat.resources import SCHEMA_DIR

SCALARS: dict[str, type] = {"string": str, "integer": int, "number": float, "boolean": bool}


def _schema(name: str) -> dict[str, Any]:
    return dict(json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")))


def _differences(node: dict[str, Any], annotation: Any, root: dict[str, Any], path: str) -> list[str]:
    """Where `annotation` does not say what the schema `node` says, one line per place."""
    node = resolved(node, root)
    kind = node.get("type")
    if kind == "object" and isinstance(node.get("additionalProperties"), dict):
        # a map (rates by currency code): dict[str, value type]
        if get_origin(annotation) is not dict or get_args(annotation)[0] is not str:
            return [f"{path}: the schema has a map, the type is {annotation!r}"]
        return _differences(node["additionalProperties"], get_args(annotation)[1], root, f"{path}{{}}")
    if kind == "object":
        return _object_differences(node, annotation, root, path or "/")
    if kind == "array":
        if get_origin(annotation) is not list:
            return [f"{path}: the schema has an array, the type is {annotation!r}"]
        return _differences(node["items"], get_args(annotation)[0], root, f"{path}[]")
    if "enum" in node:
        if get_origin(annotation) is not Literal or list(get_args(annotation)) != node["enum"]:
            return [f"{path}: enum {node['enum']} != {annotation!r}"]
        return []
    if SCALARS.get(str(kind)) is not annotation:
        return [f"{path}: schema type {kind!r} != {annotation!r}"]
    return []


def _object_differences(node: dict[str, Any], annotation: Any, root: dict[str, Any], path: str) -> list[str]:
    """An object's keys and required keys, then each property's own differences."""
    if not is_typeddict(annotation):
        return [f"{path}: the schema has an object, the type is {annotation!r}"]
    hints = get_type_hints(annotation)
    properties = node.get("properties", {})
    required = set(node.get("required", ()))
    found = []
    if set(hints) != set(properties):
        found.append(f"{path}: keys {sorted(hints)} != schema properties {sorted(properties)}")
    if annotation.__required_keys__ != required:
        found.append(f"{path}: required {sorted(annotation.__required_keys__)} != schema {sorted(required)}")
    if node.get("additionalProperties") is not False:
        found.append(f"{path}: the schema allows other keys, which a TypedDict cannot describe")
    for key in sorted(set(hints) & set(properties)):
        found += _differences(properties[key], hints[key], root, f"{path.rstrip('/')}.{key}")
    return found


@pytest.mark.parametrize(
    ("schema_name", "document_type"),
    [
        ("credential", documents.CredentialDocument),
        ("provider", documents.ProviderDocument),
        ("pathway", documents.PathwayDocument),
        ("recognition", documents.RecognitionDocument),
        ("taxonomy", list[documents.TaxonomyEntry]),
        ("occupations", list[documents.OccupationEntry]),
        ("exchange-rates", documents.ExchangeRatesDocument),
    ],
)
def test_typed_documents_follow_the_schema(schema_name: str, document_type: Any) -> None:
    schema = _schema(schema_name)
    assert _differences(schema, document_type, schema, "") == []


def test_the_comparison_notices_a_missing_key_and_a_wrong_required_set() -> None:
    class Level(TypedDict):
        audience: documents.Audience
        eqf: int

    schema = _schema("credential")
    found = _differences(schema["properties"]["level"], Level, schema, ".level")
    assert found == [".level: required ['audience', 'eqf'] != schema ['audience']"]
    found = _differences(schema["properties"]["level"], documents.Workload, schema, ".level")
    assert found[0].startswith(".level: keys ['duration', 'ects', 'hours'] != schema properties ['audience', 'eqf']")


def test_the_model_orders_levels_and_types_as_the_schema_does() -> None:
    properties = _schema("credential")["properties"]
    assert list(AUDIENCES) == properties["level"]["properties"]["audience"]["enum"]
    assert list(CREDENTIAL_TYPES) == properties["credential_type"]["enum"]

