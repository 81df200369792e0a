"""Restricted Markdown -> safe HTML: the one place untrusted provider text becomes HTML.

Python-Markdown parses with raw HTML turned off (it comes out as text), headings are demoted
to level 3, and nh3 (Ammonia) then keeps only the allow-listed tags, attributes and link
schemes of DATA-MODEL.md, whatever the parser produced.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

ALLOWED_TAGS = frozenset({"p", "em", "strong", "ul", "ol", "li", "a", "code", "h3", "h4", "h5", "h6", "br"})
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href"}, "*": set()}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
TOP_HEADING = 3


class _DemoteHeadings(Treeprocessor):
    """h1 and h2 would compete with the page's own headings: they become h3."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag in ("h1", "h2"):
                element.tag = f"h{TOP_HEADING}"


class _RestrictedMarkdown(Extension):
    """Raw HTML is not parsed as HTML, so Python-Markdown escapes it as text."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 0)


_parser = markdown.Markdown(extensions=[_RestrictedMarkdown()], output_format="html")
_sanitizer = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(LINK_SCHEMES),
    url_relative="deny",
    link_rel=LINK_REL,
    clean_content_tags={"script", "style"},
    strip_comments=True,
)


def render_markdown(text: str) -> Markup:
    """Provider Markdown as HTML that is safe to insert into any page."""
    _parser.reset()
    return Markup(_sanitizer.clean(_parser.convert(text)))
