"""`credcat rates refresh`: catalog/exchange-rates.yml from the ECB's published reference rates.

The ECB publishes its euro foreign exchange reference rates every working day as
eurofxref-daily.xml. That document comes from the network and is untrusted: it is read with a
size bound, refused if it declares a DTD or entities (a rates file never does, and without one
no entity can expand), parsed by the standard library's expat-based reader, and every value is
checked before it is written. The table is written deterministically (codes sorted, rates as
published), naming its source and date; errors are one line each.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

from credcat.check.characters import escape
from credcat.check.layout import EXCHANGE_RATES_FILE
from credcat.errors import CredcatError
from credcat.files import write_file

ECB_DAILY_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"
ECB_SOURCE_NAME = "ECB euro foreign exchange reference rates"
ECB_BASE = "EUR"
_ECB_NAMESPACE = "{http://www.ecb.int/vocabulary/2002-08-01/eurofxref}"
MAX_BYTES = 1024 * 1024  # the daily file is about 1.5 KB; the full history about 600 KB
MAX_RATES = 300
FETCH_TIMEOUT = 30.0
_CODE = re.compile(r"[A-Z]{3}")
_RATE = re.compile(r"[0-9]{1,12}(\.[0-9]{1,12})?")
_ADDRESS = re.compile(r"https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?")
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class RatesError(CredcatError):
    """A rate source that cannot be read or is not a reference-rate table, in one line."""


@dataclass(frozen=True)
class RateTable:
    """One day's reference rates: units of each currency per unit of `base`, as published (text)."""

    base: str
    date: str
    source_name: str
    source_url: str
    rates: tuple[tuple[str, str], ...]


def read_source(location: str) -> tuple[bytes, str]:
    """The bytes at a local file or an https address, at most MAX_BYTES, and the address to name
    as the table's source (the ECB's own for a local copy of its file)."""
    if location.startswith(("http://", "ftp://", "file:")):
        raise RatesError(f"refusing {_shown(location)}: rates are fetched over https only")
    if location.startswith("https://"):
        if not _ADDRESS.fullmatch(location):
            raise RatesError(f"{_shown(location)} is not a plain https address (letters, digits and ./-_~% only)")
        try:
            with urllib.request.urlopen(location, timeout=FETCH_TIMEOUT) as response:  # noqa: S310 (https only, checked above)
                raw = response.read(MAX_BYTES + 1)
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise RatesError(f"cannot fetch {_shown(location)}: {_shown(str(getattr(error, 'reason', error)))}") from None
        source_url = location
    else:
        try:
            with open(location, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise RatesError(f"cannot read {_shown(location)}: {error.strerror}") from None
        source_url = ECB_DAILY_URL
    if len(raw) > MAX_BYTES:
        raise RatesError(f"{_shown(location)} is larger than {MAX_BYTES // 1024} KiB: not a reference-rate file")
    return raw, source_url


def parse_ecb_rates(raw: bytes, source_url: str = ECB_DAILY_URL) -> RateTable:
    """The newest day of an ECB eurofxref document (daily, or a history file), checked value by value."""
    if _DECLARATION.search(raw):
        raise RatesError("the document declares a DTD or entities, which the ECB's rate files never do; refused")
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise RatesError(f"not well-formed XML at line {line}, column {column + 1}") from None
    days = [cube for cube in root.iter(f"{_ECB_NAMESPACE}Cube") if "time" in cube.attrib]
    if not days:
        raise RatesError("no dated rates in the document: not an ECB eurofxref file (Cube elements with time)")
    newest = max(days, key=lambda cube: cube.attrib["time"])
    day = _checked_date(newest.attrib["time"])
    rates: dict[str, str] = {}
    for cube in newest.iter(f"{_ECB_NAMESPACE}Cube"):
        if cube is not newest:
            code, rate = _checked_rate(cube.attrib.get("currency", ""), cube.attrib.get("rate", ""))
            if code in rates:
                raise RatesError(f"{code} is listed twice on {day}")
            rates[code] = rate
    if not rates:
        raise RatesError(f"no rates on {day}")
    if len(rates) > MAX_RATES:
        raise RatesError(f"{len(rates)} rates on {day}, more than the {MAX_RATES} a table may hold")
    return RateTable(ECB_BASE, day, ECB_SOURCE_NAME, source_url, tuple(sorted(rates.items())))


def rates_yaml(table: RateTable) -> str:
    """exchange-rates.yml as `rates refresh` writes it: the same table gives the same bytes."""
    lines = [
        "# Reference rates for comparing amounts in different currencies (DATA-MODEL.md, \"All-in cost",
        "# and comparable amounts\"): units of each currency that one unit of base buys.",
        "# Written by `credcat rates refresh`; refresh it rather than editing by hand.",
        f"base: {table.base}",
        f"date: \"{table.date}\"",
        "source:",
        f"  name: {json.dumps(table.source_name)}",
        f"  url: {json.dumps(table.source_url)}",
        "rates:",
        *(f"  {code}: {rate}" for code, rate in table.rates),
    ]
    return "\n".join(lines) + "\n"


def refresh_rates(catalog: Path, location: str = ECB_DAILY_URL) -> tuple[Path, RateTable]:
    """Read the rates at `location` and write them to the catalog's exchange-rates.yml."""
    raw, source_url = read_source(location)
    table = parse_ecb_rates(raw, source_url)
    path = catalog / EXCHANGE_RATES_FILE
    write_file(path, rates_yaml(table))
    return path, table


def _checked_rate(code: str, rate: str) -> tuple[str, str]:
    if not _CODE.fullmatch(code) or code == ECB_BASE:
        raise RatesError(f"{_shown(code)} is not a currency code of three capital letters other than {ECB_BASE}")
    if not _RATE.fullmatch(rate) or float(rate) <= 0:
        raise RatesError(f"the rate of {code} is {_shown(rate)}, not a positive decimal number")
    return code, rate


def _checked_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str) -> str:
    raise RatesError(f"the rates' date {_shown(text)} is not a YYYY-MM-DD date")


def _shown(value: str) -> str:
    """An untrusted value as one quoted, escaped, bounded piece of a message line."""
    return "'" + escape(value if len(value) <= 60 else value[:57] + "...") + "'"
