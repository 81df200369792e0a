"""One catalog's site: every generated page with its template and deferred context, the face
the plugin, the side build and the post-build check see.

Where pages live is in pages.py, what their templates get in contexts.py, facets and compare
data in facets.py; CatalogSite pairs them and holds, once, what they share: the listings'
order, the hubs, rendered cards and counted facets.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property, partial

from markupsafe import Markup

from credcat.catalog.documents import JsonObject
from credcat.catalog.labels import number_text
from credcat.catalog.model import Catalog, Credential
from credcat.catalog.urls import QUALIFICATIONS, credential_url, pathway_url, qualification_url
from credcat.site.contexts import Contexts, SearchableHtml
from credcat.site.facets import Facets, listing_cost, search_tiers
from credcat.site.pages import HUB_KINDS, Hub, PageContext, SitePage, SiteSettings, catalog_hubs, hub_description, page_source, search_shards, sort_keys


class CatalogSite:
    """Every generated page of one catalog, and the facts the post-build check verifies."""

    def __init__(self, catalog: Catalog, settings: SiteSettings) -> None:
        self.catalog = catalog
        self.settings = settings
        self._keys = sort_keys(catalog)
        self.facets = Facets(catalog)
        self.contexts = Contexts(catalog, settings, self.facets, self._keys)

    @cached_property
    def hubs(self) -> tuple[Hub, ...]:
        """Every hub of every kind, empty ones included so their URLs stay put."""
        return catalog_hubs(self.catalog, self._keys)

    def pages(self) -> Iterator[SitePage]:
        """Every generated page, in a stable order: listings, then the nav's pages, hubs and pathways."""
        yield from self.listing_pages()
        yield from self.other_pages()

    def listing_pages(self) -> Iterator[SitePage]:
        """One page per listing."""
        for ref in self.catalog.credentials:
            yield self.listing_page(ref)

    def listing_page(self, ref: str, searchable: SearchableHtml | None = None) -> SitePage:
        """A listing's page; `searchable` holds its searchable parts if they were rendered already."""
        credential = self.catalog.credentials[ref]
        return SitePage(page_source(credential_url(ref)), credential.name, "credential.html", self.listing_description(credential),
                        partial(self.contexts.credential, credential, searchable))

    def listing_description(self, credential: Credential) -> str:
        """What a link to a listing shows under its name (meta description, Open Graph, Twitter):
        provider, cost and hours, then the summary."""
        data = credential.data
        provider = self.catalog.providers[credential.provider_id].name
        return f"{provider} · {listing_cost(data)} · {number_text(data['workload']['hours'])} hours. {data['summary']}"

    def other_pages(self) -> Iterator[SitePage]:
        """The search, compare and reference pages, hub indexes, hubs and pathways."""
        contexts = self.contexts
        newest = self.newest_verified
        yield SitePage("search.md", "Search", "search.html", "Search and filter every listing.", contexts.search, in_nav=True)
        yield SitePage("compare.md", "Compare", "compare.html", "Compare listings side by side.", contexts.compare, in_nav=True)
        yield SitePage("reference/schema.md", "Schema reference", "schema-reference.html",
                       "Every field of the listing contract.", contexts.schema, in_nav=True, refs=())
        yield SitePage("about.md", "About this catalog", "about.html",
                       "Where the listings come from and what verified, evidenced, quality assurance and completeness mean.",
                       contexts.about, in_nav=True)
        for kind, title in HUB_KINDS.items():
            yield SitePage(f"{kind}/index.md", title, "hub-index.html", f"Browse listings by {title.lower()}.",
                           partial(contexts.hub_index, kind, [hub for hub in self.hubs if hub.kind == kind]), in_nav=True, lastmod=newest)
        yield SitePage("pathways/index.md", "Pathways", "pathway-index.html", "Credentials that stack into larger qualifications.",
                       contexts.pathway_index, in_nav=True, lastmod=newest, refs=self._pathway_steps(self.catalog.pathways))
        for hub in self.hubs:
            # An empty hub keeps its page (its URL stays put) but leads nowhere: not in the sitemap.
            lastmod = self._newest_of(hub.refs)
            size = self.settings.page_size
            for number in range(1, hub.page_count(size) + 1):
                title = hub.name if number == 1 else f"{hub.name} (page {number})"
                yield SitePage(hub.page_src_uri(number), title, "hub.html", hub_description(hub), partial(contexts.hub, hub, number),
                               lastmod=lastmod, in_sitemap=bool(hub.refs), refs=hub.refs[(number - 1) * size : number * size],
                               counted=hub.refs, summary=partial(self.facets.hub_facets, hub))
        for provider in self.catalog.providers.values():
            # A pathway's address is pathways/<provider>/<id>/: its folder lists the provider's pathways.
            if provider.pathways:
                yield SitePage(f"pathways/{provider.id}.md", f"Pathways of {provider.name}", "pathway-index.html",
                               f"{len(provider.pathways)} pathways of {provider.name}.", partial(contexts.pathway_index, provider.id),
                               refs=self._pathway_steps(provider.pathways))
        for ref, pathway in self.catalog.pathways.items():
            yield SitePage(page_source(pathway_url(ref)), pathway.name, "pathway.html", f"A pathway of {len(pathway.credentials)} credentials.",
                           partial(contexts.pathway, pathway), lastmod=self._newest_of(pathway.credentials), refs=pathway.credentials)
        yield SitePage(f"{QUALIFICATIONS}/index.md", "Qualifications", "qualification-index.html",
                       "What the listings lead to or count toward.", contexts.qualification_index)
        for slug, qualification in contexts.qualifications.items():
            shown = (*(toward.ref for toward in qualification.listings),
                     *(ref for pathway in qualification.pathways for ref in self.catalog.pathways[pathway].credentials))
            yield SitePage(page_source(qualification_url(slug)), qualification.name, "qualification.html",
                           f"Every pathway and listing that leads to {qualification.name}.", partial(contexts.qualification, qualification),
                           refs=shown)

    def _pathway_steps(self, refs: Iterable[str]) -> tuple[str, ...]:
        """The listings of these pathways, whose hours and costs a list of pathways totals."""
        return tuple(step for ref in refs for step in self.catalog.pathways[ref].credentials)

    @cached_property
    def newest_verified(self) -> str:
        """The newest verification date of any listing (`YYYY-MM-DD`), empty without listings."""
        return self._newest_of(self.catalog.credentials)

    def _newest_of(self, refs: Iterable[str]) -> str:
        """The newest verification date among these listings; ISO dates order as text."""
        credentials = self.catalog.credentials
        return max((credentials[ref].data["dates"]["last_verified"] for ref in refs), default="")

    def home_context(self, intro: Markup) -> PageContext:
        """The home page around the maintainers' intro (trusted Markdown from docs/index.md)."""
        return self.contexts.home(intro, self.hubs)

    def searchable_html(self, ref: str) -> SearchableHtml:
        """The parts of a listing's page that search indexes, for the page and its search record."""
        return self.contexts.searchable_html(ref)

    def search_shards(self) -> list[tuple[str, tuple[str, ...]]]:
        """(site folder of a Pagefind bundle, the listings it indexes), one per search shard."""
        current, inactive = search_tiers(self.catalog)
        return search_shards(current, self.settings.search_shard_size, inactive)

    def compare_data(self) -> Iterator[tuple[str, dict[str, JsonObject]]]:
        """(site path, records by listing ref) of each file the compare page reads."""
        return self.facets.compare_data()
