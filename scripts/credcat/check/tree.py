"""Walking a loaded document: every value with its JSON path, for rules that look at all of them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

JsonPath = tuple[str | int, ...]


def walk(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    """Each value in `value` (itself first), depth first, with the path that leads to it."""
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from walk(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from walk(child, (*path, index))


def lookup(data: Any, *keys: str) -> Any:
    """The value under `keys` in nested mappings, or None where a key is missing or a value on
    the way is not a mapping.

    Rules also read documents that failed their schema, where any field may hold anything;
    they read through this, and through `items_of`, instead of indexing."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def items_of(value: Any) -> list[tuple[int, Any]]:
    """The items of a list with their indexes; nothing when `value` is not a list."""
    return list(enumerate(value)) if isinstance(value, list) else []
