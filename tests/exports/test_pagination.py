"""Facet feeds and facet lists split into linked pages that each stay under the size bound.

The catalogs here are built in memory (no YAML), big enough to need several pages; the bound
is per file, so it holds at 100,000 listings as it does at 5,000.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from credcat.catalog.model import Catalog
from credcat.catalog.urls import Links
from credcat.exports.api import PAGE_BYTES, PAGE_ITEMS, card, encode, facet_entry, facet_list_pages, facet_pages, facets
from credcat.exports.feeds import write_feeds
from support.catalogs import synthetic_catalog
from support.feeds import feed_validator

ONE_MEGABYTE = 1_000_000
LINKS = Links("")
SITE_URL = "https://catalog.example/"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def crowded() -> Catalog:
    """5,000 listings, every one in construction, from 250 providers."""
    return synthetic_catalog(5000, industry="construction", providers=250)


def pages_of(catalog: Catalog, kind: str, key: str) -> list[tuple[str, str]]:
    cards = {ref: encode(card(credential, catalog, LINKS)) for ref, credential in catalog.credentials.items()}
    facet = next(facet for facet in facets(catalog, LINKS) if facet.kind == kind and facet.key == key)
    return list(facet_pages(facet, cards, LINKS))


def test_big_industry_feed_splits_into_linked_pages_under_the_bound(crowded: Catalog) -> None:
    pages = pages_of(crowded, "industry", "construction")
    paths = [path for path, _ in pages]
    documents = [json.loads(text) for _, text in pages]
    assert len(pages) >= 5
    assert paths[0] == "industries/construction.json"
    assert paths[1:] == [f"industries/construction/page-{n}.json" for n in range(2, len(pages) + 1)]
    for number, (document, (_, text)) in enumerate(zip(documents, pages, strict=True), start=1):
        assert len(text.encode("utf-8")) <= PAGE_BYTES < ONE_MEGABYTE
        assert len(document["credentials"]) <= PAGE_ITEMS
        assert document["page"] == number and document["pages"] == len(pages)
        assert document["count"] == 5000
        assert document["prev"] == (f"api/v1/{paths[number - 2]}" if number > 1 else None)
        assert document["next"] == (f"api/v1/{paths[number]}" if number < len(pages) else None)
    for document in (documents[0], documents[-1]):
        assert list(feed_validator("facet").iter_errors(document)) == []
    refs = [entry["ref"] for document in documents for entry in document["credentials"]]
    assert refs == list(crowded.credentials)


def test_small_feed_is_one_page_without_neighbours(crowded: Catalog) -> None:
    (path, text), = pages_of(crowded, "provider", "provider-00007")
    document = json.loads(text)
    assert path == "providers/provider-00007.json"
    assert (document["page"], document["pages"], document["prev"], document["next"]) == (1, 1, None, None)
    assert len(document["credentials"]) == document["count"] == 20


def test_empty_feed_still_has_its_one_page(crowded: Catalog) -> None:
    (_, text), = pages_of(crowded, "industry", "mining-quarrying-and-oil-and-gas-extraction")
    document = json.loads(text)
    assert document["count"] == 0 and document["credentials"] == [] and document["pages"] == 1


def test_long_facet_list_paginates_too() -> None:
    catalog = synthetic_catalog(3000, providers=3000)
    entries = [facet_entry(facet, LINKS) for facet in facets(catalog, LINKS) if facet.kind == "provider"]
    pages = list(facet_list_pages("provider", entries, LINKS))
    assert len(pages) == 3
    assert [path for path, _ in pages] == ["providers.json", "providers.page-2.json", "providers.page-3.json"]
    documents = [json.loads(text) for _, text in pages]
    assert [item["key"] for document in documents for item in document["items"]] == list(catalog.providers)
    assert documents[0]["next"] == "api/v1/providers.page-2.json" and documents[2]["prev"] == "api/v1/providers.page-2.json"
    for document in documents:
        assert list(feed_validator("facet-list").iter_errors(document)) == []


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, Path]:
    """The feeds of 3,000 listings from 30 providers, with absolute links."""
    catalog = synthetic_catalog(3000, providers=30)
    site = tmp_path_factory.mktemp("feeds")
    write_feeds(catalog, site, SITE_URL)
    return catalog, site


def test_every_api_file_but_credentials_ndjson_stays_under_the_bound(written: tuple[Catalog, Path]) -> None:
    _, site = written
    sizes = {path.relative_to(site).as_posix(): path.stat().st_size for path in (site / "api").rglob("*") if path.is_file()}
    assert sizes["api/v1/credentials.ndjson"] > 10 * PAGE_BYTES
    too_big = {name: size for name, size in sizes.items() if size > PAGE_BYTES and name != "api/v1/credentials.ndjson"}
    assert too_big == {}
    assert "api/v1/industries/construction/page-2.json" in sizes
    assert "api/v1/credentials.page-2.json" in sizes


def test_paged_credentials_and_ndjson_each_hold_every_listing_once(written: tuple[Catalog, Path]) -> None:
    """What a bulk reader does: follow index.json to credentials.json and its `next` pages, or
    read credentials.ndjson line by line; both give every listing once, valid against its schema."""
    catalog, site = written
    index = json.loads((site / "api/v1/index.json").read_text(encoding="utf-8"))
    paged: list[str] = []
    url, number = index["links"]["credentials"], 0
    while url:
        number += 1
        text = (site / url.removeprefix(SITE_URL)).read_text(encoding="utf-8")
        page = json.loads(text)
        assert list(feed_validator("credentials").iter_errors(page)) == []
        assert page["count"] == index["counts"]["credentials"] == 3000
        assert page["page"] == number and len(page["credentials"]) <= PAGE_ITEMS and len(text.encode()) <= PAGE_BYTES
        paged += [listing["ref"] for listing in page["credentials"]]
        url = page["next"]
    assert number == page["pages"] > 1
    assert paged == list(catalog.credentials)

    ndjson_url = index["links"]["credentials_ndjson"]
    assert ndjson_url == f"{SITE_URL}api/v1/credentials.ndjson"
    validator = feed_validator("listing")
    lines = []
    with (site / ndjson_url.removeprefix(SITE_URL)).open(encoding="utf-8") as bulk:
        for line in bulk:
            listing = json.loads(line)
            assert not list(validator.iter_errors(listing)), listing["ref"]
            lines.append(listing["ref"])
    assert lines == list(catalog.credentials)
