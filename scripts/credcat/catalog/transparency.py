"""Transparency score: which EU mandatory elements of a micro-credential a listing states.

The Council Recommendation on micro-credentials (2022/C 243/02, Annex I) names eleven
mandatory elements; two of them (the learner's identity and the date of issue) belong to an
issued credential, not to a catalog listing, so a listing is scored on the other nine.
"""

from __future__ import annotations

from dataclasses import dataclass

from credcat.catalog.model import Catalog, Credential, Provider


@dataclass(frozen=True)
class Element:
    """One EU element and whether the listing states it."""

    name: str
    stated: bool


@dataclass(frozen=True)
class Transparency:
    elements: tuple[Element, ...]

    @property
    def stated(self) -> int:
        return sum(element.stated for element in self.elements)

    @property
    def score(self) -> str:
        """The facet value, e.g. `8 of 9`."""
        return f"{self.stated} of {len(self.elements)}"


# The nine elements a listing is scored on, in the Recommendation's order.
ELEMENT_NAMES = (
    "Title",
    "Awarding body",
    "Country of the awarding body",
    "Learning outcomes",
    "Notional workload in ECTS credits",
    "Level (EQF)",
    "Type of assessment",
    "Form of participation",
    "Type of quality assurance",
)


def transparency_of(credential: Credential, provider: Provider) -> Transparency:
    """Score one listing; the awarding body and its country come from the provider file."""
    data = credential.data
    stated = (
        bool(data["name"]),
        bool(provider.data["name"]),
        bool(provider.data["country"]),
        bool(data["learning_outcomes"]),
        "ects" in data["workload"],
        "eqf" in data["level"],
        bool(data["assessment"]["type"]),
        bool(data["delivery"]["mode"]),
        data["quality_assurance"]["type"] != "none",
    )
    return Transparency(tuple(Element(name, value) for name, value in zip(ELEMENT_NAMES, stated, strict=True)))


@dataclass(frozen=True)
class ClaimSupport:
    """A listing's claims about quality, accreditation and credit (its quality assurance bodies,
    its provider's accreditations, what it counts toward), and how many of them come with
    evidence the provider links to, and how many the named organisation confirms itself."""

    claims: int
    evidenced: int
    confirmed: int


def claim_support(credential: Credential, provider: Provider, catalog: Catalog) -> ClaimSupport:
    """Count one listing's claims, evidenced and confirmed separately (a claim may be both)."""
    bodies = credential.data["quality_assurance"].get("bodies", [])
    accreditations = provider.data.get("accreditations", [])
    counts_toward = catalog.counts_toward_claims(credential)
    confirmed = catalog.recognized.accreditations(provider.id, provider.data) + counts_toward
    return ClaimSupport(
        len(bodies) + len(accreditations) + len(counts_toward),
        sum("evidence_url" in body for body in bodies) + sum("evidence_url" in body for body in accreditations),
        sum(claim.confirmed for claim in confirmed),
    )
