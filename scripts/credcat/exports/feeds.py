"""Write every machine-readable output of a built site: the api/v1 JSON API, feeds, CSV, widget.

`write_feeds` writes them all from the Catalog alone. A site build calls its two parts:
`write_catalog_feeds` once, and `write_listing_exports` for chunks of listings in whichever
process has time. Output is deterministic: the build time is the catalog's newest
last_verified date, lists are sorted, and the same catalog always gives the same bytes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from credcat.catalog.documents import JsonObject
from credcat.catalog.history import History
from credcat.catalog.model import Catalog
from credcat.catalog.urls import API_ROOT, Links, credential_file
from credcat.exports.api import (
    FORMATS,
    NDJSON_FILE,
    build_time,
    card,
    credentials_pages,
    encode,
    facet_entry,
    facet_list_pages,
    facet_pages,
    facets,
    index_document,
    listing_document,
    ndjson_line,
    recent_document,
)
from credcat.exports.changes import write_changes
from credcat.exports.ctdl import ctdl_description
from credcat.exports.elm import learning_opportunity
from credcat.exports.linked_data import schema_org
from credcat.exports.open_badges import achievement
from credcat.exports.spreadsheet import catalog_csv
from credcat.exports.syndication import atom_feed, json_feed
from credcat.files import write_file, write_lines
from credcat.resources import FEED_SCHEMA_DIR, SCHEMA_DIR, THEME_DIR

EMBED_SCRIPT = THEME_DIR / "embed.js"
EMBED_PAGE = THEME_DIR / "embed-page.html"
API_PAGE = THEME_DIR / "api-page.html"
LISTING_SCHEMAS = ("credential", "provider", "pathway", "taxonomy")


def write_feeds(catalog: Catalog, site_dir: Path, site_url: str) -> None:
    """Write api/v1/, feed.json, feed.xml, catalog.csv, embed.js and embed/ under `site_dir`."""
    write_catalog_feeds(catalog, site_dir, site_url)
    write_listing_exports(catalog, site_dir, site_url, catalog.credentials)


def write_listing_exports(catalog: Catalog, site_dir: Path, site_url: str, refs: Iterable[str]) -> None:
    """Each listing of `refs` in the other standards' formats: Open Badges 3.0, CTDL, schema.org, ELM.
    Listings are independent, so a site build shares them out between its processes."""
    links = Links(site_url)
    api_dir = site_dir / API_ROOT
    made: set[str] = set()
    for ref in refs:
        credential = catalog.credentials[ref]
        exports = {
            "open_badges_3": achievement(credential, catalog, links.api(credential_file(ref, FORMATS["open_badges_3"]))),
            "ctdl": ctdl_description(credential, catalog, links, links.api(credential_file(ref, FORMATS["ctdl"]))),
            "schema_org": schema_org(credential, catalog, links.credential_page(ref)),
            "elm": learning_opportunity(credential, catalog, links, links.api(credential_file(ref, FORMATS["elm"]))),
        }
        for name, document in exports.items():
            _write(f"{api_dir}/{credential_file(ref, FORMATS[name])}", encode(document), made)


def write_catalog_feeds(catalog: Catalog, site_dir: Path, site_url: str, history: History | None = None) -> None:
    """Everything but the exports: each listing's JSON with credentials.json (in pages) and
    credentials.ndjson, recent.json, the facet feeds and lists, index.json and the page at
    api/v1/, the JSON and Atom feeds, the changes from `history` (none, saying so, when it
    was not read), the CSV and the widget."""
    links = Links(site_url)
    api_dir = site_dir / API_ROOT
    built_at = build_time(catalog)
    made: set[str] = set()

    cards = {ref: encode(card(credential, catalog, links)) for ref, credential in catalog.credentials.items()}
    listings = []
    for ref, credential in catalog.credentials.items():
        listing = encode(listing_document(credential, catalog, links))
        listings.append(listing)
        _write(f"{api_dir}/{credential_file(ref, FORMATS['listing'])}", listing, made)
    for path, text in credentials_pages(listings, built_at, links):
        _write(api_dir / path, text)
    write_lines(api_dir / NDJSON_FILE, map(ndjson_line, listings))
    _write(api_dir / "recent.json", recent_document(catalog, cards, built_at))

    entries: dict[str, list[JsonObject]] = {"industry": [], "subject": [], "provider": [], "pathway": []}
    for facet in facets(catalog, links):
        entries[facet.kind].append(facet_entry(facet, links))
        for path, text in facet_pages(facet, cards, links):
            _write(f"{api_dir}/{path}", text, made)
    for kind, kind_entries in entries.items():
        for path, text in facet_list_pages(kind, kind_entries, links):
            _write(f"{api_dir}/{path}", text, made)

    schema_names = _copy_schemas(api_dir / "schema")
    _write(api_dir / "index.json", encode(index_document(catalog, links, built_at, schema_names)))
    shutil.copyfile(API_PAGE, api_dir / "index.html")
    _write(site_dir / "feed.json", encode(json_feed(catalog, links)))
    write_changes(history or History(missing="this build did not read the repository's history"), catalog, site_dir, site_url)
    write_file(site_dir / "feed.xml", atom_feed(catalog, links, built_at))
    write_file(site_dir / "catalog.csv", "\ufeff" + catalog_csv(catalog, links))  # a BOM, for spreadsheets
    shutil.copyfile(EMBED_SCRIPT, site_dir / "embed.js")
    (site_dir / "embed").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(EMBED_PAGE, site_dir / "embed" / "index.html")


def _copy_schemas(target: Path) -> list[str]:
    """Copy the feed schemas and the listing contract they refer to; returns their names, sorted."""
    target.mkdir(parents=True, exist_ok=True)
    sources = sorted(FEED_SCHEMA_DIR.glob("*.schema.json")) + [SCHEMA_DIR / f"{name}.schema.json" for name in LISTING_SCHEMAS]
    for source in sources:
        shutil.copyfile(source, target / source.name)
    return sorted(source.name.removesuffix(".schema.json") for source in sources)


def _write(path: str | Path, text: str, made: set[str] | None = None) -> None:
    """An API or feed document: JSON text and a final line break."""
    write_file(path, text + "\n", made)
