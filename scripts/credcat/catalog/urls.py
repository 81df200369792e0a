"""Where each public output lives on the site, as paths from the site root.

The page layout is the one in ARCHITECTURE.md ("Public outputs"); the api/v1 layout is the
embedders' contract. Links are absolute when the site URL is known, else relative to the site
root (where embed.js and feed.json live), so a client resolves them against either.
"""

from __future__ import annotations

from dataclasses import dataclass

API_ROOT = "api/v1/"
QUALIFICATIONS = "qualifications"
FACET_FOLDERS = {"industry": "industries", "subject": "subjects", "provider": "providers", "pathway": "pathways"}


@dataclass(frozen=True)
class Links:
    """Turns site-root paths into the links written into feeds."""

    site_url: str

    def absolute(self, path: str) -> str:
        """`path` under the site URL; the bare path when the site URL is empty."""
        if not self.site_url:
            return path
        return self.site_url.rstrip("/") + "/" + path

    def credential_page(self, ref: str) -> str:
        return self.absolute(credential_url(ref))

    def facet_page(self, kind: str, key: str) -> str:
        """The browse page of an industry, subject, provider or pathway (`key` is an id or a ref)."""
        return self.absolute(facet_url(kind, key))

    def api(self, path: str) -> str:
        return self.absolute(API_ROOT + path)


def credential_url(ref: str) -> str:
    """A listing's page: `credentials/<provider>/<id>/`."""
    return f"credentials/{ref}/"


def pathway_url(ref: str) -> str:
    """A pathway's page: `pathways/<provider>/<id>/`."""
    return facet_url("pathway", ref)


def recognition_url(ref: str) -> str:
    """A recognition's entry on its recognizer's provider page: `providers/<recognizer>/#recognition-<id>`."""
    recognizer, identifier = ref.split("/")
    return f"{facet_url('provider', recognizer)}#recognition-{identifier}"


def qualification_url(slug: str) -> str:
    """A qualification's page, every pathway and listing that leads there: `qualifications/<slug>/`."""
    return f"{QUALIFICATIONS}/{slug}/"


def facet_url(kind: str, key: str) -> str:
    """The browse page of an industry, subject, provider or pathway (`key` is an id or a ref)."""
    return f"{FACET_FOLDERS[kind]}/{key}/"


def credential_file(ref: str, suffix: str) -> str:
    """Path under api/v1/ of one listing's file: `.json`, `.ob3.json`, `.ctdl.jsonld`, `.schema-org.jsonld`, `.elm.jsonld`."""
    return f"credentials/{ref}{suffix}"


def facet_file(folder: str, key: str, page: int) -> str:
    """Path under api/v1/ of one page of a facet feed: page 1 is `<key>.json`, page n `<key>/page-n.json`."""
    return f"{folder}/{key}.json" if page == 1 else f"{folder}/{key}/page-{page}.json"


def facet_list_file(folder: str, page: int) -> str:
    """Path under api/v1/ of one page of a facet list or of credentials.json: page 1 is `<folder>.json`, page n
    `<folder>.page-n.json`."""
    return f"{folder}.json" if page == 1 else f"{folder}.page-{page}.json"
