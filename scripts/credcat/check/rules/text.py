"""Provider text: Markdown within the contract's restricted set, and no scaffold placeholders left."""

from __future__ import annotations

import re
from collections.abc import Iterator

from credcat.check.layout import Kind, Placement
from credcat.check.load import Document
from credcat.check.problem import Problem, Severity
from credcat.check.rules.context import RuleContext
from credcat.check.tree import lookup, walk

_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)


_MARKDOWN_NOT_ALLOWED = (
    (re.compile(r"!\[[^\]]*\]\("), "images are not allowed", "link to the image instead"),
    (
        re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^>]*)?/?>)"),
        "raw HTML is not allowed",
        "write Markdown; put code in `backticks`",
    ),
    (re.compile(r"^ {0,3}#{1,2}(?:[ \t]|$)", re.MULTILINE), "headings of level 1 and 2 are not allowed", "use ### or deeper"),
)


_LINK_SCHEME = re.compile(r"(?:\]\(\s*<?|^ {0,3}\[[^\]]+\]:\s*<?)([A-Za-z][A-Za-z0-9+.-]*):", re.MULTILINE)


ALLOWED_LINK_SCHEMES = ("http", "https", "mailto")


_MARKDOWN_SIGNS = ("<", "![", "#", "](", "]:")


def markdown_is_restricted(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Descriptions use only the restricted Markdown of the contract (no HTML, images, h1/h2, odd links)."""
    if placement.kind is Kind.TAXONOMY:
        return
    text = lookup(document.data, "description")
    if not isinstance(text, str) or not any(sign in text for sign in _MARKDOWN_SIGNS):
        return
    text = _INLINE_CODE.sub("", text) if "`" in text else text
    for pattern, message, hint in _MARKDOWN_NOT_ALLOWED:
        if found := pattern.search(text):
            yield document.problem(("description",), f"{message}: {found.group().strip()!r}", hint=hint, rule="markdown")
    for found in _LINK_SCHEME.finditer(text):
        if found.group(1).lower() not in ALLOWED_LINK_SCHEMES:
            yield document.problem(
                ("description",), f"links may use http, https or mailto, not '{found.group(1)}:'", rule="markdown"
            )


PLACEHOLDER_PREFIX = "Replace this with"


def no_placeholder_text(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Text that `credcat new` wrote as a placeholder and nobody replaced (a warning)."""
    if PLACEHOLDER_PREFIX not in document.text:
        return
    for path, text in walk(document.data):
        if isinstance(text, str) and text.startswith(PLACEHOLDER_PREFIX):
            yield document.problem(
                path,
                "placeholder text from credcat new is still here",
                hint="write the real text",
                severity=Severity.WARNING,
                rule="placeholder",
            )
