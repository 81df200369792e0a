"""Catalogs to test on: the small base catalog of the examples, the repository's sample catalog
as a model (validated once per session), and synthetic models of any size, built straight from
model dataclasses so that size tests need no YAML on disk."""

from __future__ import annotations

import copy
import shutil
from functools import cache
from pathlib import Path

from credcat.catalog.model import Catalog, Credential, Provider, build_catalog
from credcat.check.validate import validate_catalog
from support import EXAMPLES, REPO


def copy_base_catalog(target: Path) -> Path:
    """Copy tests/examples/base plus the real taxonomy to `target`, a catalog folder."""
    shutil.copytree(EXAMPLES / "base", target)
    shutil.copytree(REPO / "catalog" / "taxonomy", target / "taxonomy")
    return target


@cache
def sample_catalog() -> Catalog:
    """The model of catalog/ (the repository's sample catalog)."""
    return build_catalog(validate_catalog(REPO / "catalog"))


def synthetic_catalog(count: int, industry: str = "construction", providers: int = 1) -> Catalog:
    """`count` copies of one sample listing, all in `industry`, spread over `providers` providers."""
    sample = sample_catalog()
    template = next(iter(sample.credentials.values()))
    template_provider = sample.providers[template.provider_id]
    provider_ids = [f"provider-{number:05d}" for number in range(providers)]
    credentials = {}
    for number in range(count):
        provider_id = provider_ids[number % providers]
        credential_id = f"listing-{number:06d}"
        data = copy.deepcopy(dict(template.data))
        data.update(id=credential_id, name=f"Listing {number:06d} in {industry}", industries=[industry])
        ref = f"{provider_id}/{credential_id}"
        credentials[ref] = Credential(ref, credential_id, provider_id, data, f"providers/{ref}.yml", (), ())
    credentials = dict(sorted(credentials.items()))
    members: dict[str, list[str]] = {provider_id: [] for provider_id in provider_ids}
    for ref in credentials:
        members[ref.split("/")[0]].append(ref)
    provider_map = {
        provider_id: Provider(
            provider_id,
            {**template_provider.data, "id": provider_id, "name": f"Provider {provider_id}"},
            f"providers/{provider_id}/provider.yml",
            tuple(members[provider_id]),
            (),
        )
        for provider_id in provider_ids
    }
    by_industry = {term_id: () for term_id in sample.industries}
    by_industry[industry] = tuple(credentials)
    by_subject: dict[str, tuple[str, ...]] = {term_id: () for term_id in sample.subjects}
    for term_id in template.data["subjects"]:
        for target in (term_id, *sample.subjects[term_id].ancestors):
            by_subject[target] = tuple(credentials)
    return Catalog(
        providers=provider_map,
        credentials=credentials,
        pathways={},
        industries=sample.industries,
        subjects=sample.subjects,
        occupations=sample.occupations,
        by_industry=by_industry,
        by_subject=by_subject,
        by_level={},
        by_type={},
    )
