"""A listing as a European Learning Model 3 (ELM) `LearningOpportunity` in JSON-LD.

Meets ELM's Learning Opportunity and Qualification (LOQ) profile: the opportunity has a
title, homepage, provider (an `Organisation` with legal name and country), default language
and a `LearningAchievementSpecification` (title, ISCED-F fields, languages, learning
outcomes, and where the listing states them EQF level, ECTS credits, volume of learning and
mode). Terms are those of the EDC JSON-LD context; concepts are the EU vocabularies' URIs
(ISCED-F, EQF, languages, countries, currencies; modes from vocabularies.py). tests/exports/test_elm.py checks
every file against the profile's SHACL shapes (tests/standards/elm3-loq-profile.json).
Titles and descriptions are language maps: the listing's first language, then its translations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import pycountry

from credcat.catalog.costs import PART_LABELS
from credcat.catalog.documents import Cost, JsonObject, JsonValue
from credcat.catalog.labels import country_name, label, language_name, number_text
from credcat.catalog.model import Catalog, Credential, Provider
from credcat.catalog.translations import language_map
from credcat.catalog.urls import Links
from credcat.catalog.vocabularies import ELM_MODE_SCHEME, lookup

CONTEXT: list[JsonValue] = [
    "http://data.europa.eu/snb/model/context/edc-ap",
    # The EDC context leaves these to the Verifiable Credentials context, or (defaultLanguage) out.
    {"id": "@id", "type": "@type", "defaultLanguage": {"@id": "elm:defaultLanguage", "@type": "@id"}},
]
ISCED_F = "http://data.europa.eu/snb/isced-f/"
EQF = "http://data.europa.eu/snb/eqf/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language"
COUNTRY = "http://publications.europa.eu/resource/authority/country"
CURRENCY = "http://publications.europa.eu/resource/authority/currency"
CREDIT = "http://data.europa.eu/snb/education-credit/"
ECTS = CREDIT + "6fcec5c5af"
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(T.*)?$")


def learning_opportunity(credential: Credential, catalog: Catalog, links: Links, document_id: str) -> JsonObject:
    """The ELM LearningOpportunity for one listing; `document_id` is the URL the file is published at."""
    data = credential.data
    language = data["languages"][0]
    delivery_mode = data["delivery"]["mode"]
    mode = [_concept(str(lookup("delivery.mode", delivery_mode).elm), ELM_MODE_SCHEME, label("mode", delivery_mode))]
    opportunity: JsonObject = {
        "@context": CONTEXT,
        "id": document_id,
        "type": "LearningOpportunity",
        "title": dict(language_map(data, "name")),
        "description": dict(language_map(data, "summary")),
        "homepage": _web_resource(f"{document_id}#homepage", data["url"]),
        "providedBy": _organisation(catalog.providers[credential.provider_id], links, language),
        "learningAchievementSpecification": _specification(credential, catalog, f"{document_id}#specification", mode),
        "defaultLanguage": _language(language),
        "mode": mode,
        "priceDetail": _prices(data["cost"], document_id),
        "status": data["status"],
    }
    if "duration" in data["workload"]:
        opportunity["duration"] = xsd_duration(data["workload"]["duration"])
    return opportunity


def xsd_duration(value: str) -> str:
    """An ISO 8601 duration as xsd:duration, which has no weeks: `P6W` -> `P42D`."""
    found = _DURATION.match(value)
    if not found or found.group(3) is None:
        return value
    years, months, weeks, days, time = found.groups()
    date_part = (f"{years}Y" if years else "") + (f"{months}M" if months else "") + f"{int(weeks) * 7 + int(days or 0)}D"
    return f"P{date_part}{time or ''}"


def hours_duration(hours: float) -> str:
    """Notional hours as xsd:duration, where only seconds may have decimals: 7.5 -> `PT7H30M`."""
    whole_hours, seconds = divmod(round(hours * 3600), 3600)
    minutes, seconds = divmod(seconds, 60)
    text = "PT" + (f"{whole_hours}H" if whole_hours else "") + (f"{minutes}M" if minutes else "") + (f"{seconds}S" if seconds else "")
    return text if text != "PT" else "PT0H"


def _specification(credential: Credential, catalog: Catalog, specification_id: str, mode: Sequence[JsonValue]) -> JsonObject:
    """The LearningAchievementSpecification: what the learner achieves, and how much learning it takes."""
    data = credential.data
    language = data["languages"][0]
    specification: JsonObject = {
        "id": specification_id,
        "type": "LearningAchievementSpecification",
        "title": dict(language_map(data, "name")),
        "description": dict(language_map(data, "summary")),
        "thematicArea": [
            _concept(ISCED_F + catalog.subjects[term_id].code, ISCED_F + "25831c2", catalog.subjects[term_id].name)
            for term_id in data["subjects"]
        ],
        "language": [_language(tag) for tag in data["languages"]],
        "learningOutcome": [
            {"id": f"{specification_id}-outcome-{number}", "type": "LearningOutcome", "title": {language: outcome}}
            for number, outcome in enumerate(data["learning_outcomes"], start=1)
        ],
        "volumeOfLearning": hours_duration(data["workload"]["hours"]),
        "mode": mode,
    }
    if "eqf" in data["level"]:
        level = data["level"]["eqf"]
        specification["educationLevel"] = [_concept(f"{EQF}{level}", EQF + "25831c2", f"Level {level}")]
    if "ects" in data["workload"]:
        specification["creditPoint"] = [
            {
                "id": f"{specification_id}-credit",
                "type": "CreditPoint",
                "framework": _concept(ECTS, CREDIT + "25831c2", "European Credit Transfer System"),
                "point": number_text(data["workload"]["ects"]),
            }
        ]
    if requirements := data.get("prerequisites", {}).get("text"):
        specification["entryRequirement"] = _note(f"{specification_id}-entry", language, "\n".join(requirements))
    return specification


def _organisation(provider: Provider, links: Links, language: str) -> JsonObject:
    """The provider as an Organisation: legal name, homepage, and its country as location."""
    page = links.facet_page("provider", provider.id)
    country = provider.data["country"]
    return {
        "id": page,
        "type": "Organisation",
        "legalName": {language: provider.name},
        "homepage": [_web_resource(f"{page}#homepage", provider.data["url"])],
        "location": [
            {
                "id": f"{page}#location",
                "type": "Location",
                "address": [{"id": f"{page}#address", "type": "Address", "countryCode": _country(country)}],
            }
        ],
    }


def _prices(cost: Cost, document_id: str) -> list[JsonValue]:
    """What the learner pays: the cost model, with an amount when the listing states one (and
    what one payment buys, for a subscription), then each extra cost."""
    price: JsonObject = {"id": f"{document_id}#price", "type": "PriceDetail", "prefLabel": {"en": label("cost_model", cost["model"])}}
    if "amount" in cost and "currency" in cost:
        price["amount"] = _amount(f"{document_id}#price-amount", cost["amount"], cost["currency"])
    if "period" in cost:
        price["description"] = {"en": f"per {cost['period']}"}
    prices: list[JsonValue] = [price]
    for number, extra in enumerate(cost.get("extras", []), start=1):
        extra_id = f"{document_id}#price-extra-{number}"
        described: JsonObject = {"id": extra_id, "type": "PriceDetail", "prefLabel": {"en": PART_LABELS[extra["kind"]]}}
        if currency := extra.get("currency", cost.get("currency")):
            described["amount"] = _amount(f"{extra_id}-amount", extra["amount"], currency)
        notes = (["optional"] if extra.get("optional") else []) + ([f"every {extra['every']}"] if "every" in extra else [])
        if notes:
            described["description"] = {"en": ", ".join(notes)}
        prices.append(described)
    return prices


def _amount(amount_id: str, value: float, currency: str) -> JsonObject:
    """An Amount: the profile's shape wants rdf:value as an xsd:decimal, and its currency as unit."""
    decimal = f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return {
        "id": amount_id,
        "type": "Amount",
        "unit": _concept(f"{CURRENCY}/{currency}", CURRENCY, currency),
        "rdf:value": {"@value": decimal, "@type": "xsd:decimal"},
    }


def _web_resource(resource_id: str, url: str) -> JsonObject:
    return {"id": resource_id, "type": "WebResource", "contentURL": url}


def _note(note_id: str, language: str, text: str) -> JsonObject:
    return {"id": note_id, "type": "Note", "noteLiteral": {language: text}}


def _concept(uri: str, scheme: str, name: str) -> JsonObject:
    """A concept of an EU vocabulary, with its English label for readers."""
    return {"id": uri, "type": "Concept", "inScheme": {"id": scheme, "type": "ConceptScheme"}, "prefLabel": {"en": name}}


def _language(tag: str) -> JsonObject:
    return _concept(f"{LANGUAGE}/{language_code(tag)}", LANGUAGE, language_name(tag))


def _country(code: str) -> JsonObject:
    return _concept(f"{COUNTRY}/{country_code(code)}", COUNTRY, country_name(code))


@cache
def language_code(tag: str) -> str:
    """The EU language authority's code for a BCP 47 tag's language: `pt-BR` -> `POR` (ISO 639-2/T)."""
    language = tag.partition("-")[0].lower()
    entry = pycountry.languages.get(alpha_2=language) if len(language) == 2 else None
    return str(entry.alpha_3 if entry else language).upper()


@cache
def country_code(code: str) -> str:
    """The EU country authority's code for an ISO 3166-1 alpha-2 code: `IE` -> `IRL` (alpha-3)."""
    country = pycountry.countries.get(alpha_2=code)
    return str(country.alpha_3 if country else code)
