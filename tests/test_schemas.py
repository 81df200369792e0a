"""The JSON Schemas in schema/ are well formed, fully documented, and keep their own examples valid."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from support import REPO

SCHEMA_DIR = REPO / "schema"
NAMES = ["credential", "provider", "pathway", "taxonomy", "exchange-rates"]
BASE = "https://credcat.github.io/credcat/schema/"

# Keywords whose values are subschemas that declare structure (their properties must be documented).
DECLARING_MAPS = ("properties", "$defs")
DECLARING_SINGLE = ("items", "additionalProperties")
# Keywords whose subschemas only state conditions (if/then, anyOf of required, ...).
CONDITION_SINGLE = ("if", "then", "else", "not")
CONDITION_LISTS = ("allOf", "anyOf", "oneOf")


def load(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


SCHEMAS = {name: load(name) for name in NAMES}


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(SCHEMAS[name], format_checker=FormatChecker())


def registry_for(schema: dict[str, Any]) -> Registry:
    return Registry().with_resource(schema["$id"], DRAFT202012.create_resource(schema))


def pointer_escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def documented_nodes(schema: dict[str, Any], pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (JSON pointer, subschema) for every node that must carry description and examples:
    each property, each $defs entry and each array items schema, at every depth."""
    for key in DECLARING_MAPS:
        for name, sub in schema.get(key, {}).items():
            here = f"{pointer}/{key}/{pointer_escape(name)}"
            yield here, sub
            yield from documented_nodes(sub, here)
    if isinstance(schema.get("items"), dict):
        here = f"{pointer}/items"
        yield here, schema["items"]
        yield from documented_nodes(schema["items"], here)
    if isinstance(schema.get("additionalProperties"), dict):
        yield from documented_nodes(schema["additionalProperties"], f"{pointer}/additionalProperties")


def all_subschemas(
    schema: Any, pointer: str = "", conditional: bool = False
) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """Yield (pointer, subschema, conditional) for every subschema; conditional is true inside
    if/then/else/not/allOf/anyOf/oneOf, whose subschemas state rules rather than declare fields."""
    if not isinstance(schema, dict):
        return
    yield pointer, schema, conditional
    for key in DECLARING_MAPS + ("dependentSchemas", "patternProperties"):
        for name, sub in schema.get(key, {}).items():
            yield from all_subschemas(sub, f"{pointer}/{key}/{pointer_escape(name)}", conditional)
    for key in DECLARING_SINGLE + ("contains", "propertyNames"):
        yield from all_subschemas(schema.get(key), f"{pointer}/{key}", conditional)
    for key in CONDITION_SINGLE:
        yield from all_subschemas(schema.get(key), f"{pointer}/{key}", True)
    for key in CONDITION_LISTS:
        for i, sub in enumerate(schema.get(key, [])):
            yield from all_subschemas(sub, f"{pointer}/{key}/{i}", True)


def example_cases() -> Iterator[Any]:
    for name, schema in SCHEMAS.items():
        yield pytest.param(name, "", schema, id=f"{name}:(root)")
        for pointer, sub in documented_nodes(schema):
            yield pytest.param(name, pointer, sub, id=f"{name}:{pointer}")


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = SCHEMAS[name]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"{BASE}{name}.schema.json"
    assert schema["title"].strip()
    assert schema["description"].strip()


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_self_contained(name: str) -> None:
    schema = SCHEMAS[name]
    defs = schema.get("$defs", {})
    for pointer, sub, _ in all_subschemas(schema):
        target = sub.get("$ref")
        if target is None:
            continue
        assert target.startswith("#/$defs/"), f"{name}{pointer}: $ref {target!r} leaves the file"
        assert target.removeprefix("#/$defs/") in defs, f"{name}{pointer}: $ref {target!r} is missing"
    used = {sub["$ref"].removeprefix("#/$defs/") for _, sub, _ in all_subschemas(schema) if "$ref" in sub}
    assert set(defs) <= used, f"{name}: unused $defs {sorted(set(defs) - used)}"


@pytest.mark.parametrize("name", NAMES)
def test_every_property_is_documented(name: str) -> None:
    problems = []
    for pointer, sub in documented_nodes(SCHEMAS[name]):
        description = sub.get("description")
        if not isinstance(description, str) or not description.strip():
            problems.append(f"{pointer}: no description")
        examples = sub.get("examples")
        if not isinstance(examples, list) or not examples:
            problems.append(f"{pointer}: no examples")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_every_object_is_closed(name: str) -> None:
    problems = []
    for pointer, sub, conditional in all_subschemas(SCHEMAS[name]):
        where = pointer or "(root)"
        if "properties" in sub and not conditional and sub.get("type") != "object":
            problems.append(f"{where}: declares properties but is not of type object")
        if sub.get("type") != "object":
            continue
        # A map (exchange rates by currency code) is closed by its key pattern instead.
        is_map = isinstance(sub.get("additionalProperties"), dict) and "pattern" in sub.get("propertyNames", {})
        if sub.get("additionalProperties") is not False and not is_map:
            problems.append(f"{where}: additionalProperties is not false")
        for required in sub.get("required", []):
            if required not in sub.get("properties", {}):
                problems.append(f"{where}: required {required!r} is not a property")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("name", "pointer", "subschema"), list(example_cases()))
def test_examples_are_valid(name: str, pointer: str, subschema: dict[str, Any]) -> None:
    schema = SCHEMAS[name]
    check = Draft202012Validator(
        {"$ref": f"{schema['$id']}#{pointer}"},
        registry=registry_for(schema),
        format_checker=FormatChecker(),
    )
    for example in subschema.get("examples", []):
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in check.iter_errors(example)]
        assert not errors, f"{name}#{pointer} example {example!r}: {errors}"


# Instance checks for the rules JSON Schema carries beyond plain types.

MINIMAL_CREDENTIAL: dict[str, Any] = {
    "id": "data-analytics-foundations",
    "name": "Data Analytics Foundations",
    "summary": "Learn to clean, analyse and visualise business data.",
    "description": "A six-week online course.",
    "credential_type": "micro_credential",
    "url": "https://www.northbridge.ac.uk/short-courses/data-analytics-foundations",
    "status": "active",
    "languages": ["en"],
    "subjects": ["statistics"],
    "industries": ["information"],
    "learning_outcomes": ["Write SQL queries that join and aggregate data."],
    "level": {"audience": "beginner"},
    "workload": {"hours": 40},
    "delivery": {"mode": "online", "pacing": "self_paced"},
    "assessment": {"type": "project"},
    "cost": {"model": "free"},
    "quality_assurance": {"type": "internal"},
    "dates": {"last_verified": "2025-03-14"},
}


def credential(**changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(MINIMAL_CREDENTIAL)
    doc.update(changes)
    return doc


def messages(name: str, instance: Any) -> list[tuple[str, str]]:
    return [("/".join(map(str, e.absolute_path)), e.message) for e in validator(name).iter_errors(instance)]


def test_minimal_credential_passes() -> None:
    assert messages("credential", MINIMAL_CREDENTIAL) == []


def test_credential_required_fields() -> None:
    assert set(SCHEMAS["credential"]["required"]) == set(MINIMAL_CREDENTIAL)


def test_paid_requires_amount() -> None:
    found = messages("credential", credential(cost={"model": "paid"}))
    assert ("cost", "'amount' is a required property") in found


def test_amount_requires_currency() -> None:
    found = messages("credential", credential(cost={"model": "paid", "amount": 450}))
    assert found == [("cost", "'currency' is a dependency of 'amount'")]
    assert messages("credential", credential(cost={"model": "paid", "amount": 450, "currency": "GBP"})) == []


def test_a_priced_subscription_says_what_one_payment_buys() -> None:
    priced = {"model": "subscription", "amount": 89.9, "currency": "BRL"}
    assert messages("credential", credential(cost=priced)) == [("cost", "'period' is a required property")]
    assert messages("credential", credential(cost={**priced, "period": "month"})) == []
    assert messages("credential", credential(cost={"model": "subscription"})) == []
    assert ("cost/period", "'week' is not one of ['month', 'year']") in messages(
        "credential", credential(cost={**priced, "period": "week"})
    )


def test_an_extra_needs_a_currency_only_when_the_cost_has_none() -> None:
    fee = {"kind": "exam_fee", "amount": 150}
    assert messages("credential", credential(cost={"model": "paid", "amount": 450, "currency": "GBP", "extras": [fee]})) == []
    found = messages("credential", credential(cost={"model": "employer_sponsored", "extras": [fee]}))
    assert found == [("cost/extras/0", "'currency' is a required property")]
    assert messages("credential", credential(cost={"model": "free", "extras": [{**fee, "currency": "EUR"}]})) == []


def test_an_extra_is_closed_and_checked() -> None:
    extra = {"kind": "renewal", "amount": -1, "currency": "eur", "every": "3 years", "optional": "no", "note": "x"}
    found = {path for path, _message in messages("credential", credential(cost={"model": "free", "extras": [extra]}))}
    assert found == {"cost/extras/0", "cost/extras/0/kind", "cost/extras/0/amount", "cost/extras/0/currency",
                     "cost/extras/0/every", "cost/extras/0/optional"}


@pytest.mark.parametrize("qa_type", ["accredited", "regulated"])
def test_accredited_and_regulated_require_bodies(qa_type: str) -> None:
    found = messages("credential", credential(quality_assurance={"type": qa_type}))
    assert ("quality_assurance", "'bodies' is a required property") in found
    assert messages("credential", credential(quality_assurance={"type": qa_type, "bodies": []}))
    body = {"name": "Chartered Institute for IT (BCS)", "url": "https://www.bcs.org/"}
    assert messages("credential", credential(quality_assurance={"type": qa_type, "bodies": [body]})) == []


def test_counts_toward_needs_credential_or_name() -> None:
    found = messages("credential", credential(stackability={"counts_toward": [{"credits": 5}]}))
    assert [path for path, _ in found] == ["stackability/counts_toward/0"]
    for item in ({"credential": "northbridge-university/msc-data-science"}, {"name": "MSc Data Science", "credits": 60}):
        assert messages("credential", credential(stackability={"counts_toward": [item]})) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("url", "http://www.northbridge.ac.uk/course"),
        ("id", "Data_Analytics"),
        ("languages", []),
        ("languages", ["en", "en"]),
        ("subjects", ["a", "b", "c", "d", "e", "f"]),
        ("learning_outcomes", []),
        ("level", {"audience": "beginner", "eqf": 9}),
        ("workload", {"hours": 0}),
        ("workload", {"hours": 10, "duration": "P"}),
        ("workload", {"hours": 10, "duration": "PT"}),
        ("dates", {"last_verified": "2025-02-30"}),
        ("summary", "Too short"),
        ("issued_as", ["paper", "paper"]),
        ("keywords", [f"tag{i}" for i in range(16)]),
        ("unknown_field", "x"),
    ],
)
def test_credential_rejects(field: str, value: Any) -> None:
    assert messages("credential", credential(**{field: value}))


def test_provider_rules() -> None:
    provider = copy.deepcopy(SCHEMAS["provider"]["examples"][0])
    assert messages("provider", provider) == []
    for field, value in [
        ("contact_email", "not-an-email"),
        ("maintainers", []),
        ("maintainers", ["-bad-"]),
        ("country", "gb"),
        ("url", "http://www.northbridge.ac.uk/"),
        ("type", "school"),
    ]:
        assert messages("provider", {**provider, field: value}), (field, value)


def test_pathway_rules() -> None:
    pathway = copy.deepcopy(SCHEMAS["pathway"]["examples"][0])
    assert messages("pathway", pathway) == []
    step = {"credentials": ["northbridge-university/data-analytics-foundations"]}
    for field, value in [
        ("leads_to", []),
        ("steps", []),
        ("steps", [{"credentials": []}]),
        ("steps", [{**step, "choose": 0}]),
        ("steps", [{"credentials": ["data-analytics-foundations"]}]),
    ]:
        assert messages("pathway", {**pathway, field: value}), (field, value)


def test_taxonomy_rules() -> None:
    entry = {"id": "statistics", "name": "Statistics", "description": "Statistics.", "code": "0542", "parent": "mathematics-and-statistics"}
    assert messages("taxonomy", [entry, {**entry, "id": "manufacturing", "code": "31-33"}]) == []
    assert messages("taxonomy", {"id": "statistics"})
    for code in ("5", "05421", "31-3", "ab", 54):
        assert messages("taxonomy", [{**entry, "code": code}]), code
