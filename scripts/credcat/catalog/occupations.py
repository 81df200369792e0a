"""A listing's occupations with their ISCO-08 groups, for search, facets and pages.

A listing names occupations in its own words (`occupations[].name`, often not in English) and
may code each with `isco`. The code leads to the official English title of that group and of
every group above it (unit -> minor -> sub-major -> major group), so that a learner who types
"welder" finds a French listing coded 7212, and a facet can offer major groups, then unit groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from credcat.catalog.model import Catalog, Credential, Term

UNIT_GROUP_DIGITS = 4


@dataclass(frozen=True)
class ListingOccupation:
    """One entry of a listing's `occupations`: its own name, its code, and the ISCO-08 groups
    of that code from the group itself up to its major group (empty when it has no code)."""

    name: str
    isco: str | None
    groups: tuple[Term, ...]

    @property
    def major(self) -> Term | None:
        """The ISCO-08 major group (one digit), the first level of the occupation facet."""
        return self.groups[-1] if self.groups else None

    @property
    def unit(self) -> Term | None:
        """The unit group (four digits), the second level of the facet; None when the listing
        codes a broader group."""
        return self.groups[0] if self.groups and len(self.groups[0].code) == UNIT_GROUP_DIGITS else None


def listing_occupations(catalog: Catalog, credential: Credential) -> tuple[ListingOccupation, ...]:
    """Each of the listing's occupations, in its order, with its ISCO-08 groups."""
    found = []
    for occupation in credential.data.get("occupations", []):
        code = occupation.get("isco")
        group = catalog.occupations.get(code) if code else None
        groups = (group, *(catalog.occupations[ancestor] for ancestor in group.ancestors)) if group else ()
        found.append(ListingOccupation(occupation["name"], code, groups))
    return tuple(found)


def occupation_titles(catalog: Catalog, credential: Credential) -> tuple[str, ...]:
    """The distinct official English titles of the listing's ISCO-08 groups and their parents,
    most specific first: the words search should find the listing by."""
    titles = (group.name for occupation in listing_occupations(catalog, credential) for group in occupation.groups)
    return tuple(dict.fromkeys(titles))
