"""Facets and compare data: what each listing is filed under on the search page and counted
under on hubs, the numbers search sorts by, and the records of the compare page's data files.

A listing sits on about eight hubs, so its facet values are computed once, and so are each
hub's counts (shown on every page of the hub). A listing's compare record goes into the data
file its ref names (`compare_file`), which compare.js works out the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cached_property
from typing import TypedDict
from urllib.parse import urlencode
from zlib import crc32

from credcat.catalog.costs import AllInCost
from credcat.catalog.documents import CredentialDocument, JsonObject
from credcat.catalog.labels import cost_text, duration_text, label, language_name
from credcat.catalog.model import Catalog, Credential, Provider
from credcat.catalog.transparency import Transparency, transparency_of
from credcat.catalog.urls import credential_url
from credcat.site.pages import Hub
from credcat.site.render import date_text

COMPARE_DATA = "assets/compare-data/"
COMPARE_FILE_LISTINGS = 64  # listings per compare data file, on average
UNKNOWN_COST_SORT = 999_999_999

# Search filters: key -> label, in the order the search page shows them.
SEARCH_FILTERS: dict[str, str] = {
    "industry": "Industry",
    "subject": "Subject",
    "provider": "Provider",
    "type": "Credential type",
    "level": "Level",
    "cost": "Cost",
    "mode": "Delivery mode",
    "pacing": "Pacing",
    "language": "Language",
    "quality": "Quality assurance",
    "status": "Status",
    "accessibility": "Accessibility",
    "transparency": "EU transparency",
    "recognition": "Confirmed recognition",
}
# The "Confirmed recognition" filter's values: which of a listing's claims another organisation confirms.
CONFIRMED_CREDIT = "Credit or admission confirmed"
CONFIRMED_ACCREDITATION = "Provider's accreditation confirmed"
# Search sorts: "<key of sort_values>:<direction>" -> label ("" is Pagefind's own ranking).
SEARCH_SORTS: dict[str, str] = {
    "": "Best match",
    "hours:asc": "Workload: fewest hours first",
    "hours:desc": "Workload: most hours first",
    "cost:asc": "Cost: lowest first (amounts as listed, not converted)",
    "cost:desc": "Cost: highest first (amounts as listed, not converted)",
    "verified:desc": "Recently verified first",
}
# The filter each hub kind pins, and the facets its pages count.
HUB_FILTER = {"industries": "industry", "subjects": "subject", "providers": "provider", "levels": "level", "types": "type"}
HUB_FACETS = ("level", "type", "cost", "mode", "pacing", "quality")


class HubFacet(TypedDict):
    """One facet of a hub: its label, and (value, count, filtered search URL) per value."""

    label: str
    values: list[tuple[str, int, str]]


class Facets:
    """The facet values, hub facet counts and compare records of one catalog's listings."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._values_of: dict[str, dict[str, str]] = {}
        self._hub_facets: dict[str, list[HubFacet]] = {}

    def search_filters(self, credential: Credential) -> dict[str, list[str]]:
        """The values a listing is filed under on the search page (and in hub facets)."""
        data = credential.data
        subjects: dict[str, None] = {}
        for term_id in data["subjects"]:
            term = self.catalog.subjects[term_id]
            subjects[term.name] = None
            for ancestor in term.ancestors:
                subjects[self.catalog.subjects[ancestor].name] = None
        provider = self.catalog.providers[credential.provider_id]
        single = _facet_values(data)
        return {
            "industry": [self.catalog.industries[term_id].name for term_id in data["industries"]],
            "subject": list(subjects),
            "provider": [provider.name],
            "type": [single["type"]],
            "level": [single["level"]],
            "cost": [single["cost"]],
            "mode": [single["mode"]],
            "pacing": [single["pacing"]],
            "language": [language_name(tag) for tag in data["languages"]],
            "quality": [single["quality"]],
            "status": [label("status", data["status"])],
            "accessibility": [label("accessibility", feature) for feature in data.get("accessibility", [])],
            "transparency": [self.transparency(credential).score],
            "recognition": self._confirmed(credential, provider),
        }

    def _confirmed(self, credential: Credential, provider: Provider) -> list[str]:
        """The listing's claims confirmed by their recognizers (catalog/recognitions.py)."""
        confirmed = []
        if any(claim.confirmed for claim in self.catalog.counts_toward_claims(credential)):
            confirmed.append(CONFIRMED_CREDIT)
        if any(claim.confirmed for claim in self.catalog.recognized.accreditations(provider.id, provider.data)):
            confirmed.append(CONFIRMED_ACCREDITATION)
        return confirmed

    def transparency(self, credential: Credential) -> Transparency:
        return transparency_of(credential, self.catalog.providers[credential.provider_id])

    def hub_facets(self, hub: Hub) -> list[HubFacet]:
        """Counts of the hub's listings per facet value, each linking to the filtered search;
        counted once per hub, whichever of its pages asks first."""
        facets = self._hub_facets.get(hub.url)
        if facets is None:
            facets = self._hub_facets[hub.url] = self._count_facets(hub, HUB_FILTER[hub.kind])
        return facets

    def _count_facets(self, hub: Hub, filter_key: str) -> list[HubFacet]:
        counters: dict[str, Counter[str]] = {key: Counter() for key in HUB_FACETS if key != filter_key}
        for ref in hub.refs:
            values = self._values(ref)
            for key, counter in counters.items():
                counter[values[key]] += 1
        return [
            {
                "label": SEARCH_FILTERS[key],
                "values": [
                    (value, count, "search/?" + urlencode({filter_key: hub.filter_value, key: value}))
                    for value, count in sorted(counter.items(), key=lambda item: (-item[1], item[0]))
                ],
            }
            for key, counter in counters.items()
            if counter
        ]

    def _values(self, ref: str) -> dict[str, str]:
        """A listing's facet values, computed once: it is counted on about eight hubs."""
        values = self._values_of.get(ref)
        if values is None:
            values = self._values_of[ref] = _facet_values(self.catalog.credentials[ref].data)
        return values

    @cached_property
    def compare_files(self) -> int:
        """How many files hold the compare page's data: one per COMPARE_FILE_LISTINGS
        listings, not one per listing, which cost a large catalog more than all the rest of
        its compare data."""
        return max(1, -(-len(self.catalog.credentials) // COMPARE_FILE_LISTINGS))

    def compare_data(self) -> Iterator[tuple[str, dict[str, JsonObject]]]:
        """(site path, records by listing ref) of each file the compare page reads; a listing
        is in the file `compare_file` names."""
        files: list[dict[str, JsonObject]] = [{} for _ in range(self.compare_files)]
        for ref, credential in self.catalog.credentials.items():
            files[compare_file(ref, self.compare_files)][ref] = self._compare_record(credential)
        for number, records in enumerate(files):
            yield f"{COMPARE_DATA}{number}.json", records

    def _compare_record(self, credential: Credential) -> JsonObject:
        data = credential.data
        workload = data["workload"]
        return {
            "ref": credential.ref,
            "url": credential_url(credential.ref),
            "name": credential.name,
            "provider": self.catalog.providers[credential.provider_id].name,
            "summary": data["summary"],
            "type": label("credential_type", data["credential_type"]),
            "status": label("status", data["status"]),
            "cost": listing_cost(data),
            "level": label("audience", data["level"]["audience"])
            + (f", EQF {data['level']['eqf']}" if "eqf" in data["level"] else ""),
            "hours": workload["hours"],
            "ects": workload.get("ects"),
            "mode": label("mode", data["delivery"]["mode"]) + " · " + label("pacing", data["delivery"]["pacing"]),
            "languages": [language_name(tag) for tag in data["languages"]],
            "assessment": label("assessment", data["assessment"]["type"]),
            "quality": label("quality_assurance", data["quality_assurance"]["type"]),
            "transparency": self.transparency(credential).score,
            "verified": date_text(data["dates"]["last_verified"]),
            "enrol": data["url"],
            "all_in": _all_in_text(self.catalog.costs[credential.ref], data),
            "retired": data["status"] == "retired",
            "location": data["delivery"].get("location", ""),
            "validity": _validity_text(data),
            "pathways": [self.catalog.pathways[ref].name for ref in credential.pathways],
        }


def _all_in_text(cost: AllInCost, data: CredentialDocument) -> str:
    """The all-in cost first time through as compare shows it: the sum (or the listed cost when
    nothing sums, as for employer-sponsored), what is not known, and the comparable amount."""
    text = cost.total_text or listing_cost(data)
    if cost.unknown:
        text += "; not known: " + ", ".join(cost.unknown)
    if cost.comparable is not None and cost.converted:
        text += f" ({cost.comparable.text})"
    return text


def _validity_text(data: CredentialDocument) -> str:
    """How long a credential stays valid, as its page says it: `2 years, renewal: ...`."""
    validity = data.get("validity", {})
    text = duration_text(validity["expires_after"]) if "expires_after" in validity else "Does not expire"
    return f"{text}; renewal: {validity['renewal']}" if "renewal" in validity else text


def compare_file(ref: str, files: int) -> int:
    """The number of the compare data file that holds a listing: the CRC-32 of its ref, modulo
    the number of files (compare.js works out the same)."""
    return crc32(ref.encode()) % files


def listing_cost(data: CredentialDocument) -> str:
    """A listing's cost as its cards, pages and compare records show it."""
    return cost_text(data["cost"])


def sort_values(data: CredentialDocument) -> dict[str, str]:
    """Numbers for Pagefind's sorting; every listing gets every key, or it drops out of sorted results."""
    cost = data["cost"]
    if cost["model"] == "free":
        amount: float = 0
    else:
        amount = cost.get("amount", UNKNOWN_COST_SORT)
    return {
        "hours": f"{data['workload']['hours']:g}",
        "cost": f"{amount:g}",
        "verified": data["dates"]["last_verified"].replace("-", ""),
    }


def _facet_values(data: CredentialDocument) -> dict[str, str]:
    """The single-valued search filters that hub pages count (the labels the search page shows)."""
    return {
        "level": label("audience", data["level"]["audience"]),
        "type": label("credential_type", data["credential_type"]),
        "cost": label("cost_model", data["cost"]["model"]),
        "mode": label("mode", data["delivery"]["mode"]),
        "pacing": label("pacing", data["delivery"]["pacing"]),
        "quality": label("quality_assurance", data["quality_assurance"]["type"]),
    }
