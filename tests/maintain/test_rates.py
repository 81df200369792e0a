"""`credcat rates refresh`: exchange-rates.yml from the ECB's eurofxref XML, offline.

The fixture eurofxref-daily-2026-10-02.xml is the ECB's daily file of that date, in its
published form (reproduced byte for byte from a copy kept in a public repository's tests; the
same rates appear in several independent copies). Hostile and malformed documents each give one
line and exit 1, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from credcat.cli import main
from credcat.maintain.rates import ECB_DAILY_URL, RatesError, parse_ecb_rates, rates_yaml, read_source
from support import REPO
from support.git import commit, git, new_repository, write

FIXTURE = Path(__file__).parent / "rates" / "eurofxref-daily-2026-10-02.xml"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def credcat(*arguments: str, cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    monkeypatch.chdir(cwd)
    code = main(list(arguments))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def test_the_sample_table_is_what_refresh_makes_of_the_ecb_file_of_its_date() -> None:
    table = parse_ecb_rates(FIXTURE.read_bytes())
    assert (table.base, table.date, table.source_url) == ("EUR", "2026-10-02", ECB_DAILY_URL)
    assert len(table.rates) == 29 and dict(table.rates)["BRL"] == "5.8610" and dict(table.rates)["USD"] == "1.1225"
    assert (REPO / "catalog" / "exchange-rates.yml").read_text(encoding="utf-8") == rates_yaml(table)


def test_refresh_writes_the_table_deterministically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "catalog").mkdir()
    first = credcat("rates", "refresh", "--from", str(FIXTURE), "--catalog", "catalog", cwd=tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "wrote catalog/exchange-rates.yml: 29 rates of 2026-10-02 (ECB euro foreign exchange reference rates)\n"
    written = (tmp_path / "catalog" / "exchange-rates.yml").read_bytes()
    assert credcat("rates", "refresh", "--from", str(FIXTURE), "--catalog", "catalog", cwd=tmp_path, monkeypatch=monkeypatch, capsys=capsys).returncode == 0
    assert (tmp_path / "catalog" / "exchange-rates.yml").read_bytes() == written
    assert b'date: "2026-10-02"\n' in written and b"  BRL: 5.8610\n" in written


def test_a_history_file_gives_its_newest_day() -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "\t<Cube>\n", "\t<Cube>\n\t\t<Cube time='2026-10-01'><Cube currency='USD' rate='1.1000'/></Cube>\n", 1
    )
    assert parse_ecb_rates(text.encode()).date == "2026-10-02"


ENVELOPE = (
    "<gesmes:Envelope xmlns:gesmes='http://www.gesmes.org/xml/2002-08-01' "
    "xmlns='http://www.ecb.int/vocabulary/2002-08-01/eurofxref'><Cube>{}</Cube></gesmes:Envelope>"
)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Cube>&lol2;</Cube>',
         "the document declares a DTD or entities, which the ECB's rate files never do; refused"),
        (b'<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>',
         "the document declares a DTD or entities, which the ECB's rate files never do; refused"),
        (b"<html><body>503 Service Unavailable</body></html>",
         "no dated rates in the document: not an ECB eurofxref file (Cube elements with time)"),
        (b"", "not well-formed XML at line 1, column 1"),
        (b"<Cube time='2026-10-02'><Cube", "not well-formed XML at line 1, column 25"),
        (ENVELOPE.format("<Cube time='2026-13-02'><Cube currency='USD' rate='1.1'/></Cube>").encode(),
         "the rates' date '2026-13-02' is not a YYYY-MM-DD date"),
        (ENVELOPE.format("<Cube time='2026-10-02'><Cube currency='US&#x202e;D' rate='1.1'/></Cube>").encode(),
         "'US\\u202eD' is not a currency code of three capital letters other than EUR"),
        (ENVELOPE.format("<Cube time='2026-10-02'><Cube currency='EUR' rate='1'/></Cube>").encode(),
         "'EUR' is not a currency code of three capital letters other than EUR"),
        (ENVELOPE.format("<Cube time='2026-10-02'><Cube currency='USD' rate='1e309'/></Cube>").encode(),
         "the rate of USD is '1e309', not a positive decimal number"),
        (ENVELOPE.format("<Cube time='2026-10-02'><Cube currency='USD' rate='0.0'/></Cube>").encode(),
         "the rate of USD is '0.0', not a positive decimal number"),
        (ENVELOPE.format("<Cube time='2026-10-02'><Cube currency='USD' rate='1.1'/><Cube currency='USD' rate='1.2'/></Cube>").encode(),
         "USD is listed twice on 2026-10-02"),
        (ENVELOPE.format("<Cube time='2026-10-02'></Cube>").encode(), "no rates on 2026-10-02"),
        (ENVELOPE.format("<Cube time='2026-10-02'><Cube currency='&lt;b&gt;' rate='1'/></Cube>").encode(),
         "'<b>' is not a currency code of three capital letters other than EUR"),
    ],
    ids=["billion-laughs", "external-entity", "html", "empty", "truncated", "bad-date", "bidi-override", "base-listed",
         "huge-rate", "zero-rate", "duplicate", "no-rates", "markup-in-code"],
)
def test_a_hostile_or_malformed_document_is_one_clear_error(document: bytes, message: str) -> None:
    with pytest.raises(RatesError) as raised:
        parse_ecb_rates(document)
    assert str(raised.value) == message


def test_the_command_reports_a_bad_document_in_one_line_and_leaves_the_table_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "exchange-rates.yml").write_text("kept\n", encoding="utf-8")
    (tmp_path / "bad.xml").write_bytes(b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>")
    result = credcat("rates", "refresh", "--from", "bad.xml", "--catalog", "catalog", cwd=tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "credcat: error: the document declares a DTD or entities, which the ECB's rate files never do; refused\n"
    assert (tmp_path / "catalog" / "exchange-rates.yml").read_text(encoding="utf-8") == "kept\n"


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("http://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml",
         "refusing 'http://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml': rates are fetched over https only"),
        ("file:///etc/passwd", "refusing 'file:///etc/passwd': rates are fetched over https only"),
        ("https://example.org/a b\x1b[2J", "'https://example.org/a b\\x1b[2J' is not a plain https address (letters, digits and ./-_~% only)"),
        ("no-such-file.xml", "cannot read 'no-such-file.xml': No such file or directory"),
    ],
)
def test_sources_other_than_https_or_a_readable_file_are_refused_before_any_request(location: str, message: str) -> None:
    with pytest.raises(RatesError) as raised:
        read_source(location)
    assert str(raised.value) == message


def test_a_file_larger_than_a_rate_table_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    big.write_bytes(b"<x>" + b" " * (1024 * 1024) + b"</x>")
    with pytest.raises(RatesError, match="is larger than 1024 KiB: not a reference-rate file"):
        read_source(str(big))


def test_a_refreshed_table_is_named_in_the_change_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = new_repository(tmp_path)
    write(repo, "catalog/exchange-rates.yml", rates_yaml(parse_ecb_rates(FIXTURE.read_bytes())))
    commit(repo, "base")
    git(repo, "checkout", "-q", "-b", "change")
    newer = FIXTURE.read_text(encoding="utf-8").replace("2026-10-02", "2026-10-05").replace("'1.1225'", "'1.1301'")
    write(repo, "catalog/exchange-rates.yml", rates_yaml(parse_ecb_rates(newer.encode())))
    commit(repo)
    monkeypatch.chdir(repo)
    assert main(["diff", "main"]) == 0
    assert capsys.readouterr().out.endswith("### Other files\n\n- `catalog/exchange-rates.yml`\n")
