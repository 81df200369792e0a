"""Facets and compare data: what each listing is filed under on the search page and counted
under on hubs, the numbers search sorts by, and the records of the compare page's data files.

A listing sits on about eight hubs, so its facet values are computed once, and so are each
hub's counts (shown on every page of the hub). A listing's compare record goes into the data
file its ref names (`compare_file`), which compare.js works out the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import cached_property
from typing import TypedDict
from urllib.parse import urlencode
from zlib import crc32

from credcat.catalog.costs import AllInCost, cost_sort_key, price_band, price_bands
from credcat.catalog.documents import CredentialDocument, JsonObject
from credcat.catalog.labels import cost_text, country_name, duration_text, label, language_name
from credcat.catalog.model import Catalog, Credential, Provider
from credcat.catalog.occupations import UNIT_GROUP_DIGITS, listing_occupations, occupation_titles
from credcat.catalog.transparency import Transparency, transparency_of
from credcat.catalog.urls import credential_url
from credcat.site.pages import Hub
from credcat.site.render import date_text

COMPARE_DATA = "assets/compare-data/"
COMPARE_FILE_LISTINGS = 64  # listings per compare data file, on average

# Search filters: key -> label, in the order the search page shows them. A listing's status is
# no filter: retired and suspended listings have search indexes of their own (INACTIVE_STATUSES).
SEARCH_FILTERS: dict[str, str] = {
    "industry": "Industry",
    "subject": "Subject",
    "occupation": "Occupation",
    "hours": "Workload",
    "price": "Price",
    "cost": "Cost model",
    "provider": "Provider",
    "type": "Credential type",
    "level": "Level",
    "mode": "Delivery mode",
    "pacing": "Pacing",
    "country": "Provider's country",
    "city": "On-site city",
    "start": "Starts",
    "language": "Language",
    "skill": "Skill",
    "quality": "Quality assurance",
    "accessibility": "Accessibility",
    "transparency": "Information completeness",
    "recognition": "Confirmed recognition",
}
# The "Confirmed recognition" filter's values: which of a listing's claims another organisation confirms.
CONFIRMED_CREDIT = "Credit or admission confirmed"
CONFIRMED_ACCREDITATION = "Provider's accreditation confirmed"
# Workload buckets: (upper bound in hours, inclusive, label); the last has no bound.
HOURS_BUCKETS: tuple[tuple[float, str], ...] = (
    (9.999, "Under 10 hours"),
    (40, "10 to 40 hours"),
    (100, "40 to 100 hours"),
    (float("inf"), "Over 100 hours"),
)
# Listings that search shows only on request, after every other one.
INACTIVE_STATUSES = ("suspended", "retired")
# Search sorts: "<key>:<direction>" -> label ("" is Pagefind's own ranking, or by name before
# any words). Before any words or filters each is a static file (browse.py); with them, Pagefind
# sorts by a key of `Facets.sort_values` (PAGEFIND_SORTS) and the others fall back to its
# ranking: each sort Pagefind knows adds a list of every listing to the file a first search loads.
SEARCH_SORTS: dict[str, str] = {
    "": "Best match",
    "name:asc": "Name, A to Z",
    "hours:asc": "Workload: fewest hours first",
    "hours:desc": "Workload: most hours first",
    "cost:asc": "Comparable cost: lowest first",
    "cost:desc": "Comparable cost: highest first",
    "verified:desc": "Recently verified first",
}
PAGEFIND_SORTS: dict[str, tuple[str, str]] = {
    "hours:asc": ("hours", "asc"),
    "hours:desc": ("hours", "desc"),
    "cost:asc": ("cost", "asc"),
    "cost:desc": ("cost_desc", "asc"),
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
        """The values a listing is filed under on the search page (and in hub facets). A subject
        is filed under its field and every broader one (`parents` says which is which)."""
        data = credential.data
        subjects: dict[str, None] = {}
        for term_id in data["subjects"]:
            term = self.catalog.subjects[term_id]
            subjects[term.label] = None
            for ancestor in term.ancestors:
                subjects[self.catalog.subjects[ancestor].label] = None
        provider = self.catalog.providers[credential.provider_id]
        single = _facet_values(data)
        delivery = data["delivery"]
        start = data["dates"].get("available_from")
        return {
            "industry": [self.catalog.industries[term_id].label for term_id in data["industries"]],
            "subject": list(subjects),
            "occupation": self._occupation_values(credential),
            "hours": [hours_bucket(data["workload"]["hours"])],
            "price": [price_band(self.catalog.costs[credential.ref])],
            "cost": [single["cost"]],
            "provider": [provider.name],
            "type": [single["type"]],
            "level": [single["level"]],
            "mode": [single["mode"]],
            "pacing": [single["pacing"]],
            "country": [country_name(provider.data["country"])],
            "city": [delivery["location"]] if "location" in delivery and delivery["mode"] != "online" else [],
            "start": [month_text(start)] if start else [],
            "language": [language_name(tag) for tag in data["languages"]],
            "skill": list(dict.fromkeys(skill["name"] for skill in data.get("skills", []))),
            "quality": [single["quality"]],
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

    def sort_values(self, credential: Credential) -> dict[str, str]:
        """Numbers for Pagefind's sorting; every listing gets every key, or it drops out of
        sorted results. Comparable cost sorts by groups first (free, free to learn, priced...),
        which no single amount expresses, so its keys are the listing's place in each order."""
        return {
            "hours": f"{credential.data['workload']['hours']:g}",
            "cost": str(self.cost_places[0][credential.ref]),
            "cost_desc": str(self.cost_places[1][credential.ref]),
        }

    @cached_property
    def cost_places(self) -> tuple[dict[str, int], dict[str, int]]:
        """Each listing's place in the comparable cost order, lowest first, then highest first."""
        return (_places(self.cost_order(descending=False)), _places(self.cost_order(descending=True)))

    def cost_order(self, *, descending: bool) -> list[str]:
        """Every listing by comparable cost (`cost_sort_key`), ties by name and ref."""
        costs = self.catalog.costs
        credentials = self.catalog.credentials
        return sorted(credentials, key=lambda ref: (cost_sort_key(costs[ref], descending=descending), credentials[ref].name.casefold(), ref))

    def card_cost(self, credential: Credential) -> str:
        """A listing's cost on a result card: as listed, and about how much in the reference
        currency when it is listed in another."""
        cost = self.catalog.costs[credential.ref]
        listed = listing_cost(credential.data)
        comparable = cost.comparable
        if comparable is None or (cost.listed is not None and cost.listed.currency == comparable.currency and not cost.has_parts):
            return listed
        return f"{listed} ({comparable.text})"

    def search_labels(self, credential: Credential) -> list[str]:
        """The English names of what a listing is filed under, which its search record holds
        below its own words: industries, subjects and occupations with their broader groups."""
        data = credential.data
        names: dict[str, None] = {}
        for term_id in data["industries"]:
            names[self.catalog.industries[term_id].name] = None
        for term_id in data["subjects"]:
            term = self.catalog.subjects[term_id]
            names[term.name] = None
            for ancestor in term.ancestors:
                names[self.catalog.subjects[ancestor].name] = None
        names.update(dict.fromkeys(occupation_titles(self.catalog, credential)))
        return list(names)

    def _occupation_values(self, credential: Credential) -> list[str]:
        """The ISCO-08 major group of each coded occupation, and its unit group when coded to one."""
        values: dict[str, None] = {}
        for occupation in listing_occupations(self.catalog, credential):
            for group in (occupation.major, occupation.unit):
                if group is not None:
                    values[group.label] = None
        return list(values)

    @cached_property
    def parents(self) -> dict[str, dict[str, str]]:
        """Per hierarchical filter, the broader value of each narrower one (subject label ->
        its parent's label; an ISCO unit group -> its major group), so the search page shows
        one level at a time and counts a listing once per level shown."""
        subjects = self.catalog.subjects
        occupations = self.catalog.occupations
        return {
            "subject": {term.label: subjects[term.parent].label for term in subjects.values() if term.parent is not None},
            "occupation": {term.label: occupations[term.ancestors[-1]].label for term in occupations.values()
                           if len(term.code) == UNIT_GROUP_DIGITS and term.ancestors},
        }

    @cached_property
    def ordered(self) -> dict[str, list[str]]:
        """Filters whose values the search page lists in this order rather than by count."""
        rates = self.catalog.exchange_rates
        bands = price_bands(rates.base) if rates is not None else ()
        return {"hours": [text for _, text in HOURS_BUCKETS], "price": list(bands)}

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


def _places(order: list[str]) -> dict[str, int]:
    return {ref: place for place, ref in enumerate(order)}


def search_tiers(catalog: Catalog) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The listings search shows by default, and those it shows only on request (INACTIVE_STATUSES)."""
    current = tuple(ref for ref, credential in catalog.credentials.items() if credential.data["status"] not in INACTIVE_STATUSES)
    inactive = tuple(ref for ref, credential in catalog.credentials.items() if credential.data["status"] in INACTIVE_STATUSES)
    return current, inactive


def hours_bucket(hours: float) -> str:
    """The workload bucket (`HOURS_BUCKETS`) a number of hours falls in."""
    return next(text for bound, text in HOURS_BUCKETS if hours <= bound)


def month_text(day: str) -> str:
    """`2027-03-01` -> `March 2027`."""
    return date.fromisoformat(day).strftime("%B %Y")


def listing_cost(data: CredentialDocument) -> str:
    """A listing's cost as its cards, pages and compare records show it."""
    return cost_text(data["cost"])


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
