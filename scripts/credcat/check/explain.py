"""Schema errors -> problems a provider can act on: the field, what is wrong, the fix.

Only documents that failed the fast schema check come here, so this module (and jsonschema,
which is slow to import) is loaded only when there is something to explain.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

import regress
from jsonschema import Draft202012Validator, ValidationError, validators
from jsonschema.exceptions import best_match

from credcat.check.layout import RESERVED_IDS, reserved_id_message
from credcat.check.load import Document
from credcat.check.problem import Problem, did_you_mean
from credcat.check.schema import resolve_pointer, type_words

PATTERN_MEANINGS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "is not a valid id: use lowercase letters, digits and single hyphens",
    "^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$": "is not a reference of the form <provider>/<id>",
    "^https://": "must start with https://",
    "^https?://": "must start with https:// or http://",
    "^[A-Z]{2}$": "is not a two-letter country code in capitals",
    "^[A-Z]{3}$": "is not a three-letter currency code in capitals",
    "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$": "is not a BCP 47 language tag",
    "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$": "is not an ISO 8601 duration",
}


@cache
def _ecma_regex(pattern: str) -> regress.Regex:
    return regress.Regex(pattern)


def _ecma_pattern(
    validator: Draft202012Validator, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """`pattern` with ECMA-262 semantics, as editors apply it (Python's `$` accepts a final newline)."""
    if isinstance(instance, str) and _ecma_regex(pattern).find(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


SchemaValidator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})  # type: ignore[no-untyped-call]


@cache
def explainer(schema_text: str) -> Draft202012Validator:
    """A jsonschema validator for one schema (kept as text so it can be a cache key)."""
    validator: Draft202012Validator = SchemaValidator(json.loads(schema_text), format_checker=Draft202012Validator.FORMAT_CHECKER)
    return validator


def explain_document(document: Document, schema_text: str) -> list[Problem]:
    """Every schema error of one document, located and phrased for a provider."""
    validator = explainer(schema_text)
    root = validator.schema
    assert isinstance(root, Mapping), "credcat's schemas are objects"
    return [problem for error in validator.iter_errors(document.data) for problem in _explain(document, error, root)]


def _explain(document: Document, error: ValidationError, root: Mapping[str, Any]) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    keyword = error.validator
    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        known = list(_schema(error).get("properties", {}))
        for extra in sorted(set(error.instance) - set(known)):
            yield document.problem((*path, extra), f"unknown field '{extra}'", hint=did_you_mean(extra, known), of_key=True)
        return
    if keyword == "required":
        missing = _quoted_name(error.message)
        yield document.problem(
            (*path, missing), "missing required field", hint=_required_hint(error, missing, root), of_key=True
        )
        return
    if keyword == "dependentRequired":
        names = re.findall(r"'([^']*)'", error.message)
        missing, present = (names + ["", ""])[:2]
        yield document.problem(
            (*path, missing), "missing required field", hint=f"needed when {present} is given", of_key=True
        )
        return
    if keyword in ("anyOf", "oneOf") and error.context:
        alternatives = [sub for sub in error.context if sub.validator == "required"]
        if alternatives and len(alternatives) == len(error.context):
            needed = " or ".join(sorted({_quoted_name(sub.message) for sub in alternatives}))
            yield document.problem(path, f"needs {needed}")
            return
        deepest = best_match(error.context)
        yield from _explain(document, deepest, root)
        return
    yield document.problem(path, _message(error), hint=_hint(error))


def _quoted_name(message: str) -> str:
    found = re.match(r"'([^']*)'", message)
    return found.group(1) if found else ""


def _message(error: ValidationError) -> str:
    describe = _MESSAGES.get(str(error.validator))
    return describe(error.validator_value, error.instance) if describe else error.message


# What a failed keyword means, from the keyword's value in the schema and the value it failed on.
_MESSAGES: dict[str, Callable[[Any, Any], str]] = {
    "enum": lambda value, instance: f"{_show(instance)} is not one of {', '.join(str(item) for item in value)}",
    "const": lambda value, instance: f"must be {_show(value)}",
    "type": lambda value, instance: f"expected {_type_name(value)}, got {_json_type(instance)} {_show(instance)}",
    "format": lambda value, instance: f"{_show(instance)} is not a valid {value}",
    "pattern": lambda value, instance: f"{_show(instance)} {PATTERN_MEANINGS.get(value, 'does not have the expected form')}",
    "minLength": lambda value, instance: f"text is too short: {len(instance)} characters, at least {value}",
    "maxLength": lambda value, instance: f"text is too long: {len(instance)} characters, at most {value}",
    "minItems": lambda value, instance: f"needs at least {value} item{'s' if value != 1 else ''}, has {len(instance)}",
    "maxItems": lambda value, instance: f"has {len(instance)} items, at most {value} allowed",
    "uniqueItems": lambda value, instance: "lists the same value twice",
    "minimum": lambda value, instance: f"{_show(instance)} is less than the minimum {value}",
    "maximum": lambda value, instance: f"{_show(instance)} is more than the maximum {value}",
    "exclusiveMinimum": lambda value, instance: f"{_show(instance)} must be greater than {value}",
    "exclusiveMaximum": lambda value, instance: f"{_show(instance)} must be less than {value}",
    "not": lambda value, instance: reserved_id_message(instance) if instance in RESERVED_IDS else f"{_show(instance)} is not allowed here",
}


def _hint(error: ValidationError) -> str:
    keyword, instance = error.validator, error.instance
    if keyword == "enum":
        return did_you_mean(str(instance), [str(item) for item in _as_list(error.validator_value)])
    if keyword == "type" and "string" in _as_list(error.validator_value) and not isinstance(instance, (dict, list)):
        return "put the value in quotes"
    if keyword == "format" and error.validator_value == "date":
        return "write dates as YYYY-MM-DD"
    if keyword in ("pattern", "format"):
        examples = _schema(error).get("examples") or []
        return f"for example {_show(examples[0])}" if examples else ""
    return ""


def _required_hint(error: ValidationError, missing: str, root: Mapping[str, Any]) -> str:
    schema_path = list(error.absolute_schema_path)
    if "then" in schema_path:
        condition = _describe_condition(root, schema_path)
        return f"required when {condition}" if condition else ""
    description = str(_schema(error).get("properties", {}).get(missing, {}).get("description", ""))
    return description.split(". ")[0].rstrip(".")


def _schema(error: ValidationError) -> Mapping[str, Any]:
    """The schema object whose keyword failed (jsonschema types it loosely: a schema may be a boolean)."""
    return error.schema if isinstance(error.schema, Mapping) else {}


def _describe_condition(root: Mapping[str, Any], schema_path: list[str | int]) -> str:
    """Say in words which `if` made a `then` apply (const and enum conditions only)."""
    parent: Any = root
    for step in schema_path[: schema_path.index("then")]:
        if step == "$ref":
            parent = resolve_pointer(root, parent.get("$ref", ""))
        else:
            parent = parent[step]
    parts = []
    condition_of = parent.get("if", {})
    for name, condition in condition_of.get("properties", {}).items():
        if "const" in condition:
            parts.append(f"{name} is {condition['const']}")
        elif "enum" in condition:
            parts.append(f"{name} is {' or '.join(str(item) for item in condition['enum'])}")
    conditioned = condition_of.get("properties", {})
    parts += [f"{name} is given" for name in condition_of.get("required", []) if name not in conditioned]
    # `if: {not: {required: [x]}}` on an object's schema: "cost has no currency"
    owner = schema_path[schema_path.index("then") - 3] if schema_path.index("then") >= 3 else ""
    for name in condition_of.get("not", {}).get("required", []):
        parts.append(f"{owner} has no {name}" if isinstance(owner, str) and owner else f"{name} is not given")
    return " and ".join(parts)


def _show(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    return json.dumps(value)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _type_name(value: Any) -> str:
    return " or ".join(type_words(item, article=True) for item in _as_list(value))


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "nothing"
