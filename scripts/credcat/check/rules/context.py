"""What a rule may know and what it returns: the context of one file, the facts of a
listing that catalog-wide rules need, and the signatures of both kinds of rule."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from credcat.check.layout import Kind, Placement
from credcat.check.load import Document
from credcat.check.problem import Problem


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
