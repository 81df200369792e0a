"""The built site in Debian's Chromium: search, filters, compare, pathway diagram, phone
width, console errors and axe-core, over HTTP from a local server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from credcat.catalog.labels import label
from credcat.site import facets
from credcat.site.contexts import SEARCH_PAGE_SIZE
from support import REPO, hostile
from support.browser import AXE, serve
from support.catalogs import sample_catalog

PHONE = {"width": 390, "height": 844}
SHARD_SIZE = 10
COMPARE_FILE_LISTINGS = 4

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def origin(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as served:
        yield served


@pytest.fixture(scope="module")
def hostile_origin(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as served:
        yield served


@pytest.fixture(scope="module")
def sharded_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample catalog built with a search index in shards of 10 listings (4 shards), and
    its compare data in files of about 4 listings."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site))
    config.plugins["credcat"].config.search_shard_size = SHARD_SIZE
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(facets, "COMPARE_FILE_LISTINGS", COMPARE_FILE_LISTINGS)
        build(config)
    with serve(site) as served:
        yield served


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Open a URL in a fresh page that records console errors and uncaught exceptions."""
    opened = []

    def opener(url: str, viewport: dict[str, int] | None = None) -> Any:
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        page = context.new_page()
        page.errors = []
        page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url)
        opened.append(context)
        return page

    yield opener
    for context in opened:
        context.close()


def wait_for_results(page: Any) -> str:
    page.wait_for_function("document.getElementById('cc-result-count').textContent.length > 0")
    return str(page.locator("#cc-result-count").text_content())


def test_searching_a_word_finds_its_listing(open_page: Any, origin: str) -> None:
    listing = sample_catalog().credentials["institut-metiers-rhone/soudage-tig-iso-9606"]
    page = open_page(origin + "search/")
    wait_for_results(page)
    page.fill("#cc-q", "soudeur")
    page.press("#cc-q", "Enter")
    page.wait_for_function("document.getElementById('cc-result-count').textContent.includes('soudeur')")
    titles = page.locator("#cc-results .cc-card__title").all_text_contents()
    assert listing.name in [title.strip() for title in titles]
    assert "q=soudeur" in page.url
    assert page.errors == []


def test_an_industry_filter_narrows_the_results_to_its_count(open_page: Any, origin: str) -> None:
    current = [ref for ref, credential in sample_catalog().credentials.items() if credential.data["status"] not in facets.INACTIVE_STATUSES]
    expected = len([ref for ref in sample_catalog().by_industry["construction"] if ref in current])
    total = len(current)
    page = open_page(origin + "search/")
    assert wait_for_results(page) == f"{total} credentials in the catalog, by name"
    row = page.locator("fieldset.cc-filter", has=page.locator("legend", has_text="Industry")).locator(
        "label", has=page.locator("span", has_text=re.compile(r"^Construction$")))
    shown_count = int(row.locator(".cc-count").text_content() or "0")
    row.locator("input").check()
    page.wait_for_function("document.getElementById('cc-result-count').textContent.includes('match the filters')")
    assert shown_count == expected < total
    assert wait_for_results(page) == f"{expected} credentials match the filters"
    assert page.locator("#cc-results > li").count() == min(expected, SEARCH_PAGE_SIZE)
    assert "industry=Construction" in page.url
    assert page.errors == []


def test_compare_shows_two_listings_and_keeps_them_after_a_reload(open_page: Any, origin: str) -> None:
    page = open_page(origin + "industries/construction/")
    cards = page.locator("[data-listing]")
    names = [str(cards.nth(index).locator(".cc-card__title").text_content()).strip() for index in range(2)]
    for index in range(2):
        cards.nth(index).locator(".cc-compare-toggle").click()
    page.locator("#cc-tray a").click()
    page.wait_for_selector("table.cc-compare-grid")
    headers = [header.strip() for header in page.locator("table.cc-compare-grid thead th a").all_text_contents()]
    assert headers == names
    assert "?c=" in page.url
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector("table.cc-compare-grid")
    assert [h.strip() for h in page.locator("table.cc-compare-grid thead th a").all_text_contents()] == names
    assert page.errors == []


def test_compare_finds_each_listing_in_the_data_file_its_ref_names(open_page: Any, sharded_origin: str) -> None:
    listings = sample_catalog().credentials
    files = -(-len(listings) // COMPARE_FILE_LISTINGS)
    by_file = {facets.compare_file(ref, files): ref for ref in sorted(listings)}
    refs = list(by_file.values())[:4]
    assert len(refs) == 4, "four listings in four different compare files"
    page = open_page(sharded_origin + "compare/?c=" + ",".join(refs))
    page.wait_for_selector("table.cc-compare-grid")
    headers = [header.strip() for header in page.locator("table.cc-compare-grid thead th a").all_text_contents()]
    assert headers == [listings[ref].name for ref in refs]
    assert page.errors == []


def test_pathway_diagram_renders_its_steps(open_page: Any, origin: str) -> None:
    ref, pathway = next((ref, p) for ref, p in sample_catalog().pathways.items() if any("choose" in s for s in p.data["steps"]))
    page = open_page(origin + f"pathways/{ref}/")
    svg = page.locator("svg.cc-diagram__svg")
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    assert page.locator("svg a.cc-diagram__link rect.cc-diagram__box").count() == sum(
        len(step["credentials"]) for step in pathway.data["steps"])
    heading = page.locator("svg text.cc-diagram__heading", has_text="choose").first
    assert (heading.bounding_box() or {"width": 0})["width"] > 0
    assert page.errors == []


PAGES = ["", "search/", "credentials/institute-of-project-delivery/certified-project-delivery-professional/",
         "industries/construction/", "pathways/southern-cross-care-academy/aged-care-career-start/", "compare/",
         "subjects/", "reference/schema/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_without_console_errors(open_page: Any, origin: str, path: str) -> None:
    page = open_page(origin + path)
    page.wait_for_load_state("networkidle")
    assert page.errors == []


@pytest.mark.parametrize("path", PAGES)
def test_a_phone_wide_screen_never_scrolls_sideways(open_page: Any, origin: str, path: str) -> None:
    page = open_page(origin + path, viewport=PHONE)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("path", ["", "search/", "credentials/northbridge-university/python-for-data-analysis/",
                                  "industries/construction/"])
def test_axe_finds_no_serious_or_critical_violations(open_page: Any, origin: str, path: str) -> None:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: make browser-deps installs axe-core")
    page = open_page(origin + path)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}))
            .violations.filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "))"""
    )
    assert violations == []


def test_hostile_listing_runs_nothing_in_the_browser(open_page: Any, hostile_origin: str) -> None:
    page = open_page(hostile_origin + f"credentials/{hostile.REF}/")
    page.wait_for_load_state("networkidle")
    assert page.locator("article.cc-listing h1").text_content() == hostile.NAME
    search = open_page(hostile_origin + "search/?q=Evil")
    search.wait_for_function("document.getElementById('cc-result-count').textContent.includes('Evil')")
    assert hostile.NAME in search.locator("#cc-results .cc-card__title").all_text_contents()[0]
    compare = open_page(hostile_origin + f"compare/?c={hostile.REF}")
    compare.wait_for_selector("table.cc-compare-grid")
    assert compare.locator("table.cc-compare-grid thead th a").text_content() == hostile.NAME
    for opened in (page, search, compare):
        assert opened.dialogs == [] and opened.errors == []


def test_a_sharded_search_index_sorts_and_counts_across_its_shards(open_page: Any, sharded_origin: str) -> None:
    listings = sample_catalog().credentials
    active = sorted(ref for ref, credential in listings.items() if credential.data["status"] not in facets.INACTIVE_STATUSES)
    assert len(active) > 3 * SHARD_SIZE
    every_mode = "&".join("mode=" + quote(label("mode", mode)) for mode in ("online", "in_person", "blended"))
    page = open_page(sharded_origin + f"search/?{every_mode}&sort=hours:desc")
    assert wait_for_results(page) == f"{len(active)} credentials match the filters"
    while page.locator("#cc-more").is_visible():
        shown = page.locator("#cc-results > li").count()
        page.locator("#cc-more").click()
        page.wait_for_function(f"document.querySelectorAll('#cc-results > li').length > {shown}")
    refs = [page.locator("#cc-results [data-listing]").nth(index).get_attribute("data-listing") for index in range(len(active))]
    assert sorted(refs) == active
    hours = [listings[str(ref)].data["workload"]["hours"] for ref in refs]
    assert hours == sorted(hours, reverse=True)

    industry = page.locator("fieldset.cc-filter", has=page.locator("legend", has_text="Industry"))  # shown: a filter is ticked
    row = industry.locator("label", has=page.locator("span", has_text=re.compile(r"^Construction$")))
    expected = sum(1 for ref in sample_catalog().by_industry["construction"] if ref in active)
    assert int(row.locator(".cc-count").text_content() or "0") == expected
    assert page.errors == []
