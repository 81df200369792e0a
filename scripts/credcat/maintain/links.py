"""Link checks: every url and evidence_url in the catalog, fetched politely and safely, and stale listings.

Each distinct address is fetched once, in parallel, with at most a few requests per host at a
time; redirects are followed by hand (to spot loops and long chains), 429 and 5xx answers are
retried with backoff that honours Retry-After up to a cap. Addresses come from pull requests and
redirects from any server, so before every request, the first and after each redirect, the host
is resolved and only public addresses over http or https are contacted, at the very address that
was checked (no second lookup). A request has a wall-clock limit and reads only the status line
and headers, up to a size cap; the whole run has a time limit too. Findings become Problem
records at the field that holds the address.
"""

from __future__ import annotations

import email.utils
import http.client
import io
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import Message
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote, urljoin, urlsplit

from credcat import __version__
from credcat.catalog.dates import stale_before
from credcat.check.characters import escape
from credcat.check.load import Document, LoadedCatalog
from credcat.check.problem import Problem, Severity
from credcat.check.report import render_step_summary
from credcat.check.tree import walk
from credcat.errors import CredcatError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

LINK_FIELDS = ("url", "evidence_url")
SCHEMES = ("http", "https")
REDIRECTS = (301, 302, 303, 307, 308)
RETRYABLE = (429, 500, 502, 503, 504)
REFUSING = (401, 403)
MARKDOWN_LIMIT = 60_000
HEADER_LIMIT = 64 * 1024  # bytes read of one answer: its status line and headers, never its body
SHOWN_LIMIT = 300  # characters of a server's text (a Location, an error) quoted in a report


class Outcome(StrEnum):
    """What became of one address."""

    OK = "ok"
    BROKEN = "broken"
    REFUSED = "refused"
    RATE_LIMITED = "rate_limited"
    UNCHECKED = "unchecked"


@dataclass(frozen=True)
class CheckSettings:
    """How patient and how polite the check is.

    `timeout` is wall-clock time per request (connecting, TLS, status line and headers), `deadline`
    per address (its redirects and retries), `run_deadline` for all addresses together.
    `local_servers` names (address, port) pairs that may be reached although they are not public:
    the tests' own loopback servers. The command line never sets it.
    """

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 30.0
    max_redirects: int = 5
    per_host: int = 2
    workers: int = 16
    deadline: float = 90.0
    run_deadline: float = 1800.0
    user_agent: str = f"credcat-link-check/{__version__}"
    local_servers: frozenset[tuple[str, int]] = frozenset()


@dataclass(frozen=True)
class LinkResult:
    """The answer for one address: outcome, last status, where it ended and what went wrong."""

    url: str
    outcome: Outcome
    status: int | None
    final_url: str
    detail: str
    attempts: int


class Failure(NamedTuple):
    """A request that got no HTTP answer; timeouts are not retried (they would only multiply the wait)."""

    detail: str
    retryable: bool
    timed_out: bool = False


@dataclass(frozen=True)
class Destination:
    """Where one request goes: the host and port it names, and the addresses checked for it."""

    scheme: str
    host: str
    port: int
    target: str
    addresses: tuple[tuple[socket.AddressFamily, tuple[Any, ...]], ...]


@dataclass(frozen=True)
class LinkSite:
    """One place in one file that holds an address."""

    document: Document
    json_path: tuple[str | int, ...]
    url: str


Chosen = Callable[[str], bool]  # which files to check, by the path problems show; None: all


def collect_links(catalog: LoadedCatalog, chosen: Chosen | None = None) -> list[LinkSite]:
    """Every http(s) address in a `url` or `evidence_url` field of every (chosen) catalog file."""
    sites = []
    for _kind, document in catalog.documents():
        if chosen is not None and not chosen(document.display_path):
            continue
        for json_path, value in walk(document.data):
            is_link = json_path and json_path[-1] in LINK_FIELDS and isinstance(value, str)
            if is_link and value.startswith(("http://", "https://")):
                sites.append(LinkSite(document, json_path, value))
    return sites


def stale_listings(catalog: LoadedCatalog, today: date, chosen: Chosen | None = None) -> list[Problem]:
    """A warning for each (chosen) credential whose dates.last_verified is more than 12 months old."""
    cutoff = stale_before(today)
    problems = []
    for ref in sorted(catalog.credentials):
        document = catalog.credentials[ref]
        if chosen is not None and not chosen(document.display_path):
            continue
        dates = document.data.get("dates") if isinstance(document.data, dict) else None
        verified = dates.get("last_verified") if isinstance(dates, dict) else None
        try:
            when = date.fromisoformat(verified) if isinstance(verified, str) else None
        except ValueError:
            continue
        if when is not None and when < cutoff:
            problems.append(
                document.problem(
                    ("dates", "last_verified"),
                    f"listing last verified on {verified}, more than 12 months ago",
                    hint="check the listing against the provider's page and set last_verified to that day",
                    severity=Severity.WARNING,
                    rule="stale",
                )
            )
    return problems


def not_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why a connection to `address` could reach something other than the public internet, or None.

    An IPv6 address that carries an IPv4 one (IPv4-mapped, 6to4) is judged by the IPv4 address.
    """
    if isinstance(address, ipaddress.IPv6Address) and (carried := address.ipv4_mapped or address.sixtofour):
        return not_public(carried)
    kinds = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("not globally reachable", not address.is_global),
    )
    return next((kind for kind, applies in kinds if applies), None)


class HostGate:
    """At most `limit` requests to one host at once, and none before a time the host asked for."""

    def __init__(self, limit: int) -> None:
        self._slots = threading.Semaphore(limit)
        self._lock = threading.Lock()
        self._not_before = 0.0

    @contextmanager
    def turn(self, until: float) -> Iterator[bool]:
        """Hold one of the host's slots once any pause the host asked for has passed; False when that is after `until`."""
        held = self._slots.acquire(timeout=max(0.0, until - time.monotonic()))
        try:
            while held and (wait := self._not_before - time.monotonic()) > 0:
                if time.monotonic() + wait > until:
                    yield False
                    return
                time.sleep(wait)
            yield held
        finally:
            if held:
                self._slots.release()

    def pause(self, seconds: float) -> None:
        """Send nothing to this host for `seconds` (it answered 429 or 503 with Retry-After)."""
        with self._lock:
            self._not_before = max(self._not_before, time.monotonic() + seconds)


class AnswerTooLarge(CredcatError):
    """A server sent more than HEADER_LIMIT bytes before its headers ended."""


class _CappedStream(io.RawIOBase):
    """The bytes of a socket, at most `limit` of them: a link check reads headers, never a body."""

    def __init__(self, raw: io.RawIOBase, limit: int) -> None:
        super().__init__()
        self._raw = raw
        self._left = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int | None:
        if self._left <= 0:
            raise AnswerTooLarge(f"the answer's headers are larger than {HEADER_LIMIT // 1024} KiB")
        count = self._raw.readinto(memoryview(buffer).cast("B")[: self._left])
        self._left -= count or 0
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


class _HeadersOnly(http.client.HTTPResponse):
    """An answer read through `_CappedStream`."""

    def __init__(self, sock: socket.socket, *arguments: Any, **keywords: Any) -> None:
        super().__init__(sock, *arguments, **keywords)
        self.fp = io.BufferedReader(_CappedStream(self.fp.detach(), HEADER_LIMIT))


class _PinnedConnection(http.client.HTTPConnection):
    """HTTP to the addresses a Destination was checked for: no second lookup that could answer otherwise.

    `abort` ends the request from another thread by shutting its sockets: the wall-clock limit.
    """

    response_class = _HeadersOnly

    def __init__(self, destination: Destination, timeout: float) -> None:
        super().__init__(destination.host, destination.port, timeout=timeout)
        self.destination = destination
        self.aborted = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def connect(self) -> None:
        self.sock = self._open()

    def _open(self) -> socket.socket:
        """A TCP connection to the first checked address that takes it."""
        failure = OSError(f"no address for {self.destination.host}")
        for family, address in self.destination.addresses:
            connection = self._keep(socket.socket(family, socket.SOCK_STREAM))
            connection.settimeout(self.timeout)
            try:
                connection.connect(address)
                return connection
            except OSError as error:
                connection.close()
                failure = error
        raise failure

    def _keep(self, connection: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.append(connection)
            if self.aborted:
                connection.close()
                raise TimeoutError("the request's time is up")
        return connection

    def abort(self) -> None:
        """Stop the request now: every socket it opened is shut, so a blocked read returns."""
        with self._lock:
            self.aborted = True
            for connection in self._sockets:
                try:
                    socket.socket.shutdown(connection, socket.SHUT_RDWR)
                except OSError:
                    pass


class _PinnedTLSConnection(_PinnedConnection):
    """HTTPS the same way; the certificate is checked against the host named in the address."""

    default_port = http.client.HTTPS_PORT

    def connect(self) -> None:
        wrapped = _tls_context().wrap_socket(self._open(), server_hostname=self.host, do_handshake_on_connect=False)
        self.sock = self._keep(wrapped)
        wrapped.do_handshake()


@cache
def _tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


class LinkChecker:
    """Fetches addresses under `CheckSettings`; one instance per run (it keeps the host gates and the run's end)."""

    def __init__(self, settings: CheckSettings = CheckSettings()) -> None:
        self.settings = settings
        self._run_ends = time.monotonic() + settings.run_deadline
        self._gates: dict[str, HostGate] = {}
        self._gates_lock = threading.Lock()

    def check_all(self, urls: Sequence[str]) -> dict[str, LinkResult]:
        """Check each distinct address once; hosts are interleaved so that no host holds up the rest."""
        ordered = _interleave_hosts(sorted(set(urls)))
        with ThreadPoolExecutor(max_workers=self.settings.workers) as pool:
            return dict(zip(ordered, pool.map(self._check_one, ordered), strict=True))

    def _check_one(self, url: str) -> LinkResult:
        """`check`, with anything unforeseen reported for this address instead of ending the whole run."""
        try:
            return self.check(url)
        except Exception as error:
            detail = f"the check failed: {error.__class__.__name__}: {_shown(str(error))}"
            return LinkResult(url, Outcome.BROKEN, None, url, detail, 0)

    def check(self, url: str) -> LinkResult:
        """Follow one address to its end: redirects, retries and all, within the address's and the run's time."""
        settings = self.settings
        ends = min(time.monotonic() + settings.deadline, self._run_ends)
        chain = [url]
        attempts = 0
        retries_left = settings.retries
        status: int | None = None
        while True:
            current = chain[-1]
            answer, sent = self._request(current, ends)
            attempts += sent
            if answer is None:
                return self._out_of_time(url, status, current, attempts)
            if isinstance(answer, Failure):
                if not answer.retryable or retries_left == 0:
                    detail = answer.detail if len(chain) == 1 else f"redirected to {_shown(current)}: {answer.detail}"
                    return LinkResult(url, Outcome.BROKEN, status, current, detail, attempts)
                retries_left -= 1
                _sleep(settings.backoff * 2 ** (settings.retries - retries_left - 1), ends)
                continue
            status, headers = answer
            if status in REDIRECTS:
                target, problem = _redirect(chain, status, headers, settings.max_redirects)
                if problem:
                    return LinkResult(url, Outcome.BROKEN, status, current, problem, attempts)
                chain.append(target)
                retries_left = settings.retries
                continue
            if status in RETRYABLE:
                wait = self._retry_wait(status, headers, settings.retries - retries_left, self._gate(current))
                if retries_left > 0 and wait is not None:
                    retries_left -= 1
                    _sleep(wait, ends)
                    continue
                outcome = Outcome.RATE_LIMITED if status == 429 else Outcome.BROKEN
                return LinkResult(
                    url, outcome, status, current, self._give_up_detail(status, headers, attempts), attempts
                )
            return LinkResult(url, _final_outcome(status), status, current, _status_text(status), attempts)

    def _request(self, url: str, ends: float) -> tuple[tuple[int, Message] | Failure | None, int]:
        """One try at `url` and the number of requests it sent (0 or 1); None when the time ran out first."""
        if time.monotonic() >= ends:
            return None, 0
        destination = self._destination(url)
        if isinstance(destination, Failure):
            return destination, 0
        with self._gate(url).turn(ends) as ready:
            seconds = min(self.settings.timeout, ends - time.monotonic())
            if not ready or seconds <= 0:
                return None, 0
            answer = self._fetch(destination, seconds)
        if isinstance(answer, Failure) and answer.timed_out and time.monotonic() >= ends:
            return None, 1
        return answer, 1

    def _out_of_time(self, url: str, status: int | None, current: str, attempts: int) -> LinkResult:
        """The result of an address whose time ran out: its own deadline, or the whole run's."""
        if time.monotonic() >= self._run_ends:
            detail = f"not checked to the end: the run's time limit of {self.settings.run_deadline:g} s was reached"
            return LinkResult(url, Outcome.UNCHECKED, status, current, detail, attempts)
        return LinkResult(url, Outcome.BROKEN, status, current, f"gave up after {self.settings.deadline:g} s", attempts)

    def _destination(self, url: str) -> Destination | Failure:
        """Where a request for `url` may go: an http(s) address whose host resolves to public addresses only."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as error:
            return Failure(f"not a usable address: {_shown(str(error))}", retryable=False)
        if parts.scheme.lower() not in SCHEMES:
            return Failure("only http and https addresses are checked", retryable=False)
        host = parts.hostname
        if not host:
            return Failure("not a usable address: it names no host", retryable=False)
        port = port or (http.client.HTTPS_PORT if parts.scheme.lower() == "https" else http.client.HTTP_PORT)
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        except socket.gaierror as error:
            if error.errno == socket.EAI_NONAME:
                return Failure(f"host not found: {_shown(host)}", retryable=False)
            return Failure(f"cannot look up {_shown(host)}: {error.strerror}", retryable=True)
        except (UnicodeError, ValueError) as error:
            return Failure(f"not a usable address: {_shown(str(error))}", retryable=False)
        addresses = tuple((family, address) for family, _type, _protocol, _name, address in found)
        for _family, address in addresses:
            if (address[0], address[1]) in self.settings.local_servers:
                continue
            ip = ipaddress.ip_address(address[0])
            if (kind := not_public(ip)) is not None:
                named = _shown(host) if host in (address[0], str(ip)) else f"{_shown(host)} resolves to {ip}, which"
                return Failure(f"{named} is not a public address ({kind})", retryable=False)
        path = f"{parts.path or '/'}?{parts.query}" if parts.query else parts.path or "/"
        return Destination(parts.scheme.lower(), host, port, _UNSAFE_IN_TARGET.sub(_percent, path), addresses)

    def _fetch(self, destination: Destination, seconds: float) -> tuple[int, Message] | Failure:
        """One GET that reads the status and headers only, within `seconds` of wall-clock time."""
        tls = destination.scheme == "https"
        connection = (_PinnedTLSConnection if tls else _PinnedConnection)(destination, seconds)
        watchdog = threading.Timer(seconds, connection.abort)
        watchdog.start()
        try:
            connection.connect()
            connection.request("GET", destination.target, headers={"User-Agent": self.settings.user_agent, "Accept": "*/*"})
            with connection.getresponse() as response:
                if not connection.aborted:  # a shut socket reads as the end of the headers
                    return response.status, response.msg
        except AnswerTooLarge as error:
            return Failure(str(error), retryable=False)
        except (OSError, http.client.HTTPException, ValueError) as error:
            if not (connection.aborted or isinstance(error, TimeoutError)):
                return _failure(error, connected=connection.sock is not None)
        finally:
            watchdog.cancel()
            connection.close()
        return Failure(f"timed out after {seconds:g} s", retryable=False, timed_out=True)

    def _retry_wait(self, status: int, headers: Message, retries_done: int, gate: HostGate) -> float | None:
        """Seconds to wait before the next try; None when the host asks for longer than the cap."""
        asked = retry_after_seconds(headers.get("Retry-After"))
        if asked is None:
            return self.settings.backoff * 2.0**retries_done
        if asked > self.settings.max_retry_after:
            return None
        gate.pause(asked)
        return 0.0

    def _give_up_detail(self, status: int, headers: Message, attempts: int) -> str:
        asked = retry_after_seconds(headers.get("Retry-After"))
        if asked is not None and asked > self.settings.max_retry_after:
            return (
                f"{_status_text(status)}, Retry-After {asked:g} s is longer than the "
                f"{self.settings.max_retry_after:g} s this check waits"
            )
        return f"{_status_text(status)} after {attempts} tries"

    def _gate(self, url: str) -> HostGate:
        host = _host(url)
        with self._gates_lock:
            if host not in self._gates:
                self._gates[host] = HostGate(self.settings.per_host)
            return self._gates[host]


def _failure(error: OSError | http.client.HTTPException | ValueError, *, connected: bool) -> Failure:
    """What went wrong with a request that did not time out, in words; worth another try unless the address is at fault."""
    if isinstance(error, ssl.SSLCertVerificationError):
        return Failure(f"TLS certificate not accepted: {_shown(error.verify_message or str(error))}", retryable=False)
    if isinstance(error, http.client.InvalidURL) or (isinstance(error, ValueError) and not isinstance(error, OSError)):
        return Failure(f"not a usable address: {_shown(str(error))}", retryable=False)
    if not connected and isinstance(error, OSError):
        return Failure(f"cannot connect: {_shown(str(error))}", retryable=True)
    return Failure(f"connection failed: {error.__class__.__name__} {_shown(str(error))}".strip(), retryable=True)


def _sleep(seconds: float, until: float) -> None:
    """Wait `seconds`, but not past `until`."""
    time.sleep(max(0.0, min(seconds, until - time.monotonic())))


# Characters a request line cannot carry as they are (a server's Location may hold them).
_UNSAFE_IN_TARGET = re.compile(r"[^\x21-\x7e]")


def _percent(found: re.Match[str]) -> str:
    return quote(found.group(), safe="")


def _shown(text: str) -> str:
    """A server's (or an address's) text as a report may quote it: escaped, and at most SHOWN_LIMIT characters."""
    text = escape(text)
    return text if len(text) <= SHOWN_LIMIT else text[: SHOWN_LIMIT - 1] + "…"


def retry_after_seconds(value: str | None) -> float | None:
    """A Retry-After header (seconds, or an HTTP date) as seconds from now; None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _redirect(chain: list[str], status: int, headers: Message, max_redirects: int) -> tuple[str, str]:
    """(where a redirect from the last address of `chain` leads, "") or ("", why it is not followed)."""
    location = headers.get("Location")
    if not location:
        return "", f"{status} redirect without a Location"
    try:
        target = urljoin(chain[-1], location)
    except ValueError:
        return "", f"{status} redirect to an unusable address: {_shown(location)}"
    if target in chain:
        loop = " -> ".join(_shown(address) for address in [*chain[chain.index(target) :], target])
        return "", f"redirect loop: {loop}"
    if len(chain) > max_redirects:
        return "", f"more than {max_redirects} redirects"
    return target, ""


def _final_outcome(status: int) -> Outcome:
    """What an answer that is neither a redirect nor worth another try says of the address."""
    if status in REFUSING:
        return Outcome.REFUSED
    return Outcome.BROKEN if status >= 400 else Outcome.OK


def _status_text(status: int) -> str:
    try:
        return f"{status} {http.client.responses[status]}"
    except KeyError:
        return str(status)


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""


def _interleave_hosts(urls: list[str]) -> list[str]:
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[_host(url)].append(url)
    rank = {url: (index, host) for host, members in by_host.items() for index, url in enumerate(members)}
    return sorted(urls, key=lambda url: rank[url])


_SEVERITY = {
    Outcome.BROKEN: Severity.ERROR,
    Outcome.REFUSED: Severity.WARNING,
    Outcome.RATE_LIMITED: Severity.WARNING,
    Outcome.UNCHECKED: Severity.WARNING,
}
_HINTS = {
    Outcome.BROKEN: "fix the address, or point to the page that replaced it",
    Outcome.REFUSED: "the site refused an automated check; open the address in a browser to confirm it works",
    Outcome.RATE_LIMITED: "the site asked the checker to slow down; it is checked again next run",
    Outcome.UNCHECKED: "the check ran out of time before this address; it is checked again next run",
}


def link_problems(sites: Sequence[LinkSite], results: dict[str, LinkResult]) -> list[Problem]:
    """A problem at every field whose address did not end in a 2xx answer."""
    problems = []
    for site in sites:
        result = results[site.url]
        if result.outcome is Outcome.OK:
            continue
        problems.append(
            site.document.problem(
                site.json_path,
                f"{site.url}: {result.detail}",
                hint=_HINTS[result.outcome],
                severity=_SEVERITY[result.outcome],
                rule="link",
            )
        )
    return problems


def check_catalog_links(
    catalog: LoadedCatalog, *, today: date, settings: CheckSettings = CheckSettings(), chosen: Chosen | None = None
) -> tuple[list[Problem], int]:
    """Broken links and stale listings of a loaded catalog (or of its chosen files), and the number of distinct addresses checked."""
    sites = collect_links(catalog, chosen)
    results = LinkChecker(settings).check_all([site.url for site in sites])
    return sorted(link_problems(sites, results) + stale_listings(catalog, today, chosen)), len(results)


def render_markdown(problems: Sequence[Problem], files_checked: int, links_checked: int) -> str:
    """The report as Markdown for an issue body, cut to fit GitHub's limit on issue text."""
    title, rest = render_step_summary(problems, files_checked, title="Link check").split("\n", 1)
    text = f"{title}\n\n{links_checked} distinct addresses checked.\n{rest}"
    if len(text) <= MARKDOWN_LIMIT:
        return text
    cut = text.rfind("\n", 0, MARKDOWN_LIMIT)
    return text[:cut] + "\n\n(The report is cut here; the whole report is attached to the workflow run.)\n"
