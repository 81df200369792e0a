"""The feed schemas as the tests check against them: closed, so that every field a feed writes
is documented, and resolved offline from schema/."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from support import REPO

SCHEMA_DIR = REPO / "schema"
FEED_SCHEMA_DIR = SCHEMA_DIR / "feeds"
SITE_URL = "https://catalog.example/"


def closed(schema: Any) -> Any:
    """A copy of a feed schema where every declared object refuses undeclared fields.

    The published schemas stay open (v1 only grows, so old copies must accept new fields);
    the tests close them so that every field the feeds write is documented.
    """
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: (value if key in ("allOf", "if", "then", "else") else closed(value)) for key, value in schema.items()}
    if "properties" in result and "required" in result and "additionalProperties" not in result:
        result["additionalProperties"] = False
    return result


@cache
def feed_registry() -> Registry:
    """Every feed schema (closed) and the listing contract schemas, by $id."""
    registry = Registry()
    for path in sorted(FEED_SCHEMA_DIR.glob("*.schema.json")):
        schema = closed(json.loads(path.read_text(encoding="utf-8")))
        registry = registry.with_resource(schema["$id"], DRAFT202012.create_resource(schema))
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(schema["$id"], DRAFT202012.create_resource(schema))
    return registry


@cache
def feed_validator(name: str) -> Draft202012Validator:
    """A validator for one feed schema, e.g. "facet" for schema/feeds/facet.schema.json."""
    schema_id = json.loads((FEED_SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))["$id"]
    return Draft202012Validator({"$ref": schema_id}, registry=feed_registry(), format_checker=FormatChecker())
