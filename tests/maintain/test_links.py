"""check-links against a local HTTP server that misbehaves in every way the checker must handle."""

from __future__ import annotations

import functools
import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from credcat.check.load import load_catalog
from credcat.cli import main
from credcat.maintain import links
from credcat.maintain.links import CheckSettings, LinkChecker, Outcome, retry_after_seconds, stale_listings

SETTINGS = CheckSettings(
    timeout=1.0, retries=2, backoff=0.05, max_retry_after=2.0, max_redirects=4, per_host=2, workers=8, deadline=10.0
)


# Paths whose answer never changes: status and headers.
FIXED_ANSWERS: dict[str, tuple[int, dict[str, str]]] = {
    "/ok": (200, {}),
    "/loop/a": (302, {"Location": "/loop/b"}),
    "/missing": (404, {}),
    "/down": (503, {}),
    "/busy-long": (429, {"Retry-After": "3600"}),
}


class Misbehaving(BaseHTTPRequestHandler):
    """Answers by path: /ok, /chain/N, /loop/a|b, /missing, /flaky, /down, /busy, /busy-long, /silent, /many/N."""

    hits: ClassVar[Counter[str]] = Counter()
    hit_times: ClassVar[dict[str, list[float]]] = {}
    in_flight = 0
    most_in_flight = 0
    lock = threading.Lock()
    release = threading.Event()

    def do_GET(self) -> None:
        cls = type(self)
        with cls.lock:
            cls.hits[self.path] += 1
            cls.hit_times.setdefault(self.path, []).append(time.monotonic())
            count = cls.hits[self.path]
            cls.in_flight += 1
            cls.most_in_flight = max(cls.most_in_flight, cls.in_flight)
        try:
            self._answer(count)
        finally:
            with cls.lock:
                cls.in_flight -= 1

    def _answer(self, count: int) -> None:
        path = self.path
        if path in FIXED_ANSWERS:
            status, headers = FIXED_ANSWERS[path]
            self._send(status, **headers)
        elif path.startswith("/chain/"):
            step = int(path.rsplit("/", 1)[1])
            self._send(200) if step >= 3 else self._send(301, Location=f"/chain/{step + 1}")
        elif path == "/loop/b":
            self._send(302, Location=f"http://127.0.0.1:{self.server.server_address[1]}/loop/a")
        elif path == "/flaky":
            self._send(500 if count == 1 else 200)
        elif path == "/busy":
            self._send(429, **{"Retry-After": "1"}) if count == 1 else self._send(200)
        elif path == "/silent":
            type(self).release.wait(30)
        elif path.startswith("/many/"):
            time.sleep(0.2)
            self._send(200)
        else:
            self._send(404)

    def _send(self, status: int, **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


def reaching(server: str, settings: CheckSettings = SETTINGS) -> CheckSettings:
    """`settings` that may reach the test's loopback server (the checker refuses loopback otherwise)."""
    host, port = server.removeprefix("http://").split(":")
    return replace(settings, local_servers=frozenset({(host, int(port))}))


@pytest.fixture
def server() -> Iterator[str]:
    Misbehaving.hits = Counter()
    Misbehaving.hit_times = {}
    Misbehaving.in_flight = Misbehaving.most_in_flight = 0
    Misbehaving.release = threading.Event()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    httpd.daemon_threads = True
    # A short poll interval: shutdown() waits for the next poll, 0.5 s by default, after every test.
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Misbehaving.release.set()
    httpd.shutdown()
    httpd.server_close()


CASES = ["/ok", "/chain/1", "/loop/a", "/missing", "/flaky", "/down", "/busy", "/busy-long", "/silent"]


def test_each_kind_of_answer_is_reported_correctly_within_the_time_bound(server: str) -> None:
    checker = LinkChecker(reaching(server))
    started = time.monotonic()
    results = checker.check_all([server + path for path in CASES])
    elapsed = time.monotonic() - started

    seen = {url.removeprefix(server): (result.outcome, result.status, result.detail) for url, result in results.items()}
    assert seen == {
        "/ok": (Outcome.OK, 200, "200 OK"),
        "/chain/1": (Outcome.OK, 200, "200 OK"),
        "/loop/a": (Outcome.BROKEN, 302, f"redirect loop: {server}/loop/a -> {server}/loop/b -> {server}/loop/a"),
        "/missing": (Outcome.BROKEN, 404, "404 Not Found"),
        "/flaky": (Outcome.OK, 200, "200 OK"),
        "/down": (Outcome.BROKEN, 503, "503 Service Unavailable after 3 tries"),
        "/busy": (Outcome.OK, 200, "200 OK"),
        "/busy-long": (
            Outcome.RATE_LIMITED,
            429,
            "429 Too Many Requests, Retry-After 3600 s is longer than the 2 s this check waits",
        ),
        "/silent": (Outcome.BROKEN, None, "timed out after 1 s"),
    }
    assert results[server + "/chain/1"].final_url == server + "/chain/3"
    assert Misbehaving.hits["/flaky"] == 2
    assert Misbehaving.hits["/down"] == 3
    assert Misbehaving.hits["/silent"] == 1, "a timeout is not retried"
    assert Misbehaving.hits["/busy-long"] == 1, "a Retry-After beyond the cap is not waited for"
    first, second = Misbehaving.hit_times["/busy"]
    assert second - first >= 0.95, "the retry honours Retry-After: 1"
    # Worst single address: the 1 s timeout, or 1 s Retry-After plus a request; all run in parallel.
    assert elapsed < 5.0


def test_redirect_chains_longer_than_the_limit_are_broken(server: str) -> None:
    result = LinkChecker(reaching(server, CheckSettings(timeout=1.0, max_redirects=1))).check(server + "/chain/1")
    assert (result.outcome, result.detail) == (Outcome.BROKEN, "more than 1 redirects")


def test_no_host_gets_more_than_its_share_of_requests_at_once(server: str) -> None:
    urls = [f"{server}/many/{index}" for index in range(8)]
    results = LinkChecker(reaching(server)).check_all(urls)
    assert {result.outcome for result in results.values()} == {Outcome.OK}
    assert Misbehaving.most_in_flight == SETTINGS.per_host


def test_an_unreachable_port_is_broken_after_its_retries() -> None:
    settings = reaching("http://127.0.0.1:9", CheckSettings(timeout=1.0, retries=1, backoff=0.01))
    result = LinkChecker(settings).check("http://127.0.0.1:9/nothing-listens-here")
    assert result.outcome is Outcome.BROKEN
    assert result.detail.startswith("cannot connect: ")
    assert result.attempts == 2


def test_a_host_that_does_not_exist_is_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    lookups = []

    def no_such_name(host: str, *arguments: object, **keywords: object) -> list[object]:
        lookups.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    result = LinkChecker(SETTINGS).check("https://no-such-host.invalid/page")
    assert (result.outcome, result.detail) == (Outcome.BROKEN, "host not found: no-such-host.invalid")
    assert lookups == ["no-such-host.invalid"]


def test_a_malformed_address_is_broken_without_a_request() -> None:
    result = LinkChecker(SETTINGS).check("http://[::1/unclosed")
    assert (result.outcome, result.detail) == (Outcome.BROKEN, "not a usable address: Invalid IPv6 URL")


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


PROVIDER = """\
id: acme
name: Acme
type: other
url: {server}/ok
country: GB
description: Acme.
contact_email: a@example.org
maintainers: [acme-admin]
accreditations:
  - body: Quality Board
    url: {server}/chain/1
    evidence_url: {server}/missing
"""

CREDENTIAL = """\
id: {id}
url: {url}
quality_assurance:
  type: accredited
  bodies:
    - name: Board
      evidence_url: {server}/loop/a
dates:
  last_verified: "{verified}"
"""


def write_catalog(root: Path, server: str) -> Path:
    catalog = root / "catalog"
    (catalog / "providers" / "acme" / "credentials").mkdir(parents=True)
    (catalog / "providers" / "acme" / "provider.yml").write_text(PROVIDER.format(server=server))
    for credential_id, url, verified in (
        ("fresh", f"{server}/flaky", "2026-06-01"),
        ("old", f"{server}/ok", "2025-05-31"),
    ):
        (catalog / "providers" / "acme" / "credentials" / f"{credential_id}.yml").write_text(
            CREDENTIAL.format(id=credential_id, url=url, server=server, verified=verified)
        )
    return catalog


def test_stale_listings_are_those_verified_more_than_twelve_months_ago(tmp_path: Path, server: str) -> None:
    loaded, _problems, _count = load_catalog(write_catalog(tmp_path, server))
    stale = stale_listings(loaded, today=date(2026, 6, 1))
    assert [(problem.path.rsplit("/", 1)[1], problem.line, problem.field, problem.message) for problem in stale] == [
        ("old.yml", 9, "dates.last_verified", "listing last verified on 2025-05-31, more than 12 months ago"),
    ]


def command_reaching(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Let `credcat check-links` reach the test's server: the command line itself has no way to."""
    monkeypatch.setattr(links, "CheckSettings", functools.partial(CheckSettings, local_servers=reaching(server).local_servers))


def test_the_command_reports_each_broken_field_in_text_and_json(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = write_catalog(tmp_path, server)
    monkeypatch.chdir(tmp_path)
    command_reaching(server, monkeypatch)
    arguments = ["check-links", "--catalog", str(catalog), "--timeout", "1", "--max-retry-after", "2"]
    assert main(arguments) == 1
    text = capsys.readouterr().out
    provider = "catalog/providers/acme/provider.yml"
    credential = "catalog/providers/acme/credentials/{}.yml"
    loop = f"redirect loop: {server}/loop/a -> {server}/loop/b -> {server}/loop/a"
    fix = "fix the address, or point to the page that replaced it"
    body = "quality_assurance.bodies[0].evidence_url"
    assert text.splitlines()[:4] == [
        f"{credential.format('fresh')}:7:21: error: {body}: {server}/loop/a: {loop} ({fix})",
        f"{credential.format('old')}:7:21: error: {body}: {server}/loop/a: {loop} ({fix})",
        f"{credential.format('old')}:9:18: warning: dates.last_verified: listing last verified on 2025-05-31, "
        "more than 12 months ago (check the listing against the provider's page and set last_verified to that day)",
        f"{provider}:12:19: error: accreditations[0].evidence_url: {server}/missing: 404 Not Found ({fix})",
    ]
    assert text.splitlines()[4] == "3 errors, 1 warning in 3 files (3 files checked)"

    saved = tmp_path / "report.json"
    assert main([*arguments, "--format", "json", "--json-output", str(saved)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert json.loads(saved.read_text()) == report
    assert [(item["rule"], item["severity"], item["field"]) for item in report] == [
        ("link", "error", "quality_assurance.bodies[0].evidence_url"),
        ("link", "error", "quality_assurance.bodies[0].evidence_url"),
        ("stale", "warning", "dates.last_verified"),
        ("link", "error", "accreditations[0].evidence_url"),
    ]


def test_markdown_report_names_the_count_and_fits_an_issue(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = write_catalog(tmp_path, server)
    monkeypatch.chdir(tmp_path)
    command_reaching(server, monkeypatch)
    assert main(["check-links", "--catalog", str(catalog), "--timeout", "1", "--format", "markdown"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[:5] == [
        "## Link check",
        "",
        "5 distinct addresses checked.",
        "",
        "3 errors, 1 warning in 3 files (3 files checked)",
    ]
    assert "| `catalog/providers/acme/provider.yml` | 12 | `accreditations[0].evidence_url` |" in captured.out
    assert captured.err.startswith("checked 5 addresses in ")


def test_paths_narrow_the_check_to_those_files(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Like validate, check-links takes files or folders; only their addresses are fetched."""
    catalog = write_catalog(tmp_path, server)
    monkeypatch.chdir(tmp_path)
    command_reaching(server, monkeypatch)
    old = "catalog/providers/acme/credentials/old.yml"
    assert main(["check-links", "--catalog", str(catalog), "--timeout", "1", old]) == 1
    captured = capsys.readouterr()
    assert [line.split(": ", 2)[:2] for line in captured.out.splitlines()] == [
        [f"{old}:7:21", "error"],
        [f"{old}:9:18", "warning"],
        ["1 error, 1 warning in 1 file (1 files checked)"],
    ]
    assert set(Misbehaving.hits) == {"/ok", "/loop/a", "/loop/b"}
    assert captured.err.startswith("checked 2 addresses in ")

    assert main(["check-links", "--catalog", str(catalog), "--timeout", "1", "catalog/providers/acme/"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "3 errors, 1 warning in 3 files (3 files checked)"


def test_a_mistyped_path_is_a_usage_error_before_any_request(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = write_catalog(tmp_path, server)
    monkeypatch.chdir(tmp_path)
    command_reaching(server, monkeypatch)
    with pytest.raises(SystemExit) as exit_info:
        main(["check-links", "--catalog", str(catalog), "catalog/providers/acme/credentials/nope.yml"])
    assert exit_info.value.code == 2
    assert capsys.readouterr() == ("", "credcat: error: no such file: catalog/providers/acme/credentials/nope.yml\n")
    assert Misbehaving.hits == Counter()
