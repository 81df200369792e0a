"""What changed for learners across the catalog: `api/v1/changes.json` and the `changes.json`
JSON Feed, newest first, from the repository's history (catalog/history.py).

Dates are the days the commits landed. A build without history writes both files with no
changes, and the API file says why (`history.missing`).
"""

from __future__ import annotations

from pathlib import Path

from credcat.catalog.documents import JsonObject, JsonValue
from credcat.catalog.history import History, ListingChange
from credcat.catalog.model import Catalog
from credcat.catalog.urls import API_ROOT, Links, credential_file
from credcat.exports.api import API_VERSION, FORMATS, build_time, encode
from credcat.exports.syndication import JSON_FEED_VERSION, timestamp
from credcat.files import write_file

API_FILE = "changes.json"
FEED_FILE = "changes.json"
FEED_TITLE = "credcat: what changed for learners"


def changes_document(history: History, catalog: Catalog, links: Links) -> JsonObject:
    """api/v1/changes.json: the latest changes, each with its listing, day, commit and fields."""
    return {
        "api_version": API_VERSION,
        "built_at": build_time(catalog),
        "history": {"available": history.available, "missing": history.missing or None},
        "count": len(history.latest),
        "changes": [_change(change, catalog, links) for change in history.latest],
    }


def changes_feed(history: History, catalog: Catalog, links: Links) -> JsonObject:
    """The same changes as a JSON Feed 1.1, one item per listing change, for feed readers."""
    feed: JsonObject = {"version": JSON_FEED_VERSION, "title": FEED_TITLE}
    if links.site_url:
        feed["home_page_url"] = links.absolute("")
        feed["feed_url"] = links.absolute(FEED_FILE)
    feed["items"] = [
        {
            "id": f"{change.commit}/{change.ref}",
            "url": links.credential_page(change.ref),
            "title": f"{catalog.credentials[change.ref].name}: {_headline(change)}",
            "content_text": _description(change),
            "date_published": timestamp(change.date),
        }
        for change in history.latest
    ]
    return feed


def write_changes(history: History, catalog: Catalog, site_dir: Path, site_url: str) -> None:
    """Write api/v1/changes.json and the changes.json feed under `site_dir`."""
    links = Links(site_url)
    write_file(site_dir / API_ROOT / API_FILE, encode(changes_document(history, catalog, links)) + "\n")
    write_file(site_dir / FEED_FILE, encode(changes_feed(history, catalog, links)) + "\n")


def _change(change: ListingChange, catalog: Catalog, links: Links) -> JsonObject:
    fields: list[JsonValue] = [
        {"field": field.path, "label": field.label, "before": field.before, "after": field.after} for field in change.fields
    ]
    return {
        "ref": change.ref,
        "name": catalog.credentials[change.ref].name,
        "date": change.date,
        "commit": change.commit,
        "kind": change.kind,
        "fields": fields,
        "page_url": links.credential_page(change.ref),
        "api_url": links.api(credential_file(change.ref, FORMATS["listing"])),
    }


def _headline(change: ListingChange) -> str:
    if change.kind == "listed":
        return "listed"
    return ", ".join(dict.fromkeys(field.label.split(" (")[0].lower() for field in change.fields)) + " changed"


def _description(change: ListingChange) -> str:
    if change.kind == "listed":
        return "Listed in the catalog."
    return "\n".join(f"{field.label}: {field.before or '(none)'} → {field.after or '(none)'}" for field in change.fields)
