"""Cross-file rules: what one file's schema cannot see.

Each rule is a function from the loaded catalog to problems, listed in `RULES` and testable
alone. Rules read only documents that passed their schema, so they can trust the shapes;
references are checked against every file that exists, valid or not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from datetime import date
from typing import Any

import langcodes
import pycountry

from credcat.layout import TAXONOMY_FILES
from credcat.load import Document, LoadedCatalog
from credcat.problem import Problem, Severity, did_you_mean


@dataclass(frozen=True)
class RuleContext:
    """What every rule may look at: the loaded catalog, which files passed their schema, and today."""

    catalog: LoadedCatalog
    today: date
    schema_valid: frozenset[str]

    def valid(self, documents: dict[str, Document]) -> Iterator[tuple[str, Document]]:
        """The documents of one kind that passed their schema, in key order."""
        for key in sorted(documents):
            if documents[key].display_path in self.schema_valid:
                yield key, documents[key]

    @cached_property
    def term_ids(self) -> dict[str, set[str]]:
        """Ids defined in each taxonomy file that passed its schema."""
        return {name: {term["id"] for term in document.data} for name, document in self.valid(self.catalog.taxonomies)}


Rule = Callable[[RuleContext], Iterator[Problem]]


def ids_match_paths(context: RuleContext) -> Iterator[Problem]:
    """A credential's or pathway's id equals its file stem; a provider's id equals its folder."""
    catalog = context.catalog
    for documents, where in ((catalog.credentials, "file"), (catalog.pathways, "file"), (catalog.providers, "folder")):
        for key, document in context.valid(documents):
            expected = catalog.placements[document.display_path].stem
            if document.data["id"] != expected:
                shown = f"{expected}.yml" if where == "file" else expected
                yield document.problem(
                    ("id",),
                    f"'{document.data['id']}' does not match the {where} name '{shown}'",
                    hint=f"set id: {expected}, or rename the {where}",
                    rule="id",
                )


def providers_have_provider_file(context: RuleContext) -> Iterator[Problem]:
    """Every listing's folder has a provider.yml."""
    catalog = context.catalog
    for documents in (catalog.credentials, catalog.pathways):
        for ref in sorted(documents):
            provider = ref.split("/")[0]
            if provider not in catalog.providers:
                yield documents[ref].problem(
                    (),
                    f"provider folder '{provider}' has no provider.yml",
                    hint=f"add providers/{provider}/provider.yml, e.g. with: credcat new provider --id {provider}",
                    rule="provider",
                )


def provider_logo_exists(context: RuleContext) -> Iterator[Problem]:
    """A provider's logo names a file that is in its folder."""
    for provider, document in context.valid(context.catalog.providers):
        logo = document.data.get("logo")
        if logo is not None and not (document.path.parent / logo).is_file():
            yield document.problem(
                ("logo",), f"logo file '{logo}' is not in the provider folder", hint="add the file or remove the field"
            )


def taxonomy_is_sound(context: RuleContext) -> Iterator[Problem]:
    """Both taxonomy files exist, ids are unique and every parent exists."""
    catalog = context.catalog
    for name in TAXONOMY_FILES:
        document = catalog.taxonomies.get(name)
        if document is None:
            yield Problem(f"{catalog.root.as_posix()}/taxonomy/{name}.yml", 1, 1, "", "taxonomy file is missing", rule="taxonomy")
            continue
        if document.display_path not in context.schema_valid:
            continue
        seen: set[str] = set()
        for index, term in enumerate(document.data):
            if term["id"] in seen:
                yield document.problem((index, "id"), f"id '{term['id']}' appears twice", rule="taxonomy")
            seen.add(term["id"])
        for index, term in enumerate(document.data):
            parent = term.get("parent")
            if parent is not None and parent not in seen:
                yield document.problem((index, "parent"), f"parent '{parent}' is not in this file", rule="taxonomy")


def terms_exist(context: RuleContext) -> Iterator[Problem]:
    """A credential's subjects and industries are ids of the taxonomy."""
    catalog = context.catalog
    for ref, document in context.valid(catalog.credentials):
        for vocabulary in TAXONOMY_FILES:
            known = context.term_ids.get(vocabulary)
            if known is None:
                continue
            for index, term in enumerate(document.data[vocabulary]):
                if term not in known:
                    yield document.problem(
                        (vocabulary, index),
                        f"'{term}' is not in catalog/taxonomy/{vocabulary}.yml",
                        hint=did_you_mean(term, known),
                        rule="taxonomy",
                    )


def references_resolve(context: RuleContext) -> Iterator[Problem]:
    """Every `<provider>/<credential>` reference names a credential file that exists."""
    catalog = context.catalog
    known = catalog.credentials.keys() | catalog.unreadable_credentials
    for documents in (catalog.credentials, catalog.pathways):
        for ref, document in context.valid(documents):
            for path, target in credential_references(document.data):
                if target not in known:
                    yield document.problem(
                        path, f"'{target}' is not a credential in the catalog", hint=did_you_mean(target, known), rule="reference"
                    )


def credential_references(data: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every credential reference in a schema-valid credential or pathway, with its JSON path."""
    for index, target in enumerate(data.get("prerequisites", {}).get("credentials", [])):
        yield ("prerequisites", "credentials", index), target
    for index, item in enumerate(data.get("stackability", {}).get("counts_toward", [])):
        if "credential" in item:
            yield ("stackability", "counts_toward", index, "credential"), item["credential"]
    for step_index, step in enumerate(data.get("steps", [])):
        for index, target in enumerate(step["credentials"]):
            yield ("steps", step_index, "credentials", index), target
    for index, item in enumerate(data.get("leads_to", [])):
        if "credential" in item:
            yield ("leads_to", index, "credential"), item["credential"]


def no_prerequisite_cycles(context: RuleContext) -> Iterator[Problem]:
    """Prerequisites form no cycle; each member of a cycle is told the whole cycle."""
    catalog = context.catalog
    graph = {
        ref: [target for target in document.data.get("prerequisites", {}).get("credentials", [])]
        for ref, document in context.valid(catalog.credentials)
    }
    for component in _strongly_connected(graph):
        members = sorted(component)
        if len(members) == 1 and members[0] not in graph[members[0]]:
            continue
        cycle = " -> ".join(_cycle_through(members[0], graph, component))
        for member in members:
            document = catalog.credentials[member]
            index = next(i for i, target in enumerate(graph[member]) if target in component)
            yield document.problem(
                ("prerequisites", "credentials", index),
                f"prerequisites form a cycle: {cycle}",
                hint="a credential cannot require itself, directly or through others",
                rule="cycle",
            )


def _cycle_through(start: str, graph: dict[str, list[str]], component: set[str]) -> list[str]:
    """The shortest path from `start` back to itself inside one strongly connected component."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in graph[node]:
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if target in component and target not in came_from:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    return [start, start]


def _strongly_connected(graph: dict[str, list[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative so that long chains cannot overflow the stack."""
    index_of: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index_of:
            continue
        work: list[tuple[str, int]] = [(start, 0)]
        while work:
            node, edge = work.pop()
            if edge == 0:
                index_of[node] = lowlink[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = [target for target in graph.get(node, []) if target in graph]
            if edge < len(targets):
                work.append((node, edge + 1))
                target = targets[edge]
                if target not in index_of:
                    work.append((target, 0))
                elif target in on_stack:
                    lowlink[node] = min(lowlink[node], index_of[target])
                continue
            if lowlink[node] == index_of[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
    return components


def codes_are_valid(context: RuleContext) -> Iterator[Problem]:
    """Languages are BCP 47, countries ISO 3166-1 alpha-2, currencies ISO 4217."""
    catalog = context.catalog
    for provider, document in context.valid(catalog.providers):
        country = document.data["country"]
        if pycountry.countries.get(alpha_2=country) is None:
            yield document.problem(("country",), f"'{country}' is not an ISO 3166-1 alpha-2 country code", hint="for example 'DE' or 'GB'", rule="code")
    for ref, document in context.valid(catalog.credentials):
        for index, tag in enumerate(document.data["languages"]):
            if not langcodes.tag_is_valid(tag):
                yield document.problem(("languages", index), f"'{tag}' is not a valid BCP 47 language tag", hint="for example 'en', 'de' or 'pt-BR'", rule="code")
        currency = document.data["cost"].get("currency")
        if currency is not None and pycountry.currencies.get(alpha_3=currency) is None:
            yield document.problem(("cost", "currency"), f"'{currency}' is not an ISO 4217 currency code", hint="for example 'EUR' or 'USD'", rule="code")


def dates_are_sane(context: RuleContext) -> Iterator[Problem]:
    """last_verified is not in the future; available_until is not before available_from."""
    catalog = context.catalog
    for ref, document in context.valid(catalog.credentials):
        dates = document.data["dates"]
        verified = _parse_date(dates["last_verified"])
        if verified is not None and verified > context.today:
            yield document.problem(
                ("dates", "last_verified"),
                f"{dates['last_verified']} is in the future",
                hint=f"use the date you last checked the listing, at most {context.today.isoformat()}",
                rule="date",
            )
        start, end = _parse_date(dates.get("available_from")), _parse_date(dates.get("available_until"))
        if start is not None and end is not None and end < start:
            yield document.problem(
                ("dates", "available_until"),
                f"available_until {dates['available_until']} is before available_from {dates['available_from']}",
                rule="date",
            )


_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
_MARKDOWN_NOT_ALLOWED = (
    (re.compile(r"!\[[^\]]*\]\("), "images are not allowed", "link to the image instead"),
    (
        re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^>]*)?/?>)"),
        "raw HTML is not allowed",
        "write Markdown; put code in `backticks`",
    ),
    (re.compile(r"^ {0,3}#{1,2}(?:[ \t]|$)", re.MULTILINE), "headings of level 1 and 2 are not allowed", "use ### or deeper"),
)
_LINK_SCHEME = re.compile(r"(?:\]\(\s*<?|^ {0,3}\[[^\]]+\]:\s*<?)([A-Za-z][A-Za-z0-9+.-]*):", re.MULTILINE)
ALLOWED_LINK_SCHEMES = ("http", "https", "mailto")
_MARKDOWN_SIGNS = ("<", "![", "#", "](", "]:")


def markdown_is_restricted(context: RuleContext) -> Iterator[Problem]:
    """Descriptions use only the restricted Markdown of the contract (no HTML, images, h1/h2, odd links)."""
    catalog = context.catalog
    for documents in (catalog.providers, catalog.credentials, catalog.pathways):
        for key, document in context.valid(documents):
            text = document.data["description"]
            if not any(sign in text for sign in _MARKDOWN_SIGNS):
                continue
            text = _INLINE_CODE.sub("", text) if "`" in text else text
            for pattern, message, hint in _MARKDOWN_NOT_ALLOWED:
                if found := pattern.search(text):
                    yield document.problem(("description",), f"{message}: {found.group().strip()!r}", hint=hint, rule="markdown")
            for found in _LINK_SCHEME.finditer(text):
                if found.group(1).lower() not in ALLOWED_LINK_SCHEMES:
                    yield document.problem(
                        ("description",),
                        f"links may use http, https or mailto, not '{found.group(1)}:'",
                        rule="markdown",
                    )


PLACEHOLDER_PREFIX = "Replace this with"


def no_placeholder_text(context: RuleContext) -> Iterator[Problem]:
    """Text that `credcat new` wrote as a placeholder and nobody replaced (a warning)."""
    catalog = context.catalog
    for documents in (catalog.providers, catalog.credentials, catalog.pathways):
        for key, document in context.valid(documents):
            if PLACEHOLDER_PREFIX not in document.text:
                continue
            for path, text in _strings(document.data, ()):
                if text.startswith(PLACEHOLDER_PREFIX):
                    yield document.problem(
                        path,
                        "placeholder text from credcat new is still here",
                        hint="write the real text",
                        severity=Severity.WARNING,
                        rule="placeholder",
                    )


def _strings(data: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value is not None else None
    except ValueError:
        return None


def choose_within_step(context: RuleContext) -> Iterator[Problem]:
    """A pathway step's `choose` is at most the number of credentials in the step."""
    for ref, document in context.valid(context.catalog.pathways):
        for index, step in enumerate(document.data["steps"]):
            if step.get("choose", 1) > len(step["credentials"]):
                yield document.problem(
                    ("steps", index, "choose"),
                    f"choose {step['choose']} but the step lists {len(step['credentials'])} credential(s)",
                    hint="choose at most as many as the step lists",
                    rule="pathway",
                )


def names_unique_per_provider(context: RuleContext) -> Iterator[Problem]:
    """Two listings of one provider with the same name confuse learners (a warning)."""
    first_of: dict[tuple[str, str], str] = {}
    for ref, document in context.valid(context.catalog.credentials):
        key = (ref.split("/")[0], document.data["name"].strip().casefold())
        if key in first_of:
            yield document.problem(
                ("name",),
                f"another listing of this provider has the same name: {first_of[key]}",
                hint="give each listing a distinct name",
                severity=Severity.WARNING,
                rule="duplicate-name",
            )
        else:
            first_of[key] = ref


RULES: tuple[Rule, ...] = (
    ids_match_paths,
    providers_have_provider_file,
    provider_logo_exists,
    taxonomy_is_sound,
    terms_exist,
    references_resolve,
    no_prerequisite_cycles,
    codes_are_valid,
    dates_are_sane,
    choose_within_step,
    names_unique_per_provider,
    markdown_is_restricted,
    no_placeholder_text,
)
