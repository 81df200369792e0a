"""Per-listing exports: OB3 Achievement (against 1EdTech's schema, offline), CTDL and schema.org,
each mapping values through the one vocabulary table (tests/catalog/test_vocabularies.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft201909Validator
from referencing import Registry
from referencing.jsonschema import DRAFT201909

from credcat.catalog import vocabularies
from credcat.catalog.model import Catalog
from credcat.exports.linked_data import schema_org
from support import STANDARDS

OB3_SCHEMA = json.loads((STANDARDS / "ob3p0-achievementcredential.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def site(feeds_of_sample: Callable[[str], Path]) -> Path:
    return feeds_of_sample("https://catalog.example/")


def export(site: Path, ref: str, suffix: str) -> dict[str, Any]:
    return json.loads((site / f"api/v1/credentials/{ref}{suffix}").read_text(encoding="utf-8"))


def achievement_validator() -> Draft201909Validator:
    registry = Registry().with_resource(OB3_SCHEMA["$id"], DRAFT201909.create_resource(OB3_SCHEMA))
    return Draft201909Validator({"$ref": OB3_SCHEMA["$id"] + "#/$defs/Achievement"}, registry=registry)


def test_every_achievement_validates_against_the_ob3_schema(site: Path, catalog: Catalog) -> None:
    validator = achievement_validator()
    for ref in catalog.credentials:
        errors = [f"{ref}: {error.json_path}: {error.message}" for error in validator.iter_errors(export(site, ref, ".ob3.json"))]
        assert errors == []


def test_ob3_validator_rejects_what_ob3_forbids(site: Path, catalog: Catalog) -> None:
    broken = export(site, next(iter(catalog.credentials)), ".ob3.json")
    del broken["criteria"]
    broken["achievementType"] = "Nanodegree"
    messages = sorted(error.message for error in achievement_validator().iter_errors(broken))
    assert messages == ["'Nanodegree' is not valid under any of the given schemas", "'criteria' is a required property"]


def test_achievement_carries_type_credits_alignment_field_and_language(site: Path, catalog: Catalog) -> None:
    for ref, credential in catalog.credentials.items():
        data = credential.data
        badge = export(site, ref, ".ob3.json")
        assert badge["id"] == f"https://catalog.example/api/v1/credentials/{ref}.ob3.json"
        assert badge["achievementType"] == vocabularies.lookup("credential_type", data["credential_type"]).ob3
        assert badge.get("creditsAvailable") == data["workload"].get("ects")
        assert badge["fieldOfStudy"] == catalog.subjects[data["subjects"][0]].name
        assert badge["inLanguage"] == data["languages"][0]
        assert [(a["targetName"], a["targetUrl"]) for a in badge.get("alignment", [])] == [
            (skill["name"], skill["esco"]) for skill in data.get("skills", []) if "esco" in skill
        ]
        assert all(f"- {outcome}" in badge["criteria"]["narrative"] for outcome in data["learning_outcomes"])
        assert badge["creator"]["name"] == catalog.providers[credential.provider_id].data["name"]


def test_some_sample_achievements_align_to_esco_and_offer_credits(site: Path, catalog: Catalog) -> None:
    badges = [export(site, ref, ".ob3.json") for ref in catalog.credentials]
    assert any("alignment" in badge for badge in badges)
    assert any("creditsAvailable" in badge for badge in badges)


def test_ctdl_description_uses_the_table_and_the_listing(site: Path, catalog: Catalog) -> None:
    for ref, credential in catalog.credentials.items():
        data = credential.data
        ctdl = export(site, ref, ".ctdl.jsonld")
        language = data["languages"][0]
        assert ctdl["@type"] == vocabularies.lookup("credential_type", data["credential_type"]).ctdl
        translations = data.get("translations", {})
        assert ctdl["ceterms:name"] == {language: data["name"]} | {
            tag: text["name"] for tag, text in translations.items() if "name" in text
        }
        assert ctdl["ceterms:description"] == {language: data["summary"]} | {
            tag: text["summary"] for tag, text in translations.items() if "summary" in text
        }
        assert ctdl["ceterms:subjectWebpage"] == data["url"]
        assert ctdl["ceterms:ownedBy"][0]["ceterms:name"] == {language: catalog.providers[credential.provider_id].name}
        assert [node["ceterms:targetNode"] for node in ctdl["ceterms:learningDeliveryType"]] == [
            vocabularies.lookup("delivery.mode", data["delivery"]["mode"]).ctdl
        ]
        assert ctdl["ceterms:estimatedDuration"][0].get("ceterms:exactDuration") == data["workload"].get("duration")
        if "amount" in data["cost"]:
            assert ctdl["ceterms:estimatedCost"][0]["ceterms:price"] == data["cost"]["amount"]
        quality = data["quality_assurance"]
        if quality["type"] == "accredited":
            assert [body["ceterms:name"][language] for body in ctdl["ceterms:accreditedBy"]] == [
                body["name"] for body in quality["bodies"]
            ]
        part_of = [node["ceterms:subjectWebpage"] for node in ctdl.get("ceterms:isPartOf", [])]
        assert part_of == [f"https://catalog.example/pathways/{pathway}/" for pathway in credential.pathways]


def test_sample_ctdl_covers_accreditation_and_pathways(site: Path, catalog: Catalog) -> None:
    descriptions = [export(site, ref, ".ctdl.jsonld") for ref in catalog.credentials]
    assert any("ceterms:accreditedBy" in description for description in descriptions)
    assert any("ceterms:isPartOf" in description for description in descriptions)


def test_schema_org_file_is_the_pages_json_ld(site: Path, catalog: Catalog) -> None:
    for ref, credential in catalog.credentials.items():
        page_url = f"https://catalog.example/credentials/{ref}/"
        document = export(site, ref, ".schema-org.jsonld")
        assert document == json.loads(json.dumps(schema_org(credential, catalog, page_url)))
        assert document["credentialCategory"] == vocabularies.lookup("credential_type", credential.data["credential_type"]).schema_org
