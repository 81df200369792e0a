"""The rules a file's schema cannot express.

Document rules look at one schema-valid file with what the catalog knows of the rest
(`RuleContext`: the taxonomy ids, the files that exist, today); catalog rules look across
listings through small `ListingFacts`. Both kinds are plain functions listed in
`DOCUMENT_RULES` and `CATALOG_RULES`, each testable alone, and neither needs every document
in memory, so validation can share the work between processes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import langcodes
import pycountry

from credcat.check.layout import Kind, Placement
from credcat.check.load import Document
from credcat.check.problem import Problem, Severity, did_you_mean
from credcat.check.tree import walk


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know beyond its own file: today, the taxonomy, the files that exist."""

    today: date
    term_ids: Mapping[str, frozenset[str]]
    credential_refs: frozenset[str]
    providers_with_file: frozenset[str]


@dataclass(frozen=True)
class ListingFacts:
    """What the catalog-wide rules need to know of one schema-valid credential."""

    ref: str
    display_path: str
    name: str
    prerequisites: tuple[str, ...]


DocumentRule = Callable[[Document, Placement, RuleContext], Iterator[Problem]]
Locate = Callable[[str], Document]
CatalogRule = Callable[[list[ListingFacts], Locate], Iterator[Problem]]


def facts_of(document: Document, placement: Placement) -> ListingFacts | None:
    """The facts of a schema-valid credential; None for other kinds."""
    if placement.kind is not Kind.CREDENTIAL:
        return None
    prerequisites = tuple(document.data.get("prerequisites", {}).get("credentials", []))
    return ListingFacts(placement.ref, document.display_path, document.data["name"], prerequisites)


def ids_match_paths(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """A credential's or pathway's id equals its file stem; a provider's id equals its folder."""
    if placement.kind is Kind.TAXONOMY or document.data["id"] == placement.stem:
        return
    where = "folder" if placement.kind is Kind.PROVIDER else "file"
    shown = placement.stem if placement.kind is Kind.PROVIDER else f"{placement.stem}.yml"
    yield document.problem(
        ("id",),
        f"'{document.data['id']}' does not match the {where} name '{shown}'",
        hint=f"set id: {placement.stem}, or rename the {where}",
        rule="id",
    )

def providers_have_provider_file(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Every listing's folder has a provider.yml."""
    if placement.kind in (Kind.CREDENTIAL, Kind.PATHWAY) and placement.provider not in context.providers_with_file:
        yield document.problem(
            (),
            f"provider folder '{placement.provider}' has no provider.yml",
            hint=f"add providers/{placement.provider}/provider.yml, e.g. with: credcat new provider --id {placement.provider}",
            rule="provider",
        )

def provider_logo_exists(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """A provider's logo names a file that is in its folder."""
    logo = document.data.get("logo") if placement.kind is Kind.PROVIDER else None
    if logo is not None and not (document.path.parent / logo).is_file():
        yield document.problem(
            ("logo",), f"logo file '{logo}' is not in the provider folder", hint="add the file or remove the field"
        )

def taxonomy_is_sound(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Ids in a taxonomy file are unique and every parent exists."""
    if placement.kind is not Kind.TAXONOMY:
        return
    seen: set[str] = set()
    for index, term in enumerate(document.data):
        if term["id"] in seen:
            yield document.problem((index, "id"), f"id '{term['id']}' appears twice", rule="taxonomy")
        seen.add(term["id"])
    for index, term in enumerate(document.data):
        parent = term.get("parent")
        if parent is not None and parent not in seen:
            yield document.problem((index, "parent"), f"parent '{parent}' is not in this file", rule="taxonomy")

def terms_exist(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """A credential's subjects and industries are ids of the taxonomy."""
    if placement.kind is not Kind.CREDENTIAL:
        return
    for vocabulary, known in context.term_ids.items():
        for index, term in enumerate(document.data[vocabulary]):
            if term not in known:
                yield document.problem(
                    (vocabulary, index),
                    f"'{term}' is not in catalog/taxonomy/{vocabulary}.yml",
                    hint=did_you_mean(term, known),
                    rule="taxonomy",
                )

def references_resolve(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Every `<provider>/<credential>` reference names a credential file that exists (readable or not)."""
    if placement.kind not in (Kind.CREDENTIAL, Kind.PATHWAY):
        return
    for path, target in credential_references(document.data):
        if target not in context.credential_refs:
            yield document.problem(
                path,
                f"'{target}' is not a credential in the catalog",
                hint=did_you_mean(target, context.credential_refs),
                rule="reference",
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


def no_prerequisite_cycles(facts: list[ListingFacts], locate: Locate) -> Iterator[Problem]:
    """Prerequisites form no cycle; each member of a cycle is told the whole cycle."""
    graph = {listing.ref: list(listing.prerequisites) for listing in facts}
    shown_as = {listing.ref: listing.display_path for listing in facts}
    for component in _strongly_connected(graph):
        members = sorted(component)
        if len(members) == 1 and members[0] not in graph[members[0]]:
            continue
        cycle = " -> ".join(_cycle_through(members[0], graph, component))
        for member in members:
            index = next(i for i, target in enumerate(graph[member]) if target in component)
            yield locate(shown_as[member]).problem(
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


def codes_are_valid(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Languages are BCP 47, countries ISO 3166-1 alpha-2, currencies ISO 4217."""
    data = document.data
    if placement.kind is Kind.PROVIDER and not _known_code("country", data["country"]):
        yield document.problem(
            ("country",),
            f"'{data['country']}' is not an ISO 3166-1 alpha-2 country code",
            hint="for example 'DE' or 'GB'",
            rule="code",
        )
    if placement.kind is not Kind.CREDENTIAL:
        return
    for index, tag in enumerate(data["languages"]):
        if not _valid_language(tag):
            yield document.problem(
                ("languages", index),
                f"'{tag}' is not a valid BCP 47 language tag",
                hint="for example 'en', 'de' or 'pt-BR'",
                rule="code",
            )
    currency = data["cost"].get("currency")
    if currency is not None and not _known_code("currency", currency):
        yield document.problem(
            ("cost", "currency"),
            f"'{currency}' is not an ISO 4217 currency code",
            hint="for example 'EUR' or 'USD'",
            rule="code",
        )


@cache
def _valid_language(tag: str) -> bool:
    """langcodes' verdict, remembered: a catalog uses a few tags many thousand times."""
    return bool(langcodes.tag_is_valid(tag))


@cache
def _known_code(table: str, code: str) -> bool:
    """Whether pycountry knows a country (alpha-2) or currency (alpha-3) code; remembered likewise."""
    if table == "country":
        return pycountry.countries.get(alpha_2=code) is not None
    return pycountry.currencies.get(alpha_3=code) is not None

def dates_are_sane(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """last_verified is not in the future; available_until is not before available_from."""
    if placement.kind is not Kind.CREDENTIAL:
        return
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


def markdown_is_restricted(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Descriptions use only the restricted Markdown of the contract (no HTML, images, h1/h2, odd links)."""
    if placement.kind is Kind.TAXONOMY:
        return
    text = document.data["description"]
    if not any(sign in text for sign in _MARKDOWN_SIGNS):
        return
    text = _INLINE_CODE.sub("", text) if "`" in text else text
    for pattern, message, hint in _MARKDOWN_NOT_ALLOWED:
        if found := pattern.search(text):
            yield document.problem(("description",), f"{message}: {found.group().strip()!r}", hint=hint, rule="markdown")
    for found in _LINK_SCHEME.finditer(text):
        if found.group(1).lower() not in ALLOWED_LINK_SCHEMES:
            yield document.problem(
                ("description",), f"links may use http, https or mailto, not '{found.group(1)}:'", rule="markdown"
            )

PLACEHOLDER_PREFIX = "Replace this with"


def no_placeholder_text(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Text that `credcat new` wrote as a placeholder and nobody replaced (a warning)."""
    if PLACEHOLDER_PREFIX not in document.text:
        return
    for path, text in walk(document.data):
        if isinstance(text, str) and text.startswith(PLACEHOLDER_PREFIX):
            yield document.problem(
                path,
                "placeholder text from credcat new is still here",
                hint="write the real text",
                severity=Severity.WARNING,
                rule="placeholder",
            )

def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value is not None else None
    except ValueError:
        return None


def choose_within_step(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """A pathway step's `choose` is at most the number of credentials in the step."""
    if placement.kind is not Kind.PATHWAY:
        return
    for index, step in enumerate(document.data["steps"]):
        if step.get("choose", 1) > len(step["credentials"]):
            yield document.problem(
                ("steps", index, "choose"),
                f"choose {step['choose']} but the step lists {len(step['credentials'])} credential(s)",
                hint="choose at most as many as the step lists",
                rule="pathway",
            )

def names_unique_per_provider(facts: list[ListingFacts], locate: Locate) -> Iterator[Problem]:
    """Two listings of one provider with the same name confuse learners (a warning)."""
    first_of: dict[tuple[str, str], str] = {}
    for listing in sorted(facts, key=lambda listing: listing.ref):
        key = (listing.ref.split("/")[0], listing.name.strip().casefold())
        if key in first_of:
            yield locate(listing.display_path).problem(
                ("name",),
                f"another listing of this provider has the same name: {first_of[key]}",
                hint="give each listing a distinct name",
                severity=Severity.WARNING,
                rule="duplicate-name",
            )
        else:
            first_of[key] = listing.ref

DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    ids_match_paths,
    providers_have_provider_file,
    provider_logo_exists,
    taxonomy_is_sound,
    terms_exist,
    references_resolve,
    codes_are_valid,
    dates_are_sane,
    choose_within_step,
    markdown_is_restricted,
    no_placeholder_text,
)

CATALOG_RULES: tuple[CatalogRule, ...] = (no_prerequisite_cycles, names_unique_per_provider)
