"""What each template gets: the context of the home, hub, hub index, listing, pathway, search,
compare and schema reference pages, and the cards and searchable parts they share.

Templates receive model objects and escape them; the only HTML here comes from markup.py and
from the theme's own macros. A listing's card is rendered once and then placed on each of
its hubs' pages.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from markupsafe import Markup

from credcat.catalog.dates import STALE_AFTER_MONTHS, stale_before
from credcat.catalog.documents import JsonObject, JsonValue
from credcat.catalog.history import SHOWN_ON_PAGE
from credcat.catalog.labels import QUALITY_ASSURANCE_MEANINGS, STATUS_MEANINGS, country_name, label
from credcat.catalog.model import Catalog, Credential, Pathway, Provider
from credcat.catalog.occupations import listing_occupations
from credcat.catalog.qualifications import Qualification, qualifications_of, slugs_by_name
from credcat.catalog.transparency import ELEMENT_NAMES, claim_support
from credcat.catalog.urls import API_ROOT, credential_file, credential_url, pathway_url, qualification_url
from credcat.exports.api import FORMATS
from credcat.exports.linked_data import course, course_list, schema_org, script_json
from credcat.site.browse import BROWSE_DATA, browse_sorts, translated_name
from credcat.site.claims import ClaimMark, claim_mark, confirmations, pathway_planner, qualification_planners
from credcat.site.diagrams import layout, totals
from credcat.site.facets import COMPARE_DATA, HUB_FILTER, PAGEFIND_SORTS, SEARCH_FILTERS, SEARCH_SORTS, Facets, listing_cost, search_tiers
from credcat.site.markup import render_markdown
from credcat.site.pages import HUB_KINDS, INACTIVE_BUNDLE, Hub, PageContext, SiteSettings, SortKeys, page_url, pagination, relative_base, search_shards
from credcat.site.render import render_macro
from credcat.site.schema_reference import schema_sections

RECENT_COUNT = 8
COMPARE_MAX = 4
SEARCH_PAGE_SIZE = 10
# Where a card's way back to the site root goes: escaped catalog text never holds a raw "<".
BASE_SLOT = Markup("<credcat-base>")
LISTING_TEXT = "partials/listing-text.html"
# How a listing page names each file the listing is published as (api.FORMATS, written by feeds.py).
DATA_FILE_NAMES: dict[str, str] = {"listing": "JSON", "open_badges_3": "Open Badges 3.0", "ctdl": "CTDL", "schema_org": "schema.org", "elm": "ELM"}


@dataclass(frozen=True)
class SearchableHtml:
    """The parts of a listing page that search indexes, each as HTML (LISTING_TEXT's macros)."""

    header: Markup
    about: Markup
    outcomes: Markup
    labels: Markup  # in the search record only: the page shows these elsewhere


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
    translated: str
    """The name in the site's language when the listing is written in another (browse.translated_name)."""


class Contexts:
    """The context of each generated page, built when the page is rendered."""

    def __init__(self, catalog: Catalog, settings: SiteSettings, facets: Facets, keys: SortKeys) -> None:
        self.catalog = catalog
        self.settings = settings
        self.facets = facets
        self._keys = keys
        self._stale_before = stale_before(settings.today)
        self._card_html: dict[str, str] = {}

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
            cost=listing_cost(data),
            mode=label("mode", data["delivery"]["mode"]),
            status=data["status"],
            stale=self.is_stale(credential),
            language=data["languages"][0],
            translated=translated_name(data),
        )

    def card_html(self, ref: str, base: str) -> Markup:
        """A listing's card as HTML, rendered once and then given its way back to the site root
        (`base`): a listing sits on about eight hub pages."""
        html = self._card_html.get(ref)
        if html is None:
            html = self._card_html[ref] = str(render_macro("partials/cards.html", "card", self.card(ref), BASE_SLOT))
        return Markup(html.replace(BASE_SLOT, base))

    def keep_cards(self, earlier: Contexts, changed: Collection[str]) -> None:
        """Take over the cards `earlier` rendered, but those of `changed` listings: a serve's
        update renders hub pages of hundreds of cards that did not change (a card shows only
        its listing, its provider's name and the stale flag, which an update never changes)."""
        self._card_html.update((ref, html) for ref, html in earlier._card_html.items() if ref not in changed)

    def is_stale(self, credential: Credential) -> bool:
        return credential.last_verified < self._stale_before

    def searchable_html(self, ref: str) -> SearchableHtml:
        """The parts of a listing's page that search indexes, for the page and its search record."""
        credential = self.catalog.credentials[ref]
        text = self._listing_text(credential)
        return SearchableHtml(
            header=render_macro(LISTING_TEXT, "listing_header", text, relative_base(credential_url(ref))),
            about=render_macro(LISTING_TEXT, "about_section", text),
            outcomes=render_macro(LISTING_TEXT, "outcomes_section", text),
            labels=render_macro(LISTING_TEXT, "search_labels", text),
        )

    def _absolute(self, url: str) -> str:
        return self.settings.site_url.rstrip("/") + "/" + url if self.settings.site_url else "/" + url

    def _edit_url(self, source: str) -> str:
        return self.settings.edit_base + source if self.settings.edit_base else ""

    # --- contexts -----------------------------------------------------------------------

    def home(self, intro: Markup, hubs: Sequence[Hub]) -> PageContext:
        """The home page around the maintainers' intro (trusted Markdown from docs/index.md)."""
        catalog = self.catalog
        credentials = catalog.credentials
        recent = sorted(credentials, key=lambda ref: (-credentials[ref].last_verified.toordinal(), self._keys[ref]))
        broad_subjects = [hub for hub in hubs if hub.kind == "subjects" and catalog.subjects[hub.id].parent is None]
        return {
            "intro": intro,
            "counts": {
                "listings": len(credentials),
                "providers": len(catalog.providers),
                "pathways": len(catalog.pathways),
                "industries": sum(1 for refs in catalog.by_industry.values() if refs),
            },
            "industries": [hub for hub in hubs if hub.kind == "industries" and hub.refs],
            "subjects": [hub for hub in broad_subjects if hub.refs],
            "recent": [self.card_html(ref, relative_base("")) for ref in recent[:RECENT_COUNT]],
        }

    def search(self) -> PageContext:
        current, inactive = search_tiers(self.catalog)
        shards = [bundle for bundle, _ in search_shards(current, self.settings.search_shard_size, inactive)]
        config: JsonObject = {"filters": list(SEARCH_FILTERS.items()), "ordered": self.facets.ordered,
                              "pagefindSorts": {sort: list(key) for sort, key in PAGEFIND_SORTS.items()},
                              "pageSize": SEARCH_PAGE_SIZE,
                              "total": len(self.catalog.credentials), "current": len(current),
                              "shards": [bundle for bundle in shards[1:] if not bundle.startswith(INACTIVE_BUNDLE)],
                              "inactive": [bundle for bundle in shards if bundle.startswith(INACTIVE_BUNDLE)],
                              "browse": BROWSE_DATA, "browseSorts": browse_sorts()}
        return {"config_json": _script_json(config), "sorts": SEARCH_SORTS}

    def compare(self) -> PageContext:
        return {"config_json": _script_json({"data": COMPARE_DATA, "files": self.facets.compare_files, "max": COMPARE_MAX})}

    def schema(self) -> PageContext:
        return {"sections": schema_sections()}

    def about(self) -> PageContext:
        """The method page: the words of the listing pages, explained from the same sources."""
        return {
            "quality": [(label("quality_assurance", kind), meaning) for kind, meaning in QUALITY_ASSURANCE_MEANINGS.items()],
            "statuses": [(label("status", status), meaning) for status, meaning in STATUS_MEANINGS.items()],
            "elements": ELEMENT_NAMES,
            "stale_months": STALE_AFTER_MONTHS,
            "today": self.settings.today,
            "today_source": self.settings.today_source,
        }

    def hub_index(self, kind: str, hubs: Sequence[Hub]) -> PageContext:
        """The index of one kind of hub (`hubs`, all of that kind): subjects as a tree of fields."""
        if kind != "subjects":
            return {"kind": kind, "title": HUB_KINDS[kind], "hubs": list(hubs), "tree": [], "hidden": 0}
        by_id = {hub.id: hub for hub in hubs}

        def branch(term_id: str) -> PageContext:
            children = [branch(child) for child in self.catalog.subjects[term_id].children if by_id[child].refs]
            return {"hub": by_id[term_id], "children": children}

        tree = [branch(hub.id) for hub in hubs if self.catalog.subjects[hub.id].parent is None and hub.refs]
        hidden = sum(1 for hub in hubs if not hub.refs)
        return {"kind": kind, "title": HUB_KINDS[kind], "hubs": [], "tree": tree, "hidden": hidden}

    def hub(self, hub: Hub, number: int) -> PageContext:
        size = self.settings.page_size
        start = (number - 1) * size
        filter_key = HUB_FILTER[hub.kind]
        base = relative_base(page_url(hub.page_src_uri(number)))
        context: PageContext = {
            "hub": hub,
            "kind_title": HUB_KINDS[hub.kind],
            "cards": [self.card_html(ref, base) for ref in hub.refs[start : start + size]],
            "item_list": _script_json(course_list([self._absolute(credential_url(ref)) for ref in hub.refs[start : start + size]], start + 1)),
            "first": start + 1,
            "last": min(start + size, len(hub.refs)),
            "pagination": pagination(hub, number, size),
            "facets": self.facets.hub_facets(hub),
            "search_url": "search/?" + urlencode({filter_key: hub.filter_value}),
            "provider": None,
            "parents": [],
        }
        if hub.kind == "subjects":
            term = self.catalog.subjects[hub.id]
            context["parents"] = [(self.catalog.subjects[a].label, f"subjects/{a}/") for a in reversed(term.ancestors)]
        if hub.kind == "providers" and number == 1:
            context["provider"] = self._provider_view(self.catalog.providers[hub.id])
        return context

    def _provider_view(self, provider: Provider) -> PageContext:
        data = provider.data
        return {
            "data": data,
            "description": render_markdown(data["description"]),
            "type": label("provider_type", data["type"]),
            "country": country_name(data["country"]),
            "pathways": [(self.catalog.pathways[ref].name, pathway_url(ref)) for ref in provider.pathways],
            "edit_url": self._edit_url(provider.source),
            "accreditation_marks": self._accreditation_marks(provider),
            "confirms": confirmations(self.catalog, provider.id),
        }

    def _accreditation_marks(self, provider: Provider) -> list[ClaimMark]:
        """Each of a provider's accreditations, confirmed by the accrediting body or claimed."""
        return [claim_mark(claim, self.catalog) for claim in self.catalog.recognized.accreditations(provider.id, provider.data)]

    @cached_property
    def qualifications(self) -> dict[str, Qualification]:
        """Every qualification by slug (catalog/qualifications.py), worked out once."""
        return qualifications_of(self.catalog)

    @cached_property
    def _qualification_slugs(self) -> dict[str, str]:
        return slugs_by_name(self.qualifications)

    @cached_property
    def _by_name(self) -> dict[str, Qualification]:
        return {qualification.name: qualification for qualification in self.qualifications.values()}

    def qualification_index(self) -> PageContext:
        """Every qualification, by name, with how many routes lead there."""
        entries = []
        for slug, qualification in sorted(self.qualifications.items(), key=lambda item: (item[1].name.casefold(), item[0])):
            routes = len(qualification.pathways) + len(qualification.listings)
            entries.append((qualification.name, qualification_url(slug), f"{routes} route{'' if routes == 1 else 's'}"))
        return {"qualifications": entries}

    def qualification(self, qualification: Qualification) -> PageContext:
        """A qualification's page: its pathways, the listings counting toward it and their planners."""
        catalog = self.catalog
        listings = []
        for toward in qualification.listings:
            credential = catalog.credentials[toward.ref]
            listings.append({"name": credential.name, "url": credential_url(toward.ref), "credits": toward.credits,
                             "provider": catalog.providers[credential.provider_id].name, "mark": claim_mark(toward.claim, catalog)})
        return {
            "qualification": qualification,
            "pathways": [(catalog.pathways[ref].name, pathway_url(ref), catalog.providers[catalog.pathways[ref].provider_id].name)
                         for ref in qualification.pathways],
            "listings": listings,
            "planners": qualification_planners(qualification, catalog, self._by_name),
        }

    def credential(self, credential: Credential, searchable: SearchableHtml | None) -> PageContext:
        """A listing's page; `searchable` holds its searchable parts if they were rendered already."""
        catalog = self.catalog
        data = credential.data
        url = credential_url(credential.ref)
        counts_toward = []
        targets = data.get("stackability", {}).get("counts_toward", [])
        for target, claim in zip(targets, catalog.counts_toward_claims(credential), strict=True):
            linked = target.get("credential")
            name = catalog.credentials[linked].name if linked else target["name"]
            counts_toward.append({"name": name, "url": credential_url(linked) if linked else "", "credits": target.get("credits"),
                                  "mark": claim_mark(claim, catalog), "qualification_url": qualification_url(self._qualification_slugs[name])})
        return {
            "listing": {
                "ref": credential.ref,
                "data": data,
                "provider": catalog.providers[credential.provider_id],
                "cost": listing_cost(data),
                "all_in": catalog.costs[credential.ref],
                "url": url,
                "industries": [(catalog.industries[i].label, f"industries/{i}/") for i in data["industries"]],
                "subjects": [(catalog.subjects[s].label, f"subjects/{s}/") for s in data["subjects"]],
                "pathways": [(catalog.pathways[ref].name, pathway_url(ref)) for ref in credential.pathways],
                "prerequisites": [self.card(ref) for ref in data.get("prerequisites", {}).get("credentials", [])],
                "required_by": [self.card(ref) for ref in credential.required_by],
                "counts_toward": counts_toward,
                "accreditation_marks": self._accreditation_marks(catalog.providers[credential.provider_id]),
                "claim_support": claim_support(credential, catalog.providers[credential.provider_id], catalog),
                "transparency": self.facets.transparency(credential),
                "quality_meaning": QUALITY_ASSURANCE_MEANINGS[data["quality_assurance"]["type"]],
                "stale": self.is_stale(credential),
                "edit_url": self._edit_url(credential.source),
                "data_files": [(name, API_ROOT + credential_file(credential.ref, FORMATS[key])) for key, name in DATA_FILE_NAMES.items()],
                "level_url": f"levels/{data['level']['audience']}/",
                "history": self.settings.history.by_ref.get(credential.ref, ())[:SHOWN_ON_PAGE],
            },
            "searchable": searchable or self.searchable_html(credential.ref),
            "today": self.settings.today,
            "today_source": self.settings.today_source,
            "jsonld": _script_json(schema_org(credential, catalog, self._absolute(url))),
            "course_jsonld": _script_json(course(credential, catalog, self._absolute(url))),
        }

    def _listing_text(self, credential: Credential) -> PageContext:
        """What the searchable parts of a listing page need (LISTING_TEXT)."""
        data = credential.data
        return {
            "ref": credential.ref,
            "data": data,
            "provider": self.catalog.providers[credential.provider_id],
            "description": render_markdown(data["description"]),
            "cost": listing_cost(data),
            "filters": self.facets.search_filters(credential),
            "sort": self.facets.sort_values(credential),
            "card_cost": self.facets.card_cost(credential),
            "type_url": f"types/{data['credential_type']}/",
            "labels": self.facets.search_labels(credential),
            "translations": data.get("translations", {}),
            "translated": translated_name(data),
            "occupation_titles": [found.groups[0].name if found.groups else "" for found in listing_occupations(self.catalog, credential)],
        }

    def pathway_index(self, provider_id: str | None = None) -> PageContext:
        """Every pathway, or one provider's (`pathways/<provider>/`, the folder of its pathways' pages)."""
        provider = self.catalog.providers[provider_id] if provider_id else None
        chosen = [self.catalog.pathways[ref] for ref in provider.pathways] if provider else self.catalog.pathways.values()
        pathways = sorted(chosen, key=lambda pathway: (pathway.name.casefold(), pathway.ref))
        return {
            "provider": provider,
            "pathways": [
                {"pathway": p, "url": pathway_url(p.ref), "provider": self.catalog.providers[p.provider_id].name,
                 "totals": totals(p, self.catalog)}
                for p in pathways
            ]
        }

    def pathway(self, pathway: Pathway) -> PageContext:
        return {
            "pathway": pathway,
            "provider": self.catalog.providers[pathway.provider_id],
            "description": render_markdown(pathway.data["description"]),
            "diagram": layout(pathway, self.catalog),
            "totals": totals(pathway, self.catalog),
            "cards": {ref: self.card(ref) for ref in pathway.credentials},
            "recognition_marks": [claim_mark(claim, self.catalog) for claim in self.catalog.recognized.recognized_by(pathway.ref, pathway.data)],
            "qualification_urls": [qualification_url(self._qualification_slugs[target["name"]]) for target in pathway.data["leads_to"]],
            "planner_data": pathway_planner(pathway, self.catalog, self._by_name),
            "edit_url": self._edit_url(pathway.source),
        }


def _script_json(value: JsonValue) -> Markup:
    """JSON for a `<script>` block; `script_json` escapes `<`, `>` and `&`, so it is safe unescaped."""
    return Markup(script_json(value))
