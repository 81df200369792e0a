"""Problems found in catalog files, as plain data.

Every step that checks input (loading, schema, cross-file rules, ownership) returns
`Problem` records; reporters in `report.py` only format them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors fail the run, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    rule: str = "schema"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def format_field_path(path: tuple[str | int, ...]) -> str:
    """Render a JSON path the way a provider reads it: `steps[0].credentials[1]`."""
    rendered = ""
    for part in path:
        if isinstance(part, int):
            rendered += f"[{part}]"
        else:
            rendered += f".{part}" if rendered else part
    return rendered


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A hint naming the nearest valid choice, or nothing when none is near."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
