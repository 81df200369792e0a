"""Validation: every catalog file against its JSON Schema, then the cross-file rules.

One pass collects every problem in every file. Schema errors are turned into messages a
provider can act on (field, what is wrong, the nearest valid value); the cross-file rules
(`RULES`) are small functions over the loaded catalog, each testable alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from multiprocessing import get_context
from pathlib import Path

import jsonschema_rs

from credcat.check.layout import SCHEMA_NAMES, TAXONOMY_FILES, Kind, schema_name
from credcat.check.load import CatalogFile, Document, LoadedCatalog, LoadError, display_path, load_file, parse_strictly, plan_catalog
from credcat.check.problem import Problem
from credcat.check.rules import CATALOG_RULES, DOCUMENT_RULES, RECOGNITION_RULES
from credcat.check.rules.context import ListingFacts, Locate, RecognitionFacts, RuleContext, facts_of, recognition_facts_of
from credcat.check.rules.costs import table_currencies
from credcat.check.rules.lookalikes import NamedEntry, lookalike_names, named_entry
from credcat.check.subset import Subset
from credcat.check.terms import terms_of
from credcat.resources import SCHEMA_DIR

# schema/ at the top of the repository, reached through the package's own link so that an
# installed wheel carries the schemas too.


@dataclass
class Report:
    """The outcome of one validation run."""

    catalog: LoadedCatalog | None
    problems: list[Problem]
    files_checked: int
    schema_valid: frozenset[str] = frozenset()
    reusable: Reusable | None = None
    """What a later run may take over unchanged (`validate_catalog(previous=...)`), when asked for."""

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
        from credcat.check.explain import explain_document  # jsonschema is slow to import: only when needed

        found = explain_document(document, self.schema_text)
        return found or [
            document.problem(tuple(error.instance_path), error.message) for error in self.decide.iter_errors(document.data)
        ]


def load_schemas(schema_dir: Path = SCHEMA_DIR) -> dict[str, SchemaCheck]:
    """One check per schema (see layout.schema_name), built once and reused for every file."""
    loaded = {}
    for name in SCHEMA_NAMES:
        schema_text = (schema_dir / f"{name}.schema.json").read_text(encoding="utf-8")
        loaded[name] = SchemaCheck(jsonschema_rs.validator_for(json.loads(schema_text), validate_formats=True), schema_text)
    return loaded


Progress = Callable[[int, int], None]
PARALLEL_FROM_FILES = 2000
_CHUNKS_PER_WORKER = 8


@dataclass(frozen=True)
class FileResult:
    """One file's problems and, when it is a credential or a recognition, its facts; the name of a provider or credential."""

    problems: list[Problem]
    facts: ListingFacts | None
    document: Document | None
    schema_valid: bool
    recognition: RecognitionFacts | None = None
    named: NamedEntry | None = None


@dataclass(frozen=True)
class RuleInputs:
    """What the cross-file rules read: each listing's facts, each recognition's, each name."""

    facts: tuple[ListingFacts, ...]
    recognitions: tuple[RecognitionFacts, ...]
    named: tuple[NamedEntry, ...]


@dataclass(frozen=True)
class Reusable:
    """A run's per-file results with the size and modification time each file had when read,
    and the context its rules saw: a later run (a save while serving) checks again only the
    files that changed or that the change of context can affect."""

    context: RuleContext
    results: dict[str, tuple[tuple[int, int], FileResult]]
    schemas: dict[str, SchemaCheck]
    plan: tuple[list[CatalogFile], list[Problem], int]
    """The files found and classified, with the problems of those in no known place."""
    rule_inputs: RuleInputs
    rules_found_nothing: bool

    def unchanged(self, file: CatalogFile, stat: tuple[int, int], today: date) -> FileResult | None:
        """A taxonomy or exchange-rate file's result, if the file and the date are as they were."""
        stored = self.results.get(file.shown)
        return stored[1] if stored is not None and stored[0] == stat and self.context.today == today else None

    def results_for(self, context: RuleContext, files: list[CatalogFile], stats: list[tuple[int, int]]) -> dict[str, FileResult]:
        """The results still true under `context`: the file has the same size and time, had no
        problems (whose hints name their nearest valid values, which may have changed), and
        names none of the listings or pathways that came or went. Nothing when the taxonomy,
        the exchange rates, the providers or the date changed."""
        before = self.context
        if (before.today, before.term_ids, before.terms, before.providers_with_file, before.currencies) != (
                context.today, context.term_ids, context.terms, context.providers_with_file, context.currencies):
            return {}
        came_or_went = (before.credential_refs ^ context.credential_refs) | (before.pathway_refs ^ context.pathway_refs)
        kept = {}
        for file, stat in zip(files, stats, strict=True):
            stored = self.results.get(file.shown)
            if stored is None or stored[0] != stat:
                continue
            result = stored[1]
            if result.problems or result.document is None or any(ref in result.document.text for ref in came_or_went):
                continue
            kept[file.shown] = result
        return kept


def _stat(path: Path) -> tuple[int, int]:
    """A file's size and modification time, taken before it is read (so a later write shows)."""
    try:
        found = path.stat()
    except OSError:
        return (-1, -1)
    return (found.st_size, found.st_mtime_ns)


def check_file(file: CatalogFile, schemas: dict[str, SchemaCheck], context: RuleContext) -> FileResult:
    """Load one file, check it against its schema and against every document rule.

    Rules run on files that fail their schema too, so that one run shows every problem; there
    they read what they can, and a field the schema already faults keeps only the schema's problem.
    """
    document, problems = load_file(file.path, file.shown)
    if document is None:
        return FileResult(problems, None, None, False)
    problems = schemas[schema_name(file.placement)].problems(document)
    found = [problem for rule in DOCUMENT_RULES for problem in rule(document, file.placement, context)]
    if problems:
        faulted = {problem.field for problem in problems if problem.field}
        found = problems + [problem for problem in found if problem.field not in faulted]
    return FileResult(
        found, facts_of(document, file.placement), document, not problems, recognition_facts_of(document, file.placement),
        named_entry(document, file.placement),
    )


def validate_catalog(
    root: Path,
    *,
    today: date | None = None,
    schema_dir: Path = SCHEMA_DIR,
    progress: Progress | None = None,
    jobs: int = 1,
    keep_documents: bool = True,
    reusable: bool = False,
    previous: Report | None = None,
    same_files: bool = False,
    subset: Subset | None = None,
) -> Report:
    """Check the whole catalog below `root`; never raises for bad data.

    With `jobs` > 1 and a large catalog, files are checked in that many processes. With
    `keep_documents`, which a build needs, this process reads every file again meanwhile
    (quicker than unpickling the workers' documents); without it the report carries none
    (`Report.catalog` is None): enough for a verdict, and quicker still. With `reusable`
    (and `keep_documents`), the report keeps what a later run may reuse, and a run given a
    `previous` such report checks again only what changed (Reusable.results_for), and with
    `same_files` (no file came or went since) does not list the folder again; the
    catalog-wide rules always run. With a `subset` (subset.py), only its files are read and
    checked, references against the whole catalog.
    """
    remember = (reusable or previous is not None) and keep_documents
    prior = previous.reusable if remember and previous is not None else None
    schemas = prior.schemas if prior is not None else load_schemas(schema_dir)
    if prior is not None and same_files and subset is None:
        planned, plan_problems, file_count = prior.plan
    else:
        planned, plan_problems, file_count = plan_catalog(root, subset.scan if subset is not None else None)
    problems = list(plan_problems)
    taxonomy_files = [file for file in planned if file.placement.kind is Kind.TAXONOMY]
    rates_files = [file for file in planned if file.placement.kind is Kind.EXCHANGE_RATES]
    listing_files = [file for file in planned if file.placement.kind not in (Kind.TAXONOMY, Kind.EXCHANGE_RATES)]

    base_context = RuleContext(today or date.today(), {}, frozenset(), frozenset())
    fixed_stats = [_stat(file.path) for file in taxonomy_files + rates_files] if remember else []
    taxonomy_results = _check_fixed(taxonomy_files, fixed_stats, prior, schemas, base_context)
    problems += _missing_taxonomies(root, taxonomy_files)
    rates_results = _check_fixed(rates_files, fixed_stats[len(taxonomy_files):], prior, schemas, base_context)
    currencies = next(
        (table_currencies(result.document.data) for result in rates_results if result.schema_valid and result.document), None
    )
    terms = {
        file.placement.stem: terms_of(file.placement.stem, result.document.data)
        for file, result in zip(taxonomy_files, taxonomy_results, strict=True)
        if result.schema_valid and result.document is not None
    }
    credential_refs, providers_with_file, pathway_refs = _existing(listing_files, subset)
    context = RuleContext(
        base_context.today,
        {vocabulary: frozenset(term.id for term in found) for vocabulary, found in terms.items()},
        credential_refs,
        providers_with_file,
        terms,
        pathway_refs,
        currencies=currencies,
    )

    stats = [_stat(file.path) for file in listing_files] if remember else []
    kept = prior.results_for(context, listing_files, stats) if prior is not None else {}
    unchecked = [file for file in listing_files if file.shown not in kept]
    parallel = jobs > 1 and len(unchecked) >= PARALLEL_FROM_FILES
    if parallel:
        checked = _check_in_processes(unchecked, schema_dir, context, jobs, progress, keep_documents)
    else:
        checked = _check_here(unchecked, schemas, context, progress)
    fresh = iter(checked)
    results = [kept[file.shown] if file.shown in kept else next(fresh) for file in listing_files]

    catalog = LoadedCatalog(root) if keep_documents or not parallel else None
    schema_valid: set[str] = set()
    for file, result in zip(taxonomy_files + rates_files + listing_files, taxonomy_results + rates_results + results, strict=True):
        problems += result.problems
        if result.schema_valid:
            schema_valid.add(file.shown)
        if catalog is not None and result.document is not None:
            catalog.add(file.placement, result.document)

    rule_inputs = RuleInputs(
        tuple(result.facts for result in results if result.facts is not None),
        tuple(result.recognition for result in results if result.recognition is not None),
        tuple(result.named for result in results if result.named is not None),
    )
    if prior is not None and prior.rule_inputs == rule_inputs and prior.rules_found_nothing:
        found_by_rules: list[Problem] = []  # the rules are functions of their inputs, which are as they were
    else:
        found_by_rules = _catalog_wide(rule_inputs, _locator(catalog, listing_files))
    problems += found_by_rules
    keep = Reusable(context, {file.shown: (stat, result) for file, stat, result in zip(
        taxonomy_files + rates_files + listing_files, fixed_stats + stats, taxonomy_results + rates_results + results, strict=True)},
        schemas, (planned, plan_problems, file_count), rule_inputs, not found_by_rules) if remember else None
    return Report(catalog, sorted(problems), file_count, frozenset(schema_valid), keep)


def _catalog_wide(inputs: RuleInputs, locate: Locate) -> list[Problem]:
    """What the cross-file rules find: over the listings' facts, the recognitions, the names."""
    found: list[Problem] = []
    for rule in CATALOG_RULES:
        found += rule(list(inputs.facts), locate)
    for recognition_rule in RECOGNITION_RULES:
        found += recognition_rule(list(inputs.facts), list(inputs.recognitions), locate)
    found += lookalike_names(inputs.named, locate)
    return found


def _existing(files: list[CatalogFile], subset: Subset | None) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What references may name: the credentials, the providers with a provider.yml and the
    pathways of the catalog (of the whole catalog when only a subset is read)."""
    if subset is not None:
        return subset.credential_refs, subset.providers_with_file, subset.pathway_refs
    return (
        frozenset(file.placement.ref for file in files if file.placement.kind is Kind.CREDENTIAL),
        frozenset(file.placement.provider for file in files if file.placement.kind is Kind.PROVIDER),
        frozenset(file.placement.ref for file in files if file.placement.kind is Kind.PATHWAY),
    )


def _check_fixed(files: list[CatalogFile], stats: list[tuple[int, int]], prior: Reusable | None, schemas: dict[str, SchemaCheck],
                 context: RuleContext) -> list[FileResult]:
    """Taxonomy and exchange-rate files, checked, or as a previous run found them if unchanged."""
    results = []
    for index, file in enumerate(files):
        kept = prior.unchanged(file, stats[index], context.today) if prior is not None else None
        results.append(kept or check_file(file, schemas, context))
    return results


def _missing_taxonomies(root: Path, present: list[CatalogFile]) -> list[Problem]:
    found = {file.placement.stem for file in present}
    return [
        Problem(f"{display_path(root)}/taxonomy/{name}.yml", 1, 1, "", "taxonomy file is missing", rule="taxonomy")
        for name in TAXONOMY_FILES
        if name not in found
    ]


def _check_here(
    files: list[CatalogFile], schemas: dict[str, SchemaCheck], context: RuleContext, progress: Progress | None
) -> list[FileResult]:
    results = []
    for index, file in enumerate(files, start=1):
        if progress is not None:
            progress(index, len(files))
        results.append(check_file(file, schemas, context))
    return results


_worker_state: tuple[dict[str, SchemaCheck], RuleContext] | None = None


def _start_worker(schema_dir: Path, context: RuleContext) -> None:
    global _worker_state
    _worker_state = (load_schemas(schema_dir), context)


def _check_chunk(files: list[CatalogFile]) -> list[FileResult]:
    """Check files in a worker; the documents stay behind (unpickling one costs more than reading it)."""
    assert _worker_state is not None
    schemas, context = _worker_state
    return [replace(check_file(file, schemas, context), document=None) for file in files]


def _check_in_processes(
    files: list[CatalogFile], schema_dir: Path, context: RuleContext, jobs: int, progress: Progress | None,
    keep_documents: bool,
) -> list[FileResult]:
    size = max(1, -(-len(files) // (jobs * _CHUNKS_PER_WORKER)))
    chunks = [files[start : start + size] for start in range(0, len(files), size)]
    results: list[FileResult] = []
    with ProcessPoolExecutor(jobs, mp_context=get_context("fork"), initializer=_start_worker, initargs=(schema_dir, context)) as pool:
        checked = pool.map(_check_chunk, chunks)
        documents = [load_file(file.path, file.shown)[0] for file in files] if keep_documents else [None] * len(files)
        for chunk_results in checked:
            results += chunk_results
            if progress is not None:
                progress(len(results), len(files))
    return [replace(result, document=document) for result, document in zip(results, documents, strict=True)]


def _locator(catalog: LoadedCatalog | None, files: list[CatalogFile]) -> Locate:
    """Find a document by its shown path: in memory, or read again when the work was shared out."""
    by_shown = {file.shown: file for file in files}

    def locate(shown: str) -> Document:
        if catalog is not None:
            return catalog.documents_by_path[shown]
        document, _problems = load_file(by_shown[shown].path, shown)
        assert document is not None, "a file with facts was read before"
        return document

    return locate
