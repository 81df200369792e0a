"""Validation: every catalog file against its JSON Schema, then the cross-file rules.

One pass collects every problem in every file. Schema errors are turned into messages a
provider can act on (field, what is wrong, the nearest valid value); the cross-file rules
(`RULES`) are small functions over the loaded catalog, each testable alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jsonschema_rs

from credcat.layout import Kind
from credcat.load import Document, LoadedCatalog, LoadError, load_catalog, parse_strictly
from credcat.problem import Problem
from credcat.rules import RULES, RuleContext

# schema/ at the top of the repository, reached through the package's own link so that an
# installed wheel carries the schemas too.
SCHEMA_DIR = Path(__file__).parent / "schema"


@dataclass
class Report:
    """The outcome of one validation run."""

    catalog: LoadedCatalog
    problems: list[Problem]
    files_checked: int
    schema_valid: frozenset[str] = frozenset()

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]


@dataclass(frozen=True)
class SchemaCheck:
    """One kind's schema: a Rust validator decides quickly; `explain.py` phrases the failures."""

    decide: jsonschema_rs.Validator
    schema_text: str

    def problems(self, document: Document) -> list[Problem]:
        """Every schema error of one document, as located, readable problems."""
        try:
            if self.decide.is_valid(document.data):
                return []
        except ValueError:
            pass  # a key that is not text: the strict reading below turns it into text
        try:
            document.data = parse_strictly(document.text)
        except LoadError as error:
            return [Problem(document.display_path, error.line, error.column, "", error.message, error.hint, rule="load")]
        from credcat.explain import explain_document  # jsonschema is slow to import: only when needed

        found = explain_document(document, self.schema_text)
        return found or [
            document.problem(tuple(error.instance_path), error.message) for error in self.decide.iter_errors(document.data)
        ]


def load_schemas(schema_dir: Path = SCHEMA_DIR) -> dict[Kind, SchemaCheck]:
    """One check per document kind, built once and reused for every file."""
    loaded = {}
    for kind in Kind:
        schema_text = (schema_dir / f"{kind.value}.schema.json").read_text(encoding="utf-8")
        loaded[kind] = SchemaCheck(jsonschema_rs.validator_for(json.loads(schema_text), validate_formats=True), schema_text)
    return loaded


def validate_catalog(
    root: Path,
    *,
    today: date | None = None,
    schema_dir: Path = SCHEMA_DIR,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Load and check the whole catalog below `root`; never raises for bad data."""
    validators = load_schemas(schema_dir)
    catalog, problems, file_count = load_catalog(root, progress)
    schema_valid: set[str] = set()
    for kind, document in catalog.documents():
        found = validators[kind].problems(document)
        problems.extend(found)
        if not found:
            schema_valid.add(document.display_path)
    context = RuleContext(catalog, today or date.today(), frozenset(schema_valid))
    for rule in RULES:
        problems.extend(rule(context))
    return Report(catalog, sorted(problems), file_count, context.schema_valid)
