"""Catalog -> the site's pages: where each lives, its title, its template and its context.

No MkDocs here: `CatalogSite.pages()` lists every generated page, each with a context built
only when the page is rendered (so a 100,000-listing site never holds all contexts at once).
Hubs paginate; every hub, facet and card is computed in passes linear in the listings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from typing import Any
from urllib.parse import urlencode
from zlib import crc32

from markupsafe import Markup

from credcat.catalog.dates import stale_before
from credcat.catalog.labels import cost_text, country_name, label, language_name
from credcat.catalog.model import AUDIENCES, CREDENTIAL_TYPES, Catalog, Credential, Pathway, Provider
from credcat.catalog.transparency import Transparency, transparency_of
from credcat.catalog.urls import API_ROOT, credential_file, credential_url, pathway_url
from credcat.exports.api import FORMATS
from credcat.exports.linked_data import schema_org, script_json
from credcat.site.diagrams import layout, totals
from credcat.site.markup import render_markdown
from credcat.site.render import render_macro
from credcat.site.schema_reference import schema_sections

PAGE_SIZE = 50
RECENT_COUNT = 8
COMPARE_DATA = "assets/compare-data/"
COMPARE_MAX = 4
# Where a card's way back to the site root goes: escaped catalog text never holds a raw "<".
BASE_SLOT = Markup("<credcat-base>")
COMPARE_FILE_LISTINGS = 64  # listings per compare data file, on average
SEARCH_PAGE_SIZE = 10
# Listings per Pagefind index: Pagefind holds about 100 KB per record while it builds, so a
# larger catalog is indexed in shards that the search page searches together.
SEARCH_SHARD_SIZE = 25_000
SEARCH_BUNDLE = "pagefind/"
LISTING_TEXT = "partials/listing-text.html"
UNKNOWN_COST_SORT = 999_999_999
# How a listing page names each file the listing is published as (api.FORMATS, written by feeds.py).
DATA_FILE_NAMES: dict[str, str] = {"listing": "JSON", "open_badges_3": "Open Badges 3.0", "ctdl": "CTDL", "schema_org": "schema.org"}

HUB_KINDS: dict[str, str] = {
    "industries": "Industries",
    "subjects": "Subjects",
    "providers": "Providers",
    "levels": "Levels",
    "types": "Credential types",
}

# Search filters: key -> label, in the order the search page shows them.
SEARCH_FILTERS: dict[str, str] = {
    "industry": "Industry",
    "subject": "Subject",
    "provider": "Provider",
    "type": "Credential type",
    "level": "Level",
    "cost": "Cost",
    "mode": "Delivery mode",
    "pacing": "Pacing",
    "language": "Language",
    "quality": "Quality assurance",
    "status": "Status",
    "accessibility": "Accessibility",
    "transparency": "EU transparency",
}
SEARCH_SORTS: dict[str, str] = {
    "": "Best match",
    "hours:asc": "Workload: fewest hours first",
    "hours:desc": "Workload: most hours first",
    "cost:asc": "Cost: lowest first (amounts as listed, not converted)",
    "cost:desc": "Cost: highest first (amounts as listed, not converted)",
    "verified:desc": "Recently verified first",
}
# The filter each hub kind pins, and the facets its pages count.
HUB_FILTER = {"industries": "industry", "subjects": "subject", "providers": "provider", "levels": "level", "types": "type"}
HUB_FACETS = ("level", "type", "cost", "mode", "pacing", "quality")


@dataclass(frozen=True)
class SiteSettings:
    """Build options that are not in the catalog."""

    today: date
    today_source: str
    site_url: str = ""
    edit_base: str = ""
    page_size: int = PAGE_SIZE
    search_shard_size: int = SEARCH_SHARD_SIZE


@dataclass(frozen=True)
class SitePage:
    """One generated page: `src_uri` as MkDocs knows it, the template and a deferred context."""

    src_uri: str
    title: str
    template: str
    description: str
    context: Callable[[], dict[str, Any]] = field(compare=False)
    in_nav: bool = False

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


@dataclass(frozen=True)
class SearchableHtml:
    """The parts of a listing page that search indexes, each as HTML (LISTING_TEXT's macros)."""

    header: Markup
    about: Markup
    outcomes: Markup


@dataclass(frozen=True)
class Card:
    """What a listing shows in a list: enough to choose, compare and click through."""

    ref: str
    url: str
    name: str
    provider: str
    summary: str
    type: str
    level: str
    hours: float
    cost: str
    mode: str
    status: str
    stale: bool
    language: str


class CatalogSite:
    """Every generated page of one catalog, and the facts the post-build check verifies."""

    def __init__(self, catalog: Catalog, settings: SiteSettings) -> None:
        self.catalog = catalog
        self.settings = settings
        self._stale_before = stale_before(settings.today)
        self._sort_key = {ref: (c.name.casefold(), ref) for ref, c in catalog.credentials.items()}
        self._facets_of: dict[str, list[dict[str, Any]]] = {}
        self._card_html: dict[str, str] = {}
        self._facet_values_of: dict[str, dict[str, str]] = {}

    # --- what exists ------------------------------------------------------------------

    @cached_property
    def hubs(self) -> tuple[Hub, ...]:
        """Every hub of every kind, empty ones included so their URLs stay put."""
        catalog = self.catalog
        hubs: list[Hub] = []
        for term in sorted(catalog.industries.values(), key=lambda term: term.name.casefold()):
            hubs.append(Hub("industries", term.id, term.name, term.description, self._sorted(catalog.by_industry[term.id]), term.name))
        for term in sorted(catalog.subjects.values(), key=lambda term: term.code):
            hubs.append(Hub("subjects", term.id, term.name, term.description, self._sorted(catalog.by_subject[term.id]), term.name))
        for provider in catalog.providers.values():
            hubs.append(Hub("providers", provider.id, provider.name, "", self._sorted(provider.credentials), provider.name))
        for audience in AUDIENCES:
            name = label("audience", audience)
            hubs.append(Hub("levels", audience, name, "", self._sorted(catalog.by_level[audience]), name))
        for credential_type in CREDENTIAL_TYPES:
            name = label("credential_type", credential_type)
            hubs.append(Hub("types", credential_type, name, "", self._sorted(catalog.by_type[credential_type]), name))
        return tuple(hubs)

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
        return SitePage(page_source(credential_url(ref)), credential.name, "credential.html", credential.data["summary"],
                        partial(self._credential_context, credential, searchable))

    def searchable_html(self, ref: str) -> SearchableHtml:
        """The parts of a listing's page that search indexes, for the page and its search record."""
        credential = self.catalog.credentials[ref]
        text = self._listing_text(credential)
        return SearchableHtml(
            header=render_macro(LISTING_TEXT, "listing_header", text, relative_base(credential_url(ref))),
            about=render_macro(LISTING_TEXT, "about_section", text),
            outcomes=render_macro(LISTING_TEXT, "outcomes_section", text),
        )

    def other_pages(self) -> Iterator[SitePage]:
        """The search, compare and reference pages, hub indexes, hubs and pathways."""
        yield SitePage("search.md", "Search", "search.html", "Search and filter every listing.", self._search_context, in_nav=True)
        yield SitePage("compare.md", "Compare", "compare.html", "Compare listings side by side.", self._compare_context, in_nav=True)
        yield SitePage("reference/schema.md", "Schema reference", "schema-reference.html",
                       "Every field of the listing contract.", self._schema_context, in_nav=True)
        for kind, title in HUB_KINDS.items():
            yield SitePage(f"{kind}/index.md", title, "hub-index.html", f"Browse listings by {title.lower()}.",
                           partial(self._hub_index_context, kind), in_nav=True)
        yield SitePage("pathways/index.md", "Pathways", "pathway-index.html", "Credentials that stack into larger qualifications.",
                       self._pathway_index_context, in_nav=True)
        for hub in self.hubs:
            for number in range(1, hub.page_count(self.settings.page_size) + 1):
                title = hub.name if number == 1 else f"{hub.name} (page {number})"
                yield SitePage(hub.page_src_uri(number), title, "hub.html", _hub_description(hub),
                               partial(self._hub_context, hub, number))
        for ref, pathway in self.catalog.pathways.items():
            yield SitePage(page_source(pathway_url(ref)), pathway.name, "pathway.html", f"A pathway of {len(pathway.credentials)} credentials.",
                           partial(self._pathway_context, pathway))

    @cached_property
    def compare_files(self) -> int:
        """How many files hold the compare page's data: one per COMPARE_FILE_LISTINGS
        listings, not one per listing, which cost a large catalog more than all the rest of
        its compare data."""
        return max(1, -(-len(self.catalog.credentials) // COMPARE_FILE_LISTINGS))

    def compare_data(self) -> Iterator[tuple[str, dict[str, dict[str, Any]]]]:
        """(site path, records by listing ref) of each file the compare page reads; a listing
        is in the file `compare_file` names."""
        files: list[dict[str, dict[str, Any]]] = [{} for _ in range(self.compare_files)]
        for ref, credential in self.catalog.credentials.items():
            files[compare_file(ref, self.compare_files)][ref] = self._compare_record(credential)
        for number, records in enumerate(files):
            yield f"{COMPARE_DATA}{number}.json", records

    def search_shards(self) -> list[tuple[str, tuple[str, ...]]]:
        """(site folder of a Pagefind bundle, the listings it indexes): `pagefind/`, then
        `pagefind/shard-2/` and on when the catalog outgrows one index."""
        refs = tuple(self.catalog.credentials)
        size = self.settings.search_shard_size
        chunks = [refs[start:start + size] for start in range(0, len(refs), size)] or [()]
        return [(SEARCH_BUNDLE if number == 1 else f"{SEARCH_BUNDLE}shard-{number}/", chunk)
                for number, chunk in enumerate(chunks, start=1)]

    # --- shared pieces ----------------------------------------------------------------

    def card(self, ref: str) -> Card:
        credential = self.catalog.credentials[ref]
        data = credential.data
        return Card(
            ref=ref,
            url=credential_url(ref),
            name=credential.name,
            provider=self.catalog.providers[credential.provider_id].name,
            summary=data["summary"],
            type=label("credential_type", data["credential_type"]),
            level=label("audience", data["level"]["audience"]),
            hours=data["workload"]["hours"],
            cost=_cost(data),
            mode=label("mode", data["delivery"]["mode"]),
            status=data["status"],
            stale=self.is_stale(credential),
            language=data["languages"][0],
        )

    def card_html(self, ref: str, base: str) -> Markup:
        """A listing's card as HTML, rendered once and then given its way back to the site root
        (`base`): a listing sits on about eight hub pages."""
        html = self._card_html.get(ref)
        if html is None:
            html = self._card_html[ref] = str(render_macro("partials/cards.html", "card", self.card(ref), BASE_SLOT))
        return Markup(html.replace(BASE_SLOT, base))

    def is_stale(self, credential: Credential) -> bool:
        return credential.last_verified < self._stale_before

    def search_filters(self, credential: Credential) -> dict[str, list[str]]:
        """The values a listing is filed under on the search page (and in hub facets)."""
        data = credential.data
        subjects: dict[str, None] = {}
        for term_id in data["subjects"]:
            term = self.catalog.subjects[term_id]
            subjects[term.name] = None
            for ancestor in term.ancestors:
                subjects[self.catalog.subjects[ancestor].name] = None
        provider = self.catalog.providers[credential.provider_id]
        single = _facet_values(data)
        return {
            "industry": [self.catalog.industries[term_id].name for term_id in data["industries"]],
            "subject": list(subjects),
            "provider": [provider.name],
            "type": [single["type"]],
            "level": [single["level"]],
            "cost": [single["cost"]],
            "mode": [single["mode"]],
            "pacing": [single["pacing"]],
            "language": [language_name(tag) for tag in data["languages"]],
            "quality": [single["quality"]],
            "status": [label("status", data["status"])],
            "accessibility": [label("accessibility", feature) for feature in data.get("accessibility", [])],
            "transparency": [self.transparency(credential).score],
        }

    def transparency(self, credential: Credential) -> Transparency:
        return transparency_of(credential, self.catalog.providers[credential.provider_id])

    def _facet_values(self, ref: str) -> dict[str, str]:
        """A listing's facet values, computed once: it is counted on about eight hubs."""
        values = self._facet_values_of.get(ref)
        if values is None:
            values = self._facet_values_of[ref] = _facet_values(self.catalog.credentials[ref].data)
        return values

    def _sorted(self, refs: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(refs, key=self._sort_key.__getitem__))

    def _absolute(self, url: str) -> str:
        return self.settings.site_url.rstrip("/") + "/" + url if self.settings.site_url else "/" + url

    # --- contexts -----------------------------------------------------------------------

    def home_context(self, intro: str) -> dict[str, Any]:
        """The home page around the maintainers' intro (trusted Markdown from docs/index.md)."""
        catalog = self.catalog
        credentials = catalog.credentials
        recent = sorted(credentials, key=lambda ref: (-credentials[ref].last_verified.toordinal(), self._sort_key[ref]))
        broad_subjects = [hub for hub in self.hubs if hub.kind == "subjects" and catalog.subjects[hub.id].parent is None]
        return {
            "intro": intro,
            "counts": {
                "listings": len(credentials),
                "providers": len(catalog.providers),
                "pathways": len(catalog.pathways),
                "industries": sum(1 for refs in catalog.by_industry.values() if refs),
            },
            "industries": [hub for hub in self.hubs if hub.kind == "industries"],
            "subjects": [hub for hub in broad_subjects if hub.refs],
            "recent": [self.card_html(ref, relative_base("")) for ref in recent[:RECENT_COUNT]],
        }

    def _search_context(self) -> dict[str, Any]:
        config = {"filters": list(SEARCH_FILTERS.items()), "pageSize": SEARCH_PAGE_SIZE, "total": len(self.catalog.credentials),
                  "shards": [bundle for bundle, _ in self.search_shards()[1:]]}
        return {"config_json": _script_json(config), "sorts": SEARCH_SORTS}

    def _compare_context(self) -> dict[str, Any]:
        return {"config_json": _script_json({"data": COMPARE_DATA, "files": self.compare_files, "max": COMPARE_MAX})}

    def _schema_context(self) -> dict[str, Any]:
        return {"sections": schema_sections()}

    def _hub_index_context(self, kind: str) -> dict[str, Any]:
        hubs = [hub for hub in self.hubs if hub.kind == kind]
        if kind != "subjects":
            return {"kind": kind, "title": HUB_KINDS[kind], "hubs": hubs, "tree": [], "hidden": 0}
        by_id = {hub.id: hub for hub in hubs}

        def branch(term_id: str) -> dict[str, Any]:
            children = [branch(child) for child in self.catalog.subjects[term_id].children if by_id[child].refs]
            return {"hub": by_id[term_id], "children": children}

        tree = [branch(hub.id) for hub in hubs if self.catalog.subjects[hub.id].parent is None and hub.refs]
        hidden = sum(1 for hub in hubs if not hub.refs)
        return {"kind": kind, "title": HUB_KINDS[kind], "hubs": [], "tree": tree, "hidden": hidden}

    def _hub_context(self, hub: Hub, number: int) -> dict[str, Any]:
        size = self.settings.page_size
        start = (number - 1) * size
        filter_key = HUB_FILTER[hub.kind]
        base = relative_base(page_url(hub.page_src_uri(number)))
        facets = self._facets_of.get(hub.url)
        if facets is None:
            facets = self._facets_of[hub.url] = self._facets(hub, filter_key)
        context: dict[str, Any] = {
            "hub": hub,
            "kind_title": HUB_KINDS[hub.kind],
            "cards": [self.card_html(ref, base) for ref in hub.refs[start : start + size]],
            "first": start + 1,
            "last": min(start + size, len(hub.refs)),
            "pagination": _pagination(hub, number, size),
            "facets": facets,
            "search_url": "search/?" + urlencode({filter_key: hub.filter_value}),
            "provider": None,
            "parents": [],
        }
        if hub.kind == "subjects":
            term = self.catalog.subjects[hub.id]
            context["parents"] = [(self.catalog.subjects[a].name, f"subjects/{a}/") for a in reversed(term.ancestors)]
        if hub.kind == "providers" and number == 1:
            context["provider"] = self._provider_view(self.catalog.providers[hub.id])
        return context

    def _facets(self, hub: Hub, filter_key: str) -> list[dict[str, Any]]:
        """Counts of the hub's listings per facet value, each linking to the filtered search."""
        counters: dict[str, Counter[str]] = {key: Counter() for key in HUB_FACETS if key != filter_key}
        for ref in hub.refs:
            values = self._facet_values(ref)
            for key, counter in counters.items():
                counter[values[key]] += 1
        return [
            {
                "label": SEARCH_FILTERS[key],
                "values": [
                    (value, count, "search/?" + urlencode({filter_key: hub.filter_value, key: value}))
                    for value, count in sorted(counter.items(), key=lambda item: (-item[1], item[0]))
                ],
            }
            for key, counter in counters.items()
            if counter
        ]

    def _provider_view(self, provider: Provider) -> dict[str, Any]:
        data = provider.data
        return {
            "data": data,
            "description": render_markdown(data["description"]),
            "type": label("provider_type", data["type"]),
            "country": country_name(data["country"]),
            "pathways": [(self.catalog.pathways[ref].name, pathway_url(ref)) for ref in provider.pathways],
            "edit_url": self._edit_url(provider.source),
        }

    def _credential_context(self, credential: Credential, searchable: SearchableHtml | None) -> dict[str, Any]:
        catalog = self.catalog
        data = credential.data
        url = credential_url(credential.ref)
        counts_toward = []
        for target in data.get("stackability", {}).get("counts_toward", []):
            linked = target.get("credential")
            name = catalog.credentials[linked].name if linked else target["name"]
            counts_toward.append({"name": name, "url": credential_url(linked) if linked else "", "credits": target.get("credits")})
        return {
            "listing": {
                "ref": credential.ref,
                "data": data,
                "provider": catalog.providers[credential.provider_id],
                "cost": _cost(data),
                "url": url,
                "industries": [(catalog.industries[i].name, f"industries/{i}/") for i in data["industries"]],
                "subjects": [(catalog.subjects[s].name, f"subjects/{s}/") for s in data["subjects"]],
                "pathways": [(catalog.pathways[ref].name, pathway_url(ref)) for ref in credential.pathways],
                "prerequisites": [self.card(ref) for ref in data.get("prerequisites", {}).get("credentials", [])],
                "required_by": [self.card(ref) for ref in credential.required_by],
                "counts_toward": counts_toward,
                "transparency": self.transparency(credential),
                "stale": self.is_stale(credential),
                "edit_url": self._edit_url(credential.source),
                "data_files": [(name, API_ROOT + credential_file(credential.ref, FORMATS[key])) for key, name in DATA_FILE_NAMES.items()],
                "level_url": f"levels/{data['level']['audience']}/",
            },
            "searchable": searchable or self.searchable_html(credential.ref),
            "today": self.settings.today,
            "today_source": self.settings.today_source,
            "jsonld": _script_json(schema_org(credential, catalog, self._absolute(url))),
        }

    def _listing_text(self, credential: Credential) -> dict[str, Any]:
        """What the searchable parts of a listing page need (LISTING_TEXT)."""
        data = credential.data
        return {
            "ref": credential.ref,
            "data": data,
            "provider": self.catalog.providers[credential.provider_id],
            "description": render_markdown(data["description"]),
            "cost": _cost(data),
            "filters": self.search_filters(credential),
            "sort": _sort_values(data),
            "type_url": f"types/{data['credential_type']}/",
        }

    def _pathway_index_context(self) -> dict[str, Any]:
        pathways = sorted(self.catalog.pathways.values(), key=lambda pathway: (pathway.name.casefold(), pathway.ref))
        return {
            "pathways": [
                {"pathway": p, "url": pathway_url(p.ref), "provider": self.catalog.providers[p.provider_id].name,
                 "totals": totals(p, self.catalog)}
                for p in pathways
            ]
        }

    def _pathway_context(self, pathway: Pathway) -> dict[str, Any]:
        return {
            "pathway": pathway,
            "provider": self.catalog.providers[pathway.provider_id],
            "description": render_markdown(pathway.data["description"]),
            "diagram": layout(pathway, self.catalog),
            "totals": totals(pathway, self.catalog),
            "cards": {ref: self.card(ref) for ref in pathway.credentials},
            "edit_url": self._edit_url(pathway.source),
        }

    def _compare_record(self, credential: Credential) -> dict[str, Any]:
        data = credential.data
        workload = data["workload"]
        return {
            "ref": credential.ref,
            "url": credential_url(credential.ref),
            "name": credential.name,
            "provider": self.catalog.providers[credential.provider_id].name,
            "summary": data["summary"],
            "type": label("credential_type", data["credential_type"]),
            "status": label("status", data["status"]),
            "cost": _cost(data),
            "level": label("audience", data["level"]["audience"])
            + (f", EQF {data['level']['eqf']}" if "eqf" in data["level"] else ""),
            "hours": workload["hours"],
            "ects": workload.get("ects"),
            "mode": label("mode", data["delivery"]["mode"]) + " · " + label("pacing", data["delivery"]["pacing"]),
            "languages": [language_name(tag) for tag in data["languages"]],
            "assessment": label("assessment", data["assessment"]["type"]),
            "quality": label("quality_assurance", data["quality_assurance"]["type"]),
            "transparency": self.transparency(credential).score,
            "verified": data["dates"]["last_verified"],
            "enrol": data["url"],
        }

    def _edit_url(self, source: str) -> str:
        return self.settings.edit_base + source if self.settings.edit_base else ""


def compare_file(ref: str, files: int) -> int:
    """The number of the compare data file that holds a listing: the CRC-32 of its ref, modulo
    the number of files (compare.js works out the same)."""
    return crc32(ref.encode()) % files


def _script_json(value: Any) -> Markup:
    """JSON for a `<script>` block; `script_json` escapes `<`, `>` and `&`, so it is safe unescaped."""
    return Markup(script_json(value))


def _cost(data: Mapping[str, Any]) -> str:
    return cost_text(dict(data["cost"]))


def _facet_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The single-valued search filters that hub pages count (the labels the search page shows)."""
    return {
        "level": label("audience", data["level"]["audience"]),
        "type": label("credential_type", data["credential_type"]),
        "cost": label("cost_model", data["cost"]["model"]),
        "mode": label("mode", data["delivery"]["mode"]),
        "pacing": label("pacing", data["delivery"]["pacing"]),
        "quality": label("quality_assurance", data["quality_assurance"]["type"]),
    }


def _sort_values(data: Mapping[str, Any]) -> dict[str, str]:
    """Numbers for Pagefind's sorting; every listing gets every key, or it drops out of sorted results."""
    cost = data["cost"]
    if cost["model"] == "free":
        amount: float = 0
    else:
        amount = cost.get("amount", UNKNOWN_COST_SORT)
    return {
        "hours": f"{data['workload']['hours']:g}",
        "cost": f"{amount:g}",
        "verified": data["dates"]["last_verified"].replace("-", ""),
    }


def _hub_description(hub: Hub) -> str:
    count = len(hub.refs)
    return f"{count} listing{'' if count == 1 else 's'}: {hub.name}."


def _pagination(hub: Hub, number: int, size: int) -> dict[str, Any]:
    count = hub.page_count(size)
    return {
        "number": number,
        "count": count,
        "pages": [(n, page_url(hub.page_src_uri(n))) for n in range(1, count + 1)],
        "previous": page_url(hub.page_src_uri(number - 1)) if number > 1 else "",
        "next": page_url(hub.page_src_uri(number + 1)) if number < count else "",
    }
