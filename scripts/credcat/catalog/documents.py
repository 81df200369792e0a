"""The listing files as typed mappings: one TypedDict per object of the JSON Schemas; and JSON.

A validated document is the plain dict the loader made; these types only tell the checker
which keys it has (NotRequired where the schema leaves a field out of `required`) and what
each holds (enums as Literal). tests/catalog/test_documents.py compares them with the
schemas, so the two cannot drift. No `from __future__ import annotations` here: with it,
Python 3.11 cannot see NotRequired and `__required_keys__` would be wrong at run time.
"""

from collections.abc import Mapping, Sequence
from typing import Literal, NotRequired, TypeAlias, TypedDict, cast

# JSON as the exports write it; read-only containers, so any list or mapping of JSON fits.
JsonValue: TypeAlias = "str | int | float | bool | None | Sequence[JsonValue] | Mapping[str, JsonValue]"
# A JSON object being built: keys are added in the order the output shows them.
JsonObject: TypeAlias = dict[str, JsonValue]

CredentialType = Literal[
    "micro_credential", "digital_badge", "certificate", "certification", "nano_degree", "course_certificate", "license"
]
Status = Literal["active", "upcoming", "suspended", "retired"]
Audience = Literal["beginner", "intermediate", "advanced", "professional"]
DeliveryMode = Literal["online", "in_person", "blended"]
Pacing = Literal["self_paced", "instructor_led", "cohort"]
AssessmentType = Literal["exam", "project", "portfolio", "performance", "quiz", "attendance_only"]
Supervision = Literal["unsupervised", "supervised", "supervised_with_id_check"]
CostModel = Literal["free", "free_learning_paid_certificate", "paid", "subscription", "employer_sponsored"]
CostPeriod = Literal["month", "year"]
CostExtraKind = Literal["exam_fee", "certificate_fee", "materials", "renewal_fee", "other"]
QualityAssuranceType = Literal["none", "internal", "external_review", "accredited", "regulated"]
IssuedAs = Literal["open_badges_3", "open_badges_2", "european_digital_credential", "pdf_certificate", "paper"]
AccessibilityFeature = Literal["captions", "transcripts", "screen_reader_tested", "sign_language", "keyboard_only"]
ProviderType = Literal[
    "university", "college", "vocational", "professional_body", "employer", "online_platform", "quality_body", "other"
]
LeadsToType = Literal["degree", "diploma", "certificate", "certification", "credential"]
RecognitionAs = Literal["credit", "exemption", "admission", "endorsement", "accreditation"]


# --- credential.schema.json -----------------------------------------------------------


class Skill(TypedDict):
    name: str
    esco: NotRequired[str]


class Occupation(TypedDict):
    name: str
    isco: NotRequired[str]
    onet: NotRequired[str]
    esco: NotRequired[str]


class Level(TypedDict):
    audience: Audience
    eqf: NotRequired[int]


class Workload(TypedDict):
    hours: float
    ects: NotRequired[float]
    duration: NotRequired[str]


class Delivery(TypedDict):
    mode: DeliveryMode
    pacing: Pacing
    location: NotRequired[str]


class Assessment(TypedDict):
    type: AssessmentType
    supervision: NotRequired[Supervision]


class CostExtra(TypedDict):
    """A cost beyond the amount; `currency` defaults to the cost's, `optional` to false."""

    kind: CostExtraKind
    amount: float
    currency: NotRequired[str]
    every: NotRequired[str]
    optional: NotRequired[bool]


class Cost(TypedDict):
    """`amount` is given when model is paid; `currency` whenever amount is; `period` when a
    subscription has an amount."""

    model: CostModel
    amount: NotRequired[float]
    currency: NotRequired[str]
    financial_aid: NotRequired[bool]
    period: NotRequired[CostPeriod]
    extras: NotRequired[list[CostExtra]]


class Prerequisites(TypedDict, total=False):
    text: list[str]
    credentials: list[str]


class Body(TypedDict):
    """An organisation that accredits, regulates or recognises (the schemas' `$defs/body`)."""

    name: str
    url: NotRequired[str]
    evidence_url: NotRequired[str]


class QualityAssurance(TypedDict):
    """`bodies` is given when type is accredited or regulated."""

    type: QualityAssuranceType
    bodies: NotRequired[list[Body]]


class CountsToward(TypedDict, total=False):
    """At least one of `credential` (a ref) and `name`."""

    credential: str
    name: str
    credits: float
    awarded_by: str


class Stackability(TypedDict, total=False):
    standalone: bool
    counts_toward: list[CountsToward]


class Validity(TypedDict, total=False):
    expires_after: str
    renewal: str


class Dates(TypedDict):
    """YYYY-MM-DD text, as written."""

    last_verified: str
    available_from: NotRequired[str]
    available_until: NotRequired[str]


class Translation(TypedDict, total=False):
    """The listing's name and summary in another language; at least one of the two."""

    name: str
    summary: str


class CredentialDocument(TypedDict):
    """A file under providers/<provider>/credentials/."""

    id: str
    name: str
    summary: str
    description: str
    credential_type: CredentialType
    url: str
    status: Status
    languages: list[str]
    subjects: list[str]
    industries: list[str]
    learning_outcomes: list[str]
    skills: NotRequired[list[Skill]]
    occupations: NotRequired[list[Occupation]]
    level: Level
    workload: Workload
    delivery: Delivery
    assessment: Assessment
    cost: Cost
    prerequisites: NotRequired[Prerequisites]
    quality_assurance: QualityAssurance
    stackability: NotRequired[Stackability]
    validity: NotRequired[Validity]
    issued_as: NotRequired[list[IssuedAs]]
    accessibility: NotRequired[list[AccessibilityFeature]]
    keywords: NotRequired[list[str]]
    translations: NotRequired[dict[str, Translation]]
    dates: Dates


# --- provider.schema.json -------------------------------------------------------------


class Accreditation(TypedDict):
    body: str
    url: NotRequired[str]
    evidence_url: NotRequired[str]
    valid_until: NotRequired[str]
    provider: NotRequired[str]


class Identifiers(TypedDict, total=False):
    ror: str
    ctid: str
    lei: str


class ProviderDocument(TypedDict):
    """A providers/<provider>/provider.yml."""

    id: str
    name: str
    type: ProviderType
    url: str
    country: str
    description: str
    contact_email: str
    maintainers: list[str]
    accreditations: NotRequired[list[Accreditation]]
    identifiers: NotRequired[Identifiers]
    logo: NotRequired[str]


# --- pathway.schema.json --------------------------------------------------------------


class LeadsTo(TypedDict):
    name: str
    type: LeadsToType
    credential: NotRequired[str]
    credits: NotRequired[float]
    awarded_by: NotRequired[str]


class RecognizedBy(TypedDict):
    """A pathway's recognising organisation (the pathway schema's `$defs/body`); `provider` is its
    provider id when it is in the catalog and can confirm the claim."""

    name: str
    url: NotRequired[str]
    evidence_url: NotRequired[str]
    provider: NotRequired[str]


class PathwayStep(TypedDict):
    """`choose` defaults to all of `credentials`."""

    credentials: list[str]
    choose: NotRequired[int]


class PathwayDocument(TypedDict):
    """A file under providers/<provider>/pathways/."""

    id: str
    name: str
    description: str
    leads_to: list[LeadsTo]
    steps: list[PathwayStep]
    recognized_by: NotRequired[list[RecognizedBy]]


# --- recognition.schema.json ----------------------------------------------------------


# A file under providers/<recognizer>/recognitions/: a claim the recognizer confirms. `credential`
# and `towards` are given unless `as` is accreditation, which gives `provider`. The functional
# form, because `as` is a Python keyword.
RecognitionDocument = TypedDict(
    "RecognitionDocument",
    {
        "id": str,
        "as": RecognitionAs,
        "credential": NotRequired[str],
        "provider": NotRequired[str],
        "towards": NotRequired[str],
        "credits": NotRequired[float],
        "evidence_url": NotRequired[str],
        "valid_until": NotRequired[str],
    },
)


# --- exchange-rates.schema.json -------------------------------------------------------


class RatesSource(TypedDict):
    name: str
    url: str


class ExchangeRatesDocument(TypedDict):
    """catalog/exchange-rates.yml: units of each currency per unit of `base` on `date`."""

    base: str
    date: str
    source: RatesSource
    rates: dict[str, float]


# --- taxonomy.schema.json (a list of these) -------------------------------------------


class TaxonomyEntry(TypedDict):
    id: str
    name: str
    description: str
    code: str
    parent: NotRequired[str]


class OccupationEntry(TypedDict):
    """One ISCO-08 group of taxonomy/occupations.yml: keyed by its code, parent is a code too."""

    code: str
    name: str
    parent: NotRequired[str]


def as_json(document: Mapping[str, object]) -> Mapping[str, JsonValue]:
    """A validated document (or a part of one) as JSON, which it is: the schemas allow JSON
    values only, but to the checker a TypedDict's values are just `object`."""
    return cast(Mapping[str, JsonValue], document)
