"""The ELM 3 export (`.elm.jsonld`): every sample listing against the LOQ profile's SHACL shapes
and the EU vocabularies (tests/standards/elm3-loq-profile.json, offline), then field by field.

`profile_problems` reads a document the way a JSON-LD processor would with the published EDC
context and the document's own additions: each key becomes a property IRI, each `type` a
class, and each node is checked against its class's shape: required properties (minCount),
at most maxCount values, nothing outside a closed shape, and each value's class or datatype.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pycountry
import pytest

from credcat.catalog.costs import PART_LABELS
from credcat.catalog.model import Catalog, build_catalog
from credcat.check.validate import validate_catalog
from credcat.exports.elm import hours_duration, xsd_duration
from credcat.exports.feeds import write_listing_exports
from support import REPO, STANDARDS
from support.hostile import NAME, OUTCOME, PREREQUISITE, PROVIDER_NAME, REF, SUMMARY, TRANSLATED_NAME, TRANSLATED_SUMMARY, make_hostile_catalog

PROFILE = json.loads((STANDARDS / "elm3-loq-profile.json").read_text("utf-8"))
SHAPES: dict[str, Any] = PROFILE["shapes"]
PREFIXES: dict[str, str] = PROFILE["context"]["prefixes"]
TERMS: dict[str, dict[str, str]] = PROFILE["context"]["terms"]
VOCABULARIES = {entry["prefix"]: set(entry["codes"]) for entry in PROFILE["vocabularies"].values()}
ELM = PREFIXES["elm"]
LANG_STRING = PREFIXES["rdf"] + "langString"
XSD_STRING = PREFIXES["xsd"] + "string"
SCHEMES_WITHOUT_SHAPE = {PREFIXES["skos"] + "ConceptScheme"}


@pytest.fixture(scope="module")
def site(feeds_of_sample: Callable[[str], Path]) -> Path:
    return feeds_of_sample("https://catalog.example/")


def elm(site: Path, ref: str) -> dict[str, Any]:
    return json.loads((site / f"api/v1/credentials/{ref}.elm.jsonld").read_text(encoding="utf-8"))


def _expand(name: str, local: dict[str, Any]) -> dict[str, str] | None:
    """A key's definition: the document's own context first, then the EDC context, then a compact
    IRI; None for a key that JSON-LD would drop."""
    if name in local:
        definition = local[name]
        return {"id": _iri(definition["@id"]), "type": definition.get("@type", "")} if isinstance(definition, dict) else {"id": definition}
    if name in TERMS:
        return TERMS[name]
    prefix, colon, rest = name.partition(":")
    return {"id": PREFIXES[prefix] + rest} if colon and prefix in PREFIXES else None


def _iri(value: str) -> str:
    prefix, _, rest = value.partition(":")
    return PREFIXES[prefix] + rest if prefix in PREFIXES else value


def profile_problems(document: dict[str, Any]) -> list[str]:
    """Every way `document` breaks the LOQ shapes, as `path: problem` lines."""
    assert document["@context"][0] == "http://data.europa.eu/snb/model/context/edc-ap"
    local = document["@context"][1]
    assert local.get("id") == "@id" and local.get("type") == "@type"
    check = ProfileCheck(local)
    check.node(document, "$")
    return check.problems


class ProfileCheck:
    """Checks nodes against their classes' shapes, collecting problems."""

    def __init__(self, local: dict[str, Any]) -> None:
        self.local = local
        self.problems: list[str] = []

    def node(self, node: dict[str, Any], path: str) -> str:
        """Check one node and what it holds; returns its class IRI."""
        kind = (_expand(node["type"], self.local) or {"id": node["type"]})["id"]
        if kind in SCHEMES_WITHOUT_SHAPE:
            return kind
        if kind not in SHAPES:
            self.problems.append(f"{path}: no LOQ shape for {kind}")
            return kind
        shape = SHAPES[kind]
        present: dict[str, int] = {}
        for key, value in node.items():
            if key in ("@context", "id", "type"):
                continue
            term = _expand(key, self.local)
            if term is None:
                self.problems.append(f"{path}.{key}: not a term of the context, so JSON-LD drops it")
            else:
                present[term["id"]] = self.values(shape, kind, term, value, f"{path}.{key}")
        for prop_iri, prop in shape["properties"].items():
            if present.get(prop_iri, 0) < prop["min"]:
                self.problems.append(f"{path}: {kind} needs {prop_iri}")
        return kind

    def values(self, shape: dict[str, Any], kind: str, term: dict[str, str], value: Any, path: str) -> int:
        """Check one property's values against the shape; returns how many there are."""
        prop = shape["properties"].get(term["id"])
        if prop is None:
            if shape["closed"]:
                self.problems.append(f"{path}: {term['id']} is not allowed on {kind}")
            return 0
        values = value if isinstance(value, list) else [value]
        if term.get("container") == "@language" and isinstance(value, dict):
            values = [{"@value": text, "@language": tag} for tag, text in value.items()]
        if prop["max"] is not None and len(values) > prop["max"]:
            self.problems.append(f"{path}: {len(values)} values, at most {prop['max']}")
        for number, item in enumerate(values):
            self.value(prop, term, item, f"{path}[{number}]")
        return len(values)

    def value(self, prop: dict[str, Any], term: dict[str, str], item: Any, path: str) -> None:
        """A node must be of the property's class; a literal of its datatype."""
        if isinstance(item, dict) and "type" in item:
            item_class = self.node(item, path)
            if prop["class"] and item_class not in prop["class"]:
                self.problems.append(f"{path}: a {item_class}, not one of {prop['class']}")
            return
        datatype = _datatype(item, term)
        if prop["datatype"] and datatype not in prop["datatype"]:
            self.problems.append(f"{path}: datatype {datatype}, not one of {prop['datatype']}")
        if prop["class"]:
            self.problems.append(f"{path}: a literal where {prop['class']} is expected")


def _datatype(item: Any, term: dict[str, str]) -> str:
    if isinstance(item, dict):
        return LANG_STRING if "@language" in item else _iri(item["@type"])
    if term.get("type", "").startswith("http"):
        return term["type"]
    return XSD_STRING if isinstance(item, str) else f"a JSON {type(item).__name__}"


def concepts(node: Any) -> list[str]:
    """The id of every Concept in a document."""
    if isinstance(node, list):
        return [found for item in node for found in concepts(item)]
    if not isinstance(node, dict):
        return []
    own = [node["id"]] if node.get("type") == "Concept" else []
    return own + [found for value in node.values() for found in concepts(value)]


def test_every_sample_listing_meets_the_loq_profile(site: Path, catalog: Catalog) -> None:
    for ref in catalog.credentials:
        assert profile_problems(elm(site, ref)) == [], ref


def test_the_profile_check_finds_what_the_profile_forbids(site: Path, catalog: Catalog) -> None:
    broken = elm(site, next(iter(catalog.credentials)))
    del broken["homepage"]
    broken["providedBy"]["legalName"] = "not a language map"
    broken["learningAchievementSpecification"]["learningOutcome"] = []
    broken["learningAchievementSpecification"]["educationLevel"] = "http://data.europa.eu/snb/eqf/5"
    broken["keyword"] = {"en": "x"}
    broken["elm:keyword"] = {"en": "x"}
    assert profile_problems(broken) == [
        "$.providedBy[0].legalName[0]: datatype http://www.w3.org/2001/XMLSchema#string, not one of "
        "['http://www.w3.org/1999/02/22-rdf-syntax-ns#langString']",
        "$.learningAchievementSpecification[0].educationLevel[0]: a literal where "
        "['http://www.w3.org/2004/02/skos/core#Concept'] is expected",
        f"$.learningAchievementSpecification[0]: {ELM}LearningAchievementSpecification needs {ELM}learningOutcome",
        "$.keyword: not a term of the context, so JSON-LD drops it",
        f"$.elm:keyword: {ELM}keyword is not allowed on {ELM}LearningOpportunity",
        f"$: {ELM}LearningOpportunity needs http://xmlns.com/foaf/0.1/homepage",
    ]


def test_every_concept_is_in_its_eu_vocabulary(site: Path, catalog: Catalog) -> None:
    for ref in catalog.credentials:
        for uri in concepts(elm(site, ref)):
            prefix = next((prefix for prefix in VOCABULARIES if uri.startswith(prefix)), None)
            assert prefix is not None, f"{ref}: {uri} is in none of the LOQ vocabularies"
            assert uri.removeprefix(prefix) in VOCABULARIES[prefix], f"{ref}: {uri}"


def test_opportunity_and_specification_carry_the_listing_field_by_field(site: Path, catalog: Catalog) -> None:
    """Title and description are language maps: the listing's own language, then its translations."""
    assert any("translations" in credential.data for credential in catalog.credentials.values())
    for ref, credential in catalog.credentials.items():
        data = credential.data
        provider = catalog.providers[credential.provider_id]
        language = data["languages"][0]
        document = elm(site, ref)
        specification = document["learningAchievementSpecification"]
        assert document["id"] == f"https://catalog.example/api/v1/credentials/{ref}.elm.jsonld"
        assert document["type"] == "LearningOpportunity"
        translations = data.get("translations", {})
        names = {tag: text["name"] for tag, text in translations.items() if "name" in text}
        summaries = {tag: text["summary"] for tag, text in translations.items() if "summary" in text}
        assert document["title"] == specification["title"] == {language: data["name"], **names}
        assert document["description"] == {language: data["summary"], **summaries}
        assert document["homepage"]["contentURL"] == data["url"]
        organisation = document["providedBy"]
        assert organisation["id"] == f"https://catalog.example/providers/{provider.id}/"
        assert organisation["legalName"] == {language: provider.data["name"]}
        assert organisation["homepage"][0]["contentURL"] == provider.data["url"]
        country = organisation["location"][0]["address"][0]["countryCode"]["id"]
        assert country == f"http://publications.europa.eu/resource/authority/country/{pycountry.countries.get(alpha_2=provider.data['country']).alpha_3}"
        assert specification["type"] == "LearningAchievementSpecification"
        assert [uri.rsplit("/", 1)[1] for uri in (c["id"] for c in specification["thematicArea"])] == [
            catalog.subjects[term_id].code for term_id in data["subjects"]
        ]
        assert [concept["prefLabel"]["en"] for concept in specification["thematicArea"]] == [
            catalog.subjects[term_id].name for term_id in data["subjects"]
        ]
        assert len(specification["language"]) == len(data["languages"])
        assert document["defaultLanguage"] == specification["language"][0]
        assert [outcome["title"] for outcome in specification["learningOutcome"]] == [
            {language: outcome} for outcome in data["learning_outcomes"]
        ]
        assert specification["volumeOfLearning"] == hours_duration(data["workload"]["hours"])
        eqf = data["level"].get("eqf")
        assert [c["id"] for c in specification.get("educationLevel", [])] == ([f"http://data.europa.eu/snb/eqf/{eqf}"] if eqf else [])
        ects = data["workload"].get("ects")
        assert [float(c["point"]) for c in specification.get("creditPoint", [])] == ([ects] if ects else [])
        assert document["mode"] == specification["mode"]
        assert document["mode"][0]["prefLabel"]["en"] == {"online": "Online", "in_person": "In person", "blended": "Blended"}[
            data["delivery"]["mode"]
        ]
        assert document.get("duration") == (xsd_duration(data["workload"]["duration"]) if "duration" in data["workload"] else None)
        price = document["priceDetail"][0]
        cost = data["cost"]
        if "amount" in cost:
            assert float(price["amount"]["rdf:value"]["@value"]) == cost["amount"]
            assert price["amount"]["unit"]["id"] == f"http://publications.europa.eu/resource/authority/currency/{cost['currency']}"
        else:
            assert "amount" not in price
        assert price.get("description") == ({"en": f"per {cost['period']}"} if "period" in cost else None)
        extras = document["priceDetail"][1:]
        assert [extra["prefLabel"]["en"] for extra in extras] == [PART_LABELS[extra["kind"]] for extra in cost.get("extras", [])]
        assert [float(extra["amount"]["rdf:value"]["@value"]) for extra in extras] == [extra["amount"] for extra in cost.get("extras", [])]


def test_the_sample_covers_eqf_credits_price_and_each_mode(site: Path, catalog: Catalog) -> None:
    documents = [elm(site, ref) for ref in catalog.credentials]
    specifications = [document["learningAchievementSpecification"] for document in documents]
    assert any("educationLevel" in specification for specification in specifications)
    assert any("creditPoint" in specification for specification in specifications)
    assert any("amount" in document["priceDetail"][0] for document in documents)
    assert any(len(document["priceDetail"]) > 1 for document in documents)  # extra costs
    assert any("description" in document["priceDetail"][0] for document in documents)  # a subscription period
    assert {document["mode"][0]["id"].rsplit("/", 1)[1] for document in documents} == {"920fbb3cbe", "9191af2ed9", "e92d221e4d"}
    assert {language["id"].rsplit("/", 1)[1] for s in specifications for language in s["language"]} >= {"ENG", "DEU", "FRA", "POR"}


def test_the_api_index_and_each_listing_document_link_the_elm_file(site: Path, catalog: Catalog) -> None:
    index = json.loads((site / "api/v1/index.json").read_text("utf-8"))
    assert index["templates"]["elm"] == "https://catalog.example/api/v1/credentials/{provider}/{id}.elm.jsonld"
    for ref in catalog.credentials:
        listing = json.loads((site / f"api/v1/credentials/{ref}.json").read_text("utf-8"))
        assert listing["formats"]["elm"] == f"https://catalog.example/api/v1/credentials/{ref}.elm.jsonld"


def test_durations_are_xsd_durations() -> None:
    assert hours_duration(40) == "PT40H"
    assert hours_duration(7.5) == "PT7H30M"
    assert hours_duration(0.01) == "PT36S"
    assert xsd_duration("P6W") == "P42D"
    assert xsd_duration("P1Y2W3DT4H") == "P1Y17DT4H"
    assert xsd_duration("P3M") == "P3M"


def test_hostile_text_comes_out_as_written(tmp_path: Path) -> None:
    catalog = build_catalog(validate_catalog(make_hostile_catalog(REPO / "catalog", tmp_path / "catalog")))
    write_listing_exports(catalog, tmp_path / "site", "", [REF])
    document = json.loads((tmp_path / f"site/api/v1/credentials/{REF}.elm.jsonld").read_text("utf-8"))
    specification = document["learningAchievementSpecification"]
    assert document["title"] == {"en": NAME, "de": TRANSLATED_NAME}
    assert document["description"] == {"en": SUMMARY, "de": TRANSLATED_SUMMARY}
    assert document["providedBy"]["legalName"] == {"en": PROVIDER_NAME}
    assert specification["learningOutcome"][0]["title"] == {"en": OUTCOME}
    assert specification["entryRequirement"]["noteLiteral"] == {"en": PREREQUISITE}
    assert profile_problems(document) == []
