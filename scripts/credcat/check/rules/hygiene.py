"""Text hygiene: no key or string value holds a control, bidirectional or zero-width character,
once YAML escapes such as `"\\e"` or `"\\u202E"` are applied (DATA-MODEL.md, "Reserved ids and
text hygiene"); tabs and line breaks only in Markdown fields.

Such characters colour or rewrite terminals, break the XML feeds and CSV, and make text read
differently from what it says. The rule walks any data, so it holds for every kind of file;
on its way it also refuses YAML's `.inf` and `.nan`, numbers no page or JSON feed can show.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from credcat.check.characters import UNSAFE, UNSAFE_IN_MARKDOWN, describe, kind_of
from credcat.check.layout import Placement
from credcat.check.load import Document
from credcat.check.problem import Problem
from credcat.check.rules.context import RuleContext
from credcat.check.rules.text import markdown_fields
from credcat.check.tree import walk

_LAYOUT = {"\t": "a tab", "\n": "a line break", "\r": "a line break"}


def text_is_clean(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Every key and string value is free of the characters the contract forbids."""
    markdown = markdown_fields(placement.kind)
    for path, value in walk(document.data):
        key = path[-1] if path else None
        if isinstance(key, str) and (found := UNSAFE.search(key)) is not None:
            yield document.problem(
                path, f"a {kind_of(found.group())} is not allowed in a key", hint=_remove(found.group()), rule="text",
                of_key=True,
            )
        if isinstance(value, float) and not math.isfinite(value):
            yield document.problem(path, f"{value} is not a number a catalog file can hold", hint="write a plain number such as 450", rule="number")
        if isinstance(value, str) and (found := (UNSAFE_IN_MARKDOWN if path in markdown else UNSAFE).search(value)):
            character = found.group()
            if character in _LAYOUT:
                message = f"{_LAYOUT[character]} is not allowed here: only Markdown text (description) may hold tabs and line breaks"
                yield document.problem(path, message, hint=f"{describe(character)}; write the value on one line", rule="text")
            else:
                yield document.problem(path, f"a {kind_of(character)} is not allowed", hint=_remove(character), rule="text")


def _remove(character: str) -> str:
    return f"{describe(character)}; remove it, or the escape that writes it"
