"""check-links against hostile addresses and servers: a pull request can name any address, and a
server can answer anything. Each is refused or reported as one problem line, never a traceback or a
hang, and a refused address gets no connection at all (the servers count every connection).

Nothing here reaches beyond this machine: `only_loopback` stops, and records, any connection to an
address that is not loopback and any name lookup other than `localhost`.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import cmarkgfm
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from credcat.check.load import load_catalog
from credcat.cli import main
from credcat.maintain import links
from credcat.maintain.links import CheckSettings, LinkChecker, Outcome
from support import TODAY

SETTINGS = CheckSettings(timeout=1.0, retries=1, backoff=0.05, max_redirects=4, per_host=2, workers=8, deadline=10.0)
FIX = "fix the address, or point to the page that replaced it"


class CountingServer(ThreadingHTTPServer):
    """A loopback HTTP server that counts every connection it accepts, before reading a byte of it."""

    daemon_threads = True
    release: threading.Event

    def __init__(self, address: tuple[str, int], family: socket.AddressFamily = socket.AF_INET) -> None:
        self.address_family = family
        super().__init__(address, Hostile)
        self.connections = 0
        self.paths: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.release = threading.Event()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.lock:
            self.connections += 1
        super().process_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-answer is expected here; keep the output quiet."""

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://[{host}]:{port}" if self.address_family == socket.AF_INET6 else f"http://{host}:{port}"


class Hostile(BaseHTTPRequestHandler):
    """/ok, /redirect?to=<quoted Location, sent raw>, /drip, /huge-headers, /huge-body."""

    server: CountingServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        with self.server.lock:
            self.server.paths[path] += 1
        if path == "/redirect":
            self._head(302, Location=unquote(query.removeprefix("to=")), **{"Content-Length": "0"})
        elif path == "/drip":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Drip: ")
            while not self.server.release.wait(0.05):
                self.wfile.write(b"a")
                self.wfile.flush()
        elif path == "/huge-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for index in range(4000):
                self.wfile.write(f"X-Filler-{index}: {'b' * 1000}\r\n".encode())
        elif path == "/huge-body":
            self._head(200, **{"Content-Length": str(10**12)})
            chunk = b"c" * 65536
            while not self.server.release.is_set():
                self.wfile.write(chunk)
        else:
            self._head(200 if path == "/ok" else 404, **{"Content-Length": "0"})

    def _head(self, status: int, **headers: str) -> None:
        self.send_response_only(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


def serve(host: str, family: socket.AddressFamily = socket.AF_INET) -> Iterator[CountingServer]:
    server = CountingServer((host, 0), family)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def victim() -> Iterator[CountingServer]:
    """What an attacker wants to reach: a service on the runner's loopback interface."""
    yield from serve("127.0.0.1")


@pytest.fixture
def victim6() -> Iterator[CountingServer]:
    """The same on IPv6 loopback (where the machine has one)."""
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        socket.create_server(("::1", 0), family=socket.AF_INET6).close()
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    yield from serve("::1", socket.AF_INET6)


@pytest.fixture
def hostile() -> Iterator[CountingServer]:
    """The attacker's server: reachable in these tests only because the settings name it."""
    yield from serve("127.0.0.1")


def reaching(server: CountingServer, settings: CheckSettings = SETTINGS) -> CheckSettings:
    """`settings` that let the checker reach this one local server (and no other local address)."""
    host, port = server.server_address[:2]
    return replace(settings, local_servers=frozenset({(str(host), int(port))}))


def is_local(host: str) -> bool:
    address = ipaddress.ip_address(host.split("%")[0])
    mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
    return address.is_loopback or address.is_unspecified or bool(mapped and mapped.is_loopback)


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Stop and record every connection to a non-local address and every lookup of a name other than localhost."""
    stopped: list[object] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        if not is_local(address[0]):
            stopped.append(address)
            raise ConnectionRefusedError(f"the test stopped a connection to {address}")
        real_connect(self, address)

    def getaddrinfo(host: Any, *arguments: Any, **keywords: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name != "localhost":
            try:
                real_getaddrinfo(name, 80, flags=socket.AI_NUMERICHOST)
            except socket.gaierror:
                stopped.append(name)
                raise socket.gaierror(socket.EAI_NONAME, "the test stopped a name lookup") from None
        return real_getaddrinfo(host, *arguments, **keywords)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return stopped


# --- addresses that lead inside -------------------------------------------------------------------


LOOPBACK_FORMS = [
    ("http://127.0.0.1:{port}/", "127.0.0.1 is not a public address (loopback)"),
    ("http://2130706433:{port}/", "2130706433 resolves to 127.0.0.1, which is not a public address (loopback)"),
    ("http://0x7f000001:{port}/", "0x7f000001 resolves to 127.0.0.1, which is not a public address (loopback)"),
    ("http://0177.0.0.1:{port}/", "0177.0.0.1 resolves to 127.0.0.1, which is not a public address (loopback)"),
    ("http://127.1:{port}/", "127.1 resolves to 127.0.0.1, which is not a public address (loopback)"),
    ("http://[::ffff:127.0.0.1]:{port}/", "::ffff:127.0.0.1 is not a public address (loopback)"),
    ("http://[::ffff:7f00:1]:{port}/", "::ffff:7f00:1 is not a public address (loopback)"),
    ("http://0.0.0.0:{port}/", "0.0.0.0 is not a public address (unspecified)"),
    ("http://0:{port}/", "0 resolves to 0.0.0.0, which is not a public address (unspecified)"),
    ("HTTP://User:Secret@127.0.0.1:{port}/?a=b#c", "127.0.0.1 is not a public address (loopback)"),
]


@pytest.mark.parametrize(("form", "detail"), LOOPBACK_FORMS, ids=[form for form, _ in LOOPBACK_FORMS])
def test_every_spelling_of_loopback_is_refused_without_a_connection(
    victim: CountingServer, only_loopback: list[object], form: str, detail: str
) -> None:
    url = form.format(port=victim.server_address[1])
    result = LinkChecker(SETTINGS).check(url)
    assert (result.outcome, result.status, result.detail, result.attempts) == (Outcome.BROKEN, None, detail, 0)
    assert victim.connections == 0
    assert only_loopback == []


def test_a_name_that_resolves_to_loopback_is_refused(victim: CountingServer) -> None:
    result = LinkChecker(SETTINGS).check(f"http://localhost:{victim.server_address[1]}/admin")
    assert (result.outcome, result.attempts) == (Outcome.BROKEN, 0)
    assert result.detail in {
        "localhost resolves to 127.0.0.1, which is not a public address (loopback)",
        "localhost resolves to ::1, which is not a public address (loopback)",
    }
    assert victim.connections == 0


def test_ipv6_loopback_is_refused(victim6: CountingServer) -> None:
    port = victim6.server_address[1]
    results = LinkChecker(SETTINGS).check_all([f"http://[::1]:{port}/", f"http://[::]:{port}/"])
    assert {url: result.detail for url, result in results.items()} == {
        f"http://[::1]:{port}/": "::1 is not a public address (loopback)",
        f"http://[::]:{port}/": ":: is not a public address (unspecified)",
    }
    assert victim6.connections == 0


OTHER_INSIDE = [
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is not a public address (link-local)"),
    ("http://10.1.2.3/", "10.1.2.3 is not a public address (private)"),
    ("https://192.168.0.1/", "192.168.0.1 is not a public address (private)"),
    ("http://172.16.5.4:8080/", "172.16.5.4 is not a public address (private)"),
    ("http://100.64.0.1/", "100.64.0.1 is not a public address (not globally reachable)"),
    ("http://224.0.0.251/", "224.0.0.251 is not a public address (multicast)"),
    ("http://240.0.0.1/", "240.0.0.1 is not a public address (reserved)"),
    ("http://255.255.255.255/", "255.255.255.255 is not a public address (reserved)"),
    ("http://192.0.2.7/", "192.0.2.7 is not a public address (private)"),
    ("http://[fe80::1]/", "fe80::1 is not a public address (link-local)"),
    ("http://[fc00::5]/", "fc00::5 is not a public address (private)"),
    ("http://[ff02::1]/", "ff02::1 is not a public address (multicast)"),
    ("http://[::ffff:169.254.169.254]/", "::ffff:169.254.169.254 is not a public address (link-local)"),
    ("http://[2002:a9fe:a9fe::1]/", "2002:a9fe:a9fe::1 is not a public address (link-local)"),
    ("http://[64:ff9b::a9fe:a9fe]/", "64:ff9b::a9fe:a9fe is not a public address (reserved)"),
]


@pytest.mark.parametrize(("url", "detail"), OTHER_INSIDE, ids=[url for url, _ in OTHER_INSIDE])
def test_private_link_local_multicast_and_reserved_addresses_are_refused(
    only_loopback: list[object], url: str, detail: str
) -> None:
    result = LinkChecker(SETTINGS).check(url)
    assert (result.outcome, result.detail, result.attempts) == (Outcome.BROKEN, detail, 0)
    assert only_loopback == [], "no connection was even tried"


def test_one_inside_address_among_the_answers_refuses_the_host(
    monkeypatch: pytest.MonkeyPatch, only_loopback: list[object]
) -> None:
    """A name whose answers mix public and inside addresses is refused: the checker cannot pick safely."""

    def mixed(host: str, port: int, *arguments: Any, **keywords: Any) -> list[Any]:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", mixed)
    result = LinkChecker(SETTINGS).check("https://rebind.example/")
    assert result.detail == "rebind.example resolves to 127.0.0.1, which is not a public address (loopback)"
    assert only_loopback == []


def test_the_checked_address_is_the_one_connected_to(
    hostile: CountingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name is looked up once per request and the connection goes to that answer."""
    port = hostile.server_address[1]
    lookups: list[str] = []

    def rebinding(host: str, *arguments: Any, **keywords: Any) -> list[Any]:
        lookups.append(host)
        if len(lookups) > 1:
            raise AssertionError("a second lookup could have given another answer")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    result = LinkChecker(reaching(hostile)).check(f"http://rebind.example:{port}/ok")
    assert (result.outcome, result.status, lookups) == (Outcome.OK, 200, ["rebind.example"])
    assert hostile.paths == Counter({"/ok": 1})


# --- redirects that lead inside or out of http ----------------------------------------------------


def redirect(server: CountingServer, location: str) -> str:
    return f"{server.url}/redirect?to={quote(location, safe='')}"


REDIRECTS = [
    ("http://127.0.0.1:{victim}/admin", "127.0.0.1 is not a public address (loopback)"),
    ("http://localhost:{victim}/admin", None),
    ("http://169.254.169.254/latest/meta-data/iam/", "169.254.169.254 is not a public address (link-local)"),
    ("file:///etc/passwd", "only http and https addresses are checked"),
    ("file:///no/such/file", "only http and https addresses are checked"),
    ("data:text/plain,secret", "only http and https addresses are checked"),
    ("ftp://127.0.0.1:{victim}/pub", "only http and https addresses are checked"),
    ("gopher://127.0.0.1:{victim}/_SET", "only http and https addresses are checked"),
]


@pytest.mark.parametrize(("location", "reason"), REDIRECTS, ids=[location for location, _ in REDIRECTS])
def test_a_redirect_inside_or_out_of_http_is_not_followed(
    hostile: CountingServer, victim: CountingServer, only_loopback: list[object], location: str, reason: str | None
) -> None:
    target = location.format(victim=victim.server_address[1])
    result = LinkChecker(reaching(hostile)).check(redirect(hostile, target))
    assert (result.outcome, result.status, result.final_url, result.attempts) == (Outcome.BROKEN, 302, target, 1)
    if reason is None:  # localhost: either of its addresses
        assert result.detail.startswith(f"redirected to {target}: localhost resolves to ")
    else:
        assert result.detail == f"redirected to {target}: {reason}"
    assert "No such file" not in result.detail
    assert victim.connections == 0
    assert only_loopback == []


def test_a_redirect_to_a_file_is_one_problem_line_not_a_crash(
    tmp_path: Path,
    hostile: CountingServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    catalog = write_provider(tmp_path, url=redirect(hostile, "file:///etc/passwd"), evidence=f"{hostile.url}/ok")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(links, "CheckSettings", functools.partial(CheckSettings, local_servers=reaching(hostile).local_servers))
    assert main(["check-links", "--catalog", str(catalog), "--timeout", "1"]) == 1
    assert capsys.readouterr().out == (
        f"catalog/providers/acme/provider.yml:4:6: error: url: {redirect(hostile, 'file:///etc/passwd')}: "
        f"redirected to file:///etc/passwd: only http and https addresses are checked ({FIX})\n"
        "1 error, 0 warnings in 1 file (1 files checked)\n"
    )
    assert hostile.paths == Counter({"/redirect": 1, "/ok": 1})


def test_something_unforeseen_fails_one_address_not_the_run(hostile: CountingServer, monkeypatch: pytest.MonkeyPatch) -> None:
    real_getaddrinfo = socket.getaddrinfo

    def surprising(host: str, *arguments: Any, **keywords: Any) -> Any:
        if host == "surprise.example":
            raise RuntimeError("something nobody expected")
        return real_getaddrinfo(host, *arguments, **keywords)

    monkeypatch.setattr(socket, "getaddrinfo", surprising)
    results = LinkChecker(reaching(hostile)).check_all(["https://surprise.example/", f"{hostile.url}/ok"])
    assert {url: (result.outcome, result.detail) for url, result in results.items()} == {
        "https://surprise.example/": (Outcome.BROKEN, "the check failed: RuntimeError: something nobody expected"),
        f"{hostile.url}/ok": (Outcome.OK, "200 OK"),
    }


# --- servers that never finish, or send too much --------------------------------------------------


def finishes_within(seconds: float, work: Callable[[], Any]) -> Any:
    """The result of `work`, which must end within `seconds` (a hang fails the test instead of hanging it)."""
    outcome: list[Any] = []
    thread = threading.Thread(target=lambda: outcome.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still running after {seconds} s"
    return outcome[0]


def test_a_server_that_drips_bytes_times_out_on_the_wall_clock(hostile: CountingServer) -> None:
    checker = LinkChecker(reaching(hostile))
    started = time.monotonic()
    result = finishes_within(5, lambda: checker.check(f"{hostile.url}/drip"))
    assert (result.outcome, result.status, result.detail) == (Outcome.BROKEN, None, "timed out after 1 s")
    assert time.monotonic() - started < 2.0
    assert hostile.paths["/drip"] == 1, "a timeout is not retried"


@pytest.fixture
def tls_dripper() -> Iterator[tuple[str, int]]:
    """A TCP server that starts a TLS record announcing 16 KiB and then sends it a byte at a time."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip() -> None:
        connection, _address = listener.accept()
        with connection:
            connection.sendall(b"\x16\x03\x03\x40\x00")
            while not stop.wait(0.05):
                try:
                    connection.sendall(b"\x00")
                except OSError:
                    return

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    yield listener.getsockname()
    stop.set()
    listener.close()
    thread.join(5)


def test_a_tls_handshake_that_drips_times_out_on_the_wall_clock(tls_dripper: tuple[str, int]) -> None:
    host, port = tls_dripper
    checker = LinkChecker(replace(SETTINGS, local_servers=frozenset({(host, port)})))
    started = time.monotonic()
    result = finishes_within(5, lambda: checker.check(f"https://{host}:{port}/"))
    assert (result.outcome, result.detail, result.attempts) == (Outcome.BROKEN, "timed out after 1 s", 1)
    assert time.monotonic() - started < 2.0


def test_the_whole_run_ends_at_its_time_limit(hostile: CountingServer) -> None:
    settings = reaching(hostile, replace(SETTINGS, per_host=2, workers=2, run_deadline=1.5))
    checker = LinkChecker(settings)
    started = time.monotonic()
    results = finishes_within(6, lambda: checker.check_all([f"{hostile.url}/drip?{index}" for index in range(5)]))
    assert time.monotonic() - started < 2.5
    late = "not checked to the end: the run's time limit of 1.5 s was reached"
    assert Counter((result.outcome, result.detail) for result in results.values()) == Counter(
        {(Outcome.BROKEN, "timed out after 1 s"): 2, (Outcome.UNCHECKED, late): 3}
    )


def test_the_run_limit_is_a_warning_that_names_the_next_run(tmp_path: Path, hostile: CountingServer) -> None:
    catalog = write_provider(tmp_path, url=f"{hostile.url}/drip", evidence=f"{hostile.url}/ok")
    loaded, _problems, _count = load_catalog(catalog)
    settings = reaching(hostile, replace(SETTINGS, run_deadline=0.5))
    problems, checked = finishes_within(5, lambda: links.check_catalog_links(loaded, today=TODAY, settings=settings))
    assert checked == 2
    assert [(problem.field, problem.severity, problem.message, problem.hint) for problem in problems] == [
        (
            "url",
            "warning",
            f"{hostile.url}/drip: not checked to the end: the run's time limit of 0.5 s was reached",
            "the check ran out of time before this address; it is checked again next run",
        )
    ]


def test_headers_beyond_the_cap_are_not_read(hostile: CountingServer) -> None:
    started = time.monotonic()
    result = finishes_within(5, lambda: LinkChecker(reaching(hostile)).check(f"{hostile.url}/huge-headers"))
    assert (result.outcome, result.detail) == (Outcome.BROKEN, "the answer's headers are larger than 64 KiB")
    assert time.monotonic() - started < 2.0


def test_a_huge_body_is_never_read(hostile: CountingServer) -> None:
    started = time.monotonic()
    result = finishes_within(5, lambda: LinkChecker(reaching(hostile)).check(f"{hostile.url}/huge-body"))
    assert (result.outcome, result.status) == (Outcome.OK, 200)
    assert time.monotonic() - started < 2.0


# --- what a server says, in the report ------------------------------------------------------------

EVIL_LOCATION = (
    "http://169.254.169.254/@admin ![x](https://evil.example/x.png) <img src=x onerror=alert(1)>"
    " [click](javascript:alert(1)) www.evil.example #1 | cell \x1b[2J\x1b]0;pwned\x07"
)


def write_provider(root: Path, *, url: str, evidence: str) -> Path:
    catalog = root / "catalog"
    (catalog / "providers" / "acme").mkdir(parents=True)
    (catalog / "providers" / "acme" / "provider.yml").write_text(
        f"id: acme\nname: Acme\ntype: other\nurl: {url}\ncountry: GB\ndescription: Acme.\n"
        f"contact_email: a@example.org\nmaintainers: [acme-admin]\n"
        f"accreditations:\n  - body: Board\n    url: {evidence}\n",
        encoding="utf-8",
    )
    return catalog


@pytest.fixture
def evil_report(tmp_path: Path, hostile: CountingServer, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], str]:
    """`credcat check-links --format F` over a listing whose server redirects to EVIL_LOCATION, as printed."""
    catalog = write_provider(tmp_path, url=redirect(hostile, EVIL_LOCATION), evidence=f"{hostile.url}/ok")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(links, "CheckSettings", functools.partial(CheckSettings, local_servers=reaching(hostile).local_servers))

    def run(report_format: str) -> str:
        capture = tmp_path / f"out.{report_format}"
        with open(capture, "w", encoding="utf-8") as out, pytest.MonkeyPatch.context() as patch:
            patch.setattr("sys.stdout", out)
            assert main(["check-links", "--catalog", str(catalog), "--timeout", "1", "--format", report_format]) == 1
        return capture.read_text(encoding="utf-8")

    return run


def test_remote_text_is_inert_in_the_markdown_report(evil_report: Callable[[str], str]) -> None:
    markdown = evil_report("markdown")
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=cmarkgfm.Options.CMARK_OPT_UNSAFE)
    page = HTMLParser(html)
    assert page.css("img") == [] and page.css("a") == [] and page.css("h1") == []
    [row] = [row for row in page.css("table")[-1].css("tbody tr")]
    cells = row.css("td")
    assert len(cells) == 4
    problem = cells[3]
    outside_code = "".join(node.text(deep=False) for node in problem.traverse(include_text=False) if node.tag != "code")
    assert "@admin" not in outside_code and "evil" not in outside_code
    shown = "".join(code.text() for code in problem.css("code"))
    assert "redirected to http://169.254.169.254/@admin ![x](https://evil.example/x.png) <img src=x" in shown
    assert "| cell \\x1b[2J\\x1b]0;pwned\\x07: 169.254.169.254 is not a public address (link-local)" in shown
    assert not any(character in markdown for character in "\x1b\x07")


def test_remote_text_cannot_break_lines_or_reach_the_terminal(evil_report: Callable[[str], str]) -> None:
    for report_format in ("text", "github"):
        printed = evil_report(report_format)
        assert not any(character in printed for character in "\x1b\x07\r"), report_format
        assert len(printed.splitlines()) == 2, report_format
        assert "\\x1b[2J\\x1b]0;pwned\\x07: 169.254.169.254 is not a public address (link-local)" in printed
