"""Our enums mapped to the vocabularies of Open Badges 3.0, CTDL, schema.org and ELM: one table.

Every export (OB3 Achievement, CTDL JSON-LD, schema.org JSON-LD, ELM JSON-LD) looks its terms up here, and
the API documentation renders this same table, so code and docs cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

CTDL_DELIVERY_SCHEME = "https://credreg.net/ctdl/terms/Delivery"
CTDL_STATUS_SCHEME = "https://credreg.net/ctdl/terms/CredentialStatus"
ELM_MODE_SCHEME = "http://data.europa.eu/snb/learning-assessment/25831c2"


@dataclass(frozen=True)
class Term:
    """One of our enum values and what it is called elsewhere; None where a vocabulary has no match."""

    field: str
    value: str
    ob3: str | None
    ctdl: str | None
    schema_org: str | None
    elm: str | None = None


TABLE: tuple[Term, ...] = (
    Term("credential_type", "micro_credential", "MicroCredential", "ceterms:MicroCredential", "Micro-credential"),
    Term("credential_type", "digital_badge", "Badge", "ceterms:DigitalBadge", "Digital badge"),
    Term("credential_type", "certificate", "Certificate", "ceterms:Certificate", "Certificate"),
    Term("credential_type", "certification", "Certification", "ceterms:Certification", "Certification"),
    Term("credential_type", "nano_degree", "MicroCredential", "ceterms:MicroCredential", "Nano-degree"),
    Term("credential_type", "course_certificate", "CertificateOfCompletion", "ceterms:CertificateOfCompletion", "Course certificate"),
    Term("credential_type", "license", "License", "ceterms:License", "Licence"),
    Term("delivery.mode", "online", None, "deliveryType:OnlineOnly", None, "http://data.europa.eu/snb/learning-assessment/920fbb3cbe"),
    Term("delivery.mode", "in_person", None, "deliveryType:InPerson", None, "http://data.europa.eu/snb/learning-assessment/9191af2ed9"),
    Term("delivery.mode", "blended", None, "deliveryType:BlendedDelivery", None, "http://data.europa.eu/snb/learning-assessment/e92d221e4d"),
    Term("status", "active", None, "credentialStat:Active", None),
    Term("status", "upcoming", None, None, None),
    Term("status", "suspended", None, "credentialStat:Suspended", None),
    Term("status", "retired", None, "credentialStat:Ceased", None),
    Term("quality_assurance.type", "none", None, None, None),
    Term("quality_assurance.type", "internal", None, None, None),
    Term("quality_assurance.type", "external_review", None, "ceterms:recognizedBy", "recognizedBy"),
    Term("quality_assurance.type", "accredited", None, "ceterms:accreditedBy", "recognizedBy"),
    Term("quality_assurance.type", "regulated", None, "ceterms:regulatedBy", "recognizedBy"),
)

_INDEX: dict[tuple[str, str], Term] = {(term.field, term.value): term for term in TABLE}

COLUMNS = (
    ("Open Badges 3.0", "ob3"),
    ("CTDL", "ctdl"),
    ("schema.org", "schema_org"),
    ("ELM", "elm"),
)
TARGET_NOTES = {
    "credential_type": "OB3 `achievementType`; CTDL credential class (`@type`); schema.org `credentialCategory`",
    "delivery.mode": "CTDL `learningDeliveryType` (Delivery concept scheme); ELM `mode` (EU modes of learning and assessment)",
    "status": "CTDL `credentialStatusType` (CredentialStatus concept scheme); `upcoming` has no CTDL term and is left out",
    "quality_assurance.type": "the CTDL property that names the bodies in `quality_assurance.bodies`; schema.org `recognizedBy`",
}


def lookup(field: str, value: str) -> Term:
    """The row for one of our enum values; KeyError means the table misses a value the schema allows."""
    return _INDEX[(field, value)]


def render_markdown() -> str:
    """The table as Markdown, one section per field, for docs/api.md."""
    lines: list[str] = []
    for field in dict.fromkeys(term.field for term in TABLE):
        lines += [f"### `{field}`", "", TARGET_NOTES[field] + ".", ""]
        lines.append("| credcat | " + " | ".join(title for title, _ in COLUMNS) + " |")
        lines.append("|---" * (len(COLUMNS) + 1) + "|")
        for term in (term for term in TABLE if term.field == field):
            cells = [_cell(getattr(term, attribute)) for _, attribute in COLUMNS]
            lines.append(f"| `{term.value}` | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _cell(value: str | None) -> str:
    return f"`{value}`" if value else "—"
