"""Calendar arithmetic on verification dates: when a listing counts as stale."""

from __future__ import annotations

import calendar
from datetime import date

STALE_AFTER_MONTHS = 12


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the 29th to 31st fall back to the month's last day)."""
    year, month_index = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_before(today: date) -> date:
    """Listings last verified before this day are stale."""
    return months_before(today, STALE_AFTER_MONTHS)
