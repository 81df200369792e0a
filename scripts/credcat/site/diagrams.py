"""Pathway summaries: the step diagram's layout, total hours and the cost range.

The diagram is an SVG drawn by a template from the boxes computed here, so it renders
without JavaScript or a CDN; each step says how many of its credentials a learner must earn.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from credcat.catalog.documents import Cost
from credcat.catalog.labels import cost_text, label, number_text
from credcat.catalog.model import Catalog, Pathway
from credcat.catalog.urls import credential_url

WIDTH = 480
MARGIN = 8
BOX_GAP = 8
HEADER_HEIGHT = 30
ARROW_HEIGHT = 34
LINE_HEIGHT = 19
BOX_PADDING = 12
DETAIL_HEIGHT = 20
LINE_CHARACTERS = 46
MAX_LINES = 2


@dataclass(frozen=True)
class Box:
    """One rectangle of the diagram: a credential (with its page) or a qualification it leads to."""

    x: int
    y: int
    width: int
    height: int
    lines: tuple[str, ...]
    full_name: str
    detail: str
    url: str
    retired: bool


@dataclass(frozen=True)
class Step:
    number: int
    heading: str
    y: int
    height: int
    boxes: tuple[Box, ...]
    choose: int
    total: int

    @property
    def is_choice(self) -> bool:
        return self.choose < self.total


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    steps: tuple[Step, ...]
    arrows: tuple[tuple[int, int], ...]
    leads_to: tuple[Box, ...]
    leads_to_y: int


@dataclass(frozen=True)
class Totals:
    """What the whole pathway takes: hours and cost, as ranges when steps offer a choice."""

    hours_min: float
    hours_max: float
    cost: str

    @property
    def hours(self) -> str:
        low, high = number_text(self.hours_min), number_text(self.hours_max)
        return f"{low} hours" if low == high else f"{low} to {high} hours"


def layout(pathway: Pathway, catalog: Catalog) -> Diagram:
    """Steps top to bottom, one box per credential, an arrow between steps, then where it leads."""
    inner = WIDTH - 2 * MARGIN
    y = MARGIN
    steps: list[Step] = []
    arrows: list[tuple[int, int]] = []
    for number, step in enumerate(pathway.data["steps"], start=1):
        members = step["credentials"]
        choose = step.get("choose", len(members))
        top = y
        y += HEADER_HEIGHT
        boxes = []
        for ref in members:
            data = catalog.credentials[ref].data
            lines = _wrap(data["name"])
            detail = (
                f"{number_text(data['workload']['hours'])} hours · {cost_text(data['cost'])} · "
                f"{label('credential_type', data['credential_type'])}"
            )
            box = Box(MARGIN + 10, y, inner - 20, _box_height(lines), lines, data["name"], detail,
                      credential_url(ref), data["status"] == "retired")
            boxes.append(box)
            y += box.height + BOX_GAP
        y += 4
        steps.append(Step(number, _step_heading(number, choose, len(members)), top, y - top, tuple(boxes), choose, len(members)))
        arrows.append((y, y + ARROW_HEIGHT))
        y += ARROW_HEIGHT
    leads_to_y = y
    leads = []
    for target in pathway.data["leads_to"]:
        credits = f" · {number_text(target['credits'])} credits" if "credits" in target else ""
        awarded = f" · awarded by {target['awarded_by']}" if "awarded_by" in target else ""
        url = credential_url(target["credential"]) if "credential" in target else ""
        lines = _wrap(target["name"])
        box = Box(MARGIN, y, inner, _box_height(lines), lines, target["name"],
                  f"{label('leads_to_type', target['type'])}{credits}{awarded}", url, False)
        leads.append(box)
        y += box.height + BOX_GAP
    return Diagram(WIDTH, y + MARGIN - BOX_GAP, tuple(steps), tuple(arrows), tuple(leads), leads_to_y)


def totals(pathway: Pathway, catalog: Catalog) -> Totals:
    """Least and most hours a learner spends; the cost range when every price is known in one currency."""
    hours_min = hours_max = 0.0
    cost_min = cost_max = 0.0
    currencies: set[str] = set()
    cost_known = True
    for step in pathway.data["steps"]:
        members = [catalog.credentials[ref].data for ref in step["credentials"]]
        choose = step.get("choose", len(members))
        hours = sorted(member["workload"]["hours"] for member in members)
        hours_min += sum(hours[:choose])
        hours_max += sum(hours[-choose:])
        prices = []
        for member in members:
            price = _price(member["cost"])
            if price is None:
                cost_known = False
                continue
            currency, amount = price
            if currency:
                currencies.add(currency)
            prices.append(amount)
        prices.sort()
        cost_min += sum(prices[:choose])
        cost_max += sum(prices[-choose:])
    return Totals(hours_min, hours_max, _cost_range(cost_known, currencies, cost_min, cost_max))


def _cost_range(known: bool, currencies: set[str], low: float, high: float) -> str:
    if not known or len(currencies) > 1:
        return "Varies by step: see each credential"
    if high == 0:
        return "Free"
    currency = next(iter(currencies))
    low_text, high_text = f"{currency} {low:,.0f}", f"{currency} {high:,.0f}"
    return low_text if low == high else f"{low_text} to {high_text}"


def _price(cost: Cost) -> tuple[str, float] | None:
    """(currency, amount) of a certificate; None when the listing gives no amount to add up."""
    if cost["model"] == "free":
        return "", 0.0
    if "amount" in cost:
        return str(cost["currency"]), float(cost["amount"])
    return None


def _step_heading(number: int, choose: int, total: int) -> str:
    if total == 1:
        return f"Step {number}: earn this credential"
    if choose == total:
        return f"Step {number}: earn all {total}"
    return f"Step {number}: choose {choose} of {total}"


def _wrap(name: str) -> tuple[str, ...]:
    """SVG text does not wrap: at most two lines, the second cut with an ellipsis when needed."""
    lines = textwrap.wrap(name, LINE_CHARACTERS) or [name]
    if len(lines) > MAX_LINES:
        kept = lines[MAX_LINES - 1][: LINE_CHARACTERS - 1].rstrip()
        lines = [*lines[: MAX_LINES - 1], kept + "…"]
    return tuple(lines)


def _box_height(lines: tuple[str, ...]) -> int:
    return BOX_PADDING * 2 + LINE_HEIGHT * len(lines) + DETAIL_HEIGHT
