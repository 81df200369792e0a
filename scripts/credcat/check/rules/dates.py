"""Dates that make sense: nothing verified in the future, availability that ends after it begins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from credcat.check.layout import Kind, Placement
from credcat.check.load import Document
from credcat.check.problem import Problem
from credcat.check.rules.context import RuleContext
from credcat.check.tree import lookup


def dates_are_sane(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """last_verified is not in the future; available_until is not before available_from."""
    if placement.kind is not Kind.CREDENTIAL:
        return
    verified = _parse_date(lookup(document.data, "dates", "last_verified"))
    if verified is not None and verified > context.today:
        yield document.problem(
            ("dates", "last_verified"),
            f"{verified.isoformat()} is in the future",
            hint=f"use the date you last checked the listing, at most {context.today.isoformat()}",
            rule="date",
        )
    start = _parse_date(lookup(document.data, "dates", "available_from"))
    end = _parse_date(lookup(document.data, "dates", "available_until"))
    if start is not None and end is not None and end < start:
        yield document.problem(
            ("dates", "available_until"),
            f"available_until {end.isoformat()} is before available_from {start.isoformat()}",
            rule="date",
        )


def _parse_date(value: Any) -> date | None:
    """A YYYY-MM-DD date, or None for anything else (the schema reports what is not a date)."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
