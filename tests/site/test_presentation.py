"""What a learner sees of hubs, compare, the about page and dark mode, in Debian's Chromium
over HTTP, and axe-core on every page type in both colour schemes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from credcat.site.pages import PAGE_SIZE
from credcat.site.plugin import build_site
from credcat.site.render import date_text
from measure.synthetic import generate_catalog
from support import REPO
from support.browser import AXE, serve
from support.catalogs import sample_catalog

PHONE = {"width": 390, "height": 844}
NARROW_PHONE = {"width": 358, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SYNTHETIC_LISTINGS = 1000

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def origin(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as served:
        yield served


@pytest.fixture(scope="module")
def synthetic_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A synthetic catalog of SYNTHETIC_LISTINGS built with the default page size: its level
    hubs run to seven pages of 50 (a 10,000-listing hub has 200; what matters is the count)."""
    folder = tmp_path_factory.mktemp("synthetic")
    generate_catalog(folder / "catalog", SYNTHETIC_LISTINGS)
    build_site(REPO / "mkdocs.yml", catalog=folder / "catalog", site_dir=folder / "site")
    with serve(folder / "site") as served:
        yield served


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Open a URL in a fresh context (viewport, colour scheme) that records console errors."""
    opened = []

    def opener(url: str, viewport: dict[str, int] | None = None, scheme: str = "light") -> Any:
        context = browser.new_context(viewport=viewport or DESKTOP, color_scheme=scheme)
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


def largest_hub() -> tuple[str, int]:
    """The industry with the most listings in the sample catalog, and how many."""
    catalog = sample_catalog()
    industry = max(catalog.by_industry, key=lambda term: (len(catalog.by_industry[term]), term))
    return industry, len(catalog.by_industry[industry])


# --- hubs -----------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [DESKTOP, NARROW_PHONE], ids=["desktop", "phone"])
def test_hub_pagination_is_one_row_of_page_numbers(open_page: Any, synthetic_origin: str, viewport: dict[str, int]) -> None:
    page = open_page(synthetic_origin + "levels/beginner/", viewport=viewport)
    total = int(page.locator(".cc-hub__count strong").text_content() or "0")
    assert -(-total // PAGE_SIZE) >= 6, "the synthetic catalog should give the hub six pages or more"
    numbers = page.locator(".cc-pagination__pages > li")
    assert page.locator(".cc-pagination__gap").count() == 1, "pages 1 to 3, a gap, the last page"
    tops = {round(numbers.nth(index).bounding_box()["y"]) for index in range(numbers.count())}
    assert len(tops) == 1, f"page numbers on {len(tops)} lines"
    assert page.locator(".cc-pagination__pages").evaluate("list => getComputedStyle(list).display") == "flex"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.locator(".cc-pagination a[rel=next]").click()
    page.wait_for_url("**/levels/beginner/page/2/")
    assert page.locator(".cc-pagination__pages [aria-current]").text_content() == "2"
    assert page.locator(".cc-hub__count").text_content().split(", showing ")[1].startswith(f"{PAGE_SIZE + 1} to {2 * PAGE_SIZE}")
    assert page.locator(".cc-hub__listings .cc-card").count() == PAGE_SIZE
    assert page.errors == []


@pytest.mark.parametrize("path", ["industries/{industry}/", "providers/northbridge-university/", "subjects/"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_hubs_show_their_first_listing_above_the_fold(open_page: Any, origin: str, path: str, viewport: dict[str, int]) -> None:
    if path == "subjects/":
        catalog = sample_catalog()
        path = "subjects/" + max(catalog.by_subject, key=lambda term: (len(catalog.by_subject[term]), term)) + "/"
    page = open_page(origin + path.format(industry=largest_hub()[0]), viewport=viewport)
    card = page.locator(".cc-hub__listings .cc-card").first.bounding_box()
    assert card is not None and card["y"] + 60 < viewport["height"], f"first card starts at {card}"
    to_facets = page.get_by_role("link", name="Counts by level, type, cost…")
    if viewport is PHONE:
        to_facets.click()
        page.wait_for_url("**#narrow-down")
        facets = page.locator("#narrow-down").bounding_box()
        assert facets is not None and 0 <= facets["y"] < viewport["height"]
    else:
        assert to_facets.is_hidden(), "wide screens show the facets beside the listings"


def test_the_home_page_links_no_empty_hub_and_an_empty_hub_says_so(open_page: Any, origin: str) -> None:
    catalog = sample_catalog()
    empty = sorted(term for term, refs in catalog.by_industry.items() if not refs)
    assert empty, "the sample catalog should leave an industry without listings"
    page = open_page(origin)
    hrefs = page.locator(".cc-tiles a").evaluate_all("links => links.map(link => new URL(link.href).pathname)")
    assert hrefs and not any(f"/industries/{term}/" in hrefs for term in empty)
    assert any("/industries/" in href for href in hrefs)
    visit = open_page(origin + f"industries/{empty[0]}/")
    assert visit.locator(".cc-hub__count").text_content().strip() == "No listings yet."
    assert visit.locator(".cc-card").count() == 0


def test_a_repeated_subject_name_shows_its_code_in_title_and_breadcrumb(open_page: Any, origin: str) -> None:
    page = open_page(origin + "subjects/veterinary-0841/")
    assert page.locator("h1").text_content() == "Veterinary (0841)"
    crumbs = [text.strip() for text in page.locator(".cc-breadcrumb a").all_text_contents()]
    assert crumbs[-1] == "Veterinary (084)"
    assert page.title().startswith("Veterinary (0841)")


def test_a_providers_pathways_folder_is_a_page_of_its_pathways(open_page: Any, origin: str) -> None:
    catalog = sample_catalog()
    provider = next(provider for provider in catalog.providers.values() if provider.pathways)
    ref = provider.pathways[0]
    page = open_page(origin + f"pathways/{ref}/")
    page.locator(".cc-breadcrumb a", has_text=provider.name).click()
    page.wait_for_url(f"**/pathways/{provider.id}/")
    assert page.locator("h1").text_content() == f"Pathways of {provider.name}"
    names = [name.strip() for name in page.locator(".cc-tile__name").all_text_contents()]
    assert sorted(names) == sorted(catalog.pathways[member].name for member in provider.pathways)


# --- compare --------------------------------------------------------------------------------

def compare_pair() -> tuple[str, str]:
    """Two active listings of one provider: some rows equal (provider), some not."""
    catalog = sample_catalog()
    for provider in catalog.providers.values():
        active = [ref for ref in provider.credentials if catalog.credentials[ref].data["status"] == "active"]
        if len(active) >= 2:
            return active[0], active[1]
    raise AssertionError("no provider with two active listings")


def rows(page: Any) -> dict[str, tuple[str, list[str]]]:
    """Each row of the compare table: label -> (row class, cell texts)."""
    found = page.locator("table.cc-compare-grid tbody tr").evaluate_all(
        """rows => rows.map(row => [row.querySelector('th').firstChild.textContent, row.className,
                                    [...row.querySelectorAll('td')].map(cell => cell.textContent)])""")
    return {label: (kind, cells) for label, kind, cells in found}


def test_compare_marks_the_rows_that_differ_in_words(open_page: Any, origin: str) -> None:
    first, second = compare_pair()
    listings = sample_catalog().credentials
    page = open_page(origin + f"compare/?c={first},{second}")
    page.wait_for_selector("table.cc-compare-grid")
    table = rows(page)
    assert {"Location", "Valid for", "Pathways", "All-in cost, first time", "Information completeness"} <= set(table)
    assert table["Provider"][0] == "cc-same"
    differing = [label for label, (kind, cells) in table.items() if kind == "cc-differs"]
    assert differing and all(len(set(table[label][1])) == 2 for label in differing)
    assert all(len(set(cells)) == 1 for kind, cells in table.values() if kind == "cc-same")
    marks = page.locator("tr.cc-differs th .cc-differs__mark").all_text_contents()
    assert marks == ["differs"] * len(differing)
    compared = [label for label, (kind, cells) in table.items() if kind in ("cc-same", "cc-differs")]
    assert len(compared) == len(table) - 1, "every row but the enrol links is compared"
    assert page.locator(".cc-compare__summary").text_content() == f"{len(differing)} of {len(compared)} rows differ; they are marked “differs”."
    assert table["Last verified"][1] == [date_text(listings[ref].data["dates"]["last_verified"]) for ref in (first, second)]
    page.get_by_label("Show only the rows that differ").check()
    visible = page.locator("table.cc-compare-grid tbody tr:visible")
    assert visible.count() == len(differing) + 1, "the differing rows and the enrol links"
    assert page.errors == []


def test_compare_on_a_phone_keeps_the_row_labels_and_says_it_scrolls(open_page: Any, origin: str) -> None:
    first, second = compare_pair()
    page = open_page(origin + f"compare/?c={first},{second}", viewport=NARROW_PHONE)
    page.wait_for_selector("table.cc-compare-grid")
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW_PHONE["width"]
    cue = page.locator(".cc-compare__cue")
    assert cue.is_visible() and cue.text_content() == "Scroll sideways to see every credential →"
    label = page.locator("table.cc-compare-grid tbody th").first
    cell = page.locator("table.cc-compare-grid tbody td").first
    before_label, before_cell = label.bounding_box(), cell.bounding_box()
    page.locator(".cc-compare__scroll").evaluate("box => { box.scrollLeft = 200; }")
    page.wait_for_function("document.querySelector('.cc-compare__scroll').scrollLeft > 0")
    after_label, after_cell = label.bounding_box(), cell.bounding_box()
    assert after_label["x"] == before_label["x"]
    assert after_cell["x"] < before_cell["x"]
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW_PHONE["width"]
    wide = open_page(origin + f"compare/?c={first},{second}")
    wide.wait_for_selector("table.cc-compare-grid")
    assert wide.locator(".cc-compare__cue").is_hidden()


def test_retired_listings_cannot_be_compared(open_page: Any, origin: str) -> None:
    catalog = sample_catalog()
    retired = next(ref for ref, credential in catalog.credentials.items() if credential.data["status"] == "retired")
    first, second = compare_pair()
    page = open_page(origin + f"compare/?c={first},{retired},{second}")
    page.wait_for_selector("table.cc-compare-grid")
    headers = [header.strip() for header in page.locator("table.cc-compare-grid thead th a").all_text_contents()]
    assert headers == [catalog.credentials[first].name, catalog.credentials[second].name]
    assert page.locator(".cc-note").text_content() == f"{catalog.credentials[retired].name} is retired (no longer offered), so it is not compared."
    assert page.url.endswith(f"?c={first},{second}")
    listing = open_page(origin + f"credentials/{retired}/")
    listing.wait_for_load_state("networkidle")
    assert listing.locator(".cc-compare-toggle").count() == 0
    provider = catalog.credentials[retired].provider_id
    hub = open_page(origin + f"providers/{provider}/")
    hub.wait_for_load_state("networkidle")
    assert hub.locator(f'[data-listing="{retired}"] .cc-compare-toggle').count() == 0
    active = next(ref for ref in catalog.providers[provider].credentials if catalog.credentials[ref].data["status"] == "active")
    assert hub.locator(f'[data-listing="{active}"] .cc-compare-toggle').is_visible()


# --- about and dark mode ----------------------------------------------------------------------

def test_the_about_page_is_in_the_nav_and_the_footer_and_explains_the_words(open_page: Any, origin: str) -> None:
    page = open_page(origin)
    page.locator(".md-tabs").get_by_role("link", name="About this catalog").click()
    page.wait_for_url("**/about/")
    assert page.locator("h1").text_content() == "About this catalog"
    headings = [heading.strip() for heading in page.locator("article.cc-about h2").all_text_contents()]
    for expected in ("“Last verified”", "“Claimed by the provider”, “confirmed by” and “evidence”", "Quality assurance",
                     "Information completeness", "How old information is flagged"):
        assert expected in headings
    listing = next(iter(sample_catalog().credentials))
    from_listing = open_page(origin + f"credentials/{listing}/")
    from_listing.locator(".cc-footer-links").get_by_role("link", name="About this catalog").click()
    from_listing.wait_for_url("**/about/")
    explained = open_page(origin + f"credentials/{listing}/")
    explained.get_by_role("link", name="How this is counted").click()
    explained.wait_for_url("**/about/#information-completeness")
    assert explained.locator("#information-completeness").is_visible()


def scheme(page: Any) -> str:
    return str(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))


def test_dark_mode_follows_the_system_and_the_toggle_is_remembered(open_page: Any, origin: str) -> None:
    assert scheme(open_page(origin, scheme="light")) == "default"
    page = open_page(origin, scheme="dark")
    assert scheme(page) == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    card_text = page.evaluate("getComputedStyle(document.querySelector('.cc-card__summary')).color")
    assert background != "rgb(255, 255, 255)" and card_text != "rgb(0, 0, 0)"
    page.locator("label.md-header__button[title='Switch to light mode']").click()
    assert scheme(page) == "default"
    page.goto(origin + "about/")
    assert scheme(page) == "default", "the choice holds on the next page"
    page.locator("label.md-header__button[title='Switch to dark mode']").click()
    page.reload()
    assert scheme(page) == "slate"
    assert page.errors == []


# --- axe on every page type, both schemes -------------------------------------------------------

def page_types() -> list[str]:
    catalog = sample_catalog()
    listing = next(ref for ref, credential in catalog.credentials.items() if credential.data["status"] == "active")
    retired = next(ref for ref, credential in catalog.credentials.items() if credential.data["status"] == "retired")
    pathway = next(iter(catalog.pathways))
    provider = catalog.pathways[pathway].provider_id
    first, second = compare_pair()
    return [
        "", f"industries/{largest_hub()[0]}/", "subjects/", "subjects/veterinary-0841/", f"providers/{provider}/",
        "levels/beginner/", "types/certificate/", "industries/", f"credentials/{listing}/", f"credentials/{retired}/",
        "pathways/", f"pathways/{provider}/", f"pathways/{pathway}/", f"compare/?c={first},{second}",
        "search/?q=data", "search/?industry=Construction", "about/", "reference/schema/", "api/", "contributing/",
        "qualifications/{first}/",
    ]


PHONE_PAGE_TYPES = ["", "industries/{industry}/", "credentials/{listing}/", "compare/?c={pair}", "about/", "search/?q=data"]


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PHONE_PAGE_TYPES)
def test_axe_finds_nothing_serious_on_a_phone_either(open_page: Any, origin: str, sample_site: Path, path: str, color_scheme: str) -> None:
    """The phone layouts (stacked hubs, the compare table's sticky labels) at 358 px."""
    listing = next(ref for ref, credential in sample_catalog().credentials.items() if credential.data["status"] == "active")
    path = path.format(industry=largest_hub()[0], listing=listing, pair=",".join(compare_pair()))
    test_axe_finds_no_serious_or_critical_violations_in_either_scheme(open_page, origin, sample_site, path, color_scheme, NARROW_PHONE)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", page_types())
def test_axe_finds_no_serious_or_critical_violations_in_either_scheme(
        open_page: Any, origin: str, sample_site: Path, path: str, color_scheme: str, viewport: dict[str, int] = DESKTOP) -> None:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: make browser-deps installs axe-core")
    if "{first}" in path:  # a page whose address the build works out (a qualification's)
        path = path.format(first=min(entry.name for entry in (sample_site / path.split("/")[0]).iterdir() if entry.is_dir()))
    page = open_page(origin + path, viewport=viewport, scheme=color_scheme)
    page.wait_for_load_state("networkidle")
    if path.startswith("compare/"):
        page.wait_for_selector("table.cc-compare-grid")
    if path.startswith("search/"):
        page.wait_for_function("document.getElementById('cc-result-count').textContent.length > 0")
    assert scheme(page) == ("slate" if color_scheme == "dark" else "default")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}))
            .violations.filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "))"""
    )
    assert violations == []
