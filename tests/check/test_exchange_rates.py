"""exchange-rates.yml is checked like any catalog file (file:line, field), and a listing whose
currency the table lacks gets a warning naming the file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from credcat.check.report import render_text
from credcat.check.validate import validate_catalog
from support import REPO, TODAY
from support.catalogs import copy_base_catalog

LISTING = "providers/acme-academy/credentials/spreadsheet-basics.yml"


def report_lines(workdir: Path, monkeypatch: pytest.MonkeyPatch, rates: str | None, cost: str | None = None) -> list[str]:
    catalog = copy_base_catalog(workdir / "catalog")
    if rates is not None:
        (catalog / "exchange-rates.yml").write_text(rates, encoding="utf-8")
    if cost is not None:
        listing = catalog / LISTING
        text = listing.read_text(encoding="utf-8")
        start = text.index("cost:\n")
        end = text.index("quality_assurance:")
        listing.write_text(text[:start] + cost + text[end:], encoding="utf-8")
    monkeypatch.chdir(workdir)
    report = validate_catalog(Path("catalog"), today=TODAY)
    return render_text(report.problems, report.files_checked).splitlines()[:-1]  # the problems, without the count line


def test_the_sample_table_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rates = (REPO / "catalog" / "exchange-rates.yml").read_text(encoding="utf-8")
    assert report_lines(tmp_path, monkeypatch, rates) == []


def test_a_listing_currency_missing_from_the_table_is_a_warning_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rates = 'base: EUR\ndate: "2026-10-02"\nsource:\n  name: ECB\n  url: https://www.ecb.europa.eu/\nrates:\n  USD: 1.1225\n'
    cost = (
        "cost:\n  model: paid\n  amount: 9000\n  currency: NGN\n  extras:\n"
        "    - kind: exam_fee\n      amount: 20\n      currency: USD\n"
        "    - kind: materials\n      amount: 5\n      currency: GBP\n"
    )
    lines = report_lines(tmp_path, monkeypatch, rates, cost)
    listing = f"catalog/{LISTING}"
    assert [line for line in lines if ": warning: " in line] == [
        f"{listing}:30:13: warning: cost.currency: NGN is not in exchange-rates.yml: this amount cannot be compared with "
        "others and sorts after converted ones, labelled 'not converted' (give the amount in a currency the table has, "
        "or ask the catalog maintainers to add a rate for it)",
        f"{listing}:37:17: warning: cost.extras[1].currency: GBP is not in exchange-rates.yml: this amount cannot be "
        "compared with others and sorts after converted ones, labelled 'not converted' (give the amount in a currency "
        "the table has, or ask the catalog maintainers to add a rate for it)",
    ]


def test_without_a_table_no_currency_is_warned_about(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cost = "cost:\n  model: paid\n  amount: 9000\n  currency: NGN\n"
    assert report_lines(tmp_path, monkeypatch, None, cost) == []


def test_a_broken_table_gets_each_problem_at_its_line_and_no_listing_is_warned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rates = (
        "base: EUR\n"
        "date: 2099-01-01\n"
        "source:\n"
        "  name: ECB\n"
        "  url: http://www.ecb.europa.eu/\n"
        "rates:\n"
        "  usd: 1.1\n"
        "  EUR: 1\n"
        "  QQQ: 2\n"
        "  GBP: 0\n"
        "  CHF: .inf\n"
        "extra: 1\n"
    )
    lines = report_lines(tmp_path, monkeypatch, rates, "cost:\n  model: paid\n  amount: 9000\n  currency: NGN\n")
    assert lines == [
        "catalog/exchange-rates.yml:2:7: error: date: 2099-01-01 is in the future (use the date the rates were published for)",
        "catalog/exchange-rates.yml:5:8: error: source.url: 'http://www.ecb.europa.eu/' must start with https:// "
        "(for example 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily...')",
        "catalog/exchange-rates.yml:7:3: error: rates: 'usd' is not a three-letter currency code in capitals",
        "catalog/exchange-rates.yml:8:3: error: rates.EUR: EUR is the base currency (delete it: the base converts at 1)",
        "catalog/exchange-rates.yml:9:3: error: rates.QQQ: 'QQQ' is not an ISO 4217 currency code",
        "catalog/exchange-rates.yml:10:8: error: rates.GBP: 0 must be greater than 0",
        "catalog/exchange-rates.yml:11:8: error: rates.CHF: inf is not a number a catalog file can hold (write a plain number such as 450)",
        "catalog/exchange-rates.yml:12:1: error: extra: unknown field 'extra'",
    ]
