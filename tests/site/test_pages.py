"""pages.py and its helpers, without MkDocs: which pages exist, what hubs, facets, flags,
pathway diagrams and the schema reference say about the sample catalog."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from credcat.site import facets as facets_module
from credcat.site.catalog_site import CatalogSite
from credcat.site.diagrams import layout, totals
from credcat.site.facets import HUB_FACETS, HUB_FILTER
from credcat.site.pages import SiteSettings, page_url, relative_base
from credcat.site.schema_reference import schema_sections
from support import REPO, TODAY
from support.catalogs import sample_catalog


def site(page_size: int = 50, today: date = TODAY) -> CatalogSite:
    return CatalogSite(sample_catalog(), SiteSettings(today=today, today_source="a fixed test date",
                                                      site_url="https://example.org/cat/", page_size=page_size))


def test_every_listing_and_pathway_gets_one_page_at_its_contract_url() -> None:
    pages = list(site().pages())
    uris = [page.src_uri for page in pages]
    assert len(uris) == len(set(uris))
    listing_urls = {page.url for page in pages if page.template == "credential.html"}
    assert listing_urls == {f"credentials/{ref}/" for ref in sample_catalog().credentials}
    pathway_urls = {page.url for page in pages if page.template == "pathway.html"}
    assert pathway_urls == {f"pathways/{ref}/" for ref in sample_catalog().pathways}


def test_only_hub_index_and_guide_pages_are_in_the_nav() -> None:
    in_nav = {page.url for page in site().pages() if page.in_nav}
    assert in_nav == {"search/", "compare/", "about/", "reference/schema/", "industries/", "subjects/", "providers/",
                      "levels/", "types/", "pathways/"}


@pytest.mark.parametrize(("url", "base"), [("", "./"), ("search/", "../"), ("credentials/a/b/", "../../../")])
def test_relative_base_leads_back_to_the_site_root(url: str, base: str) -> None:
    assert relative_base(url) == base


_CARD_REF = re.compile(r'data-listing="([^"]+)"')


def test_hubs_paginate_and_every_listing_appears_once_per_hub() -> None:
    small = site(page_size=2)
    pages = {page.src_uri: page for page in small.pages()}
    for hub in small.hubs:
        shown: list[str] = []
        for number in range(1, hub.page_count(2) + 1):
            context = pages[hub.page_src_uri(number)].context()
            assert len(context["cards"]) <= 2
            shown += [_CARD_REF.search(card).group(1) for card in context["cards"]]
        assert shown == list(hub.refs)
    assert any(hub.page_count(2) > 2 for hub in small.hubs)


def test_second_page_of_a_hub_lives_under_page_2() -> None:
    hub = next(hub for hub in site(page_size=2).hubs if len(hub.refs) > 2)
    assert page_url(hub.page_src_uri(2)) == f"{hub.kind}/{hub.id}/page/2/"


def test_a_broad_subject_hub_holds_the_listings_of_its_detailed_fields() -> None:
    catalog = sample_catalog()
    hubs = {(hub.kind, hub.id): hub for hub in site().hubs}
    for ref, credential in catalog.credentials.items():
        for subject in credential.data["subjects"]:
            for field in (subject, *catalog.subjects[subject].ancestors):
                assert ref in hubs[("subjects", field)].refs


def test_hub_facet_counts_add_up_and_link_to_the_filtered_search() -> None:
    catalog_site = site()
    pages = {page.src_uri: page for page in catalog_site.pages()}
    hub = max(catalog_site.hubs, key=lambda hub: len(hub.refs))
    context = pages[hub.page_src_uri(1)].context()
    assert {facet["label"] for facet in context["facets"]} <= {"Level", "Credential type", "Cost model", "Delivery mode",
                                                               "Pacing", "Quality assurance"}
    pinned = HUB_FILTER[hub.kind]
    assert len(context["facets"]) == len([key for key in HUB_FACETS if key != pinned])
    for facet in context["facets"]:
        assert sum(count for _, count, _ in facet["values"]) == len(hub.refs)
        for value, count, url in facet["values"]:
            query = parse_qs(urlsplit(url).query)
            assert query[pinned] == [hub.filter_value]
            assert value in sum(query.values(), [])
            matching = [ref for ref in hub.refs if value in sum(catalog_site.facets.search_filters(sample_catalog().credentials[ref]).values(), [])]
            assert len(matching) == count


def test_a_listing_turns_stale_the_day_after_twelve_months() -> None:
    credential = next(iter(sample_catalog().credentials.values()))
    verified = credential.last_verified
    a_year_later = verified.replace(year=verified.year + 1)
    assert not site(today=a_year_later).contexts.is_stale(credential)
    assert site(today=a_year_later + timedelta(days=1)).contexts.is_stale(credential)


def test_search_filters_roll_subjects_up_to_their_broad_field() -> None:
    catalog = sample_catalog()
    ref, credential = next((ref, c) for ref, c in catalog.credentials.items() if "statistics" in c.data["subjects"])
    subjects = site().facets.search_filters(credential)["subject"]
    assert catalog.subjects["statistics"].name in subjects
    for ancestor in catalog.subjects["statistics"].ancestors:
        assert catalog.subjects[ancestor].name in subjects


def test_pathway_layout_shows_every_step_and_the_choice() -> None:
    catalog = sample_catalog()
    for pathway in catalog.pathways.values():
        diagram = layout(pathway, catalog)
        steps = pathway.data["steps"]
        assert [len(step.boxes) for step in diagram.steps] == [len(step["credentials"]) for step in steps]
        assert len(diagram.arrows) == len(steps)
        assert len(diagram.leads_to) == len(pathway.data["leads_to"])
        for drawn, step in zip(diagram.steps, steps, strict=True):
            if "choose" in step and step["choose"] < len(step["credentials"]):
                assert drawn.heading.endswith(f"choose {step['choose']} of {len(step['credentials'])}")
        bottoms = [box.y + box.height for step in diagram.steps for box in step.boxes]
        assert max(bottoms) < diagram.leads_to_y <= diagram.height


def test_pathway_totals_take_the_shortest_and_longest_choice() -> None:
    catalog = sample_catalog()
    pathway = next(p for p in catalog.pathways.values() if any("choose" in step for step in p.data["steps"]))
    low = high = 0.0
    for step in pathway.data["steps"]:
        hours = sorted(catalog.credentials[ref].data["workload"]["hours"] for ref in step["credentials"])
        choose = step.get("choose", len(hours))
        low += sum(hours[:choose])
        high += sum(hours[len(hours) - choose:])
    result = totals(pathway, catalog)
    assert (result.hours_min, result.hours_max) == (low, high)
    assert result.hours == (f"{low:g} hours" if low == high else f"{low:g} to {high:g} hours")


def test_compare_data_holds_every_listing_once_in_the_file_its_ref_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facets_module, "COMPARE_FILE_LISTINGS", 2)
    catalog = sample_catalog()
    built = site()
    files = dict(built.compare_data())
    assert built.facets.compare_files == -(-len(catalog.credentials) // 2) > 1
    assert list(files) == [f"assets/compare-data/{number}.json" for number in range(built.facets.compare_files)]
    found = [(path, ref) for path, records in files.items() for ref in records]
    assert sorted(ref for _, ref in found) == sorted(catalog.credentials)
    for path, ref in found:
        assert path == f"assets/compare-data/{facets_module.compare_file(ref, built.facets.compare_files)}.json"
        assert files[path][ref]["ref"] == ref and files[path][ref]["url"] == f"credentials/{ref}/"


def test_schema_reference_lists_every_field_with_its_required_flag() -> None:
    schema = json.loads((REPO / "schema" / "credential.schema.json").read_text(encoding="utf-8"))
    section = next(section for section in schema_sections() if section.name == "credential")
    top = {row.path: row for row in section.rows if "." not in row.path}
    assert set(top) == set(schema["properties"])
    assert {path for path, row in top.items() if row.required} == set(schema["required"])
    assert "cost.model" in {row.path for row in section.rows}
    assert Counter(row.path for row in section.rows).most_common(1)[0][1] == 1
