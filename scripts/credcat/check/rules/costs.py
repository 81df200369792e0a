"""Costs the schema cannot judge alone: a renewal fee says how often it is paid, a period is for
subscriptions, every currency can be compared through exchange-rates.yml, and that table itself
names real currencies and a date that has come.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from credcat.check.layout import EXCHANGE_RATES_FILE, Kind, Placement
from credcat.check.load import Document
from credcat.check.problem import Problem, Severity
from credcat.check.rules.context import RuleContext
from credcat.check.rules.dates import _parse_date
from credcat.check.rules.vocabulary import known_currency
from credcat.check.tree import items_of, lookup


def table_currencies(data: Any) -> frozenset[str]:
    """The currencies a schema-valid exchange-rate table converts: its base and every rate's code."""
    return frozenset({data["base"], *data["rates"]})


def costs_are_complete(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """A renewal_fee recurs (its `every`, or the credential's validity.expires_after); `period`
    belongs to subscriptions."""
    if placement.kind is not Kind.CREDENTIAL:
        return
    cost = lookup(document.data, "cost")
    expires = lookup(document.data, "validity", "expires_after")
    for index, extra in items_of(lookup(cost, "extras")):
        if lookup(extra, "kind") == "renewal_fee" and lookup(extra, "every") is None and expires is None:
            yield document.problem(
                ("cost", "extras", index, "kind"),
                "a renewal_fee needs every, or the credential's validity.expires_after, to say how often it is paid",
                hint="add every, an ISO 8601 duration such as P3Y, to the extra, or validity.expires_after",
                rule="cost",
            )
    period = lookup(cost, "period")
    model = lookup(cost, "model")
    if isinstance(period, str) and isinstance(model, str) and model != "subscription":
        yield document.problem(
            ("cost", "period"),
            f"period is for subscriptions; this cost's model is {model}",
            hint="delete period, or set model: subscription if a learner pays every month or year",
            severity=Severity.WARNING,
            rule="cost",
        )


def currencies_have_rates(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Every currency a listing names is in exchange-rates.yml, or its amounts cannot be compared
    (a warning: the listing is shown, and sorts after converted ones, labelled "not converted")."""
    if placement.kind is not Kind.CREDENTIAL or context.currencies is None:
        return
    cost = lookup(document.data, "cost")
    places: list[tuple[tuple[str | int, ...], Any]] = [(("cost", "currency"), lookup(cost, "currency"))]
    places += [(("cost", "extras", index, "currency"), lookup(extra, "currency")) for index, extra in items_of(lookup(cost, "extras"))]
    for path, currency in places:
        if isinstance(currency, str) and known_currency(currency) and currency not in context.currencies:
            yield document.problem(
                path,
                f"{currency} is not in {EXCHANGE_RATES_FILE}: this amount cannot be compared with others "
                "and sorts after converted ones, labelled 'not converted'",
                hint="give the amount in a currency the table has, or ask the catalog maintainers to add a rate for it",
                severity=Severity.WARNING,
                rule="cost",
            )


def exchange_rates_are_sound(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """The rate table's codes are ISO 4217 currencies, its base is not among its rates, and its
    date is not in the future."""
    if placement.kind is not Kind.EXCHANGE_RATES:
        return
    base = lookup(document.data, "base")
    if isinstance(base, str) and len(base) == 3 and not known_currency(base):
        yield document.problem(("base",), f"'{base}' is not an ISO 4217 currency code", hint="for example 'EUR'", rule="code")
    rates = lookup(document.data, "rates")
    for code in rates if isinstance(rates, dict) else {}:
        if not isinstance(code, str) or len(code) != 3:
            continue  # the schema's key pattern reports it
        if not known_currency(code):
            yield document.problem(("rates", code), f"'{code}' is not an ISO 4217 currency code", rule="code", of_key=True)
        elif code == base:
            yield document.problem(
                ("rates", code), f"{code} is the base currency", hint="delete it: the base converts at 1", rule="code", of_key=True
            )
    published = _parse_date(lookup(document.data, "date"))
    if published is not None and published > context.today:
        yield document.problem(
            ("date",), f"{published.isoformat()} is in the future", hint="use the date the rates were published for", rule="date"
        )
