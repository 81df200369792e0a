"""Helpers the feed tests share: the sample catalog as a model, feed schemas, synthetic listings.

The sample catalog is validated once per session; synthetic catalogs are built straight from
model dataclasses so that size tests need no YAML on disk.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from credcat.catalog.model import Catalog, Credential, Provider, build_catalog
from credcat.check.validate import validate_catalog
from support import REPO

SCHEMA_DIR = REPO / "schema"
FEED_SCHEMA_DIR = SCHEMA_DIR / "feeds"
SITE_URL = "https://catalog.example/"


@cache
def sample_catalog() -> Catalog:
    """The model of catalog/ (the repository's sample catalog)."""
    return build_catalog(validate_catalog(REPO / "catalog"))


def closed(schema: Any) -> Any:
    """A copy of a feed schema where every declared object refuses undeclared fields.

    The published schemas stay open (v1 only grows, so old copies must accept new fields);
    the tests close them so that every field the feeds write is documented.
    """
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: (value if key in ("allOf", "if", "then", "else") else closed(value)) for key, value in schema.items()}
    if "properties" in result and "required" in result and "additionalProperties" not in result:
        result["additionalProperties"] = False
    return result


@cache
def feed_registry() -> Registry:
    """Every feed schema (closed) and the listing contract schemas, by $id."""
    registry = Registry()
    for path in sorted(FEED_SCHEMA_DIR.glob("*.schema.json")):
        schema = closed(json.loads(path.read_text(encoding="utf-8")))
        registry = registry.with_resource(schema["$id"], DRAFT202012.create_resource(schema))
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(schema["$id"], DRAFT202012.create_resource(schema))
    return registry


@cache
def feed_validator(name: str) -> Draft202012Validator:
    """A validator for one feed schema, e.g. "facet" for schema/feeds/facet.schema.json."""
    schema_id = json.loads((FEED_SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))["$id"]
    return Draft202012Validator({"$ref": schema_id}, registry=feed_registry(), format_checker=FormatChecker())


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
        by_industry=by_industry,
        by_subject=by_subject,
        by_level={},
        by_type={},
    )
