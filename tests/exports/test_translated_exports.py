"""A listing's translations in what other sites read: CTDL language maps, schema.org alternate
names, the cards of the facet feeds, and the schema reference; translated text stays text
however hostile it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from credcat.catalog.model import Catalog, build_catalog
from credcat.catalog.translations import language_map, translated_names
from credcat.catalog.urls import Links
from credcat.check.validate import validate_catalog
from credcat.exports.api import card
from credcat.exports.feeds import write_listing_exports
from credcat.exports.linked_data import schema_org
from credcat.site.schema_reference import schema_sections
from support import REPO
from support.catalogs import sample_catalog
from support.hostile import REF, TRANSLATED_NAME, TRANSLATED_SUMMARY, make_hostile_catalog

WELDING = "institut-metiers-rhone/soudage-tig-iso-9606"
WELDING_EN = "TIG welder qualification for steel to EN ISO 9606-1"


@pytest.fixture(scope="module")
def hostile_catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    folder = tmp_path_factory.mktemp("hostile")
    return build_catalog(validate_catalog(make_hostile_catalog(REPO / "catalog", folder / "catalog")))


def test_language_maps_put_the_listing_s_own_text_first() -> None:
    data = sample_catalog().credentials[WELDING].data
    names = language_map(data, "name")
    assert list(names) == ["fr", "en"]
    assert names == {"fr": data["name"], "en": WELDING_EN}
    assert translated_names(data) == [("en", WELDING_EN)]


def test_a_translation_into_the_own_language_never_replaces_the_listing_s_text() -> None:
    data = dict(sample_catalog().credentials[WELDING].data)
    data["translations"] = {"fr": {"name": "Autre nom"}, "en": {"summary": "An English summary only."}}
    assert language_map(data, "name") == {"fr": data["name"]}  # type: ignore[arg-type]
    assert language_map(data, "summary") == {"fr": data["summary"], "en": "An English summary only."}  # type: ignore[arg-type]


def test_ctdl_and_schema_org_carry_hostile_translations_as_written(hostile_catalog: Catalog, tmp_path: Path) -> None:
    write_listing_exports(hostile_catalog, tmp_path, "", [REF])
    ctdl = json.loads((tmp_path / f"api/v1/credentials/{REF}.ctdl.jsonld").read_text("utf-8"))
    assert ctdl["ceterms:name"]["de"] == TRANSLATED_NAME
    assert ctdl["ceterms:description"]["de"] == TRANSLATED_SUMMARY
    described = schema_org(hostile_catalog.credentials[REF], hostile_catalog, "https://catalog.example/x/")
    assert described["alternateName"] == [TRANSLATED_NAME]


def test_feed_cards_carry_translations_only_where_given(hostile_catalog: Catalog) -> None:
    links = Links("https://catalog.example")
    assert card(hostile_catalog.credentials[REF], hostile_catalog, links)["translations"] == {
        "de": {"name": TRANSLATED_NAME, "summary": TRANSLATED_SUMMARY}
    }
    plain = next(ref for ref, credential in hostile_catalog.credentials.items() if "translations" not in credential.data)
    assert "translations" not in card(hostile_catalog.credentials[plain], hostile_catalog, links)


def test_the_schema_reference_shows_the_fields_of_a_translation() -> None:
    [credential] = [section for section in schema_sections() if section.name == "credential"]
    rows = {row.path: row for row in credential.rows}
    assert rows["translations"].type == "map of text keys to mapping"
    assert rows["translations.<key>.name"].example == "TIG welding to ISO 9606-1"
    assert "translations.<key>.summary" in rows
