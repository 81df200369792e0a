"""Property-based: no input, however broken, makes the loader or validator raise.

Random text goes to the parser; random mutations of a valid listing go through the whole
validation. Every outcome must be data (a document or problems), never an exception.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from credcat.check.load import LoadError, parse, parse_fast, parse_strictly
from credcat.check.validate import validate_catalog
from support import EXAMPLES, TODAY

LISTING = EXAMPLES / "valid" / "full-listing.yml"

yaml_fragments = st.sampled_from(
    ["a:", " b", "- ", "&x ", "*x", "!!str ", "{", "}", "[", "]", ": ", "\n", "\t", "  ", "'", '"', "#", "---",
     "...", "? ", "|", ">", "no", "2026-01-01", "0o17", "1e3", ".inf", "~", "\ufeff", "\x00", "é", "%YAML 1.2"]
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
    st.sampled_from(["", "no", "on", "2026-02-30", "P6W", "https://x.example", "a/b", "{{ x }}", "<script>"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


@given(st.lists(yaml_fragments, max_size=40).map("".join) | st.text(max_size=200))
@settings(max_examples=400, deadline=None)
def test_parser_returns_data_or_load_error(text: str) -> None:
    try:
        parse(text)
    except LoadError as error:
        assert error.line >= 1 and error.column >= 1 and error.message


def paths_of(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every JSON path inside a document, the document itself included."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths_of(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths_of(value, (*prefix, index))
    return found


def mutate(data: dict[str, Any], path: tuple[Any, ...], action: str, value: Any) -> Any:
    mutated = copy.deepcopy(data)
    if not path:
        return value
    parent = mutated
    for step in path[:-1]:
        parent = parent[step]
    if action == "delete":
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return mutated


ORIGINAL = yaml.safe_load(LISTING.read_text(encoding="utf-8"))


@given(st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_mutated_listing_never_crashes_validation(base_catalog: Path, data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(paths_of(ORIGINAL)))
    action = data.draw(st.sampled_from(["replace", "delete"] if path else ["replace"]))
    value = data.draw(values)
    target = base_catalog / "providers/acme-academy/credentials/full-listing.yml"
    target.write_text(yaml.safe_dump(mutate(ORIGINAL, path, action, value), allow_unicode=True), encoding="utf-8")
    report = validate_catalog(base_catalog, today=TODAY)
    for problem in report.problems:
        assert problem.line >= 1 and problem.message


documents = st.dictionaries(st.text(min_size=1, max_size=10), values, min_size=1, max_size=5)


@given(
    documents,
    st.booleans(),
    st.sampled_from([None, "|", ">", "'", '"']),
    st.integers(min_value=20, max_value=120),
)
@settings(max_examples=500, deadline=None)
def test_fast_path_reads_exactly_what_the_strict_path_reads(
    document: dict[str, Any], flow: bool, style: str | None, width: int
) -> None:
    text = yaml.safe_dump(document, default_flow_style=flow, default_style=style, width=width, allow_unicode=True)
    assert_fast_path_agrees(text)


def assert_fast_path_agrees(text: str) -> None:
    """Whatever the fast path reads equals the strict reading; non-text keys are left to the schema."""
    fast = parse_fast(text)
    if fast is not None and all_keys_are_text(fast):
        assert fast == parse_strictly(text)


def all_keys_are_text(data: Any) -> bool:
    if isinstance(data, dict):
        return all(isinstance(key, str) and all_keys_are_text(value) for key, value in data.items())
    if isinstance(data, list):
        return all(all_keys_are_text(item) for item in data)
    return True


# Text the fast parser could read differently: free numbers, block scalars, YAML 1.1 line breaks.
TRICKY_FRAGMENTS = ["1_0", "_1", "0x1", "0X1", "0B1", "-0x1", "+0o7", "1.5_", "a: b\n", "- c\n", "d: |\n  e\n", ", ", "\x85", "\u2028"]


@given(st.lists(yaml_fragments | st.sampled_from(TRICKY_FRAGMENTS), max_size=30).map("".join))
@example("d: |\n  e\n  ")  # found by Hypothesis: a block scalar on a last line without a line break
@example("d: |\n  e\n   x")
@settings(max_examples=500, deadline=None)
def test_fast_path_never_accepts_what_the_strict_path_rejects(text: str) -> None:
    assert_fast_path_agrees(text)
