"""catalog.csv: one row per listing, flat columns, for spreadsheets.

UTF-8 with a byte-order mark (so Excel reads accents right) and a header row; lists are
joined with "; ". Provider text that a spreadsheet would run as a formula (a cell starting
with =, +, -, @, tab or carriage return) gets a leading apostrophe, as OWASP advises.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from credcat.catalog.model import Catalog, Credential
from credcat.catalog.urls import Links

LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Getter = Callable[[Credential, Catalog, Links], Any]


def _field(*path: str) -> Getter:
    """A getter for a nested listing field; None when any step of the path is absent (every step but the last is an object)."""

    def get(credential: Credential, catalog: Catalog, links: Links) -> Any:
        value: Any = credential.data
        for key in path:
            if key not in value:
                return None
            value = value[key]
        return value

    return get


def _names(key: str) -> Getter:
    """Names from a list of {name, ...} objects."""
    return lambda credential, catalog, links: [item["name"] for item in credential.data.get(key, [])]


COLUMNS: tuple[tuple[str, Getter], ...] = (
    ("ref", lambda credential, catalog, links: credential.ref),
    ("provider_id", lambda credential, catalog, links: credential.provider_id),
    ("provider_name", lambda credential, catalog, links: catalog.providers[credential.provider_id].name),
    ("id", _field("id")),
    ("name", _field("name")),
    ("summary", _field("summary")),
    ("credential_type", _field("credential_type")),
    ("status", _field("status")),
    ("url", _field("url")),
    ("page_url", lambda credential, catalog, links: links.credential_page(credential.ref)),
    ("languages", _field("languages")),
    ("industries", _field("industries")),
    ("subjects", _field("subjects")),
    ("level_audience", _field("level", "audience")),
    ("level_eqf", _field("level", "eqf")),
    ("workload_hours", _field("workload", "hours")),
    ("workload_ects", _field("workload", "ects")),
    ("workload_duration", _field("workload", "duration")),
    ("delivery_mode", _field("delivery", "mode")),
    ("delivery_pacing", _field("delivery", "pacing")),
    ("delivery_location", _field("delivery", "location")),
    ("assessment_type", _field("assessment", "type")),
    ("assessment_supervision", _field("assessment", "supervision")),
    ("cost_model", _field("cost", "model")),
    ("cost_amount", _field("cost", "amount")),
    ("cost_currency", _field("cost", "currency")),
    ("cost_financial_aid", _field("cost", "financial_aid")),
    ("quality_assurance_type", _field("quality_assurance", "type")),
    ("quality_assurance_bodies", lambda credential, catalog, links: [body["name"] for body in credential.data["quality_assurance"].get("bodies", [])]),
    ("skills", _names("skills")),
    ("occupations", _names("occupations")),
    ("issued_as", _field("issued_as")),
    ("accessibility", _field("accessibility")),
    ("keywords", _field("keywords")),
    ("pathways", lambda credential, catalog, links: list(credential.pathways)),
    ("validity_expires_after", _field("validity", "expires_after")),
    ("last_verified", _field("dates", "last_verified")),
    ("available_from", _field("dates", "available_from")),
    ("available_until", _field("dates", "available_until")),
)
HEADER = tuple(name for name, _ in COLUMNS)


def cell(value: Any) -> str:
    """One value as spreadsheet text: lists joined, booleans as true/false, absent as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def catalog_csv(catalog: Catalog, links: Links) -> str:
    """The whole CSV text, rows in ref order, CRLF line ends as RFC 4180 has them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for credential in catalog.credentials.values():
        writer.writerow([cell(get(credential, catalog, links)) for _, get in COLUMNS])
    return buffer.getvalue()
