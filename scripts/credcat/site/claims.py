"""What pages show of recognitions: each claim's mark ("confirmed by <org>" with a link to the
recognition, or "claimed by the provider"), what a recognizer confirms, and the planner that
lists a pathway's or qualification's steps with their hours, cost, credits and marks.

The decisions are the model's (catalog/recognitions.py, catalog/qualifications.py); this module
only turns them into what templates and theme/assets/planner.js read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from credcat.catalog.labels import label
from credcat.catalog.model import Catalog, Pathway
from credcat.catalog.qualifications import Qualification, Toward
from credcat.catalog.recognitions import Claim, Recognition
from credcat.catalog.urls import credential_url, pathway_url, recognition_url


@dataclass(frozen=True)
class ClaimMark:
    """A claim as a page shows it: confirmed (by whom, where, for how many credits, until when)
    or claimed by the provider."""

    confirmed: bool
    by: str
    url: str
    kind: str
    credits: float | None
    valid_until: str


def claim_mark(claim: Claim, catalog: Catalog) -> ClaimMark:
    """The mark of one resolved claim."""
    recognition = claim.recognition
    if recognition is None:
        return ClaimMark(False, "", "", "", None, "")
    return ClaimMark(
        True,
        catalog.providers[recognition.recognizer_id].name,
        recognition_url(recognition.ref),
        label("recognition_as", recognition.kind),
        recognition.data.get("credits"),
        recognition.data.get("valid_until", ""),
    )


@dataclass(frozen=True)
class Confirmed:
    """One entry of a recognizer's list of what it confirms."""

    anchor: str
    kind: str
    subject: str
    subject_url: str
    towards: str
    credits: float | None
    valid_until: str
    evidence_url: str
    current: bool


def confirmations(catalog: Catalog, provider_id: str) -> list[Confirmed]:
    """What one provider confirms, in its recognitions/ folder, with links to what it names."""
    return [_confirmed(recognition, catalog) for recognition in catalog.recognized.of_recognizer(provider_id)]


def _confirmed(recognition: Recognition, catalog: Catalog) -> Confirmed:
    subject = recognition.subject
    if recognition.kind == "accreditation":
        name, url = catalog.providers[subject].name, f"providers/{subject}/"
    elif subject in catalog.credentials:
        name, url = catalog.credentials[subject].name, credential_url(subject)
    else:
        name, url = catalog.pathways[subject].name, pathway_url(subject)
    return Confirmed(
        f"recognition-{recognition.id}",
        label("recognition_as", recognition.kind),
        name,
        url,
        recognition.data.get("towards", ""),
        recognition.data.get("credits"),
        recognition.data.get("valid_until", ""),
        recognition.data.get("evidence_url", ""),
        recognition.current(catalog.recognized.today),
    )


@dataclass(frozen=True)
class PlannerItem:
    """One listing in a planner: what it takes and gives, and whether its credit is confirmed."""

    ref: str
    name: str
    url: str
    provider: str
    hours: float
    ects: float | None
    credits: float | None
    cost: float | None
    cost_text: str
    mark: ClaimMark | None


@dataclass(frozen=True)
class PlannerGroup:
    """A step: take `choose` of its items (all of them unless the step says)."""

    heading: str
    choose: int
    items: tuple[PlannerItem, ...]


@dataclass(frozen=True)
class Planner:
    """A route to a qualification, step by step; `currency` is the reference currency of costs."""

    id: str
    title: str
    currency: str
    groups: tuple[PlannerGroup, ...]


def pathway_planner(pathway: Pathway, catalog: Catalog, qualifications: Mapping[str, Qualification]) -> Planner:
    """A pathway's steps as a planner; a step's credits and mark are its listing's claim to count
    toward what the pathway leads to (`qualifications` by name)."""
    towards = {
        toward.ref: toward
        for target in pathway.data["leads_to"]
        if target["name"] in qualifications
        for toward in qualifications[target["name"]].listings
    }
    groups = []
    for number, step in enumerate(pathway.data["steps"], start=1):
        members = step["credentials"]
        choose = step.get("choose", len(members))
        heading = f"Step {number}" + (f": choose {choose} of {len(members)}" if choose < len(members) else "")
        groups.append(PlannerGroup(heading, choose, tuple(_item(ref, catalog, towards.get(ref)) for ref in members)))
    return Planner(f"pathway-{pathway.id}", pathway.name, _currency(catalog), tuple(groups))


def qualification_planners(qualification: Qualification, catalog: Catalog, qualifications: Mapping[str, Qualification]) -> list[Planner]:
    """One planner per pathway that leads to the qualification, and one of the listings that
    count toward it (each optional: take any of them); `qualifications` by name."""
    planners = [pathway_planner(catalog.pathways[ref], catalog, qualifications) for ref in qualification.pathways]
    if qualification.listings:
        items = tuple(_item(toward.ref, catalog, toward) for toward in qualification.listings)
        group = PlannerGroup("Listings that count toward it", len(items), items)
        planners.append(Planner("credit", f"Credit toward {qualification.name}", _currency(catalog), (group,)))
    return planners


def _item(ref: str, catalog: Catalog, toward: Toward | None) -> PlannerItem:
    """A listing in a planner; `toward` its claim to count toward the destination, if it makes one."""
    credential = catalog.credentials[ref]
    data = credential.data
    cost = catalog.costs[ref]
    comparable = cost.comparable
    return PlannerItem(
        ref,
        credential.name,
        credential_url(ref),
        catalog.providers[credential.provider_id].name,
        data["workload"]["hours"],
        data["workload"].get("ects"),
        _credits(toward),
        comparable.amount if comparable is not None else None,
        comparable.text if comparable is not None else (cost.listed_text or "cost not known"),
        claim_mark(toward.claim, catalog) if toward is not None else None,
    )


def _credits(toward: Toward | None) -> float | None:
    """The credits a step gives: the recognizer's when it confirms them, else the listing's claim."""
    if toward is None:
        return None
    confirmed = toward.confirmed_credits
    return confirmed if confirmed is not None else toward.credits


def _currency(catalog: Catalog) -> str:
    rates = catalog.exchange_rates
    return rates.base if rates is not None else ""
