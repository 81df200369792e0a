"""A listing as a CTDL (Credential Transparency Description Language) JSON-LD description.

Uses the `ceterms:` terms the Credential Engine Registry publishes with; classes and concept
terms come from vocabularies.py. Text values are language maps keyed by the listing's first
language, as CTDL expects; name and description also carry the listing's translations.
"""

from __future__ import annotations

from credcat.catalog.costs import PERIOD_WORDS, PRICE, AllInCost
from credcat.catalog.documents import Body, Cost, JsonObject, JsonValue, Workload
from credcat.catalog.labels import duration_text
from credcat.catalog.model import Catalog, Credential, Provider
from credcat.catalog.translations import language_map
from credcat.catalog.urls import Links
from credcat.catalog.vocabularies import CTDL_DELIVERY_SCHEME, CTDL_STATUS_SCHEME, lookup

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
REGISTRY_RESOURCE = "https://credentialengineregistry.org/resources/"
NAICS_FRAMEWORK = "https://www.census.gov/naics/"


def ctdl_description(credential: Credential, catalog: Catalog, links: Links, document_id: str) -> JsonObject:
    """The CTDL JSON-LD for one listing; `document_id` is the URL the file is published at."""
    data = credential.data
    language = data["languages"][0]
    document: JsonObject = {
        "@context": CONTEXT,
        "@id": document_id,
        "@type": lookup("credential_type", data["credential_type"]).ctdl,
        "ceterms:name": dict(language_map(data, "name")),
        "ceterms:description": dict(language_map(data, "summary")),
        "ceterms:subjectWebpage": data["url"],
        "ceterms:inLanguage": list(data["languages"]),
        "ceterms:ownedBy": [_organization(catalog.providers[credential.provider_id], language)],
        "ceterms:learningDeliveryType": [
            _concept(lookup("delivery.mode", data["delivery"]["mode"]).ctdl, CTDL_DELIVERY_SCHEME)
        ],
        "ceterms:estimatedDuration": [_duration(data["workload"], language)],
        "ceterms:industryType": [
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:framework": NAICS_FRAMEWORK,
                "ceterms:codedNotation": catalog.industries[term_id].code,
                "ceterms:targetNodeName": {"en": catalog.industries[term_id].name},
            }
            for term_id in data["industries"]
        ],
    }
    status = lookup("status", data["status"]).ctdl
    if status:
        document["ceterms:credentialStatusType"] = _concept(status, CTDL_STATUS_SCHEME)
    cost = _cost(data["cost"], data["url"], language)
    extras = _extra_costs(catalog.costs[credential.ref], data["url"], language)
    if cost or extras:
        document["ceterms:estimatedCost"] = ([cost] if cost else []) + extras
    quality = data["quality_assurance"]
    property_name = lookup("quality_assurance.type", quality["type"]).ctdl
    if property_name and (bodies := quality.get("bodies")):
        document[property_name] = [_quality_body(body, language) for body in bodies]
    recognizers = _confirming_recognizers(credential, catalog)
    if recognizers:
        recognized_by = document.setdefault("ceterms:recognizedBy", [])
        assert isinstance(recognized_by, list)
        recognized_by += [_organization(catalog.providers[provider_id], language) for provider_id in recognizers]
    if credential.pathways:
        document["ceterms:isPartOf"] = [
            {
                "@type": "ceterms:Pathway",
                "ceterms:name": {language: catalog.pathways[ref].name},
                "ceterms:subjectWebpage": links.facet_page("pathway", ref),
            }
            for ref in credential.pathways
        ]
    if data.get("keywords"):
        document["ceterms:keyword"] = {language: list(data["keywords"])}
    return document


def _confirming_recognizers(credential: Credential, catalog: Catalog) -> list[str]:
    """The providers that confirm, in their own folders, that this listing counts toward something:
    CTDL's recognizedBy states confirmed recognition only, never a provider's own claim."""
    claims = catalog.counts_toward_claims(credential)
    return list(dict.fromkeys(claim.recognition.recognizer_id for claim in claims if claim.recognition is not None))


def _organization(provider: Provider, language: str) -> JsonObject:
    """The provider as ownedBy: its registry resource when it has a CTID, else described inline."""
    organization: JsonObject = {
        "@type": "ceterms:CredentialOrganization",
        "ceterms:name": {language: provider.name},
        "ceterms:subjectWebpage": provider.data["url"],
    }
    ctid = provider.data.get("identifiers", {}).get("ctid")
    if ctid:
        organization = {"@id": REGISTRY_RESOURCE + ctid, **organization, "ceterms:ctid": ctid}
    return organization


def _concept(target: str | None, framework: str) -> JsonObject:
    return {"@type": "ceterms:CredentialAlignmentObject", "ceterms:framework": framework, "ceterms:targetNode": target}


def _duration(workload: Workload, language: str) -> JsonObject:
    """Elapsed time when the listing gives one; the notional hours always, as text."""
    profile: JsonObject = {
        "@type": "ceterms:DurationProfile",
        "ceterms:description": {language: f"{workload['hours']} notional learning hours"},
    }
    if "duration" in workload:
        profile["ceterms:exactDuration"] = workload["duration"]
    return profile


def _cost(cost: Cost, details_url: str, language: str) -> JsonObject | None:
    """A CostProfile when the listing states a price; free listings state price 0."""
    if "amount" not in cost and cost["model"] != "free":
        return None
    profile: JsonObject = {
        "@type": "ceterms:CostProfile",
        "ceterms:costDetails": details_url,
        "ceterms:description": {language: cost["model"].replace("_", " ") + (f", {PERIOD_WORDS[cost['period']]}" if "period" in cost else "")},
        "ceterms:price": cost.get("amount", 0),
    }
    if "currency" in cost:
        profile["ceterms:currency"] = cost["currency"]
    return profile


def _extra_costs(all_in: AllInCost, details_url: str, language: str) -> list[JsonValue]:
    """One CostProfile per extra (exam fee, renewal...), its kind and how often it recurs in the
    description; the listing's page gives the details."""
    profiles: list[JsonValue] = []
    for part in (*all_in.first_time, *all_in.recurring, *all_in.optional):
        if part.kind == PRICE:
            continue
        words = part.label + (f", every {duration_text(part.every)}" if part.every else "") + (", optional" if part.optional else "")
        profiles.append({
            "@type": "ceterms:CostProfile",
            "ceterms:costDetails": details_url,
            "ceterms:description": {language: words},
            "ceterms:price": part.money.amount,
            "ceterms:currency": part.money.currency,
        })
    return profiles


def _quality_body(body: Body, language: str) -> JsonObject:
    described: JsonObject = {"@type": "ceterms:QACredentialOrganization", "ceterms:name": {language: body["name"]}}
    if "url" in body:
        described["ceterms:subjectWebpage"] = body["url"]
    return described
