"""schema.org JSON-LD for a listing: what search engines and aggregators read from its page.

`schema_org` builds the EducationalOccupationalCredential object (reused for per-listing
feed files); `course` the schema.org Course beside it, shaped by Google's course info
requirements, and `course_list` a hub page's ItemList of course pages (Google's course list
result); `script_json` serializes any JSON for a `<script>` element so that no value can end
the element early (`</script>`, `<!--`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from credcat.catalog.costs import PERIOD_DURATIONS, PRICE, AllInCost
from credcat.catalog.documents import Body, CredentialDocument, JsonObject, JsonValue, Level
from credcat.catalog.labels import label, language_name, number_text
from credcat.catalog.model import Catalog, Credential
from credcat.catalog.translations import translated_names

SCHEMA_ORG = "https://schema.org"
# Google's course info values: courseMode, and the offer categories for our cost models.
COURSE_MODES = {"online": "Online", "in_person": "Onsite", "blended": "Blended"}
OFFER_CATEGORIES = {
    "free": "Free",
    "free_learning_paid_certificate": "Partially Free",
    "paid": "Paid",
    "subscription": "Subscription",
    "employer_sponsored": "Paid",  # someone pays, and the listing does not say how much
}
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
        "offers": _offer(data, catalog.costs[credential.ref]),
        "dateModified": data["dates"]["last_verified"],
    }
    if translated := translated_names(data):
        # schema.org has no language map: the names in other languages are alternate names
        result["alternateName"] = [name for _tag, name in translated]
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


def course(credential: Credential, catalog: Catalog, page_url: str) -> JsonObject:
    """The listing as a schema.org Course with Google's required course info: name, description,
    provider, one CourseInstance (courseMode, courseWorkload as ISO 8601 hours, location when it
    is taught on site) and an Offer (category, and price with currency when the listing states it)."""
    data = credential.data
    provider = catalog.providers[credential.provider_id].data
    delivery = data["delivery"]
    instance: JsonObject = {
        "@type": "CourseInstance",
        "courseMode": COURSE_MODES[delivery["mode"]],
        "courseWorkload": f"PT{number_text(data['workload']['hours'])}H",
        "inLanguage": data["languages"][0],
    }
    if delivery["mode"] != "online" and "location" in delivery:
        instance["location"] = {"@type": "Place", "name": delivery["location"]}
    cost = data["cost"]
    offer: JsonObject = {"@type": "Offer", "category": OFFER_CATEGORIES[cost["model"]], "url": data["url"]}
    if "amount" in cost and "currency" in cost:
        offer["price"] = cost["amount"]
        offer["priceCurrency"] = cost["currency"]
    result: JsonObject = {
        "@context": SCHEMA_ORG,
        "@type": "Course",
        "@id": page_url + "#course",
        "url": page_url,
        "name": data["name"],
        "description": data["summary"],
        "provider": {"@type": "Organization", "name": provider["name"], "sameAs": provider["url"]},
        "inLanguage": data["languages"][0],
        "educationalCredentialAwarded": {"@type": "EducationalOccupationalCredential", "@id": page_url, "name": data["name"]},
        "hasCourseInstance": [instance],
        "offers": [offer],
    }
    if prerequisites := data.get("prerequisites", {}).get("text"):
        result["coursePrerequisites"] = list(prerequisites)
    return result


def course_list(page_urls: Sequence[str], first_position: int) -> JsonObject:
    """A hub page's listings as an ItemList of their pages, numbered from `first_position`."""
    return {
        "@context": SCHEMA_ORG,
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "url": url} for position, url in enumerate(page_urls, start=first_position)
        ],
    }


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


def _offer(data: CredentialDocument, all_in: AllInCost) -> JsonObject:
    cost = data["cost"]
    offer: JsonObject = {"@type": "Offer", "url": data["url"], "category": label("cost_model", cost["model"])}
    if cost["model"] == "free":
        offer["price"] = 0
    elif "amount" in cost:
        offer["price"] = cost["amount"]
        offer["priceCurrency"] = cost["currency"]
    if "financial_aid" in cost:
        offer["financialAidEligible"] = cost["financial_aid"]
    if specifications := _price_specifications(all_in):
        offer["priceSpecification"] = specifications
    offer["availableLanguage"] = [language_name(tag) for tag in data["languages"]]
    return offer


def _price_specifications(all_in: AllInCost) -> list[JsonValue]:
    """The price and each extra as a UnitPriceSpecification: a subscription's price bills every
    month or year (billingDuration), a recurring extra every `every`; optional extras say so."""
    specifications: list[JsonValue] = []
    for part in (*all_in.first_time, *all_in.recurring, *all_in.optional):
        specification: JsonObject = {"@type": "UnitPriceSpecification", "name": part.label,
                                     "price": part.money.amount, "priceCurrency": part.money.currency}
        if part.kind == PRICE and all_in.period is not None:
            specification["priceComponentType"] = "https://schema.org/Subscription"
            specification["billingDuration"] = PERIOD_DURATIONS[all_in.period]
        elif part.every:
            specification["billingDuration"] = part.every
        if part.optional:
            specification["eligibleQuantity"] = {"@type": "QuantitativeValue", "minValue": 0, "maxValue": 1}
        specifications.append(specification)
    return specifications if len(specifications) > 1 or all_in.period is not None else []


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
