"""feed.json (JSON Feed 1.1) and feed.xml (Atom) of new and changed listings, newest first.

An item's date is the listing's dates.last_verified: the provider's own statement that the
listing is current, present in every checkout (git history is not: CI clones are shallow)
and unmoved by mass edits such as reformatting. The README explains the choice.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from credcat.catalog.documents import JsonObject
from credcat.catalog.model import Catalog, Credential
from credcat.catalog.urls import Links, credential_file
from credcat.exports.api import recent_refs

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
TITLE = "credcat: new and updated credentials"
DESCRIPTION = "Micro-credential listings, most recently verified first."


def timestamp(day: str) -> str:
    """A YYYY-MM-DD date as the RFC 3339 instant feeds want: midnight UTC."""
    return f"{day}T00:00:00Z"


def json_feed(catalog: Catalog, links: Links) -> JsonObject:
    """The JSON Feed 1.1 document; home_page_url and feed_url only when the site URL is known."""
    feed: JsonObject = {"version": JSON_FEED_VERSION, "title": TITLE}
    if links.site_url:
        feed["home_page_url"] = links.absolute("")
        feed["feed_url"] = links.absolute("feed.json")
    feed["description"] = DESCRIPTION
    feed["items"] = [_json_item(catalog.credentials[ref], catalog, links) for ref in recent_refs(catalog)]
    return feed


def atom_feed(catalog: Catalog, links: Links, built_at: str | None) -> bytes:
    """The Atom twin of the JSON Feed: same items, same order; escaping is ElementTree's."""
    ElementTree.register_namespace("", ATOM_NAMESPACE)
    feed = ElementTree.Element(_atom("feed"))
    _text(feed, "id", links.absolute("feed.xml"))
    _text(feed, "title", TITLE)
    _text(feed, "subtitle", DESCRIPTION)
    _text(feed, "updated", timestamp(built_at) if built_at else "1970-01-01T00:00:00Z")
    ElementTree.SubElement(feed, _atom("link"), rel="self", href=links.absolute("feed.xml"))
    ElementTree.SubElement(feed, _atom("link"), rel="alternate", href=links.absolute(""))
    for ref in recent_refs(catalog):
        credential = catalog.credentials[ref]
        entry = ElementTree.SubElement(feed, _atom("entry"))
        _text(entry, "id", links.credential_page(ref))
        _text(entry, "title", credential.name)
        _text(entry, "updated", timestamp(credential.data["dates"]["last_verified"]))
        author = ElementTree.SubElement(entry, _atom("author"))
        _text(author, "name", catalog.providers[credential.provider_id].name)
        ElementTree.SubElement(entry, _atom("link"), rel="alternate", href=links.credential_page(ref))
        _text(entry, "summary", credential.data["summary"])
        for keyword in credential.data.get("keywords", []):
            ElementTree.SubElement(entry, _atom("category"), term=keyword)
    document: bytes = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)  # typeshed: Any for an encoding
    return document + b"\n"


def _json_item(credential: Credential, catalog: Catalog, links: Links) -> JsonObject:
    data = credential.data
    provider = catalog.providers[credential.provider_id]
    item: JsonObject = {
        "id": links.credential_page(credential.ref),
        "url": links.credential_page(credential.ref),
        "external_url": data["url"],
        "title": credential.name,
        "content_text": data["summary"],
        "summary": data["summary"],
        "date_modified": timestamp(data["dates"]["last_verified"]),
        "authors": [{"name": provider.name, "url": provider.data["url"]}],
        "language": data["languages"][0],
        "_credcat": {"ref": credential.ref, "api_url": links.api(credential_file(credential.ref, ".json"))},
    }
    if data.get("keywords"):
        item["tags"] = list(data["keywords"])
    return item


def _atom(tag: str) -> str:
    return f"{{{ATOM_NAMESPACE}}}{tag}"


def _text(parent: ElementTree.Element, tag: str, text: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, _atom(tag))
    element.text = text
    return element
