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
