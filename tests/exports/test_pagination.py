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


def test_written_site_keeps_every_file_but_credentials_json_under_the_bound(tmp_path: Path) -> None:
    catalog = synthetic_catalog(3000, providers=30)
    write_feeds(catalog, tmp_path, "https://catalog.example/")
    sizes = {path.relative_to(tmp_path).as_posix(): path.stat().st_size for path in tmp_path.rglob("*.json")}
    assert sizes["api/v1/credentials.json"] > PAGE_BYTES
    too_big = {name: size for name, size in sizes.items() if size > PAGE_BYTES and name != "api/v1/credentials.json"}
    assert too_big == {}
    assert "api/v1/industries/construction/page-2.json" in sizes
