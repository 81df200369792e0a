"""The post-build check catches a page that overwrote another: two generated pages with one
output path, or a listing's or pathway's page written away from the URL its links use.

The validator reserves the ids that would do this (tests/check/test_reserved.py), so these
catalogs are validated with that reservation taken out, as a catalog with schemas of its own
and an older credcat could be.
"""

from __future__ import annotations

import json
import shutil
from functools import partial
from pathlib import Path

import pytest

from credcat.catalog.model import build_catalog
from credcat.check.rules import identity
from credcat.check.validate import validate_catalog
from credcat.resources import SCHEMA_DIR
from credcat.site import plugin
from credcat.site.catalog_site import CatalogSite
from credcat.site.pages import SiteSettings
from credcat.site.plugin import SiteBuildFailed, build_site
from credcat.site.site_check import check_page_paths
from support import REPO, TODAY

ACME = "providers/acme-academy"


@pytest.fixture
def unreserved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Schemas and rules that reserve no id; returns the schema folder."""
    schemas = tmp_path / "schemas"
    shutil.copytree(SCHEMA_DIR, schemas)
    for kind in ("provider", "credential", "pathway"):
        path = schemas / f"{kind}.schema.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        del schema["properties"]["id"]["not"]
        path.write_text(json.dumps(schema), encoding="utf-8")
    monkeypatch.setattr(identity, "RESERVED_IDS", frozenset())
    return schemas


def rename(catalog: Path, old: str, new: str, *, provider: bool) -> None:
    """Give the base catalog's provider (or its one listing) another id."""
    if provider:
        (catalog / ACME).rename(catalog / "providers" / new)
        files = [catalog / "providers" / new / "provider.yml"]
    else:
        listing = catalog / ACME / "credentials" / f"{old}.yml"
        files = [listing.rename(listing.with_name(f"{new}.yml"))]
    for file in files:
        file.write_text(file.read_text(encoding="utf-8").replace(f"id: {old}", f"id: {new}"), encoding="utf-8")


def site_of(catalog: Path, schemas: Path) -> CatalogSite:
    report = validate_catalog(catalog, today=TODAY, schema_dir=schemas)
    return CatalogSite(build_catalog(report), SiteSettings(today=TODAY, today_source=""))


def test_a_provider_index_overwrites_the_providers_page(base_catalog: Path, unreserved: Path) -> None:
    rename(base_catalog, "acme-academy", "index", provider=True)
    assert check_page_paths(site_of(base_catalog, unreserved)) == [
        "providers/: 2 generated pages are written here (Providers, Acme Academy): one overwrites the other"
    ]


def test_a_credential_index_is_written_away_from_its_url(base_catalog: Path, unreserved: Path) -> None:
    rename(base_catalog, "spreadsheet-basics", "index", provider=False)
    assert check_page_paths(site_of(base_catalog, unreserved)) == [
        "acme-academy/index: its page is written at credentials/acme-academy/, but links to it point to"
        " credentials/acme-academy/index/"
    ]


def test_the_sample_catalog_has_one_page_per_path() -> None:
    assert check_page_paths(site_of(REPO / "catalog", SCHEMA_DIR)) == []


@pytest.mark.slow
def test_the_build_fails_when_a_provider_index_overwrites_the_providers_page(
    base_catalog: Path, unreserved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    rename(base_catalog, "acme-academy", "index", provider=True)
    monkeypatch.setattr(plugin, "validate_catalog", partial(validate_catalog, schema_dir=unreserved))
    with pytest.raises(SiteBuildFailed):
        build_site(REPO / "mkdocs.yml", catalog=base_catalog, site_dir=tmp_path / "site")
    assert "providers/: 2 generated pages are written here (Providers, Acme Academy): one overwrites the other" in caplog.text
