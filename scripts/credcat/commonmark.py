"""CommonMark through cmark (GitHub's C parser, by way of cmarkgfm): the one Markdown parser.

site/markup.py renders provider text with it; check/ reads the same parser's tree to enforce
the restricted Markdown of the contract, rather than guessing at Markdown with patterns of
its own. cmarkgfm's Python API renders HTML only, so the tree is read from cmark's XML
renderer (`cmark_render_xml`, public C API of the very library cmarkgfm loads), called
through ctypes.
"""

from __future__ import annotations

import ctypes
import html
import re
from dataclasses import dataclass
from functools import cache

import cmarkgfm
from cmarkgfm import _cmark

SOURCEPOS = 1 << 1
LIBERAL_HTML_TAG = 1 << 12


class _Memory(ctypes.Structure):
    """cmark's allocator (`cmark_mem`): what it allocates is freed by the same library."""

    _fields_ = [
        ("calloc", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t)),
        ("realloc", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)),
        ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    ]


_library = ctypes.CDLL(_cmark.__file__)
_library.cmark_parse_document.restype = ctypes.c_void_p
_library.cmark_parse_document.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int]
_library.cmark_render_xml.restype = ctypes.c_void_p
_library.cmark_render_xml.argtypes = [ctypes.c_void_p, ctypes.c_int]
_library.cmark_node_free.restype = None
_library.cmark_node_free.argtypes = [ctypes.c_void_p]
_library.cmark_get_default_mem_allocator.restype = ctypes.POINTER(_Memory)
_free = _library.cmark_get_default_mem_allocator().contents.free

# An element of cmark's XML (CommonMark.dtd) of the kinds asked for: its name, attributes, and
# text when it is a leaf. Text and attribute values come escaped (`&lt;`, `&quot;`), so a `<`
# or `"` here is always cmark's own.
_ELEMENT = r'<({kinds})((?: [a-z_:]+="[^"]*")*) ?/?>(?:([^<]*)</\1>)?'
_ATTRIBUTE = re.compile(r'([a-z_:]+)="([^"]*)"')
_SOURCEPOS = re.compile(r"(\d+):(\d+)-(\d+):(\d+)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def markdown_to_html(text: str) -> str:
    """CommonMark as HTML, with cmark's defaults (raw HTML and unsafe links left out)."""
    rendered: str = cmarkgfm.markdown_to_html(text)
    return rendered


@dataclass(frozen=True)
class Node:
    """One node of cmark's tree: its kind (heading, link, image, html_inline, text, ...), its
    attributes (level, destination, ...), its literal text (for leaves), and where its source
    starts and ends as (line, byte column), 1-based."""

    kind: str
    attributes: dict[str, str]
    literal: str
    start: tuple[int, int]
    end: tuple[int, int]


def parse(text: str, kinds: tuple[str, ...], *, liberal_html: bool = False) -> list[Node]:
    """The nodes of the `kinds` asked for that cmark reads in `text`, in document order.

    With `liberal_html`, cmark also takes `<` ... `>` spans that CommonMark does not call HTML
    (such as `<img/src=x>`, which browsers do) as inline HTML.
    """
    source = text.encode("utf-8")
    root = _library.cmark_parse_document(source, len(source), LIBERAL_HTML_TAG if liberal_html else 0)
    try:
        rendered = _library.cmark_render_xml(root, SOURCEPOS)
        try:
            xml = ctypes.string_at(rendered).decode("utf-8", errors="replace")
        finally:
            _free(rendered)
    finally:
        _library.cmark_node_free(root)
    return [_node(found) for found in _elements(kinds).finditer(xml)]


@cache
def _elements(kinds: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_ELEMENT.format(kinds="|".join(kinds)))


def _node(found: re.Match[str]) -> Node:
    attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(found.group(2))}
    position = _SOURCEPOS.fullmatch(attributes.pop("sourcepos", ""))
    start, end = ((int(position[1]), int(position[2])), (int(position[3]), int(position[4]))) if position else ((0, 0), (0, 0))
    return Node(found.group(1), attributes, html.unescape(found.group(3) or ""), start, end)


def source_line(text: str, number: int) -> str:
    """Line `number` (1-based) of `text` as cmark counts lines, or nothing past the end."""
    lines = _LINE_BREAK.split(text)
    return lines[number - 1] if 0 < number <= len(lines) else ""


def excerpt(text: str, node: Node) -> str:
    """The source of `node` (its first line, when it spans several), as the provider wrote it."""
    line, column = node.start
    raw = source_line(text, line).encode("utf-8")
    last = node.end[1] if node.end[0] == line else len(raw)
    return raw[column - 1 : last].decode("utf-8", errors="replace") or node.literal
