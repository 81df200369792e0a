"""Restricted Markdown -> safe HTML: the one place untrusted provider text becomes HTML.

CommonMark through cmark (GitHub's C parser: fast enough for 100,000 descriptions; the
check reads descriptions with the same parser, see credcat/commonmark.py), with
raw HTML shown as text, headings demoted to level 3, and nh3 (Ammonia) keeping only the
allow-listed tags, attributes and link schemes of DATA-MODEL.md, whatever the parser made.
"""

from __future__ import annotations

import re

import nh3
from markupsafe import Markup

from credcat.commonmark import markdown_to_html

ALLOWED_TAGS = frozenset({"p", "em", "strong", "ul", "ol", "li", "a", "code", "h3", "h4", "h5", "h6", "br"})
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href"}, "*": set()}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# In CommonMark `<` only starts raw HTML, an autolink or an angle-bracketed link target.
# Swapping it for a private-use character before parsing makes raw HTML plain text (code
# spans included); the character becomes `&lt;` again afterwards. Autolinks keep their `<`.
_STAND_IN = "\ue001"
_NOT_AUTOLINK = re.compile(r"<(?!(?:https?://|mailto:)[^<>\s]*>)", re.IGNORECASE)
_TOP_HEADINGS = re.compile(r"<(/?)h[12]>")

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
    source = _NOT_AUTOLINK.sub(_STAND_IN, text.replace(_STAND_IN, "\ufffd"))
    html = markdown_to_html(source).replace(_STAND_IN, "&lt;")
    return Markup(_sanitizer.clean(_TOP_HEADINGS.sub(r"<\1h3>", html)))
