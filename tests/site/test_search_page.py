"""A learner's tasks on the search page of the sample catalog (listings in English, French,
German, Dutch, Spanish and Portuguese), in Debian's Chromium: English words find listings in
other languages, the catalog is listed and sorted before any words, filters are history
entries, retired listings wait to be asked for, and a phone shows results first."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest

from credcat.catalog.model import Catalog
from credcat.site.browse import BROWSE_DATA, browse_data
from credcat.site.facets import INACTIVE_STATUSES, Facets, hours_bucket
from support import hostile
from support.browser import serve
from support.catalogs import sample_catalog

PHONE = {"width": 390, "height": 844}
PAGE = 10  # cards a search shows before "Show more results" (contexts.SEARCH_PAGE_SIZE)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def origin(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as served:
        yield served


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return sample_catalog()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Open a URL in a fresh browser context that records console errors."""
    opened = []

    def opener(url: str, viewport: dict[str, int] | None = None) -> Any:
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        page = context.new_page()
        page.errors = []
        page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(url)
        opened.append(context)
        return page

    yield opener
    for context in opened:
        context.close()


def count_line(page: Any, containing: str = "") -> str:
    page.wait_for_function("([text]) => { const line = document.getElementById('cc-result-count').textContent;"
                           " return line.length > 0 && line.includes(text); }", arg=[containing])
    return str(page.locator("#cc-result-count").text_content())


def shown_refs(page: Any) -> list[str]:
    return [str(ref) for ref in page.locator("#cc-results [data-listing]").evaluate_all("cards => cards.map(c => c.dataset.listing)")]


def current(catalog: Catalog) -> list[str]:
    return [ref for ref, credential in catalog.credentials.items() if credential.data["status"] not in INACTIVE_STATUSES]


def search(page: Any, words: str) -> str:
    page.fill("#cc-q", words)
    page.press("#cc-q", "Enter")
    return count_line(page, f"“{words}”")


def test_an_english_word_finds_a_french_listing_through_its_occupation(open_page: Any, origin: str, catalog: Catalog) -> None:
    ref = "institut-metiers-rhone/soudage-tig-iso-9606"
    listing = catalog.credentials[ref].data
    assert listing["languages"] == ["fr"] and [job.get("isco") for job in listing.get("occupations", [])] == ["7212"]
    # its own words are French; its English translation says "welder", ISCO 7212's title "Welders and flame cutters"
    assert "flame" not in json.dumps(listing).lower()
    page = open_page(origin + "search/")
    count_line(page)
    for words in ("flame cutters", "welding", "welder"):
        search(page, words)
        assert ref in shown_refs(page)
    assert page.errors == []


def test_an_english_word_finds_a_portuguese_listing_through_its_subject(open_page: Any, origin: str, catalog: Catalog) -> None:
    ref = next(ref for ref, credential in catalog.credentials.items() if credential.name == "Análise de Dados com SQL")
    credential = catalog.credentials[ref]
    assert credential.data["languages"][0].startswith("pt")
    # its subject is ISCED-F 0612, under "Information and Communication Technologies (ICTs)", words it never uses
    term = catalog.subjects[credential.data["subjects"][0]]
    assert catalog.subjects[term.ancestors[0]].name == "Information and Communication Technologies (ICTs)"
    own_words = json.dumps({key: value for key, value in credential.data.items() if key != "subjects"}, ensure_ascii=False).lower()
    assert "communication" not in own_words and "technolog" not in own_words
    for words in ("communication technologies", "data"):
        page = open_page(origin + "search/?q=" + words)
        count_line(page, f"“{words}”")
        refs = shown_refs(page)
        while page.locator("#cc-more").is_visible():
            page.locator("#cc-more").click()
            page.wait_for_function(f"document.querySelectorAll('#cc-results > li').length > {len(refs)}")
            refs = shown_refs(page)
        assert ref in refs


def test_a_translated_name_shows_on_the_card(open_page: Any, origin: str, catalog: Catalog) -> None:
    ref, english = next((ref, text["name"]) for ref, credential in catalog.credentials.items()
                        for tag, text in credential.data.get("translations", {}).items()
                        if tag.split("-")[0] == "en" and "name" in text and not credential.data["languages"][0].startswith("en")
                        and credential.data["status"] not in INACTIVE_STATUSES)
    page = open_page(origin + "search/?q=" + quote(english))
    count_line(page, "found")
    card = page.locator(f'#cc-results [data-listing="{ref}"]')
    assert card.locator(".cc-card__title").text_content() == catalog.credentials[ref].name
    assert card.locator(".cc-card__translated").text_content() == f"In English: {english}"


def test_a_search_that_finds_nothing_offers_hubs_and_near_listings(open_page: Any, origin: str, catalog: Catalog) -> None:
    facets = Facets(catalog)
    filed = [facets.search_filters(catalog.credentials[ref]) for ref in current(catalog)]
    city, hours = next((city, hours) for values in filed for city in values["city"] for hours in ("Under 10 hours", "Over 100 hours")
                       if not any(city in other["city"] and hours in other["hours"] for other in filed))
    page = open_page(origin + "search/?" + urlencode({"q": "construction", "city": city, "hours": hours}))
    assert count_line(page, "construction") == "No credentials match “construction” with these filters."
    page.wait_for_selector("#cc-suggestions:not([hidden])")
    hub = page.locator("#cc-suggestions ul a", has_text="Industry: Construction")
    assert hub.count() == 1 and str(hub.get_attribute("href")).endswith("/industries/construction/")
    assert page.locator("#cc-suggestions > h3").all_text_contents() == ["Browse what the catalog has", "The nearest listings, without your filters"]
    nearest = page.locator("#cc-suggestions [data-listing]").evaluate_all("cards => cards.map(c => c.dataset.listing)")
    assert nearest and any("construction" in catalog.credentials[ref].data["industries"] for ref in nearest)

    nothing = open_page(origin + "search/?q=xylophone")
    assert count_line(nothing, "xylophone") == "No credentials match “xylophone”."
    nothing.wait_for_selector("#cc-suggestions:not([hidden])")
    assert nothing.locator("#cc-suggestions > h3").all_text_contents() == ["Some listings in the catalog"]
    assert nothing.locator("#cc-suggestions [data-listing]").count() > 0
    assert page.errors == [] and nothing.errors == []


def test_the_catalog_is_listed_before_any_words_and_retired_listings_wait(open_page: Any, origin: str, catalog: Catalog) -> None:
    listed = current(catalog)
    retired = [ref for ref, credential in catalog.credentials.items() if credential.data["status"] == "retired"]
    assert retired and len(listed) < len(catalog.credentials)
    page = open_page(origin + "search/")
    assert count_line(page) == f"{len(listed)} credentials in the catalog, by name"
    names = sorted(listed, key=lambda ref: (catalog.credentials[ref].name.casefold(), ref))
    assert shown_refs(page) == names[:PAGE]
    while page.locator("#cc-more").is_visible():
        shown = len(shown_refs(page))
        page.locator("#cc-more").click()
        page.wait_for_function(f"document.querySelectorAll('#cc-results > li').length > {shown}")
    assert shown_refs(page) == names
    assert not set(retired) & set(shown_refs(page))

    page.get_by_label("Include retired and suspended listings").check()
    count_line(page, f"{len(catalog.credentials)} credentials")
    assert "all=1" in page.url
    # retired ones come after every current one, and cannot be added to compare
    name = catalog.credentials[retired[0]].name
    search(page, name)
    refs = shown_refs(page)
    assert retired[0] in refs and all(refs.index(ref) < refs.index(retired[0]) for ref in refs if ref in listed)
    card = page.locator(f'#cc-results [data-listing="{retired[0]}"]')
    assert card.locator(".cc-compare-toggle").count() == 0
    page.get_by_label("Include retired and suspended listings").uncheck()
    count_line(page, f"“{name}”")
    assert retired[0] not in shown_refs(page)
    assert page.errors == []


@pytest.mark.parametrize("sort", ["hours:asc", "hours:desc", "cost:asc", "cost:desc"])
def test_the_catalog_sorts_by_hours_and_by_comparable_cost(open_page: Any, origin: str, catalog: Catalog, sort: str) -> None:
    listed = set(current(catalog))
    facets = Facets(catalog)
    if sort.startswith("hours"):
        expected = sorted(listed, key=lambda ref: ((-1 if sort.endswith("desc") else 1) * catalog.credentials[ref].data["workload"]["hours"],
                                                   catalog.credentials[ref].name.casefold(), ref))
    else:
        expected = [ref for ref in facets.cost_order(descending=sort.endswith("desc")) if ref in listed]
    page = open_page(origin + f"search/?sort={sort}")
    count_line(page, "in the catalog")
    assert shown_refs(page) == expected[:PAGE]
    # the employer-sponsored never sort as a number: last in both directions
    sponsored = [ref for ref in expected if catalog.credentials[ref].data["cost"]["model"] == "employer_sponsored"]
    if sort.startswith("cost"):
        assert sponsored and expected[-len(sponsored):] == sponsored
    assert page.errors == []


def test_words_and_a_cost_sort_use_the_same_order(open_page: Any, origin: str, catalog: Catalog) -> None:
    order = Facets(catalog).cost_order(descending=False)
    page = open_page(origin + "search/?q=data&sort=cost:asc")
    count_line(page, "“data”")
    refs = shown_refs(page)
    assert len(refs) > 3 and refs == sorted(refs, key=order.index)


def test_an_hours_bucket_filter_and_back_undoes_it(open_page: Any, origin: str, catalog: Catalog) -> None:
    listed = current(catalog)
    under_ten = [ref for ref in listed if catalog.credentials[ref].data["workload"]["hours"] < 10]
    assert 0 < len(under_ten) < len(listed) and hours_bucket(9.5) == "Under 10 hours" and hours_bucket(10) == "10 to 40 hours"
    page = open_page(origin + "search/")
    count_line(page)
    workload = page.locator("fieldset.cc-filter", has=page.locator("legend", has_text="Workload"))
    assert workload.locator("label span:not(.cc-count)").all_text_contents() == [
        "Under 10 hours", "10 to 40 hours", "40 to 100 hours", "Over 100 hours"]
    row = workload.locator("label", has=page.locator("span", has_text=re.compile(r"^Under 10 hours$")))
    assert row.locator(".cc-count").text_content() == str(len(under_ten))
    row.locator("input").check()
    assert count_line(page, "match") == f"{len(under_ten)} credentials match the filters"
    assert sorted(shown_refs(page)) == sorted(under_ten)
    assert parse_qs(urlsplit(page.url).query) == {"hours": ["Under 10 hours"]}
    page.go_back()
    assert count_line(page, "in the catalog") == f"{len(listed)} credentials in the catalog, by name"
    assert urlsplit(page.url).query == ""
    page.go_forward()
    assert count_line(page, "match") == f"{len(under_ten)} credentials match the filters"
    assert page.errors == []


def test_a_price_band_filter(open_page: Any, origin: str, catalog: Catalog) -> None:
    facets = Facets(catalog)
    listed = current(catalog)
    bands = {ref: facets.search_filters(catalog.credentials[ref])["price"][0] for ref in listed}
    band = next(band for band in facets.ordered["price"] if band.startswith("Under"))
    expected = sorted(ref for ref, value in bands.items() if value == band)
    assert 0 < len(expected) < len(listed)
    page = open_page(origin + "search/?sort=cost:asc")
    count_line(page)
    price = page.locator("fieldset.cc-filter", has=page.locator("legend", has_text=re.compile(r"^Price$")))
    price.locator("label", has=page.locator("span", has_text=re.compile("^" + re.escape(band) + "$"))).locator("input").check()
    assert count_line(page, "match") == f"{len(expected)} credential{'s' if len(expected) > 1 else ''} match the filters"
    assert sorted(shown_refs(page)) == expected
    assert shown_refs(page) == [ref for ref in facets.cost_order(descending=False) if ref in expected]


def test_a_subject_is_counted_once_per_level_shown(open_page: Any, origin: str, catalog: Catalog) -> None:
    listed = current(catalog)
    page = open_page(origin + "search/")
    count_line(page)
    subject = page.locator("fieldset.cc-filter", has=page.locator("legend", has_text="Subject"))
    subject.get_by_role("button", name=re.compile("Show all")).click()
    subject = page.locator("fieldset.cc-filter", has=page.locator("legend", has_text="Subject"))
    shown = subject.locator("label span:not(.cc-count)").all_text_contents()
    broad = {term.label for term in catalog.subjects.values() if term.parent is None}
    assert shown and set(shown) <= broad  # the top level only, until one is ticked
    counts = [int(text) for text in subject.locator(".cc-count").all_text_contents()]
    assert sum(counts) >= len(listed) and max(counts) <= len(listed)


def test_a_phone_shows_results_first_and_filters_in_a_sheet(open_page: Any, origin: str, catalog: Catalog) -> None:
    page = open_page(origin + "search/", viewport=PHONE)
    count_line(page)
    first = page.locator("#cc-results > li").first.bounding_box()
    assert first is not None and first["y"] + 40 < PHONE["height"]
    assert not page.locator("#cc-filters").is_visible()
    page.get_by_role("button", name="Filters").click()
    done = page.locator("#cc-filter-done")
    assert done.is_visible() and done.text_content() == f"Show {len(current(catalog))} results"
    box = done.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]  # sticky: in view before any scrolling
    page.locator("fieldset.cc-filter", has=page.locator("legend", has_text="Workload")).locator("input").first.check()
    page.wait_for_function("document.getElementById('cc-filter-done').textContent !== "
                           f"'Show {len(current(catalog))} results'")
    done.click()
    assert not page.locator("#cc-filters").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.errors == []


def test_the_browse_files_hold_every_listing_once_per_order(catalog: Catalog) -> None:
    files = dict(browse_data(catalog, Facets(catalog)))
    index = json.loads(files[f"{BROWSE_DATA}index.json"])
    assert index["total"] == len(catalog.credentials) and index["current"] == len(current(catalog))
    for folder, pages in index["pages"].items():
        urls = [card["url"] for number in range(pages) for card in json.loads(files[f"{BROWSE_DATA}{folder}/{number}.json"])]
        assert sorted(urls) == sorted(f"credentials/{ref}/" for ref in catalog.credentials)
        statuses = [catalog.credentials[url.removeprefix("credentials/").rstrip("/")].data["status"] for url in urls]
        assert all(status not in INACTIVE_STATUSES for status in statuses[:index["current"]])


def test_the_occupation_facet_offers_major_groups_then_their_unit_groups(open_page: Any, origin: str, catalog: Catalog) -> None:
    welding = "institut-metiers-rhone/soudage-tig-iso-9606"
    craft, welders = catalog.occupations["7"].label, catalog.occupations["7212"].label
    page = open_page(origin + "search/")
    count_line(page)
    occupation = page.locator("fieldset.cc-filter", has=page.locator("legend", has_text="Occupation"))
    shown = occupation.locator("label span:not(.cc-count)").all_text_contents()
    assert craft in shown and welders not in shown  # major groups first
    assert all(len(term.code) == 1 for term in catalog.occupations.values() if term.label in shown)
    occupation.locator("label", has=page.locator("span", has_text=re.compile("^" + re.escape(craft) + "$"))).locator("input").check()
    count_line(page, "match")
    occupation = page.locator("fieldset.cc-filter", has=page.locator("legend", has_text="Occupation"))
    unit = occupation.locator("label", has=page.locator("span", has_text=re.compile("^" + re.escape(welders) + "$")))
    unit.wait_for()
    assert welding in shown_refs(page)
    unit.locator("input").check()  # narrows: the major group is unticked
    page.wait_for_function("location.search.includes('Welders')")
    count_line(page, "match")
    assert parse_qs(urlsplit(page.url).query) == {"occupation": [welders]}
    assert welding in shown_refs(page)
    assert all(any(job.get("isco") == "7212" for job in catalog.credentials[ref].data.get("occupations", [])) for ref in shown_refs(page))
    assert page.errors == []


def test_hostile_text_in_the_browse_files_stays_text(browser: Any, hostile_site: Path) -> None:
    """The catalog listed before any words, and its facet values, show a hostile listing's
    name, provider and on-site city as text: nothing runs."""
    with serve(hostile_site) as served:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(served + "search/")
        count_line(page)
        card = page.locator(f'#cc-results [data-listing="{hostile.REF}"]')
        while not card.count() and page.locator("#cc-more").is_visible():
            shown = len(shown_refs(page))
            page.locator("#cc-more").click()
            page.wait_for_function(f"document.querySelectorAll('#cc-results > li').length > {shown}")
        assert card.locator(".cc-card__title").text_content() == hostile.NAME
        assert card.locator(".cc-card__provider").text_content() == hostile.PROVIDER_NAME
        city = page.locator("fieldset.cc-filter", has=page.locator("legend", has_text="On-site city"))
        if city.get_by_role("button", name=re.compile("Show all")).count():
            city.get_by_role("button", name=re.compile("Show all")).click()
        city = page.locator("fieldset.cc-filter", has=page.locator("legend", has_text="On-site city"))
        city.locator("label span:not(.cc-count)", has_text="alert('location')").wait_for()
        assert hostile.LOCATION in city.locator("label span:not(.cc-count)").all_text_contents()
        assert dialogs == [] and not page.evaluate("[...document.scripts].some((script) => script.textContent.includes('alert('))")
        assert page.locator("#cc-search b, #cc-search img, #cc-search svg").count() == 0
        context.close()
