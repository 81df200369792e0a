"""catalog.csv: one row per listing, flat columns, for spreadsheets.

UTF-8 with a byte-order mark (so Excel reads accents right) and a header row; lists are
joined with "; ". Provider text that a spreadsheet would run as a formula (a cell starting
with =, +, -, @, tab or carriage return) gets a leading apostrophe, as OWASP advises.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from credcat.catalog.costs import PRICE, AllInCost
from credcat.catalog.documents import CredentialDocument
from credcat.catalog.model import Catalog, Credential
from credcat.catalog.urls import Links

LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | bool | Sequence[str] | None
Getter = Callable[[Credential, Catalog, Links], Cell]


def _listing(read: Callable[[CredentialDocument], Cell]) -> Getter:
    """A column read from the listing's own data; None for a field it leaves out."""
    return lambda credential, catalog, links: read(credential.data)


COLUMNS: tuple[tuple[str, Getter], ...] = (
    ("ref", lambda credential, catalog, links: credential.ref),
    ("provider_id", lambda credential, catalog, links: credential.provider_id),
    ("provider_name", lambda credential, catalog, links: catalog.providers[credential.provider_id].name),
    ("id", _listing(lambda data: data["id"])),
    ("name", _listing(lambda data: data["name"])),
    ("summary", _listing(lambda data: data["summary"])),
    ("credential_type", _listing(lambda data: data["credential_type"])),
    ("status", _listing(lambda data: data["status"])),
    ("url", _listing(lambda data: data["url"])),
    ("page_url", lambda credential, catalog, links: links.credential_page(credential.ref)),
    ("languages", _listing(lambda data: data["languages"])),
    ("industries", _listing(lambda data: data["industries"])),
    ("subjects", _listing(lambda data: data["subjects"])),
    ("level_audience", _listing(lambda data: data["level"]["audience"])),
    ("level_eqf", _listing(lambda data: data["level"].get("eqf"))),
    ("workload_hours", _listing(lambda data: data["workload"]["hours"])),
    ("workload_ects", _listing(lambda data: data["workload"].get("ects"))),
    ("workload_duration", _listing(lambda data: data["workload"].get("duration"))),
    ("delivery_mode", _listing(lambda data: data["delivery"]["mode"])),
    ("delivery_pacing", _listing(lambda data: data["delivery"]["pacing"])),
    ("delivery_location", _listing(lambda data: data["delivery"].get("location"))),
    ("assessment_type", _listing(lambda data: data["assessment"]["type"])),
    ("assessment_supervision", _listing(lambda data: data["assessment"].get("supervision"))),
    ("cost_model", _listing(lambda data: data["cost"]["model"])),
    ("cost_amount", _listing(lambda data: data["cost"].get("amount"))),
    ("cost_currency", _listing(lambda data: data["cost"].get("currency"))),
    ("cost_financial_aid", _listing(lambda data: data["cost"].get("financial_aid"))),
    ("cost_period", _listing(lambda data: data["cost"].get("period"))),
    ("cost_all_in", lambda credential, catalog, links: catalog.costs[credential.ref].total_text or None),
    ("cost_all_in_unknown", lambda credential, catalog, links: list(catalog.costs[credential.ref].unknown)),
    ("cost_extras", lambda credential, catalog, links: [part.text for part in catalog.costs[credential.ref].first_time if part.kind != PRICE]),
    ("cost_recurring", lambda credential, catalog, links: [part.text for part in catalog.costs[credential.ref].recurring]),
    ("cost_optional", lambda credential, catalog, links: [part.text for part in catalog.costs[credential.ref].optional]),
    ("cost_comparable_approximate", lambda credential, catalog, links: _comparable(catalog.costs[credential.ref])),
    ("quality_assurance_type", _listing(lambda data: data["quality_assurance"]["type"])),
    ("quality_assurance_bodies", _listing(lambda data: [body["name"] for body in data["quality_assurance"].get("bodies", [])])),
    ("skills", _listing(lambda data: [skill["name"] for skill in data.get("skills", [])])),
    ("occupations", _listing(lambda data: [occupation["name"] for occupation in data.get("occupations", [])])),
    ("issued_as", _listing(lambda data: data.get("issued_as"))),
    ("accessibility", _listing(lambda data: data.get("accessibility"))),
    ("keywords", _listing(lambda data: data.get("keywords"))),
    ("pathways", lambda credential, catalog, links: list(credential.pathways)),
    ("validity_expires_after", _listing(lambda data: data.get("validity", {}).get("expires_after"))),
    ("last_verified", _listing(lambda data: data["dates"]["last_verified"])),
    ("available_from", _listing(lambda data: data["dates"].get("available_from"))),
    ("available_until", _listing(lambda data: data["dates"].get("available_until"))),
)
HEADER = tuple(name for name, _ in COLUMNS)


def _comparable(cost: AllInCost) -> str | None:
    """`about EUR 36 for the first month (ECB ... of 2026-10-02)`: approximate, dated, sourced."""
    comparable = cost.comparable
    return f"{comparable.text} ({comparable.source_name} of {comparable.date})" if comparable is not None and cost.converted else None


def cell(value: Cell) -> str:
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
