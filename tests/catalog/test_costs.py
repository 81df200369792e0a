"""All-in cost, comparable amounts, the cost order and price bands, with exact values."""

from __future__ import annotations

from typing import Any, cast

import pytest

from credcat.catalog.costs import AllInCost, CostGroup, ExchangeRates, Money, all_in_cost, cost_sort_key, price_band, price_bands
from credcat.catalog.documents import CredentialDocument

RATES = ExchangeRates(
    base="EUR",
    date="2026-10-02",
    source_name="ECB euro foreign exchange reference rates",
    source_url="https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml",
    rates={"BRL": 5.8610, "GBP": 0.85033, "USD": 1.1225, "AUD": 1.6176, "CHF": 0.9279},
)


def listing(cost: dict[str, Any], **more: Any) -> CredentialDocument:
    """Only the fields costs.py reads."""
    return cast(CredentialDocument, {"cost": cost, **more})


def cost_of(cost: dict[str, Any], rates: ExchangeRates | None = RATES, **more: Any) -> AllInCost:
    return all_in_cost(listing(cost, **more), rates)


def test_a_paid_listing_with_extras_sums_the_first_time_parts_and_keeps_recurring_ones_beside() -> None:
    cost = cost_of(
        {"model": "paid", "amount": 1450, "currency": "EUR", "extras": [
            {"kind": "exam_fee", "amount": 250},
            {"kind": "renewal_fee", "amount": 80, "every": "P3Y"},
            {"kind": "materials", "amount": 65, "optional": True},
        ]}
    )
    assert cost.listed_text == "EUR 1,450"
    assert [part.text for part in cost.first_time] == ["Price EUR 1,450", "Exam fee EUR 250"]
    assert cost.total_text == "EUR 1,700"
    assert [part.text for part in cost.recurring] == ["Renewal fee EUR 80 every 3 years"]
    assert [part.text for part in cost.optional] == ["Materials EUR 65"]
    assert cost.unknown == ()
    assert cost.comparable is not None and cost.comparable.amount == 1700 and cost.comparable.text == "about EUR 1,700"
    assert cost.group is CostGroup.PRICED and cost.has_parts


def test_a_renewal_fee_without_every_recurs_with_the_credentials_validity() -> None:
    cost = cost_of(
        {"model": "paid", "amount": 165, "currency": "AUD", "extras": [{"kind": "renewal_fee", "amount": 120}]},
        validity={"expires_after": "P1Y"},
    )
    assert [part.text for part in cost.recurring] == ["Renewal fee AUD 120 every 1 year"]
    assert cost.total_text == "AUD 165"
    assert cost.comparable is not None and cost.comparable.amount == round(165 / 1.6176, 2) == 102.0


def test_a_subscription_shows_its_period_and_compares_by_its_first_month() -> None:
    monthly = cost_of({"model": "subscription", "amount": 89.9, "currency": "BRL", "period": "month",
                       "extras": [{"kind": "certificate_fee", "amount": 120}]})
    assert monthly.listed_text == "BRL 89.90 a month"
    assert monthly.total_text == "BRL 209.90"
    assert monthly.comparable is not None
    assert monthly.comparable.amount == round(89.9 / 5.8610 + 120 / 5.8610, 2) == 35.81
    assert monthly.comparable.text == "about EUR 36 for the first month"
    yearly = cost_of({"model": "subscription", "amount": 210, "currency": "EUR", "period": "year",
                      "extras": [{"kind": "exam_fee", "amount": 95}]})
    assert yearly.listed_text == "EUR 210 a year"
    assert yearly.total_text == "EUR 305"  # what is paid to start: a year and the exam
    assert yearly.comparable is not None and yearly.comparable.amount == 17.5 + 95


def test_extras_in_another_currency_are_listed_side_by_side_and_compared_through_the_rates() -> None:
    cost = cost_of({"model": "paid", "amount": 1490, "currency": "EUR", "extras": [{"kind": "exam_fee", "amount": 180, "currency": "CHF"}]})
    assert cost.total_text == "EUR 1,490 + CHF 180"
    assert cost.totals == (Money(1490, "EUR"), Money(180, "CHF"))
    assert cost.comparable is not None and cost.comparable.amount == round(1490 + 180 / 0.9279, 2) == 1683.99
    assert cost.group is CostGroup.PRICED


def test_a_currency_without_a_rate_is_not_summed_into_a_comparable_amount() -> None:
    cost = cost_of({"model": "paid", "amount": 1490, "currency": "EUR", "extras": [{"kind": "exam_fee", "amount": 3000, "currency": "NGN"}]})
    assert cost.total_text == "EUR 1,490 + NGN 3,000"
    assert cost.comparable is None
    assert cost.not_converted == ("NGN",)
    assert cost.group is CostGroup.NOT_CONVERTED
    assert price_band(cost) == "Price not converted"


def test_an_unlisted_price_is_said_to_be_unknown_and_never_summed() -> None:
    subscription = cost_of({"model": "subscription", "extras": [{"kind": "exam_fee", "amount": 95, "currency": "EUR"}]})
    assert subscription.unknown == ("the price is not listed",)
    assert subscription.total_text == "EUR 95"
    assert subscription.comparable is None and subscription.group is CostGroup.PRICE_NOT_LISTED
    certificate = cost_of({"model": "free_learning_paid_certificate"})
    assert certificate.unknown == ("the certificate's price is not listed",)
    assert certificate.group is CostGroup.FREE_TO_LEARN


def test_free_and_employer_sponsored_listings_pay_only_their_extras() -> None:
    free = cost_of({"model": "free"})
    assert (free.first_time, free.total_text, free.comparable, free.group) == ((), "", None, CostGroup.FREE)
    sponsored = cost_of({"model": "employer_sponsored", "amount": 5000, "currency": "EUR",
                         "extras": [{"kind": "exam_fee", "amount": 40}]})
    assert [part.text for part in sponsored.first_time] == ["Exam fee EUR 40"]  # the employer pays the amount
    assert sponsored.group is CostGroup.EMPLOYER_SPONSORED and price_band(sponsored) == "Employer-sponsored"


def test_without_a_rate_table_nothing_is_compared() -> None:
    cost = cost_of({"model": "paid", "amount": 395, "currency": "GBP"}, rates=None)
    assert cost.comparable is None and cost.group is CostGroup.NOT_CONVERTED and cost.not_converted == ("GBP",)


ORDER_CASES = {
    "free": {"model": "free"},
    "free-to-learn": {"model": "free_learning_paid_certificate", "amount": 49, "currency": "GBP"},
    "cheap-brl": {"model": "paid", "amount": 100, "currency": "BRL"},  # about EUR 17
    "dear-eur": {"model": "paid", "amount": 50, "currency": "EUR"},
    "monthly": {"model": "subscription", "amount": 240, "currency": "EUR", "period": "year"},  # EUR 20 a month
    "naira": {"model": "paid", "amount": 10, "currency": "NGN"},
    "unlisted": {"model": "subscription"},
    "sponsored": {"model": "employer_sponsored"},
}


def _ordered(descending: bool) -> list[str]:
    costs = {name: cost_of(cost) for name, cost in ORDER_CASES.items()}
    return sorted(costs, key=lambda name: (cost_sort_key(costs[name], descending=descending), name))


def test_the_cost_order_keeps_groups_apart_and_compares_amounts_across_currencies() -> None:
    assert _ordered(descending=False) == ["free", "free-to-learn", "cheap-brl", "monthly", "dear-eur", "naira", "unlisted", "sponsored"]


def test_highest_first_puts_priced_listings_first_and_never_an_employer_sponsored_one() -> None:
    assert _ordered(descending=True) == ["dear-eur", "monthly", "cheap-brl", "free-to-learn", "free", "naira", "unlisted", "sponsored"]


@pytest.mark.parametrize(
    ("amount", "band"),
    [(0, "Under EUR 100"), (99.99, "Under EUR 100"), (100, "EUR 100 to EUR 500"), (1999, "EUR 500 to EUR 2,000"),
     (2000, "EUR 2,000 or more")],
)
def test_price_bands_are_in_the_reference_currency(amount: float, band: str) -> None:
    assert price_band(cost_of({"model": "paid", "amount": amount, "currency": "EUR"})) == band


def test_price_bands_are_listed_in_facet_order() -> None:
    assert price_bands("EUR") == (
        "Free", "Free to learn, paid certificate", "Under EUR 100", "EUR 100 to EUR 500", "EUR 500 to EUR 2,000",
        "EUR 2,000 or more", "Price not converted", "Price not listed", "Employer-sponsored",
    )
