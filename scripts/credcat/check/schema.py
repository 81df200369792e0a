"""The listing schemas read as data: local `$ref` resolution and JSON types in plain words,
shared by the error explainer, the schema reference page and the scaffold's comments."""

from __future__ import annotations

from typing import Any

_NOUNS = {"integer": "whole number", "number": "number", "array": "list", "object": "mapping"}
_WORDS = {"string": "text", "boolean": "true or false", "null": "nothing"}


def resolve_pointer(root: Any, reference: str) -> Any:
    """The node a local reference such as `#/$defs/url` points at."""
    target = root
    for name in reference.removeprefix("#/").split("/"):
        target = target[name]
    return target


def resolved(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """`node` with its local `$ref` target merged under its own keywords (the node's own win)."""
    reference = node.get("$ref")
    if not isinstance(reference, str) or not reference.startswith("#/"):
        return node
    target = resolved(resolve_pointer(root, reference), root)
    return {**target, **{key: value for key, value in node.items() if key != "$ref"}}


def type_words(kind: str, *, article: bool = False) -> str:
    """A JSON Schema type as a provider would say it: `integer` -> `whole number` (`a whole number`)."""
    if kind in _NOUNS:
        return ("a " if article else "") + _NOUNS[kind]
    return _WORDS.get(kind, kind)
