"""The search page before any words are typed: the whole catalog in each sort order, as static
pages of cards (`assets/browse/<sort>/<n>.json`), and the facet counts of the catalog
(`assets/browse/index.json`), and the hubs a search that finds nothing offers
(`assets/browse/hubs.json`).

Listing everything through Pagefind would load its whole filter index (about 300 KB at 10,000
listings) before the first card; a page of cards here is a few KB. Each order lists the
listings search shows by default first and the retired and suspended ones after them
(`search_tiers`), so the page shows the first `current` of them unless asked for all.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypedDict

from credcat.catalog.documents import CredentialDocument, JsonObject
from credcat.catalog.labels import label
from credcat.catalog.model import Catalog
from credcat.catalog.urls import credential_url
from credcat.files import write_file
from credcat.site.facets import SEARCH_SORTS, Facets, search_tiers

# The language of the site's own words (labels, taxonomy names): a listing written in another
# one shows its translated name in this one beside its own.
LABEL_LANGUAGE = "en"
BROWSE_DATA = "assets/browse/"
BROWSE_PAGE_SIZE = 20
# Values of each filter the search page shows before more are asked for (index.json holds
# these, facets.json all of them): a first visit downloads a few KB of counts, not all.
BROWSE_FACET_VALUES = 8


class BrowseCard(TypedDict):
    """What a search result card shows (search.js draws Pagefind's results from the same fields)."""

    url: str
    title: str
    translated: str
    provider: str
    summary: str
    type: str
    level: str
    hours: str
    cost: str
    mode: str
    pacing: str
    status: str


def browse_sorts() -> dict[str, str]:
    """Sort option -> the folder of its pages: every sort but Pagefind's own ranking ("",
    which before any words means by name)."""
    return {sort or "name:asc": sort_folder(sort or "name:asc") for sort in SEARCH_SORTS}


def sort_folder(sort: str) -> str:
    return sort.replace(":", "-")


def translated_name(data: CredentialDocument, language: str = LABEL_LANGUAGE) -> str:
    """The listing's name in the site's language when the listing is written in another one and
    gives a translation (`translations`), else ""."""
    if any(tag.split("-")[0] == language for tag in data["languages"]):
        return ""
    for tag, text in sorted(data.get("translations", {}).items()):
        if tag.split("-")[0] == language and "name" in text:
            return text["name"]
    return ""


def browse_card(catalog: Catalog, facets: Facets, ref: str) -> BrowseCard:
    credential = catalog.credentials[ref]
    data = credential.data
    return {
        "url": credential_url(ref),
        "title": credential.name,
        "translated": translated_name(data),
        "provider": catalog.providers[credential.provider_id].name,
        "summary": data["summary"],
        "type": label("credential_type", data["credential_type"]),
        "level": label("audience", data["level"]["audience"]),
        "hours": f"{data['workload']['hours']:g}",
        "cost": facets.card_cost(credential),
        "mode": label("mode", data["delivery"]["mode"]),
        "pacing": label("pacing", data["delivery"]["pacing"]),
        "status": data["status"],
    }


def _order_keys(catalog: Catalog, facets: Facets) -> dict[str, Callable[[str], tuple[float | str, ...]]]:
    """Per sort option, the key that orders listings by it; ties go by name, then ref."""
    lowest, highest = facets.cost_places

    def data(ref: str) -> CredentialDocument:
        return catalog.credentials[ref].data

    def name(ref: str) -> tuple[str, str]:
        return (catalog.credentials[ref].name.casefold(), ref)

    return {
        "name:asc": name,
        "hours:asc": lambda ref: (data(ref)["workload"]["hours"], *name(ref)),
        "hours:desc": lambda ref: (-data(ref)["workload"]["hours"], *name(ref)),
        "cost:asc": lambda ref: (lowest[ref],),
        "cost:desc": lambda ref: (highest[ref],),
        "verified:desc": lambda ref: (-catalog.credentials[ref].last_verified.toordinal(), *name(ref)),
    }


def browse_data(catalog: Catalog, facets: Facets) -> Iterator[tuple[str, str]]:
    """(site path, JSON text) of each browse file: the index, then each sort's pages of cards."""
    current, inactive = search_tiers(catalog)
    cards = {ref: json_text(browse_card(catalog, facets, ref)) for ref in catalog.credentials}  # each encoded once, used in every order
    keys = _order_keys(catalog, facets)
    pages: JsonObject = {}
    files: list[tuple[str, str]] = []
    for sort, folder in browse_sorts().items():
        order = sorted(current, key=keys[sort]) + sorted(inactive, key=keys[sort])
        chunks = [order[start:start + BROWSE_PAGE_SIZE] for start in range(0, len(order), BROWSE_PAGE_SIZE)]
        pages[folder] = len(chunks)
        files += [(f"{BROWSE_DATA}{folder}/{number}.json", "[" + ",".join(cards[ref] for ref in chunk) + "]")
                  for number, chunk in enumerate(chunks)]
    counts = {"current": _counts(facets, current), "inactive": _counts(facets, inactive)}
    index: JsonObject = {
        "pageSize": BROWSE_PAGE_SIZE,
        "current": len(current),
        "total": len(catalog.credentials),
        "pages": pages,
        "counts": _first_values(facets, counts["current"]),
    }
    yield f"{BROWSE_DATA}index.json", json_text(index)
    yield f"{BROWSE_DATA}facets.json", json_text({"counts": counts, "parents": dict(facets.parents)})
    yield f"{BROWSE_DATA}hubs.json", json_text(_hubs(catalog))
    yield from files


def _hubs(catalog: Catalog) -> list[JsonObject]:
    """The hubs that hold listings, which a search that matches nothing offers by their names
    and what their descriptions say they cover."""
    hubs: list[JsonObject] = []
    for kind, folder, terms, by_term in (("Industry", "industries", catalog.industries, catalog.by_industry),
                                         ("Subject", "subjects", catalog.subjects, catalog.by_subject)):
        hubs += [{"kind": kind, "name": term.label, "about": term.description, "url": f"{folder}/{term.id}/", "count": len(by_term[term.id])}
                 for term in terms.values() if by_term[term.id]]
    hubs += [{"kind": "Provider", "name": provider.name, "url": f"providers/{provider.id}/", "count": len(provider.credentials)}
             for provider in catalog.providers.values() if provider.credentials]
    return hubs


def _counts(facets: Facets, refs: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """Per filter, the number of listings of `refs` under each of its values."""
    counters: dict[str, Counter[str]] = {}
    for ref in refs:
        for key, values in facets.search_filters(facets.catalog.credentials[ref]).items():
            counters.setdefault(key, Counter()).update(values)
    return {key: dict(sorted(counter.items())) for key, counter in sorted(counters.items()) if counter}


def _first_values(facets: Facets, counts: dict[str, dict[str, int]]) -> JsonObject:
    """What the search page shows of each filter before anything is asked: its first values
    (all of an ordered filter, the most common top-level values of the others) and how many
    values it has in all; facets.json holds the rest."""
    first: JsonObject = {}
    for key, values in counts.items():
        parents = facets.parents.get(key, {})
        if key in facets.ordered:
            shown = values
        else:
            top = sorted((value for value in values if value not in parents), key=lambda value: (-values[value], value))
            shown = {value: values[value] for value in top[:BROWSE_FACET_VALUES]}
        first[key] = {"values": shown, "all": len(values)}
    return first


def write_browse_data(catalog: Catalog, facets: Facets, site_dir: Path) -> None:
    """Write the browse files (`browse_data`) into the built site."""
    made: set[str] = set()
    for path, text in browse_data(catalog, facets):
        write_file(f"{site_dir}/{path}", text, made)


def json_text(value: object) -> str:
    """Compact JSON with sorted keys: the same catalog gives the same bytes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
