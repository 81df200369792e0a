"""How contract values read to people: enum labels, languages, countries, durations, money.

The site, its search filters and its facets all show the same words for the same value,
so every label lives here once.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry

from credcat.catalog.documents import Cost

ENUM_LABELS: dict[str, dict[str, str]] = {
    "credential_type": {
        "micro_credential": "Micro-credential",
        "digital_badge": "Digital badge",
        "certificate": "Certificate",
        "certification": "Certification",
        "nano_degree": "Nano-degree",
        "course_certificate": "Course certificate",
        "license": "Licence",
    },
    "status": {"active": "Active", "upcoming": "Upcoming", "suspended": "Suspended", "retired": "Retired"},
    "audience": {
        "beginner": "Beginner",
        "intermediate": "Intermediate",
        "advanced": "Advanced",
        "professional": "Professional",
    },
    "mode": {"online": "Online", "in_person": "In person", "blended": "Blended"},
    "pacing": {"self_paced": "Self-paced", "instructor_led": "Instructor-led", "cohort": "Cohort"},
    "assessment": {
        "exam": "Exam",
        "project": "Project",
        "portfolio": "Portfolio",
        "performance": "Performance assessment",
        "quiz": "Quiz",
        "attendance_only": "Attendance only",
    },
    "supervision": {
        "unsupervised": "Unsupervised",
        "supervised": "Supervised",
        "supervised_with_id_check": "Supervised, with identity check",
    },
    "cost_model": {
        "free": "Free",
        "free_learning_paid_certificate": "Free to learn, paid certificate",
        "paid": "Paid",
        "subscription": "Subscription",
        "employer_sponsored": "Employer-sponsored",
    },
    "quality_assurance": {
        "none": "None",
        "internal": "Internal",
        "external_review": "External review",
        "accredited": "Accredited",
        "regulated": "Regulated",
    },
    "issued_as": {
        "open_badges_3": "Open Badges 3.0",
        "open_badges_2": "Open Badges 2.0",
        "european_digital_credential": "European Digital Credential",
        "pdf_certificate": "PDF certificate",
        "paper": "Paper certificate",
    },
    "accessibility": {
        "captions": "Captions",
        "transcripts": "Transcripts",
        "screen_reader_tested": "Screen-reader tested",
        "sign_language": "Sign language",
        "keyboard_only": "Keyboard-only use",
    },
    "provider_type": {
        "university": "University",
        "college": "College",
        "vocational": "Vocational school",
        "professional_body": "Professional body",
        "employer": "Employer",
        "online_platform": "Online platform",
        "quality_body": "Quality body",
        "other": "Other",
    },
    "recognition_as": {
        "credit": "Credit",
        "exemption": "Exemption",
        "admission": "Admission",
        "endorsement": "Endorsement",
        "accreditation": "Accreditation",
    },
    "leads_to_type": {
        "degree": "Degree",
        "diploma": "Diploma",
        "certificate": "Certificate",
        "certification": "Certification",
        "credential": "Credential",
    },
}

# What each kind of quality assurance means, in a learner's words (listing pages, the about page).
QUALITY_ASSURANCE_MEANINGS: dict[str, str] = {
    "none": "The provider states no quality assurance for this credential.",
    "internal": "The provider checks the course and its assessment itself; no outside organisation reviews them.",
    "external_review": "An outside organisation has reviewed the course or its assessment, without a formal accreditation.",
    "accredited": "An accreditation body has approved the credential or its provider.",
    "regulated": "A public regulator oversees the credential, as for a licence to practise.",
}

# What each status means for a learner (the about page).
STATUS_MEANINGS: dict[str, str] = {
    "active": "Open: you can enrol.",
    "upcoming": "Announced but not open yet; the listing says from when, if the provider said.",
    "suspended": "The provider has paused enrolment.",
    "retired": "No longer offered. The page stays so that links and records keep working; search shows such listings last.",
}

_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
_DURATION_UNITS = ("year", "month", "week", "day", "hour", "minute", "second")


def label(vocabulary: str, value: str) -> str:
    """The label of one enum value; an unknown value shows as written."""
    return ENUM_LABELS[vocabulary].get(value, value)


@cache
def language_name(tag: str) -> str:
    """`pt-BR` -> `Portuguese (Brazil)`; a tag pycountry does not know shows as written."""
    language, _, rest = tag.partition("-")
    entry = pycountry.languages.get(alpha_2=language) if len(language) == 2 else pycountry.languages.get(alpha_3=language)
    if entry is None:
        return tag
    name = getattr(entry, "common_name", None) or entry.name
    region = rest.split("-")[-1] if rest else ""
    if len(region) == 2 and region.isalpha() and (country := pycountry.countries.get(alpha_2=region.upper())):
        return f"{name} ({getattr(country, 'common_name', None) or country.name})"
    return str(name)


@cache
def country_name(code: str) -> str:
    """`GB` -> `United Kingdom`."""
    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or country.name) if country else code


def duration_text(value: str) -> str:
    """`P1Y6M` -> `1 year 6 months`; an unparsable value shows as written."""
    found = _DURATION.match(value)
    if not found:
        return value
    parts = [
        f"{number} {unit}{'' if number == '1' else 's'}"
        for number, unit in zip(found.groups(), _DURATION_UNITS, strict=True)
        if number is not None
    ]
    return " ".join(parts) or value


def number_text(value: float | int) -> str:
    """Numbers without a needless `.0`: 50.0 -> `50`, 2.5 -> `2.5`."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def money_text(amount: float, currency: str) -> str:
    """An amount as pages show it: `GBP 395`, `BRL 89.90`, `EUR 1,190` (cents only when there are some)."""
    return f"{currency} {amount:,.2f}".removesuffix(".00").strip()


def cost_text(cost: Cost) -> str:
    """What a learner pays, in words: `Free`, `GBP 395`, `Subscription (BRL 89.90 a month)`."""
    model = cost["model"]
    amount = cost.get("amount")
    price = money_text(amount, cost.get("currency", "")) if amount is not None else ""
    if price and model == "subscription" and "period" in cost:
        price += " a " + cost["period"]
    if model == "free" or (model == "paid" and amount == 0):
        return "Free"
    if model == "paid":
        return price
    if price:
        return f"{label('cost_model', model)} ({price})"
    return label("cost_model", model)
