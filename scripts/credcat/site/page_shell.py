"""Material's page chrome, rendered once per URL shape and reused for every generated page.

Rendering Material's `main.html` (header, tabs, navigation drawer, footer, scripts) costs
far more than a listing's own content, and for pages outside the nav it differs only in the
page's title, description, canonical URL, content and its relative links. So the chrome is
rendered once with placeholders per "shape" (depth, and how the URL shares folders with
the nav's targets: the two things relative links depend on) and then filled per page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from markupsafe import Markup, escape

from credcat.site.render import without_indentation

# Private-use characters: no catalog text or template produces them, and escaping keeps them.
# The content placeholder holds "<h1" because Material adds a heading to content without one.
SLOTS = {
    "title": "\ue000credcat-title\ue000",
    "description": "\ue000credcat-description\ue000",
    "canonical": "\ue000credcat-canonical\ue000",
    "content": "\ue000credcat-content<h1\ue000",
}

ShapeKey = tuple[int, tuple[int, ...]]


class ChromePage(Protocol):
    """The fields of an MkDocs page that the chrome shows (a protocol: nothing here imports MkDocs)."""

    @property
    def title(self) -> str | None: ...

    meta: MutableMapping[str, Any]
    canonical_url: str | None
    content: str | None


@dataclass(frozen=True)
class Shell:
    """Rendered chrome split around its slots: literal text, slot name, literal text, ..."""

    pieces: tuple[str, ...]

    def fill(self, *, title: str, description: str, canonical: str, content: Markup) -> Markup:
        values = {"title": str(escape(title)), "description": str(escape(description)),
                  "canonical": str(escape(canonical)), "content": str(content)}
        return Markup("".join(values[piece] if index % 2 else piece for index, piece in enumerate(self.pieces)))


def shape_of(url: str, link_targets: Iterable[str]) -> ShapeKey:
    """What a page's relative links depend on: its depth and the folders it shares with each target."""
    parts = _folders(url)
    return len(parts), tuple(_shared(parts, _folders(target)) for target in link_targets)


def capture(render: Callable[[], str], page: ChromePage) -> Shell:
    """Render the chrome once with the page's own values swapped for placeholders."""
    with _placeholders(page):
        html = without_indentation(render())
    pieces: list[str] = []
    rest = html
    while True:
        found = [(rest.find(marker), name) for name, marker in SLOTS.items() if marker in rest]
        if not found:
            pieces.append(rest)
            break
        position, name = min(found)
        pieces += [rest[:position], name]
        rest = rest[position + len(SLOTS[name]):]
    return Shell(tuple(pieces))


@contextmanager
def _placeholders(page: ChromePage) -> Iterator[None]:
    saved = (page.title, page.meta.get("description"), page.canonical_url, page.content)
    _set_title(page, SLOTS["title"])
    page.meta["description"] = SLOTS["description"]
    page.canonical_url = SLOTS["canonical"]
    page.content = Markup(SLOTS["content"])
    try:
        yield
    finally:
        _set_title(page, saved[0])
        page.meta["description"], page.canonical_url, page.content = saved[1:]


def _set_title(page: ChromePage, title: str | None) -> None:
    """MkDocs' Page.title is a `weak_property`: read-only to the type checker, yet a value set on
    the page overrides it, as MkDocs' own constructor does."""
    page.title = title  # type: ignore[misc]


def _folders(url: str) -> list[str]:
    return [part for part in url.split("/") if part]


def _shared(left: list[str], right: list[str]) -> int:
    count = 0
    for a, b in zip(left, right, strict=False):  # the shorter path ends the comparison
        if a != b:
            break
        count += 1
    return count
