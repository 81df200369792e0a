"""The catalog as the rest of the flow sees it: resolved, indexed, read-only.

Built once from a validated catalog. Pages and feeds read only this: references are
resolved, pathway backlinks derived, and detailed subjects rolled up into their narrow and
broad fields. Every index is built in one pass over the listings (linear work).
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TypeVar, get_args

from credcat.catalog.costs import AllInCost, ExchangeRates, all_in_cost
from credcat.catalog.documents import Audience, CredentialDocument, CredentialType, OccupationEntry, PathwayDocument, ProviderDocument, TaxonomyEntry
from credcat.catalog.recognitions import Claim, Recognition, RecognitionIndex
from credcat.check.load import Document, LoadedCatalog
from credcat.check.validate import Report
from credcat.errors import CredcatError

AUDIENCES: tuple[Audience, ...] = get_args(Audience)
CREDENTIAL_TYPES: tuple[CredentialType, ...] = get_args(CredentialType)


class InvalidCatalog(CredcatError):
    """The catalog has errors; nothing may be built from it."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"the catalog has {len(report.errors)} error(s)")
        self.report = report


@dataclass(frozen=True)
class Term:
    """One taxonomy entry; `ancestors` runs from the parent up to the top level. `label` is
    what pages show: the name, followed by the code when another entry of the same taxonomy
    has that name too (ISCED-F's narrow field 084 and detailed field 0841 are both
    "Veterinary")."""

    id: str
    name: str
    description: str
    code: str
    parent: str | None
    ancestors: tuple[str, ...]
    children: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Provider:
    id: str
    data: ProviderDocument
    source: str
    credentials: tuple[str, ...]
    pathways: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.data["name"]


@dataclass(frozen=True)
class Credential:
    """A listing; `pathways` are the pathways that name it in a step (derived, never written)."""

    ref: str
    id: str
    provider_id: str
    data: CredentialDocument
    source: str
    pathways: tuple[str, ...]
    required_by: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def last_verified(self) -> date:
        return date.fromisoformat(self.data["dates"]["last_verified"])


@dataclass(frozen=True)
class Pathway:
    ref: str
    id: str
    provider_id: str
    data: PathwayDocument
    source: str
    credentials: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.data["name"]


@dataclass(frozen=True)
class Catalog:
    """Everything the site and the feeds are made from, keyed and sorted for stable output."""

    providers: Mapping[str, Provider]
    credentials: Mapping[str, Credential]
    pathways: Mapping[str, Pathway]
    industries: Mapping[str, Term]
    subjects: Mapping[str, Term]
    occupations: Mapping[str, Term]
    """ISCO-08 groups by code (a Term's id is its code); catalog.occupations reads a listing's."""
    by_industry: Mapping[str, tuple[str, ...]]
    by_subject: Mapping[str, tuple[str, ...]]
    by_level: Mapping[str, tuple[str, ...]]
    by_type: Mapping[str, tuple[str, ...]]
    recognized: RecognitionIndex = field(default_factory=lambda: RecognitionIndex.of((), None))
    """The recognitions, and which claims they confirm (recognitions.py)."""
    exchange_rates: ExchangeRates | None = None
    """catalog/exchange-rates.yml when the catalog has one: comparable amounts come from it."""

    @cached_property
    def costs(self) -> Mapping[str, AllInCost]:
        """Each listing's all-in cost and comparable amount (costs.py), worked out once."""
        return {ref: all_in_cost(credential.data, self.exchange_rates) for ref, credential in self.credentials.items()}

    @property
    def last_verified(self) -> date | None:
        """The newest verification date: the catalog's own notion of 'now' for stable builds."""
        return max((credential.last_verified for credential in self.credentials.values()), default=None)

    def counts_toward_claims(self, credential: Credential) -> list[Claim]:
        """A listing's claims to count toward something, each confirmed or claimed (recognitions.py)."""
        data = credential.data
        names = {
            target["credential"]: self.credentials[target["credential"]].name
            for target in data.get("stackability", {}).get("counts_toward", [])
            if "credential" in target
        }
        return self.recognized.counts_toward(credential.ref, data, names)


def build_catalog(report: Report) -> Catalog:
    """The model of a validated catalog; raises InvalidCatalog when the report has errors."""
    if report.errors:
        raise InvalidCatalog(report)
    loaded = report.catalog
    if loaded is None:
        raise ValueError("the report was made with jobs > 1 and keeps no documents; validate with jobs=1 to build")
    industries = _terms(loaded.taxonomies["industries"].data)
    subjects = _terms(loaded.taxonomies["subjects"].data)
    occupations = _terms(_keyed_by_code(loaded.taxonomies["occupations"].data))

    pathways_of: dict[str, list[str]] = defaultdict(list)
    for ref in sorted(loaded.pathways):
        for step in loaded.pathways[ref].data["steps"]:
            for member in step["credentials"]:
                if ref not in pathways_of[member]:
                    pathways_of[member].append(ref)
    required_by: dict[str, list[str]] = defaultdict(list)
    for ref in sorted(loaded.credentials):
        for target in loaded.credentials[ref].data.get("prerequisites", {}).get("credentials", []):
            required_by[target].append(ref)

    credentials = {
        ref: Credential(
            ref=ref,
            id=ref.split("/")[1],
            provider_id=ref.split("/")[0],
            data=loaded.credentials[ref].data,
            source=_source(loaded, loaded.credentials[ref]),
            pathways=tuple(pathways_of.get(ref, ())),
            required_by=tuple(required_by.get(ref, ())),
        )
        for ref in sorted(loaded.credentials)
    }
    pathways = {
        ref: Pathway(
            ref=ref,
            id=ref.split("/")[1],
            provider_id=ref.split("/")[0],
            data=loaded.pathways[ref].data,
            source=_source(loaded, loaded.pathways[ref]),
            credentials=tuple(dict.fromkeys(m for step in loaded.pathways[ref].data["steps"] for m in step["credentials"])),
        )
        for ref in sorted(loaded.pathways)
    }
    credentials_of = _group(credentials.values(), loaded.providers, lambda c: [c.provider_id])
    pathways_of_provider = _group(pathways.values(), loaded.providers, lambda p: [p.provider_id])
    providers = {
        provider_id: Provider(
            id=provider_id,
            data=loaded.providers[provider_id].data,
            source=_source(loaded, loaded.providers[provider_id]),
            credentials=credentials_of[provider_id],
            pathways=pathways_of_provider[provider_id],
        )
        for provider_id in sorted(loaded.providers)
    }

    by_industry = _index(credentials.values(), industries, lambda c: c.data["industries"])
    by_subject = _index(credentials.values(), subjects, lambda c: c.data["subjects"])
    by_level = _group(credentials.values(), AUDIENCES, lambda c: [c.data["level"]["audience"]])
    by_type = _group(credentials.values(), CREDENTIAL_TYPES, lambda c: [c.data["credential_type"]])
    newest = max((credential.last_verified for credential in credentials.values()), default=None)
    recognitions = (
        Recognition(ref, ref.split("/")[1], ref.split("/")[0], document.data, _source(loaded, document))
        for ref, document in loaded.recognitions.items()
    )
    return Catalog(providers, credentials, pathways, industries, subjects, occupations, by_industry, by_subject, by_level, by_type,
                   RecognitionIndex.of(recognitions, newest),
                   exchange_rates=ExchangeRates.from_document(loaded.exchange_rates.data) if loaded.exchange_rates else None)


def _source(loaded: LoadedCatalog, document: Document) -> str:
    """The document's path below the catalog root, `providers/<p>/credentials/<id>.yml` (text
    operations: pathlib's would cost a quarter of a second at 10,000 listings)."""
    root = str(loaded.root).rstrip(os.sep) + os.sep
    path = str(document.path)
    return (path[len(root):] if path.startswith(root) else document.path.relative_to(loaded.root).as_posix()).replace(os.sep, "/")


def _terms(entries: list[TaxonomyEntry]) -> dict[str, Term]:
    parent_of = {entry["id"]: entry.get("parent") for entry in entries}
    children: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        if entry.get("parent"):
            children[entry["parent"]].append(entry["id"])
    named = Counter(entry["name"] for entry in entries)
    terms: dict[str, Term] = {}
    for entry in entries:
        ancestors: list[str] = []
        parent = entry.get("parent")
        while parent is not None and parent not in ancestors:
            ancestors.append(parent)
            parent = parent_of.get(parent)
        terms[entry["id"]] = Term(
            entry["id"],
            entry["name"],
            entry["description"],
            entry["code"],
            entry.get("parent"),
            tuple(ancestors),
            tuple(children.get(entry["id"], ())),
            f"{entry['name']} ({entry['code']})" if named[entry["name"]] > 1 else entry["name"],
        )
    return terms


def _keyed_by_code(entries: list[OccupationEntry]) -> list[TaxonomyEntry]:
    """ISCO-08 groups as taxonomy entries whose id is the code (they have no description)."""
    found = []
    for entry in entries:
        term = TaxonomyEntry(id=entry["code"], name=entry["name"], description="", code=entry["code"])
        if "parent" in entry:
            term["parent"] = entry["parent"]
        found.append(term)
    return found


def _index(credentials: Iterable[Credential], terms: Mapping[str, Term], tags: Callable[[Credential], Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Listings per term, each listing also filed under every ancestor of its terms."""
    members: dict[str, dict[str, None]] = {term_id: {} for term_id in terms}
    for credential in credentials:
        for term_id in tags(credential):
            for target in (term_id, *terms[term_id].ancestors):
                members[target][credential.ref] = None
    return {term_id: tuple(sorted(refs)) for term_id, refs in members.items()}


_Listed = TypeVar("_Listed", Credential, Pathway)


def _group(items: Iterable[_Listed], keys: Iterable[str], tags: Callable[[_Listed], Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Refs per key, in the order the items come (sorted by ref)."""
    members: dict[str, list[str]] = {key: [] for key in sorted(keys)}
    for item in items:
        for key in tags(item):
            members[key].append(item.ref)
    return {key: tuple(refs) for key, refs in members.items()}
