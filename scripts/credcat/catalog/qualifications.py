"""Qualifications: every destination a pathway leads to (`leads_to[].name`) or a listing counts
toward (`stackability.counts_toward`: a name, or a listed credential's name), with every pathway
and listing that leads there. Each gets a page (`urls.qualification_url`); a destination is
known by its name, so two spellings are two qualifications.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from credcat.catalog.model import Catalog
from credcat.catalog.recognitions import Claim

SLUG_LENGTH = 64


@dataclass(frozen=True)
class Toward:
    """A listing that claims to count toward a qualification, with its claim resolved."""

    ref: str
    credits: float | None
    claim: Claim

    @property
    def confirmed_credits(self) -> float | None:
        """The credits the recognizer confirms, when the recognition says; else None."""
        if self.claim.recognition is None:
            return None
        return self.claim.recognition.data.get("credits")


@dataclass(frozen=True)
class Qualification:
    """A destination: its name, the pathways leading there, the listings counting toward it."""

    slug: str
    name: str
    pathways: tuple[str, ...]
    listings: tuple[Toward, ...]


def slug_of(name: str) -> str:
    """A URL-safe form of a name: ASCII letters and digits joined by single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:SLUG_LENGTH].strip("-")
    return slug or "qualification"


def qualifications_of(catalog: Catalog) -> dict[str, Qualification]:
    """Every qualification by slug, in one pass over pathways and listings; names that share a
    slug get -2, -3 ... in name order, so the same catalog always gives the same URLs (and none
    is `index`, the page listing them all)."""
    pathways: dict[str, list[str]] = defaultdict(list)
    listings: dict[str, list[Toward]] = defaultdict(list)
    for ref, pathway in catalog.pathways.items():
        for target in pathway.data["leads_to"]:
            if ref not in pathways[target["name"]]:
                pathways[target["name"]].append(ref)
    for ref, credential in catalog.credentials.items():
        targets = credential.data.get("stackability", {}).get("counts_toward", [])
        for toward, claim in zip(targets, catalog.counts_toward_claims(credential), strict=True):
            linked = toward.get("credential")
            name = catalog.credentials[linked].name if linked else toward.get("name", "")
            listings[name].append(Toward(ref, toward.get("credits"), claim))
    found: dict[str, Qualification] = {}
    for name in sorted(set(pathways) | set(listings)):
        slug = base = slug_of(name)
        number = 1
        while slug in found or slug == "index":
            number += 1
            slug = f"{base}-{number}"
        found[slug] = Qualification(slug, name, tuple(pathways.get(name, ())), tuple(listings.get(name, ())))
    return found


def slugs_by_name(qualifications: dict[str, Qualification]) -> dict[str, str]:
    """Each qualification's slug by its name, to link a destination to its page."""
    return {qualification.name: slug for slug, qualification in qualifications.items()}
