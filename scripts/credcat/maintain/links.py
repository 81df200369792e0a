"""Link checks: every url and evidence_url in the catalog, fetched politely, and stale listings.

Each distinct address is fetched once, in parallel, with at most a few requests per host at a
time; redirects are followed by hand (to spot loops and long chains), 429 and 5xx answers are
retried with backoff that honours Retry-After up to a cap, and every request has a timeout.
Findings become Problem records at the field that holds the address.
"""

from __future__ import annotations

import email.utils
import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import Message
from enum import StrEnum
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from credcat import __version__
from credcat.catalog.dates import stale_before
from credcat.check.load import Document, LoadedCatalog
from credcat.check.problem import Problem, Severity
from credcat.check.report import render_step_summary
from credcat.check.tree import walk

LINK_FIELDS = ("url", "evidence_url")
REDIRECTS = (301, 302, 303, 307, 308)
RETRYABLE = (429, 500, 502, 503, 504)
REFUSING = (401, 403)
MARKDOWN_LIMIT = 60_000


class Outcome(StrEnum):
    """What became of one address."""

    OK = "ok"
    BROKEN = "broken"
    REFUSED = "refused"
    RATE_LIMITED = "rate_limited"


@dataclass(frozen=True)
class CheckSettings:
    """How patient and how polite the check is."""

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 30.0
    max_redirects: int = 5
    per_host: int = 2
    workers: int = 16
    deadline: float = 90.0
    user_agent: str = f"credcat-link-check/{__version__}"


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


@dataclass(frozen=True)
class LinkSite:
    """One place in one file that holds an address."""

    document: Document
    json_path: tuple[str | int, ...]
    url: str


def collect_links(catalog: LoadedCatalog) -> list[LinkSite]:
    """Every http(s) address in a `url` or `evidence_url` field of every catalog file."""
    sites = []
    for _kind, document in catalog.documents():
        for json_path, value in walk(document.data):
            is_link = json_path and json_path[-1] in LINK_FIELDS and isinstance(value, str)
            if is_link and value.startswith(("http://", "https://")):
                sites.append(LinkSite(document, json_path, value))
    return sites


def stale_listings(catalog: LoadedCatalog, today: date) -> list[Problem]:
    """A warning for each credential whose dates.last_verified is more than 12 months old."""
    cutoff = stale_before(today)
    problems = []
    for ref in sorted(catalog.credentials):
        document = catalog.credentials[ref]
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


class HostGate:
    """At most `limit` requests to one host at once, and none before a time the host asked for."""

    def __init__(self, limit: int) -> None:
        self._slots = threading.Semaphore(limit)
        self._lock = threading.Lock()
        self._not_before = 0.0

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Hold one of the host's slots, after any pause the host asked for has passed."""
        with self._slots:
            while (wait := self._not_before - time.monotonic()) > 0:
                time.sleep(wait)
            yield

    def pause(self, seconds: float) -> None:
        """Send nothing to this host for `seconds` (it answered 429 or 503 with Retry-After)."""
        with self._lock:
            self._not_before = max(self._not_before, time.monotonic() + seconds)


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Hand 3xx answers back to the checker, which follows them itself."""

    def redirect_request(self, *arguments: Any, **keywords: Any) -> None:
        return None


class LinkChecker:
    """Fetches addresses under `CheckSettings`; one instance per run (it keeps the host gates)."""

    def __init__(self, settings: CheckSettings = CheckSettings()) -> None:
        self.settings = settings
        self._opener = urllib.request.build_opener(_KeepRedirects)
        self._gates: dict[str, HostGate] = {}
        self._gates_lock = threading.Lock()

    def check_all(self, urls: Sequence[str]) -> dict[str, LinkResult]:
        """Check each distinct address once; hosts are interleaved so that no host holds up the rest."""
        ordered = _interleave_hosts(sorted(set(urls)))
        with ThreadPoolExecutor(max_workers=self.settings.workers) as pool:
            return dict(zip(ordered, pool.map(self.check, ordered), strict=True))

    def check(self, url: str) -> LinkResult:
        """Follow one address to its end: redirects, retries and all."""
        settings = self.settings
        started = time.monotonic()
        chain = [url]
        attempts = 0
        retries_left = settings.retries
        while True:
            current = chain[-1]
            if time.monotonic() - started > settings.deadline:
                return LinkResult(
                    url, Outcome.BROKEN, None, current, f"gave up after {settings.deadline:g} s", attempts
                )
            gate = self._gate(current)
            attempts += 1
            with gate.turn():
                answer = self._fetch(current)
            if isinstance(answer, Failure):
                if not answer.retryable or retries_left == 0:
                    return LinkResult(url, Outcome.BROKEN, None, current, answer.detail, attempts)
                retries_left -= 1
                time.sleep(settings.backoff * 2 ** (settings.retries - retries_left - 1))
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
                wait = self._retry_wait(status, headers, settings.retries - retries_left, gate)
                if retries_left > 0 and wait is not None:
                    retries_left -= 1
                    time.sleep(wait)
                    continue
                outcome = Outcome.RATE_LIMITED if status == 429 else Outcome.BROKEN
                return LinkResult(
                    url, outcome, status, current, self._give_up_detail(status, headers, attempts), attempts
                )
            return LinkResult(url, _final_outcome(status), status, current, _status_text(status), attempts)

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

    def _fetch(self, url: str) -> tuple[int, Message] | Failure:
        """One GET without reading the body: the status and headers, or what went wrong."""
        try:
            request = urllib.request.Request(url, headers={"User-Agent": self.settings.user_agent, "Accept": "*/*"})
            with self._opener.open(request, timeout=self.settings.timeout) as response:
                return response.status, response.headers
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                return Failure(f"timed out after {self.settings.timeout:g} s", retryable=False)
            if isinstance(error.reason, socket.gaierror) and error.reason.errno == socket.EAI_NONAME:
                return Failure(f"host not found: {_host(url)}", retryable=False)
            return Failure(f"cannot connect: {error.reason}", retryable=True)
        except TimeoutError:
            return Failure(f"timed out after {self.settings.timeout:g} s", retryable=False)
        except ValueError as error:
            return Failure(f"not a usable address: {error}", retryable=False)
        except (OSError, http.client.HTTPException) as error:
            return Failure(f"connection failed: {error.__class__.__name__} {error}".strip(), retryable=True)


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
    target = urljoin(chain[-1], location)
    if target in chain:
        loop = " -> ".join([*chain[chain.index(target) :], target])
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


_SEVERITY = {Outcome.BROKEN: Severity.ERROR, Outcome.REFUSED: Severity.WARNING, Outcome.RATE_LIMITED: Severity.WARNING}
_HINTS = {
    Outcome.BROKEN: "fix the address, or point to the page that replaced it",
    Outcome.REFUSED: "the site refused an automated check; open the address in a browser to confirm it works",
    Outcome.RATE_LIMITED: "the site asked the checker to slow down; it is checked again next run",
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
    catalog: LoadedCatalog, *, today: date, settings: CheckSettings = CheckSettings()
) -> tuple[list[Problem], int]:
    """Broken links and stale listings of a loaded catalog, and the number of distinct addresses checked."""
    sites = collect_links(catalog)
    results = LinkChecker(settings).check_all([site.url for site in sites])
    return sorted(link_problems(sites, results) + stale_listings(catalog, today)), len(results)


def render_markdown(problems: Sequence[Problem], files_checked: int, links_checked: int) -> str:
    """The report as Markdown for an issue body, cut to fit GitHub's limit on issue text."""
    title, rest = render_step_summary(problems, files_checked, title="Link check").split("\n", 1)
    text = f"{title}\n\n{links_checked} distinct addresses checked.\n{rest}"
    if len(text) <= MARKDOWN_LIMIT:
        return text
    cut = text.rfind("\n", 0, MARKDOWN_LIMIT)
    return text[:cut] + "\n\n(The report is cut here; the whole report is attached to the workflow run.)\n"
