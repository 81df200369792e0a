"""schema.org JSON-LD for a listing: what search engines and aggregators read from its page.

`schema_org` builds the EducationalOccupationalCredential object (reused for per-listing
feed files); `script_json` serializes any JSON for a `<script>` element so that no value can
end the element early (`</script>`, `<!--`).
"""

from __future__ import annotations

import json

from credcat.catalog.documents import Body, CredentialDocument, JsonObject, JsonValue, Level
from credcat.catalog.labels import label, language_name, number_text
from credcat.catalog.model import Catalog, Credential

SCHEMA_ORG = "https://schema.org"
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def schema_org(credential: Credential, catalog: Catalog, page_url: str) -> JsonObject:
    """The listing as a schema.org EducationalOccupationalCredential, fields only where known."""
    data = credential.data
    provider = catalog.providers[credential.provider_id].data
    result: JsonObject = {
        "@context": SCHEMA_ORG,
        "@type": "EducationalOccupationalCredential",
        "@id": page_url,
        "url": page_url,
        "name": data["name"],
        "description": data["summary"],
        "credentialCategory": label("credential_type", data["credential_type"]),
        "inLanguage": list(data["languages"]),
        "provider": {
            "@type": "Organization",
            "name": provider["name"],
            "url": provider["url"],
            "address": {"@type": "PostalAddress", "addressCountry": provider["country"]},
        },
        "educationalLevel": _educational_level(data["level"]),
        "timeRequired": f"PT{number_text(data['workload']['hours'])}H",
        "teaches": list(data["learning_outcomes"]),
        "offers": _offer(data),
        "dateModified": data["dates"]["last_verified"],
    }
    if competencies := [_defined_term(skill["name"], skill.get("esco")) for skill in data.get("skills", [])]:
        result["competencyRequired"] = competencies
    if bodies := data["quality_assurance"].get("bodies"):
        result["recognizedBy"] = [_organization(body) for body in bodies]
    if expires := data.get("validity", {}).get("expires_after"):
        result["validFor"] = expires
    if occupations := data.get("occupations"):
        result["occupationalCategory"] = [occupation["name"] for occupation in occupations]
    if keywords := data.get("keywords"):
        result["keywords"] = ", ".join(keywords)
    return result


def script_json(value: JsonValue) -> str:
    """JSON for inside `<script>`: `<`, `>` and `&` escaped so the text holds no markup at all."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(_SCRIPT_SAFE)


def _educational_level(level: Level) -> list[JsonObject] | JsonObject:
    audience = _defined_term(label("audience", level["audience"]), None)
    if "eqf" not in level:
        return audience
    eqf: JsonObject = {
        "@type": "DefinedTerm",
        "name": f"EQF level {level['eqf']}",
        "termCode": str(level["eqf"]),
        "inDefinedTermSet": "https://europass.europa.eu/en/european-qualifications-framework-eqf",
    }
    return [audience, eqf]


def _offer(data: CredentialDocument) -> JsonObject:
    cost = data["cost"]
    offer: JsonObject = {"@type": "Offer", "url": data["url"], "category": label("cost_model", cost["model"])}
    if cost["model"] == "free":
        offer["price"] = 0
    elif "amount" in cost:
        offer["price"] = cost["amount"]
        offer["priceCurrency"] = cost["currency"]
    if "financial_aid" in cost:
        offer["financialAidEligible"] = cost["financial_aid"]
    offer["availableLanguage"] = [language_name(tag) for tag in data["languages"]]
    return offer


def _defined_term(name: str, url: str | None) -> JsonObject:
    term: JsonObject = {"@type": "DefinedTerm", "name": name}
    if url:
        term["url"] = url
    return term


def _organization(body: Body) -> JsonObject:
    organization: JsonObject = {"@type": "Organization", "name": body["name"]}
    if "url" in body:
        organization["url"] = body["url"]
    return organization
