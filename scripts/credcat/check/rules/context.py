"""What a rule may know and what it returns: the context of one file, the facts of a
listing that catalog-wide rules need, and the signatures of both kinds of rule."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from credcat.check.layout import Kind, Placement
from credcat.check.load import Document
from credcat.check.problem import Problem
from credcat.check.terms import Term
from credcat.check.tree import items_of, lookup


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know beyond its own file: today, the taxonomy, the files that exist."""

    today: date
    term_ids: Mapping[str, frozenset[str]]
    credential_refs: frozenset[str]
    providers_with_file: frozenset[str]
    terms: Mapping[str, tuple[Term, ...]] = field(default_factory=dict)
    """Each taxonomy's terms with names, descriptions and codes, for the hint at an unknown one."""
    pathway_refs: frozenset[str] = frozenset()
    """The pathways that exist, which a recognition may name."""
    currencies: frozenset[str] | None = None
    """The currencies exchange-rates.yml converts (its base and rates); None without a valid table."""


@dataclass(frozen=True)
class ListingFacts:
    """What the catalog-wide rules need to know of one credential (its file may fail its schema)."""

    ref: str
    display_path: str
    name: str
    prerequisites: tuple[str, ...]
    status: str = ""


@dataclass(frozen=True)
class RecognitionFacts:
    """What the catalog-wide rules need to know of one recognition: the listing it names, if any."""

    display_path: str
    credential: str


DocumentRule = Callable[[Document, Placement, RuleContext], Iterator[Problem]]


Locate = Callable[[str], Document]


CatalogRule = Callable[[list[ListingFacts], Locate], Iterator[Problem]]


RecognitionRule = Callable[[list[ListingFacts], list[RecognitionFacts], Locate], Iterator[Problem]]


def facts_of(document: Document, placement: Placement) -> ListingFacts | None:
    """The facts of a credential whose name is text; None for other kinds. In a file that fails
    its schema, a prerequisite that is not text stays in its place as "", which names nothing."""
    name = lookup(document.data, "name")
    if placement.kind is not Kind.CREDENTIAL or not isinstance(name, str):
        return None
    prerequisites = tuple(
        target if isinstance(target, str) else ""
        for _index, target in items_of(lookup(document.data, "prerequisites", "credentials"))
    )
    status = lookup(document.data, "status")
    return ListingFacts(placement.ref, document.display_path, name, prerequisites, status if isinstance(status, str) else "")


def recognition_facts_of(document: Document, placement: Placement) -> RecognitionFacts | None:
    """The listing a recognition names, when it names one as text; None otherwise and for other kinds."""
    credential = lookup(document.data, "credential")
    if placement.kind is not Kind.RECOGNITION or not isinstance(credential, str):
        return None
    return RecognitionFacts(document.display_path, credential)
