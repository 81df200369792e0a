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

from credcat.check.layout import Kind, Placement
from credcat.check.load import Document, LoadError, parse, parse_fast, parse_strictly
from credcat.check.rules import DOCUMENT_RULES
from credcat.check.rules.context import RuleContext, facts_of
from credcat.check.validate import validate_catalog
from support import EXAMPLES, REPO, TODAY

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


# One valid document of each kind, to mutate: wrong types anywhere must not crash a rule.
SAMPLES = {
    Kind.CREDENTIAL: ORIGINAL,
    Kind.PROVIDER: yaml.safe_load((REPO / "catalog/providers/northbridge-university/provider.yml").read_text(encoding="utf-8")),
    Kind.PATHWAY: yaml.safe_load(
        (REPO / "catalog/providers/northbridge-university/pathways/msc-data-science-micro-route.yml").read_text(encoding="utf-8")
    ),
    Kind.TAXONOMY: yaml.safe_load((REPO / "catalog/taxonomy/subjects.yml").read_text(encoding="utf-8"))[:6],
}
CONTEXT = RuleContext(TODAY, {"subjects": frozenset({"statistics"}), "industries": frozenset({"information"})},
                      frozenset({"acme-academy/spreadsheet-basics"}), frozenset({"acme-academy"}))
wrong_types = st.one_of(values, st.sampled_from([[], {}, [[]], [{}], {"a": []}, 7, 1.5, True, None, "", "x" * 300]))


@given(st.data(), st.sampled_from(list(SAMPLES)))
@settings(max_examples=400, deadline=None)
def test_every_rule_survives_wrong_types_anywhere(data: st.DataObject, kind: Kind) -> None:
    """Rules also run on documents that fail their schema: any value of any type in any place gives problems, never an exception."""
    sample = SAMPLES[kind]
    path = data.draw(st.sampled_from(paths_of(sample)))
    mutated = mutate(sample, path, data.draw(st.sampled_from(["replace", "delete"] if path else ["replace"])), data.draw(wrong_types))
    text = yaml.safe_dump(mutated, allow_unicode=True)
    placement = Placement(kind, "acme-academy", "subjects" if kind is Kind.TAXONOMY else "acme-academy")
    document = Document(Path("catalog/x.yml"), "catalog/x.yml", mutated, text)
    for rule in DOCUMENT_RULES:
        for problem in rule(document, placement, CONTEXT):
            assert problem.line >= 1 and problem.message
    facts_of(document, placement)


def test_a_document_with_schema_and_rule_problems_reports_both(base_catalog: Path) -> None:
    """A wrong type beside an unknown industry and a date in the future: all three, in one run."""
    listing = yaml.safe_load((base_catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml").read_text(encoding="utf-8"))
    listing.update(workload={"hours": "twelve"}, industries=["banking-and-stuff"], dates={"last_verified": "2030-01-01"})
    (base_catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml").write_text(yaml.safe_dump(listing), encoding="utf-8")
    report = validate_catalog(base_catalog, today=TODAY)
    assert [(problem.field, problem.rule) for problem in report.problems] == [
        ("dates.last_verified", "date"),
        ("industries[0]", "taxonomy"),
        ("workload.hours", "schema"),
    ]
