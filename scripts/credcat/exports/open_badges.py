"""A listing as an Open Badges 3.0 `Achievement`: what an issuer's badge would point to.

Follows 1EdTech's OB3 schema ($defs/Achievement); tests validate every file against it. Terms
come from vocabularies.py. Only what the listing states is written: nothing is guessed.
"""

from __future__ import annotations

import re

from credcat.catalog.documents import CredentialDocument, JsonObject
from credcat.catalog.model import Catalog, Credential
from credcat.catalog.vocabularies import lookup

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
# OB3 accepts only simple language tags (language, script, region), a subset of BCP 47.
OB3_LANGUAGE = re.compile(r"^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
ESCO_FRAMEWORK = "ESCO"


def achievement(credential: Credential, catalog: Catalog, achievement_id: str) -> JsonObject:
    """The OB3 Achievement for one listing; `achievement_id` is the URL the file is published at."""
    data = credential.data
    provider = catalog.providers[credential.provider_id]
    document: JsonObject = {
        "@context": CONTEXT,
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": lookup("credential_type", data["credential_type"]).ob3,
        "name": credential.name,
        "description": data["summary"],
        "criteria": {"id": data["url"], "narrative": criteria_narrative(data)},
        "creator": {
            "id": provider.data["url"],
            "type": ["Profile"],
            "name": provider.name,
            "url": provider.data["url"],
            "email": provider.data["contact_email"],
        },
        "fieldOfStudy": catalog.subjects[data["subjects"][0]].name,
    }
    alignments = [
        {"type": ["Alignment"], "targetName": skill["name"], "targetUrl": skill["esco"], "targetFramework": ESCO_FRAMEWORK}
        for skill in data.get("skills", [])
        if "esco" in skill
    ]
    if alignments:
        document["alignment"] = alignments
    if "ects" in data["workload"]:
        document["creditsAvailable"] = data["workload"]["ects"]
    language = next((tag for tag in data["languages"] if OB3_LANGUAGE.match(tag)), None)
    if language:
        document["inLanguage"] = language
    if data.get("keywords"):
        document["tag"] = list(data["keywords"])
    return document


def criteria_narrative(data: CredentialDocument) -> str:
    """What a learner must do to earn it, as Markdown: the learning outcomes and how they are assessed."""
    assessment = data["assessment"]
    how = assessment["type"].replace("_", " ")
    if "supervision" in assessment:
        how += f" ({assessment['supervision'].replace('_', ' ')})"
    outcomes = "\n".join(f"- {outcome}" for outcome in data["learning_outcomes"])
    return f"Learners show that they can:\n\n{outcomes}\n\nAssessment: {how}."
