"""The site's generated pages and where each lives: SitePage, the hubs and their pages, the
search shards, and the arithmetic of page URLs.

No MkDocs and no page content here: a SitePage carries its context as a callable (contexts.py),
built only when the page is rendered, so a 100,000-listing site never holds all contexts at
once; catalog_site.py lists the pages. Hubs paginate, and all of them are made in one pass
linear in the listings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

from credcat.catalog.history import History
from credcat.catalog.labels import label
from credcat.catalog.model import AUDIENCES, CREDENTIAL_TYPES, Catalog

PAGE_SIZE = 50
# Listings per Pagefind index: Pagefind holds about 100 KB per record while it builds, so a
# larger catalog is indexed in shards that the search page searches together.
SEARCH_SHARD_SIZE = 25_000
SEARCH_BUNDLE = "pagefind/"
INACTIVE_BUNDLE = "pagefind/inactive/"

HUB_KINDS: dict[str, str] = {
    "industries": "Industries",
    "subjects": "Subjects",
    "providers": "Providers",
    "levels": "Levels",
    "types": "Credential types",
}

# A listing's place in any list of listings: by name, then by ref.
SortKeys = Mapping[str, tuple[str, str]]
# What a page's template gets: model objects, labels and HTML by name (contexts.py).
PageContext = dict[str, object]


@dataclass(frozen=True)
class SiteSettings:
    """Build options that are not in the catalog."""

    today: date
    today_source: str
    site_url: str = ""
    edit_base: str = ""
    page_size: int = PAGE_SIZE
    search_shard_size: int = SEARCH_SHARD_SIZE
    history: History = field(default_factory=History)


@dataclass(frozen=True)
class SitePage:
    """One generated page: `src_uri` as MkDocs knows it, the template and a deferred context;
    `lastmod` (the newest verification date of its listings) and `in_sitemap` for the sitemap;
    `refs`, the listings whose data it shows (a serve's update renders it again when one of
    them changes), or None for a page that counts or lists the whole catalog; `counted` and
    `summary`, the wider set of listings it sums up and what it shows of them (a hub's facet
    counts, on each of its pages), which an update compares when one of `counted` changed."""

    src_uri: str
    title: str
    template: str
    description: str
    context: Callable[[], PageContext] = field(compare=False)
    in_nav: bool = False
    lastmod: str = ""
    in_sitemap: bool = True
    refs: tuple[str, ...] | None = None
    counted: tuple[str, ...] = field(default=(), compare=False)
    summary: Callable[[], object] | None = field(default=None, compare=False)

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs: `credentials/p/id.md` -> `credentials/p/id/`."""
        return page_url(self.src_uri)


def page_url(src_uri: str) -> str:
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def page_source(url: str) -> str:
    """The `src_uri` MkDocs gives the page at `url` (the inverse of `page_url`)."""
    return url.removesuffix("/") + ".md"


def relative_base(url: str) -> str:
    """The prefix that leads from a page at `url` back to the site root (`../../` or `./`)."""
    depth = url.count("/")
    return "../" * depth if depth else "./"


@dataclass(frozen=True)
class Hub:
    """A browse page: the listings of one industry, subject, provider, level or type."""

    kind: str
    id: str
    name: str
    description: str
    refs: tuple[str, ...]
    filter_value: str

    @property
    def url(self) -> str:
        return f"{self.kind}/{self.id}/"

    def page_count(self, page_size: int) -> int:
        return max(1, -(-len(self.refs) // page_size))

    def page_src_uri(self, number: int) -> str:
        return f"{self.kind}/{self.id}.md" if number == 1 else f"{self.kind}/{self.id}/page/{number}.md"


def sort_keys(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """Each listing's place in a list (`SortKeys`)."""
    return {ref: (credential.name.casefold(), ref) for ref, credential in catalog.credentials.items()}


def catalog_hubs(catalog: Catalog, keys: SortKeys) -> tuple[Hub, ...]:
    """Every hub of every kind, empty ones included so their URLs stay put."""

    def ordered(refs: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(refs, key=keys.__getitem__))

    hubs: list[Hub] = []
    for term in sorted(catalog.industries.values(), key=lambda term: term.name.casefold()):
        hubs.append(Hub("industries", term.id, term.label, term.description, ordered(catalog.by_industry[term.id]), term.label))
    for term in sorted(catalog.subjects.values(), key=lambda term: term.code):
        hubs.append(Hub("subjects", term.id, term.label, term.description, ordered(catalog.by_subject[term.id]), term.label))
    for provider in catalog.providers.values():
        hubs.append(Hub("providers", provider.id, provider.name, "", ordered(provider.credentials), provider.name))
    for audience in AUDIENCES:
        name = label("audience", audience)
        hubs.append(Hub("levels", audience, name, "", ordered(catalog.by_level[audience]), name))
    for credential_type in CREDENTIAL_TYPES:
        name = label("credential_type", credential_type)
        hubs.append(Hub("types", credential_type, name, "", ordered(catalog.by_type[credential_type]), name))
    return tuple(hubs)


def hub_description(hub: Hub) -> str:
    count = len(hub.refs)
    return f"{count} listing{'' if count == 1 else 's'}: {hub.name}."


class Pagination(TypedDict):
    """Where page `number` of a hub stands among its pages (`pages`: number and URL of each)."""

    number: int
    count: int
    pages: list[tuple[int, str]]
    previous: str
    next: str


def pagination(hub: Hub, number: int, size: int) -> Pagination:
    """Page `number` of a hub among its pages: their URLs, the previous and the next."""
    count = hub.page_count(size)
    return {
        "number": number,
        "count": count,
        "pages": [(n, page_url(hub.page_src_uri(n))) for n in range(1, count + 1)],
        "previous": page_url(hub.page_src_uri(number - 1)) if number > 1 else "",
        "next": page_url(hub.page_src_uri(number + 1)) if number < count else "",
    }


def search_shards(refs: tuple[str, ...], size: int, inactive: tuple[str, ...] = ()) -> list[tuple[str, tuple[str, ...]]]:
    """(site folder of a Pagefind bundle, the listings it indexes): `pagefind/`, then
    `pagefind/shard-2/` and on when the catalog outgrows one index of `size` listings; then
    the `inactive` listings (retired, suspended) in `pagefind/inactive/` and on, which search
    loads only when asked to show them, after all the others."""
    chunks = [refs[start:start + size] for start in range(0, len(refs), size)] or [()]
    shards = [(SEARCH_BUNDLE if number == 1 else f"{SEARCH_BUNDLE}shard-{number}/", chunk)
              for number, chunk in enumerate(chunks, start=1)]
    later = [inactive[start:start + size] for start in range(0, len(inactive), size)]
    return shards + [(INACTIVE_BUNDLE if number == 1 else f"{INACTIVE_BUNDLE}shard-{number}/", chunk)
                     for number, chunk in enumerate(later, start=1)]
