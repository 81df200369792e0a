"""Provider text: Markdown within the contract's restricted set."""

from __future__ import annotations

import re
from collections.abc import Iterator

from credcat import commonmark
from credcat.check.layout import Kind, Placement
from credcat.check.load import Document
from credcat.check.problem import Problem
from credcat.check.rules.context import RuleContext
from credcat.check.tree import lookup

# The fields that hold restricted Markdown: a provider's, credential's or pathway's description.
MARKDOWN_FIELDS: frozenset[tuple[str, ...]] = frozenset({("description",)})

ALLOWED_LINK_SCHEMES = ("http", "https", "mailto")

# What could make cmark read HTML, an image, a link or a heading; text without any of these is
# plain paragraphs and needs no parse.
_MARKDOWN_SIGNS = ("<", "![", "[", "#")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)
# How an HTML tokenizer starts a tag, a comment or a declaration: what turns a `<` into markup.
_TAG_OPEN = re.compile(r"</?[A-Za-z]|<!--|<![A-Za-z\[]|<\?")
_URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_JUDGED = ("html_block", "html_inline", "image", "heading", "link")


def markdown_fields(kind: Kind) -> frozenset[tuple[str, ...]]:
    """The fields of a kind of file that hold restricted Markdown (a taxonomy's are plain text)."""
    return frozenset() if kind is Kind.TAXONOMY else MARKDOWN_FIELDS


def markdown_is_restricted(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Descriptions use only the restricted Markdown of the contract (no HTML, images, h1/h2, odd links),
    as cmark, the parser that renders them, reads them."""
    for path in sorted(markdown_fields(placement.kind)):
        text = lookup(document.data, *path)
        if not isinstance(text, str):
            continue
        if not any(sign in text for sign in _MARKDOWN_SIGNS) and _SETEXT_UNDERLINE.search(text) is None:
            continue
        for message, hint in _not_allowed(text):
            yield document.problem(path, message, hint=hint, rule="markdown")


def _not_allowed(text: str) -> Iterator[tuple[str, str]]:
    """(message, hint) for the first raw HTML, image and level 1 or 2 heading, and each link with another scheme."""
    nodes = commonmark.parse(text, _JUDGED)
    # Browsers take `<img/src=x onerror=...>` for a tag where CommonMark sees text: cmark's
    # liberal reading finds such spans, and those that open like a tag count as HTML too.
    html = [node for node in nodes if node.kind in ("html_block", "html_inline")]
    if "<" in text:
        liberal = commonmark.parse(text, ("html_inline",), liberal_html=True)
        html += [node for node in liberal if _TAG_OPEN.match(node.literal)]
    if html:
        first = min(html, key=lambda node: node.start)
        tag = first.literal.strip().split(">", 1)[0] + ">" if ">" in first.literal else first.literal.strip()
        yield f"raw HTML is not allowed: {_shorten(tag)!r}", "write Markdown; put code in `backticks`"
    if image := next((node for node in nodes if node.kind == "image"), None):
        yield f"images are not allowed: {_shorten(commonmark.excerpt(text, image))!r}", "link to the image instead"
    if heading := next((node for node in nodes if node.kind == "heading" and node.attributes.get("level") in ("1", "2")), None):
        yield f"headings of level 1 and 2 are not allowed: {_heading_marker(text, heading)!r}", "use ### or deeper"
    for link in (node for node in nodes if node.kind == "link"):
        scheme = _URL_SCHEME.match(link.attributes.get("destination", ""))
        if scheme is not None and scheme.group(1).lower() not in ALLOWED_LINK_SCHEMES:
            yield f"links may use http, https or mailto, not '{scheme.group(1)}:'", ""


def _heading_marker(text: str, heading: commonmark.Node) -> str:
    """What made a heading: its `#` run, or the `===` or `---` line under it."""
    if heading.end[0] > heading.start[0]:  # setext: cmark may end it on the blank line after
        lines = (commonmark.source_line(text, number).strip() for number in range(heading.end[0], heading.start[0], -1))
        return next((line for line in lines if line), "")
    return (commonmark.excerpt(text, heading).split(maxsplit=1) or [""])[0]


def _shorten(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
