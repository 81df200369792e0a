"""Transparency score: which EU mandatory elements of a micro-credential a listing states.

The Council Recommendation on micro-credentials (2022/C 243/02, Annex I) names eleven
mandatory elements; two of them (the learner's identity and the date of issue) belong to an
issued credential, not to a catalog listing, so a listing is scored on the other nine.
"""

from __future__ import annotations

from dataclasses import dataclass

from credcat.catalog.model import Credential, Provider


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


def transparency_of(credential: Credential, provider: Provider) -> Transparency:
    """Score one listing; the awarding body and its country come from the provider file."""
    data = credential.data
    return Transparency(
        (
            Element("Title", bool(data["name"])),
            Element("Awarding body", bool(provider.data["name"])),
            Element("Country of the awarding body", bool(provider.data["country"])),
            Element("Learning outcomes", bool(data["learning_outcomes"])),
            Element("Notional workload in ECTS credits", "ects" in data["workload"]),
            Element("Level (EQF)", "eqf" in data["level"]),
            Element("Type of assessment", bool(data["assessment"]["type"])),
            Element("Form of participation", bool(data["delivery"]["mode"])),
            Element("Type of quality assurance", data["quality_assurance"]["type"] != "none"),
        )
    )
