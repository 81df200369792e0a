"""All-in cost and comparable amounts (DATA-MODEL.md, "All-in cost and comparable amounts").

The one place that says what a listing costs a learner beyond its listed amount, what recurs,
what is not known, and how amounts in different currencies compare: through the dated
reference rates of catalog/exchange-rates.yml, always as an approximate figure beside the listed
amount. Pages, search sorting and price bands, feeds and the planner all read it from here.

A subscription compares by its first month: one month's price (a yearly price divided by
twelve) plus its one-off extras. Free, free-to-learn and employer-sponsored listings are groups
of their own in the cost order, never numbers; listings whose amounts cannot be converted sort
after those that can, labelled "not converted".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from functools import cache

from credcat.catalog.documents import CostModel, CostPeriod, CredentialDocument, ExchangeRatesDocument
from credcat.catalog.labels import duration_text, money_text

PRICE = "price"
PART_LABELS: dict[str, str] = {
    PRICE: "Price",
    "exam_fee": "Exam fee",
    "certificate_fee": "Certificate fee",
    "materials": "Materials",
    "renewal_fee": "Renewal fee",
    "other": "Other cost",
}
PERIOD_WORDS: dict[str, str] = {"month": "a month", "year": "a year"}
MONTHS_PER_PERIOD: dict[str, int] = {"month": 1, "year": 12}
PERIOD_DURATIONS: dict[str, str] = {"month": "P1M", "year": "P1Y"}
"""A subscription period as an ISO 8601 duration (schema.org billingDuration)."""
NOT_CONVERTED = "not converted"


@dataclass(frozen=True)
class Money:
    """An amount in one currency, as a listing gives it."""

    amount: float
    currency: str

    @property
    def text(self) -> str:
        """`BRL 89.90`, `EUR 1,190`."""
        return money_text(self.amount, self.currency)


@dataclass(frozen=True)
class ExchangeRates:
    """catalog/exchange-rates.yml: units of each currency that one unit of `base` buys, on `date`."""

    base: str
    date: str
    source_name: str
    source_url: str
    rates: Mapping[str, float]

    @classmethod
    def from_document(cls, data: ExchangeRatesDocument) -> ExchangeRates:
        return cls(data["base"], data["date"], data["source"]["name"], data["source"]["url"], dict(data["rates"]))

    def convert(self, money: Money) -> float | None:
        """`money` in the base currency, or None when the table has no rate for its currency."""
        if money.currency == self.base:
            return money.amount
        rate = self.rates.get(money.currency)
        return None if rate is None else money.amount / rate


@dataclass(frozen=True)
class CostPart:
    """One part of what a learner pays: the listed price or an extra."""

    kind: str
    money: Money
    every: str | None = None
    """How often it recurs (ISO 8601 duration); None when it is paid once."""
    optional: bool = False

    @property
    def label(self) -> str:
        return PART_LABELS[self.kind]

    @property
    def text(self) -> str:
        """`Exam fee EUR 250`, `Renewal fee EUR 80 every 3 years`."""
        every = f" every {duration_text(self.every)}" if self.every else ""
        return f"{self.label} {self.money.text}{every}"


class CostGroup(IntEnum):
    """Where a listing sorts by comparable cost, lowest first; only PRICED listings are numbers."""

    FREE = 0
    FREE_TO_LEARN = 1
    PRICED = 2
    NOT_CONVERTED = 3
    PRICE_NOT_LISTED = 4
    EMPLOYER_SPONSORED = 5


# Highest first: priced listings lead, the groups that are not numbers keep their places after them.
_DESCENDING_GROUPS = (CostGroup.PRICED, CostGroup.FREE_TO_LEARN, CostGroup.FREE, CostGroup.NOT_CONVERTED,
                      CostGroup.PRICE_NOT_LISTED, CostGroup.EMPLOYER_SPONSORED)
GROUP_LABELS: dict[CostGroup, str] = {
    CostGroup.FREE: "Free",
    CostGroup.FREE_TO_LEARN: "Free to learn, paid certificate",
    CostGroup.PRICED: "Priced",
    CostGroup.NOT_CONVERTED: "Price not converted",
    CostGroup.PRICE_NOT_LISTED: "Price not listed",
    CostGroup.EMPLOYER_SPONSORED: "Employer-sponsored",
}


@dataclass(frozen=True)
class Comparable:
    """The all-in cost in the reference currency: approximate, dated and sourced. For a
    subscription, its first month (see the module's docstring)."""

    amount: float
    currency: str
    date: str
    source_name: str
    source_url: str
    first_month: bool

    @property
    def text(self) -> str:
        """`about EUR 16`, `about EUR 36 for the first month`: never more precise than it is."""
        shown = f"{self.amount:,.2f}" if self.amount < 10 else f"{round(self.amount):,}"
        return f"about {self.currency} {shown.removesuffix('.00')}" + (" for the first month" if self.first_month else "")


@dataclass(frozen=True)
class AllInCost:
    """What a listing costs first time through, what recurs, what is unknown, and how it compares."""

    model: CostModel
    listed: Money | None
    """cost.amount in cost.currency: the primary figure."""
    period: CostPeriod | None
    first_time: tuple[CostPart, ...]
    """The price (0 for free; none when employer-sponsored or not listed) and every required one-off extra."""
    totals: tuple[Money, ...]
    """first_time summed per currency, in the order met: one item unless extras are in other currencies."""
    recurring: tuple[CostPart, ...]
    optional: tuple[CostPart, ...]
    unknown: tuple[str, ...]
    """What is not known, in words; such parts are never summed."""
    comparable: Comparable | None
    not_converted: tuple[str, ...]
    """Currencies of the first-time parts that the rate table lacks (none without parts)."""
    group: CostGroup

    @property
    def listed_text(self) -> str:
        """The listed amount with its period: `BRL 89.90 a month`; '' when none is listed."""
        if self.listed is None:
            return ""
        return self.listed.text + (f" {PERIOD_WORDS[self.period]}" if self.period else "")

    @property
    def total_text(self) -> str:
        """The all-in first time through: `EUR 1,700`, `EUR 1,190 + CHF 180`; '' when nothing is known."""
        return " + ".join(money.text for money in self.totals)

    @property
    def converted(self) -> bool:
        """Whether the comparable amount converts anything (some part is in another currency than the base)."""
        return self.comparable is not None and any(money.currency != self.comparable.currency for money in self.totals)

    @property
    def has_parts(self) -> bool:
        """Whether there is more to say than the listed amount: extras, or something unknown."""
        return any(part.kind != PRICE for part in self.first_time) or bool(self.recurring or self.optional or self.unknown)


def all_in_cost(data: CredentialDocument, rates: ExchangeRates | None) -> AllInCost:
    """A listing's all-in cost, first time through, and its comparable amount in `rates`' base."""
    cost = data["cost"]
    model = cost["model"]
    currency = cost.get("currency", "")
    amount = cost.get("amount")
    period = cost.get("period") if model == "subscription" else None
    listed = Money(amount, currency) if amount is not None else None
    first_time: list[CostPart] = []
    unknown: list[str] = []
    if model in ("free", "employer_sponsored"):
        pass  # nothing to pay for learning (free: 0), or the employer pays; extras still fall to the learner
    elif listed is not None:
        first_time.append(CostPart(PRICE, listed))
    else:
        unknown.append("the certificate's price is not listed" if model == "free_learning_paid_certificate"
                       else "the price is not listed")
    recurring: list[CostPart] = []
    optional: list[CostPart] = []
    expires_after = data.get("validity", {}).get("expires_after")
    for extra in cost.get("extras", []):
        every = extra.get("every") or (expires_after if extra["kind"] == "renewal_fee" else None)
        part = CostPart(extra["kind"], Money(extra["amount"], extra.get("currency", currency)), every, extra.get("optional", False))
        if every:
            recurring.append(part)
        elif part.optional:
            optional.append(part)
        else:
            first_time.append(part)
    totals = _sum_per_currency(first_time)
    comparable, not_converted = _comparable(first_time, period, rates)
    return AllInCost(
        model=model,
        listed=listed,
        period=period,
        first_time=tuple(first_time),
        totals=totals,
        recurring=tuple(recurring),
        optional=tuple(optional),
        unknown=tuple(unknown),
        comparable=comparable if not unknown else None,
        not_converted=not_converted,
        group=_group(model, unknown, not_converted, rates),
    )


def _sum_per_currency(parts: list[CostPart]) -> tuple[Money, ...]:
    sums: dict[str, float] = {}
    for part in parts:
        sums[part.money.currency] = sums.get(part.money.currency, 0) + part.money.amount
    return tuple(Money(round(total, 2), code) for code, total in sums.items())


def _comparable(parts: list[CostPart], period: CostPeriod | None, rates: ExchangeRates | None) -> tuple[Comparable | None, tuple[str, ...]]:
    """The first-time parts in the base currency (a subscription's price per month), or None
    and the currencies that have no rate."""
    if rates is None:
        return None, tuple(dict.fromkeys(part.money.currency for part in parts if part.money.amount))
    total = 0.0
    missing: dict[str, None] = {}
    for part in parts:
        money = part.money
        if part.kind == PRICE and period is not None:
            money = Money(money.amount / MONTHS_PER_PERIOD[period], money.currency)
        converted = rates.convert(money) if money.amount else 0.0
        if converted is None:
            missing[money.currency] = None
        else:
            total += converted
    if missing:
        return None, tuple(missing)
    if not parts:
        return None, ()  # nothing to pay first time through (free, employer-sponsored): no figure to compare
    return Comparable(round(total, 2), rates.base, rates.date, rates.source_name, rates.source_url, period is not None), ()


def _group(model: CostModel, unknown: list[str], not_converted: tuple[str, ...], rates: ExchangeRates | None) -> CostGroup:
    if model == "free":
        return CostGroup.FREE
    if model == "free_learning_paid_certificate":
        return CostGroup.FREE_TO_LEARN
    if model == "employer_sponsored":
        return CostGroup.EMPLOYER_SPONSORED
    if unknown:
        return CostGroup.PRICE_NOT_LISTED
    if not_converted or rates is None:
        return CostGroup.NOT_CONVERTED
    return CostGroup.PRICED


CostSortKey = tuple[int, str, float]


def cost_sort_key(cost: AllInCost, *, descending: bool = False) -> CostSortKey:
    """THE key of the "comparable cost" order (sort ascending by it, ties by name or ref):
    groups first (free, free to learn, priced, not converted, price not listed,
    employer-sponsored; highest first puts priced listings first and keeps the rest in that
    order), then the comparable amount within a group, and for amounts that could not be
    converted, their currency and then their listed amount."""
    rank = _DESCENDING_GROUPS.index(cost.group) if descending else int(cost.group)
    if cost.comparable is not None:
        amount = cost.comparable.amount
        return rank, "", -amount if descending else amount
    if cost.group is CostGroup.NOT_CONVERTED and cost.totals:
        listed = cost.totals[0]
        return rank, listed.currency, -listed.amount if descending else listed.amount
    return rank, "\uffff", math.inf


# Price bands of the search facet, in the reference currency: (upper bound, exclusive).
PRICE_BAND_LIMITS: tuple[float, ...] = (100, 500, 2000)


@cache
def price_bands(base: str) -> tuple[str, ...]:
    """Every price band's label in the order a facet lists them (worked out once per base)."""
    limits = [money_text(limit, base) for limit in PRICE_BAND_LIMITS]
    numbered = [f"Under {limits[0]}"] + [f"{low} to {high}" for low, high in zip(limits, limits[1:], strict=False)] + [f"{limits[-1]} or more"]
    return (GROUP_LABELS[CostGroup.FREE], GROUP_LABELS[CostGroup.FREE_TO_LEARN], *numbered,
            GROUP_LABELS[CostGroup.NOT_CONVERTED], GROUP_LABELS[CostGroup.PRICE_NOT_LISTED],
            GROUP_LABELS[CostGroup.EMPLOYER_SPONSORED])


def price_band(cost: AllInCost) -> str:
    """The search facet's price band of a listing: its group's label, or for a priced listing
    the band its comparable amount falls in (a subscription by its first month)."""
    if cost.group is not CostGroup.PRICED or cost.comparable is None:
        return GROUP_LABELS[cost.group]
    bands = price_bands(cost.comparable.currency)[2:2 + len(PRICE_BAND_LIMITS) + 1]
    for band, limit in zip(bands, PRICE_BAND_LIMITS, strict=False):
        if cost.comparable.amount < limit:
            return band
    return bands[-1]
