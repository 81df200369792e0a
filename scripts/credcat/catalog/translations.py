"""A listing's name and summary in every language it gives them: its own text under its first
language, then its `translations`. CTDL and ELM language maps, the site's cards and pages and
the search index all read them here."""

from __future__ import annotations

from typing import Literal

from credcat.catalog.documents import CredentialDocument


def language_map(data: CredentialDocument, field: Literal["name", "summary"]) -> dict[str, str]:
    """`{"fr": "Qualification de soudeur TIG...", "en": "TIG welder qualification..."}`: the
    listing's own text first, then each translation that gives `field`, in the file's order. A
    translation into the listing's own language (which validation warns about) never replaces
    the listing's own text."""
    found = {data["languages"][0]: data[field]}
    for tag, translation in data.get("translations", {}).items():
        if field in translation:
            found.setdefault(tag, translation[field])
    return found


def translated_names(data: CredentialDocument) -> list[tuple[str, str]]:
    """The translated names as (BCP 47 tag, name), in the file's order, without the listing's own."""
    return list(language_map(data, "name").items())[1:]
