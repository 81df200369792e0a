"""What changed for learners in each listing, as the repository's history tells it.

maintain/history.py reads it from git in one pass (a recognizer's recognition of a listing,
added, changed or removed, counts as a change of that listing); the listing pages, `api/v1/changes.json`
and the `changes.json` JSON Feed show it. Dates are the days the commits landed, never the
clock. A catalog read without history (a tarball, a shallow clone) has none, and says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# The fields whose changes a learner cares about, in the order a page lists them, with their names.
LEARNER_FIELDS: Mapping[str, str] = {
    "status": "Status",
    "cost": "Cost",
    "workload": "Workload",
    "level": "Level",
    "quality_assurance": "Quality assurance",
    "stackability": "Recognition",
}
SHOWN_ON_PAGE = 5
LATEST_COUNT = 100
# How many of a listing's newest edits are read: enough to find what a page shows, while an
# edit that changed nothing for learners (a reworded description) is skipped; older ones are
# left unread, so the cost follows the number of listings, not the length of the history.
EDITS_READ = 2 * SHOWN_ON_PAGE


@dataclass(frozen=True)
class FieldChange:
    """One changed field: its path (`cost.amount`), how a page names it, and its values as text ("" when absent)."""

    path: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ListingChange:
    """One commit's change to one listing: `listed` when the file appeared, else the learner fields it changed."""

    ref: str
    date: str
    commit: str
    kind: Literal["listed", "changed"]
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class History:
    """Every listing's changes, newest first; `missing` says why there is no history (empty when there is)."""

    by_ref: Mapping[str, tuple[ListingChange, ...]] = field(default_factory=dict)
    latest: tuple[ListingChange, ...] = ()
    missing: str = ""
    commits: int = 0

    @property
    def available(self) -> bool:
        return not self.missing

    def summary(self) -> str:
        """One line for the build log."""
        if self.missing:
            return f"listing history left out: {self.missing}"
        changed = sum(1 for changes in self.by_ref.values() for change in changes if change.kind == "changed")
        return f"listing history: {self.commits} commits, {changed} changes for learners in {len(self.by_ref)} listings"
