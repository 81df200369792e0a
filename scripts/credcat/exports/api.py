"""The documents of the static JSON API (site/api/v1/): listings, cards, facet feeds, index.

Pure functions from the Catalog to JSON-ready values; feeds.py writes them. credentials.json,
facet feeds and facet lists are split into pages by encoded size, so no file but
credentials.ndjson (one listing a line, for bulk readers) outgrows PAGE_BYTES however large the
catalog. v1 only grows: fields are added, never renamed or removed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from credcat.catalog.costs import AllInCost, CostPart, Money
from credcat.catalog.documents import JsonObject, JsonValue, as_json
from credcat.catalog.model import Catalog, Credential, Pathway, Provider, Term
from credcat.catalog.occupations import ListingOccupation, listing_occupations
from credcat.catalog.recognitions import Claim
from credcat.catalog.urls import FACET_FOLDERS, Links, credential_file, facet_file, facet_list_file, recognition_url

API_VERSION = 1
PAGE_BYTES = 512 * 1024
PAGE_ITEMS = 1000
NAVIGATION_BYTES = 2048  # room for page, pages, prev and next links in each page's head
RECENT_COUNT = 100
NDJSON_FILE = "credentials.ndjson"
FORMATS = {
    "listing": ".json",
    "open_badges_3": ".ob3.json",
    "ctdl": ".ctdl.jsonld",
    "schema_org": ".schema-org.jsonld",
    "elm": ".elm.jsonld",
}


def encode(value: JsonValue) -> str:
    """The one JSON encoding of the API: UTF-8 text, compact, keys in the order they were built."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def build_time(catalog: Catalog) -> str | None:
    """The catalog's newest last_verified date: the build's notion of 'now', never the clock."""
    newest = catalog.last_verified
    return newest.isoformat() if newest else None


def recent_refs(catalog: Catalog, count: int = RECENT_COUNT) -> list[str]:
    """The `count` most recently verified listings, newest first, ties by ref."""
    by_ref = sorted(catalog.credentials.values(), key=lambda credential: credential.ref)
    newest_first = sorted(by_ref, key=lambda credential: credential.last_verified, reverse=True)
    return [credential.ref for credential in newest_first[:count]]


def provider_summary(provider: Provider, links: Links) -> JsonObject:
    """A provider as other documents embed it."""
    return {
        "id": provider.id,
        "name": provider.name,
        "type": provider.data["type"],
        "country": provider.data["country"],
        "url": provider.data["url"],
        "page_url": links.facet_page("provider", provider.id),
        "api_url": links.api(facet_file("providers", provider.id, 1)),
    }


def format_links(ref: str, links: Links) -> dict[str, str]:
    """Where one listing's files are, one entry per format."""
    return {name: links.api(credential_file(ref, suffix)) for name, suffix in FORMATS.items()}


def listing_document(credential: Credential, catalog: Catalog, links: Links) -> JsonObject:
    """One listing with provider, taxonomy names, pathways and URLs resolved; `listing` is the YAML data."""
    data = credential.data
    return {
        "api_version": API_VERSION,
        "ref": credential.ref,
        "id": credential.id,
        "name": credential.name,
        "page_url": links.credential_page(credential.ref),
        "formats": format_links(credential.ref, links),
        "provider": provider_summary(catalog.providers[credential.provider_id], links),
        "industries": [_term_summary(catalog.industries[term_id], "industry", links) for term_id in data["industries"]],
        "subjects": [_term_summary(catalog.subjects[term_id], "subject", links) for term_id in data["subjects"]],
        "occupations": [_occupation_summary(occupation) for occupation in listing_occupations(catalog, credential)],
        "pathways": [_pathway_summary(catalog.pathways[ref], links) for ref in credential.pathways],
        "required_by": list(credential.required_by),
        "listing": as_json(data),
        "all_in_cost": all_in_cost_json(catalog.costs[credential.ref]),
        "claims": claims_of(credential, catalog, links),
    }


def _occupation_summary(occupation: ListingOccupation) -> JsonObject:
    """One of the listing's occupations in its own words, with its ISCO-08 groups' official
    English titles from the coded group up to its major group (none without an isco code)."""
    return {
        "name": occupation.name,
        "isco": occupation.isco,
        "groups": [{"code": group.code, "name": group.name} for group in occupation.groups],
    }


def all_in_cost_json(cost: AllInCost) -> JsonObject:
    """A listing's all-in cost as feeds carry it (common.schema.json#/$defs/all_in_cost)."""
    return {
        "total": [_money(money) for money in cost.totals],
        "parts": [_cost_part(part) for part in cost.first_time],
        "recurring": [_cost_part(part) for part in cost.recurring],
        "optional": [_cost_part(part) for part in cost.optional],
        "unknown": list(cost.unknown),
        "comparable": comparable_json(cost),
        "not_converted": list(cost.not_converted),
        "group": cost.group.name.lower(),
    }


def comparable_json(cost: AllInCost) -> JsonObject | None:
    """The approximate comparable amount, with the rates' date and source; None when there is none."""
    comparable = cost.comparable
    if comparable is None:
        return None
    return {
        "amount": comparable.amount,
        "currency": comparable.currency,
        "approximate": True,
        "basis": "first_month" if comparable.first_month else "first_time",
        "rates_date": comparable.date,
        "rates_source": {"name": comparable.source_name, "url": comparable.source_url},
    }


def _money(money: Money) -> JsonObject:
    return {"amount": money.amount, "currency": money.currency}


def _cost_part(part: CostPart) -> JsonObject:
    found: JsonObject = {"kind": part.kind, "amount": part.money.amount, "currency": part.money.currency, "optional": part.optional}
    if part.every:
        found["every"] = part.every
    return found


def claims_of(credential: Credential, catalog: Catalog, links: Links) -> list[JsonValue]:
    """The listing's counts_toward claims and its provider's accreditations, each confirmed (with
    the recognition and its URL) or claimed by the provider (catalog/recognitions.py decides)."""
    provider = catalog.providers[credential.provider_id]
    claims = catalog.counts_toward_claims(credential) + catalog.recognized.accreditations(provider.id, provider.data)
    return [_claim(claim, links) for claim in claims]


def _claim(claim: Claim, links: Links) -> JsonObject:
    recognition = claim.recognition
    return {
        "kind": claim.kind,
        "index": claim.index,
        "status": "confirmed" if recognition is not None else "claimed",
        "recognizer": claim.recognizer_id,
        "recognition_url": links.absolute(recognition_url(recognition.ref)) if recognition is not None else None,
        "recognition": as_json(recognition.data) if recognition is not None else None,
    }



def card(credential: Credential, catalog: Catalog, links: Links) -> JsonObject:
    """The compact form facet feeds list: enough for a card (name, provider, cost, workload, links)."""
    data = credential.data
    compact: JsonObject = {
        "ref": credential.ref,
        "name": credential.name,
        "summary": data["summary"],
        "provider": {"id": credential.provider_id, "name": catalog.providers[credential.provider_id].name},
        "credential_type": data["credential_type"],
        "status": data["status"],
        "level": data["level"]["audience"],
        "languages": data["languages"],
        "industries": data["industries"],
        "subjects": data["subjects"],
        "workload": as_json(data["workload"]),
        "delivery": {"mode": data["delivery"]["mode"], "pacing": data["delivery"]["pacing"]},
        "cost": as_json(data["cost"]),
        "comparable_cost": comparable_json(catalog.costs[credential.ref]),
        "last_verified": data["dates"]["last_verified"],
        "url": data["url"],
        "page_url": links.credential_page(credential.ref),
        "api_url": links.api(credential_file(credential.ref, FORMATS["listing"])),
    }
    if translations := data.get("translations"):
        compact["translations"] = as_json(translations)
    return compact


@dataclass(frozen=True)
class Facet:
    """One facet value whose listings get a paginated feed: what it is and which listings match;
    `term` is the taxonomy entry of an industry or subject."""

    kind: str
    key: str
    name: str
    about: JsonObject
    refs: Sequence[str]
    term: Term | None = None


def facets(catalog: Catalog, links: Links) -> Iterator[Facet]:
    """Every industry, subject (rolled up), provider and pathway, in a stable order."""
    for term_id, term in catalog.industries.items():
        yield Facet("industry", term_id, term.name, _term_about(term), catalog.by_industry[term_id], term)
    for term_id, term in catalog.subjects.items():
        yield Facet("subject", term_id, term.name, _term_about(term), catalog.by_subject[term_id], term)
    for provider_id, provider in catalog.providers.items():
        yield Facet("provider", provider_id, provider.name, {"provider": as_json(provider.data)}, provider.credentials)
    for ref, pathway in catalog.pathways.items():
        about: JsonObject = {"provider": provider_summary(catalog.providers[pathway.provider_id], links), "pathway": as_json(pathway.data),
                             "claims": [_claim(claim, links) for claim in catalog.recognized.recognized_by(ref, pathway.data)]}
        yield Facet("pathway", ref, pathway.name, about, pathway.credentials)


def facet_pages(facet: Facet, cards: Mapping[str, str], links: Links) -> Iterator[tuple[str, str]]:
    """(path under api/v1/, JSON text) for each page of one facet feed; `cards` holds encoded cards by ref."""
    folder = FACET_FOLDERS[facet.kind]
    head: JsonObject = {
        "api_version": API_VERSION,
        "kind": facet.kind,
        "key": facet.key,
        "name": facet.name,
        "page_url": links.facet_page(facet.kind, facet.key),
        **facet.about,
        "count": len(facet.refs),
    }
    items = [cards[ref] for ref in facet.refs]
    yield from _paged(head, "credentials", items, lambda number: facet_file(folder, facet.key, number), links)


def facet_list_pages(kind: str, entries: Sequence[JsonObject], links: Links) -> Iterator[tuple[str, str]]:
    """(path, JSON text) for each page of the list of one facet kind: industries.json and its pages."""
    folder = FACET_FOLDERS[kind]
    head: JsonObject = {"api_version": API_VERSION, "kind": kind, "count": len(entries)}
    items = [encode(entry) for entry in entries]
    yield from _paged(head, "items", items, lambda number: facet_list_file(folder, number), links)


def facet_entry(facet: Facet, links: Links) -> JsonObject:
    """One line of a facet list: name, count and where its feed and page are."""
    entry: JsonObject = {"key": facet.key, "name": facet.name, "count": len(facet.refs)}
    if facet.term is not None:
        entry["code"] = facet.term.code
        entry["parent"] = facet.term.parent
    entry["api_url"] = links.api(facet_file(FACET_FOLDERS[facet.kind], facet.key, 1))
    entry["page_url"] = links.facet_page(facet.kind, facet.key)
    return entry


def recent_document(catalog: Catalog, cards: Mapping[str, str], built_at: str | None) -> str:
    """recent.json: cards of the most recently verified listings, newest first (the widget's default)."""
    refs = recent_refs(catalog)
    head: JsonObject = {"api_version": API_VERSION, "built_at": built_at, "count": len(refs)}
    return _with_list(head, "credentials", [cards[ref] for ref in refs])


def credentials_pages(listings: Sequence[str], built_at: str | None, links: Links) -> Iterator[tuple[str, str]]:
    """(path, JSON text) of credentials.json and the pages after it: every listing document (encoded), by ref."""
    head: JsonObject = {"api_version": API_VERSION, "built_at": built_at, "count": len(listings)}
    yield from _paged(head, "credentials", listings, lambda number: facet_list_file("credentials", number), links)


def ndjson_line(listing: str) -> str:
    """A listing document as one line of credentials.ndjson. JSON escapes line feeds already;
    the line and paragraph separators, which JSON allows raw, are escaped too, so that readers
    that split at every Unicode line break (Python's str.splitlines) see one listing a line."""
    return listing.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def index_document(catalog: Catalog, links: Links, built_at: str | None, schema_names: Sequence[str]) -> JsonObject:
    """index.json: what is here, how many, and a link (or link template) to every feed and schema."""
    return {
        "api_version": API_VERSION,
        "name": "credcat",
        "built_at": built_at,
        "counts": {
            "credentials": len(catalog.credentials),
            "providers": len(catalog.providers),
            "pathways": len(catalog.pathways),
            "industries": len(catalog.industries),
            "subjects": len(catalog.subjects),
        },
        "links": {
            "credentials": links.api("credentials.json"),
            "credentials_ndjson": links.api(NDJSON_FILE),
            "recent": links.api("recent.json"),
            "industries": links.api("industries.json"),
            "subjects": links.api("subjects.json"),
            "providers": links.api("providers.json"),
            "pathways": links.api("pathways.json"),
            "json_feed": links.absolute("feed.json"),
            "changes": links.api("changes.json"),
            "changes_feed": links.absolute("changes.json"),
            "atom_feed": links.absolute("feed.xml"),
            "csv": links.absolute("catalog.csv"),
            "embed_script": links.absolute("embed.js"),
            "embed_page": links.absolute("embed/"),
        },
        "templates": {
            **{name: links.api("credentials/{provider}/{id}" + suffix) for name, suffix in FORMATS.items()},
            "industry": links.api("industries/{id}.json"),
            "subject": links.api("subjects/{id}.json"),
            "provider": links.api("providers/{id}.json"),
            "pathway": links.api("pathways/{provider}/{id}.json"),
        },
        "schemas": {name: links.api(f"schema/{name}.schema.json") for name in schema_names},
    }


def _paged(
    head: JsonObject, list_key: str, items: Sequence[str], path_of: Callable[[int], str], links: Links
) -> Iterator[tuple[str, str]]:
    """Split encoded `items` into pages under PAGE_BYTES and PAGE_ITEMS; every page links to its neighbours."""
    pages = list(_split(items, PAGE_BYTES - len(encode(head).encode("utf-8")) - NAVIGATION_BYTES))
    paths = [path_of(number) for number in range(1, len(pages) + 1)]
    for number, page_items in enumerate(pages, start=1):
        navigation: JsonObject = {
            "page": number,
            "pages": len(pages),
            "prev": links.api(paths[number - 2]) if number > 1 else None,
            "next": links.api(paths[number]) if number < len(pages) else None,
        }
        yield paths[number - 1], _with_list({**head, **navigation}, list_key, page_items)


def _with_list(head: JsonObject, list_key: str, encoded_items: Sequence[str]) -> str:
    """`head` with one more field, a list of already encoded items: each item is encoded once however often it is used."""
    return encode(head)[:-1] + f',"{list_key}":[' + ",".join(encoded_items) + "]}"


def _split(items: Sequence[str], budget: int) -> Iterator[Sequence[str]]:
    """Consecutive runs of items whose encoded length (plus commas) stays within `budget`; at least one page."""
    start, size = 0, 0
    for position, item in enumerate(items):
        cost = len(item.encode("utf-8")) + 1
        if position > start and (size + cost > budget or position - start >= PAGE_ITEMS):
            yield items[start:position]
            start, size = position, 0
        size += cost
    yield items[start:]


def _term_about(term: Term) -> JsonObject:
    return {
        "term": {
            "id": term.id,
            "name": term.name,
            "code": term.code,
            "description": term.description,
            "parent": term.parent,
            "ancestors": list(term.ancestors),
            "children": list(term.children),
        }
    }


def _term_summary(term: Term, kind: str, links: Links) -> JsonObject:
    return {
        "id": term.id,
        "name": term.name,
        "code": term.code,
        "api_url": links.api(facet_file(FACET_FOLDERS[kind], term.id, 1)),
        "page_url": links.facet_page(kind, term.id),
    }


def _pathway_summary(pathway: Pathway, links: Links) -> JsonObject:
    return {
        "ref": pathway.ref,
        "name": pathway.name,
        "api_url": links.api(facet_file("pathways", pathway.ref, 1)),
        "page_url": links.facet_page("pathway", pathway.ref),
    }
