"""What a learner and a consumer see of costs: the listing page's cost (listed amount first, the
all-in cost with its parts, recurring and optional costs, the approximate comparable amount with
the rates' source and date), the period on cards, and the same facts in the API, CSV, schema.org
and CTDL files."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any, cast

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from credcat.catalog.costs import ExchangeRates, all_in_cost
from credcat.catalog.documents import CredentialDocument
from credcat.site.render import render_macro
from support import hostile
from support.browser import AXE, serve

CPDP = "institute-of-project-delivery/certified-project-delivery-professional"
WEB = "trilha-digital/desenvolvimento-web-full-stack"
SPS = "hochschule-rheintal/sps-programmierung-iec-61131"
SPONSORED = "heliogrid-energy/grid-data-analyst-badge"
RATES = "ECB euro foreign exchange reference rates of 2 October 2026"


def page(site: Path, ref: str) -> HTMLParser:
    return HTMLParser((site / "credentials" / ref / "index.html").read_text(encoding="utf-8"))


def words(node: object) -> str:
    assert node is not None
    return re.sub(r"\s+", " ", node.text(deep=True)).strip()  # type: ignore[attr-defined]


def cost_fact(document: HTMLParser) -> list[str]:
    """The Cost key fact, one item per line (the lines are separated by <br>)."""
    for block in document.css(".cc-keyfacts > div"):
        if words(block.css_first("dt")) == "Cost":
            dd = block.css_first("dd")
            assert dd is not None and dd.html is not None
            return [words(HTMLParser(part).body) for part in re.split(r"<br\s*/?>", dd.html)]
    raise AssertionError("no Cost key fact")


def cost_rows(document: HTMLParser) -> dict[str, str]:
    section = document.css_first("section#cost")
    assert section is not None
    rows = {}
    for term in section.css("dt"):
        value = term.next
        while value is not None and value.tag != "dd":
            value = value.next
        rows[words(term)] = words(value)
    return rows


def test_the_listed_amount_comes_first_and_the_all_in_cost_has_its_parts(sample_site: Path) -> None:
    document = page(sample_site, CPDP)
    assert cost_fact(document) == ["EUR 1,450", "EUR 1,700 all-in"]
    assert cost_rows(document) == {
        "Listed": "EUR 1,450",
        "All-in, first time through": "EUR 1,700 Price EUR 1,450 Exam fee EUR 250",
        "Recurring": "Renewal fee EUR 80 every 3 years",
        "Optional": "Materials EUR 65",
    }


def test_a_subscription_shows_its_period_and_an_approximate_comparable_amount(sample_site: Path) -> None:
    document = page(sample_site, WEB)
    assert cost_fact(document) == ["Subscription (BRL 89.90 a month)", f"about EUR 36 for the first month ({RATES})", "BRL 209.90 all-in"]
    rows = cost_rows(document)
    assert rows["Listed"] == "BRL 89.90 a month (subscription)"
    assert rows["All-in, first time through"] == "BRL 209.90 Price BRL 89.90 (first month) Certificate fee BRL 120"
    assert rows["Subscription"] == "BRL 89.90 a month for as long as you study"
    assert rows["To compare"].startswith(f"about EUR 36 for the first month ({RATES}) Approximate:")
    source = document.css_first("section#cost .cc-approx a")
    assert source is not None and source.attributes["href"] == "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"


def test_parts_in_two_currencies_are_listed_side_by_side_and_compared_only_as_about(sample_site: Path) -> None:
    document = page(sample_site, SPS)
    assert cost_fact(document) == ["EUR 1,490", f"about EUR 1,684 ({RATES})", "EUR 1,490 + CHF 180 all-in"]
    assert cost_rows(document)["All-in, first time through"] == "EUR 1,490 + CHF 180 Price EUR 1,490 Exam fee CHF 180"


def test_an_employer_sponsored_listing_is_not_given_a_number(sample_site: Path) -> None:
    document = page(sample_site, SPONSORED)
    assert cost_fact(document) == ["Employer-sponsored"]
    assert document.css_first("section#cost") is None


def test_cards_show_the_subscription_period(sample_site: Path) -> None:
    hub = HTMLParser((sample_site / "providers" / "trilha-digital" / "index.html").read_text(encoding="utf-8"))
    card = hub.css_first(f'article.cc-card[data-listing="{WEB}"]')
    assert card is not None
    assert "Subscription (BRL 89.90 a month)" in [words(item) for item in card.css(".cc-card__facts li")]


def test_the_api_carries_the_all_in_cost_and_the_approximate_comparable_amount(sample_site: Path) -> None:
    listing = json.loads((sample_site / "api" / "v1" / "credentials" / f"{WEB}.json").read_text(encoding="utf-8"))
    assert listing["all_in_cost"] == {
        "total": [{"amount": 209.9, "currency": "BRL"}],
        "parts": [{"kind": "price", "amount": 89.9, "currency": "BRL", "optional": False},
                  {"kind": "certificate_fee", "amount": 120, "currency": "BRL", "optional": False}],
        "recurring": [],
        "optional": [],
        "unknown": [],
        "comparable": {"amount": 35.81, "currency": "EUR", "approximate": True, "basis": "first_month", "rates_date": "2026-10-02",
                       "rates_source": {"name": "ECB euro foreign exchange reference rates",
                                        "url": "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"}},
        "not_converted": [],
        "group": "priced",
    }
    cpdp = json.loads((sample_site / "api" / "v1" / "credentials" / f"{CPDP}.json").read_text(encoding="utf-8"))["all_in_cost"]
    assert cpdp["recurring"] == [{"kind": "renewal_fee", "amount": 80, "currency": "EUR", "every": "P3Y", "optional": False}]
    assert cpdp["optional"] == [{"kind": "materials", "amount": 65, "currency": "EUR", "optional": True}]
    sponsored = json.loads((sample_site / "api" / "v1" / "credentials" / f"{SPONSORED}.json").read_text(encoding="utf-8"))
    assert sponsored["all_in_cost"]["group"] == "employer_sponsored" and sponsored["all_in_cost"]["comparable"] is None


def test_the_spreadsheet_has_the_period_all_in_and_comparable_columns(sample_site: Path) -> None:
    rows = {row["ref"]: row for row in csv.DictReader(io.StringIO((sample_site / "catalog.csv").read_text(encoding="utf-8-sig")))}
    assert {key: rows[WEB][key] for key in ("cost_period", "cost_all_in", "cost_extras", "cost_comparable_approximate")} == {
        "cost_period": "month",
        "cost_all_in": "BRL 209.90",
        "cost_extras": "Certificate fee BRL 120",
        "cost_comparable_approximate": "about EUR 36 for the first month (ECB euro foreign exchange reference rates of 2026-10-02)",
    }
    assert (rows[CPDP]["cost_recurring"], rows[CPDP]["cost_optional"]) == ("Renewal fee EUR 80 every 3 years", "Materials EUR 65")


def test_schema_org_offers_bill_a_subscription_by_its_period(sample_site: Path) -> None:
    document = json.loads((sample_site / "api" / "v1" / "credentials" / f"{WEB}.schema-org.jsonld").read_text(encoding="utf-8"))
    assert document["offers"]["priceSpecification"] == [
        {"@type": "UnitPriceSpecification", "name": "Price", "price": 89.9, "priceCurrency": "BRL",
         "priceComponentType": "https://schema.org/Subscription", "billingDuration": "P1M"},
        {"@type": "UnitPriceSpecification", "name": "Certificate fee", "price": 120, "priceCurrency": "BRL"},
    ]


def test_ctdl_lists_each_extra_as_a_cost_profile(sample_site: Path) -> None:
    document = json.loads((sample_site / "api" / "v1" / "credentials" / f"{CPDP}.ctdl.jsonld").read_text(encoding="utf-8"))
    costs = document["ceterms:estimatedCost"]
    assert [(next(iter(cost["ceterms:description"].values())), cost["ceterms:price"], cost["ceterms:currency"]) for cost in costs] == [
        ("paid", 1450, "EUR"), ("Exam fee", 250, "EUR"), ("Renewal fee, every 3 years", 80, "EUR"), ("Materials, optional", 65, "EUR"),
    ]


def test_a_hostile_rate_source_name_is_text(hostile_site: Path) -> None:
    document = page(hostile_site, hostile.REF)
    approximate = document.css_first(".cc-keyfacts .cc-approx a")
    assert approximate is not None and approximate.text() == hostile.RATES_SOURCE
    assert "<script>alert(\"rates\")" not in (hostile_site / "credentials" / hostile.REF / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.slow
def test_on_a_phone_the_listed_price_comes_first_and_the_all_in_link_leads_to_its_parts(sample_site: Path, browser: Any) -> None:
    """In Chromium, 390 px wide: the key fact shows the listed price and the approximate figure;
    following "all-in" shows the cost section with its parts; axe finds nothing serious there."""
    with serve(sample_site) as origin:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(f"{origin}credentials/{WEB}/")
        fact = page.locator(".cc-keyfacts > div", has_text="Cost").locator("dd")
        assert fact.inner_text().splitlines() == [
            "Subscription (BRL 89.90 a month)", f"about EUR 36 for the first month ({RATES})", "BRL 209.90 all-in",
        ]
        fact.get_by_role("link", name="BRL 209.90 all-in").click()
        page.wait_for_function("location.hash === '#cost'")
        section = page.locator("section#cost")
        assert section.is_visible() and section.locator("li").all_inner_texts() == [
            "Price BRL 89.90 (first month)", "Certificate fee BRL 120",
        ]
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        if not AXE.is_file():
            pytest.fail(f"{AXE} is missing: make browser-deps installs axe-core")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => (await axe.run(document.querySelector('.cc-listing'), {runOnly: ["wcag2a", "wcag2aa", "wcag21aa"]}))
                .violations.filter(v => v.impact === "serious" || v.impact === "critical").map(v => v.id)"""
        )
        context.close()
    assert violations == []


def test_an_amount_without_a_rate_is_labelled_not_converted_and_its_unknown_price_is_said() -> None:
    rates = ExchangeRates("EUR", "2026-10-02", "ECB euro foreign exchange reference rates", "https://www.ecb.europa.eu/", {"USD": 1.1225})
    naira = all_in_cost(cast(CredentialDocument, {"cost": {"model": "paid", "amount": 9000, "currency": "NGN",
                                                          "extras": [{"kind": "exam_fee", "amount": 20, "currency": "USD"}]}}), rates)
    fact = str(render_macro("partials/cost.html", "keyfact", naira, "NGN 9,000", False))
    assert [words(HTMLParser(part).body) for part in re.split(r"<br\s*/?>", fact)] == [
        "NGN 9,000", "Not converted: no exchange rate for NGN", "NGN 9,000 + USD 20 all-in",
    ]
    section = HTMLParser(str(render_macro("partials/cost.html", "section", naira, "paid")))
    assert cost_rows(section)["To compare"] == "Not converted: no exchange rate for NGN"
    unlisted = all_in_cost(cast(CredentialDocument, {"cost": {"model": "subscription", "currency": "EUR",
                                                              "extras": [{"kind": "exam_fee", "amount": 95}]}}), rates)
    rows = cost_rows(HTMLParser(str(render_macro("partials/cost.html", "section", unlisted, "subscription"))))
    assert rows["All-in, first time through"] == "EUR 95, plus a part that is not known: the price is not listed Exam fee EUR 95"
