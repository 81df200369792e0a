"""List items indented deeper than their list, which YAML reads as more text of the item above."""

from __future__ import annotations

from collections.abc import Iterator

from credcat.check.layout import Placement
from credcat.check.load import Document
from credcat.check.problem import Problem
from credcat.check.rules.context import RuleContext
from credcat.check.syntax import folded_list_items


def list_items_line_up(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Every `- ` of a list of text starts in the same column (a deeper one would join the item above)."""
    for found in folded_list_items(document.text):
        yield Problem(document.display_path, found.line, found.column, "", found.message, found.hint, rule="yaml")
