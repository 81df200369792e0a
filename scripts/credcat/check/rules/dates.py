"""Dates that make sense: nothing verified in the future, availability that ends after it begins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from credcat.check.layout import Kind, Placement
from credcat.check.load import Document
from credcat.check.problem import Problem
from credcat.check.rules.context import RuleContext


def dates_are_sane(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """last_verified is not in the future; available_until is not before available_from."""
    if placement.kind is not Kind.CREDENTIAL:
        return
    dates = document.data["dates"]
    verified = _parse_date(dates["last_verified"])
    if verified is not None and verified > context.today:
        yield document.problem(
            ("dates", "last_verified"),
            f"{dates['last_verified']} is in the future",
            hint=f"use the date you last checked the listing, at most {context.today.isoformat()}",
            rule="date",
        )
    start, end = _parse_date(dates.get("available_from")), _parse_date(dates.get("available_until"))
    if start is not None and end is not None and end < start:
        yield document.problem(
            ("dates", "available_until"),
            f"available_until {dates['available_until']} is before available_from {dates['available_from']}",
            rule="date",
        )


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value is not None else None
    except ValueError:
        return None
