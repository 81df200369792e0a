"""Confirmed recognition and the qualification planner in Chromium: the marks a learner sees,
the recognizer's list they link to, the planner's remaining steps and totals as listings are
ticked (kept through a reload by the address), `choose` steps, and the page without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support.browser import AXE, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MSC_ROUTE = "pathways/northbridge-university/msc-data-science-micro-route/"
PYTHON = "northbridge-university/python-for-data-analysis"


@pytest.fixture(scope="module")
def origin(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as served:
        yield served


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Open a URL in a fresh context (JavaScript on unless asked), recording script errors."""
    opened = []

    def opener(url: str, *, javascript: bool = True) -> Any:
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
        page.goto(url)
        opened.append(context)
        return page

    yield opener
    for context in opened:
        context.close()


def totals(page: Any, planner: str) -> dict[str, str]:
    form = page.locator(f"form[data-planner='{planner}']")
    return {key: form.locator(f"[data-total='{key}']").inner_text() for key in ("hours", "cost", "ects", "credits", "confirmed")}


def remaining(page: Any, planner: str) -> list[str]:
    return [str(text) for text in page.locator(f"form[data-planner='{planner}'] [data-remaining-list] li").all_inner_texts()]


def test_a_confirmed_claim_links_to_the_recognition_and_an_unconfirmed_one_says_claimed(open_page: Any, origin: str) -> None:
    page = open_page(origin + f"credentials/{PYTHON}/")
    mark = page.locator("section:has(h3:text('Counts toward')) [data-claim]")
    assert mark.inner_text() == "confirmed by Northbridge University · 2 credits"
    mark.locator("a").click()
    page.wait_for_url("**/providers/northbridge-university/#recognition-python-for-data-analysis-credit")
    entry = page.locator("#recognition-python-for-data-analysis-credit")
    assert " ".join(entry.inner_text().split()) == "Credit: Python for Data Analysis toward MSc Data Science · 2 credits evidence"

    page = open_page(origin + "credentials/northbridge-university/machine-learning-in-practice/")
    assert page.locator("section:has(h3:text('Counts toward')) [data-claim]").inner_text() == "claimed by the provider"
    accreditations = page.locator("h3:text(\"The provider's accreditations\") + ul [data-claim]").all_inner_texts()
    assert accreditations == ["confirmed by Northern Higher Education Quality Board · valid until 31 July 2030", "claimed by the provider"]
    assert page.errors == []


def test_a_pathway_recognition_confirmed_by_a_quality_body(open_page: Any, origin: str) -> None:
    page = open_page(origin + MSC_ROUTE)
    mark = page.locator("h2:text('Recognition') + ul [data-claim]")
    assert mark.inner_text() == "confirmed by Northern Higher Education Quality Board · valid until 31 August 2029"
    mark.locator("a").click()
    page.wait_for_url("**/providers/northern-quality-board/#recognition-msc-data-science-micro-route")
    assert page.locator("#recognitions").inner_text() == "What Northern Higher Education Quality Board confirms"


def test_the_planner_counts_what_remains_and_keeps_the_ticks_in_the_address(open_page: Any, origin: str) -> None:
    page = open_page(origin + MSC_ROUTE)
    planner = "pathway-msc-data-science-micro-route"
    assert remaining(page, planner) == [
        "Step 1: Python for Data Analysis", "Step 2: Applied Statistical Modelling", "Step 3: Machine Learning in Practice",
    ]
    assert totals(page, planner) == {"hours": "550", "cost": "about EUR 4,581", "ects": "22", "credits": "22", "confirmed": "2 of 3"}

    page.locator(f"form[data-planner='{planner}'] input[value='{PYTHON}']").check()
    assert page.url.endswith(f"{MSC_ROUTE}?have={PYTHON}")
    assert remaining(page, planner) == ["Step 2: Applied Statistical Modelling", "Step 3: Machine Learning in Practice"]
    assert totals(page, planner) == {"hours": "500", "cost": "about EUR 4,116", "ects": "20", "credits": "20", "confirmed": "1 of 2"}

    page.reload()
    assert page.locator(f"form[data-planner='{planner}'] input[value='{PYTHON}']").is_checked()
    assert totals(page, planner)["hours"] == "500"
    page.locator(f"form[data-planner='{planner}'] li:has(input[value='{PYTHON}']) a:text('details')").click()
    page.wait_for_url(f"**/credentials/{PYTHON}/")
    page.go_back()
    page.wait_for_url(f"**/{MSC_ROUTE}?have={PYTHON}")
    assert page.locator(f"form[data-planner='{planner}'] input[value='{PYTHON}']").is_checked()
    assert totals(page, planner)["hours"] == "500"
    for ref in ("northbridge-university/applied-statistical-modelling", "northbridge-university/machine-learning-in-practice"):
        page.locator(f"form[data-planner='{planner}'] input[value='{ref}']").check()
    assert remaining(page, planner) == ["Nothing: you hold everything this route asks for."]
    assert totals(page, planner) == {"hours": "0", "cost": "nothing", "ects": "0", "credits": "0", "confirmed": "0 of 0"}
    assert page.errors == []


def test_a_step_to_choose_from_is_done_once_one_option_is_held(open_page: Any, origin: str) -> None:
    page = open_page(origin + "pathways/heliogrid-energy/energietransitie-technicus/")
    planner = "pathway-energietransitie-technicus"
    assert remaining(page, planner)[-1] == (
        "Step 3: choose 1 of 2: Battery Energy Storage Systems Technician or Energiemanagement nach ISO 50001"
    )
    assert totals(page, planner)["hours"] == "at least 138"
    page.locator(f"form[data-planner='{planner}'] input[value='hochschule-rheintal/energiemanagement-iso-50001']").check()
    assert remaining(page, planner) == ["Step 1: Veilig werken op hoogte en op daken", "Step 2: Installatie van zonnestroomsystemen (basis)"]
    assert totals(page, planner)["hours"] == "48"


def test_the_qualification_page_lists_every_route_with_javascript_off(open_page: Any, origin: str) -> None:
    page = open_page(origin + "qualifications/msc-data-science/", javascript=False)
    assert page.locator("h1").inner_text() == "MSc Data Science"
    assert page.locator("h2:text('Pathways that lead there') + ul a").all_inner_texts() == ["Micro-credential route into the MSc Data Science"]
    listings = [" ".join(text.split()) for text in page.locator(".cc-towards > li").all_inner_texts()]
    assert listings == [
        "Applied Statistical Modelling Northbridge University · 5 credits claimed "
        "confirmed by Northbridge University · 5 credits · valid until 31 August 2028",
        "Machine Learning in Practice Northbridge University · 15 credits claimed claimed by the provider",
        "Python for Data Analysis Northbridge University · 2 credits claimed confirmed by Northbridge University · 2 credits",
    ]
    assert page.locator("form[data-planner] input[name=have]").count() == 6
    assert [element.is_hidden() for element in page.locator("[data-remaining]").all()] == [True, True]


def test_the_qualification_planner_of_credit_listings(open_page: Any, origin: str) -> None:
    page = open_page(origin + f"qualifications/msc-data-science/?have={PYTHON}")
    for planner in ("pathway-msc-data-science-micro-route", "credit"):
        assert page.locator(f"form[data-planner='{planner}'] input[value='{PYTHON}']").is_checked()
    assert totals(page, "credit")["credits"] == "20"
    assert page.errors == []


def test_search_filters_listings_with_confirmed_recognition(open_page: Any, origin: str) -> None:
    page = open_page(origin + "search/?recognition=Credit+or+admission+confirmed")
    page.wait_for_function("document.getElementById('cc-result-count').textContent.includes('match the filters')")
    assert page.locator("#cc-result-count").text_content() == "3 credentials match the filters"
    titles = sorted(title.strip() for title in page.locator("#cc-results .cc-card__title").all_text_contents())
    assert titles == ["Applied Statistical Modelling", "Battery Energy Storage Systems Technician", "Python for Data Analysis"]
    assert page.errors == []


PLANNER_PAGES = [MSC_ROUTE, "qualifications/msc-data-science/", "providers/northern-quality-board/"]


@pytest.mark.parametrize("path", PLANNER_PAGES)
def test_planner_and_recognizer_pages_pass_axe_and_fit_a_phone(open_page: Any, origin: str, path: str) -> None:
    page = open_page(origin + path + f"?have={PYTHON}")
    page.wait_for_load_state("networkidle")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}))
            .violations.filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "))"""
    )
    assert violations == []
    assert page.errors == []
