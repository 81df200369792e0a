"""The benchmark behind `make bench`: validation and full site builds on synthetic catalogs.

Every measurement runs a fresh process (cold) and records wall time and the peak memory of its
whole process tree; results print as Markdown tables with PASS/MISS against the targets of the
contract and site issues. Generated catalogs and built sites are kept under `.bench/`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path
from typing import Any

from credcat import yaml_text
from credcat.site.browse import BROWSE_DATA
from measure import synthetic

REPO = Path(__file__).resolve().parents[2]
BENCH_DIR = REPO / ".bench"
TRASH = BENCH_DIR / "trash"
BIN = Path(sys.executable).parent
SCHEMA = REPO / "schema" / "credential.schema.json"
BASELINE_HOOKS = REPO / "tests" / "bench" / "mkdocs_baseline" / "hooks.py"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SAMPLE_SECONDS = 0.1
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
KB, MB, GB = 1024, 1024**2, 1024**3
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1"}

VALIDATE_SECONDS_AT_10K = 3.0
VALIDATE_SPEEDUP = 5.0
SITE_SPEEDUP = 1.5
SITE_LIMITS = {10_000: (40.0, 2 * GB), 100_000: (8 * 60.0, 8 * GB)}
PAGE_BYTES = 30 * KB
SEARCH_BYTES_AT_10K = 300 * KB
# What search downloads: Pagefind's bundles, and the browse files the search page lists the catalog from before any words.
PAGEFIND_DATA = "pagefind/"
SEARCH_DATA = (PAGEFIND_DATA, BROWSE_DATA)
SEARCH_SIZE = 10_000
SITEMAP_URLS = 50_000
SITEMAP_BYTES = 50 * MB
BULK_FEEDS = ("api/v1/credentials.json and its pages", "api/v1/credentials.ndjson", "catalog.csv")


@dataclass
class Run:
    """One measured process: wall time, CPU time, peak memory of its process tree, exit code, log file."""

    seconds: float
    cpu_seconds: float
    peak_bytes: int
    returncode: int
    log: Path
    peak_by_program: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.returncode == 0


@dataclass
class SearchCost:
    """What a cold search fetched of search's data (SEARCH_DATA: Pagefind's files and the browse files), by kind of file."""

    scenario: str
    bytes_by_kind: dict[str, int]
    requests: int

    @property
    def total(self) -> int:
        return sum(self.bytes_by_kind.values())


@dataclass
class SiteResult:
    """A credcat build and its baseline at one catalog size."""

    listings: int
    credcat: Run | None
    baseline: Run | None
    files: SiteFiles | None = None
    largest_page: tuple[int, str] = (0, "")
    search: list[SearchCost] | None = None


@dataclass
class SiteFiles:
    """What a built site holds that grows with the catalog: its size, its largest file, its
    sitemaps (how many, the most URLs and bytes in one) and its bulk feeds (bytes by name)."""

    total_bytes: int = 0
    pages: int = 0
    largest: tuple[int, str] = (0, "")
    sitemaps: int = 0
    most_sitemap_urls: int = 0
    largest_sitemap: int = 0
    credential_pages: int = 0
    largest_credential_page: int = 0
    bulk: dict[str, int] = field(default_factory=dict)


# --- catalogs ------------------------------------------------------------------------------


def ensure_catalog(count: int, seed: int) -> Path:
    """The synthetic catalog of `count` listings, generated once and reused until the generator, its data file, its YAML writer or a taxonomy changes."""
    folder = BENCH_DIR / "catalogs" / f"{count}-seed{seed}"
    stamp = folder.with_suffix(".stamp")
    fingerprint = _generator_fingerprint(count, seed)
    if folder.is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8") == fingerprint:
        return folder
    _say(f"generating {count:,} synthetic listings (seed {seed}) in {folder.relative_to(REPO)}")
    partial_folder = folder.with_name(folder.name + ".partial")
    for stale in (folder, partial_folder):
        shutil.rmtree(stale, ignore_errors=True)
    synthetic.generate_catalog(partial_folder, count, seed)
    partial_folder.rename(folder)
    stamp.write_text(fingerprint, encoding="utf-8")
    return folder


def _generator_fingerprint(count: int, seed: int) -> str:
    digest = hashlib.sha256(f"{count}:{seed}".encode())
    for path in (Path(synthetic.__file__), synthetic.DATA_FILE, Path(yaml_text.__file__), *sorted(synthetic.TAXONOMY_DIR.glob("*.yml"))):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def credential_files(catalog: Path) -> list[str]:
    """Credential files relative to the catalog, sorted."""
    return sorted(path.relative_to(catalog).as_posix() for path in catalog.glob("providers/*/credentials/*.yml"))


# --- measuring a process -------------------------------------------------------------------


def measure(command: Sequence[str], log: Path, cwd: Path = REPO) -> Run:
    """Run a command to completion; wall time and the peak summed RSS of it and its descendants."""
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **BUILD_ENV}
    with log.open("wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env=env)
        peak = _TreePeak(process.pid)
        peak.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        peak.stop()
    cpu_seconds = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu_seconds, max(peak.bytes, usage.ru_maxrss * KB), process.returncode, log, peak.by_program)


class _TreePeak(threading.Thread):
    """Samples the summed resident memory of a process and all its descendants, and each program's peak."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.bytes = 0
        self.by_program: dict[str, int] = {}
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(SAMPLE_SECONDS):
            programs = _tree_rss(self.root)
            self.bytes = max(self.bytes, sum(programs.values()))
            for program, resident in programs.items():
                self.by_program[program] = max(self.by_program.get(program, 0), resident)

    def stop(self) -> None:
        self._stopped.set()
        self.join()


def _tree_rss(root: int) -> dict[str, int]:
    """Resident bytes of a process and its descendants right now, summed per program name."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                name, rest = handle.read().split(b" (", 1)[1].rsplit(b")", 1)
        except (OSError, ValueError):
            continue
        names[int(entry.name)] = name.decode(errors="replace")
        children.setdefault(int(rest.split()[1]), []).append(int(entry.name))
    programs: dict[str, int] = {}
    pending = [root]
    while pending:
        pid = pending.pop()
        pending.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                resident = int(handle.read().split()[1]) * PAGE_SIZE
        except OSError:
            continue
        programs[names.get(pid, "?")] = programs.get(names.get(pid, "?"), 0) + resident
    return programs


# --- validation ----------------------------------------------------------------------------


def bench_validation(catalog: Path, listings: int, repeat: int) -> tuple[Run, Run]:
    """`credcat validate` (median of `repeat` cold runs) and check-jsonschema on the same credential files."""
    runs = [
        measure([str(BIN / "credcat"), "validate", "--catalog", str(catalog)], BENCH_DIR / "logs" / f"validate-{listings}-{attempt}.log")
        for attempt in range(repeat)
    ]
    middle = sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]
    credcat_run = Run(
        middle.seconds, middle.cpu_seconds, max(run.peak_bytes for run in runs), max(run.returncode for run in runs), runs[0].log
    )
    return credcat_run, check_jsonschema(catalog, listings)


def check_jsonschema(catalog: Path, listings: int) -> Run:
    """check-jsonschema on every credential file with the credential schema: one process per argument batch."""
    command = [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA)]
    batches = _argument_batches(credential_files(catalog), command)
    runs = [
        measure([*command, *batch], BENCH_DIR / "logs" / f"check-jsonschema-{listings}-{index}.log", cwd=catalog)
        for index, batch in enumerate(batches)
    ]
    return Run(
        sum(run.seconds for run in runs),
        sum(run.cpu_seconds for run in runs),
        max(run.peak_bytes for run in runs),
        max(run.returncode for run in runs),
        runs[0].log,
    )


def _argument_batches(paths: list[str], command: list[str]) -> list[list[str]]:
    """Split paths so that no command line exceeds half of ARG_MAX (the environment counts too)."""
    budget = os.sysconf("SC_ARG_MAX") // 2 - sum(len(key) + len(value) + 2 for key, value in os.environ.items())
    budget -= sum(len(part) + 1 + 8 for part in command)
    batches: list[list[str]] = [[]]
    used = 0
    for path in paths:
        cost = len(path.encode()) + 1 + 8
        if batches[-1] and used + cost > budget:
            batches.append([])
            used = 0
        batches[-1].append(path)
        used += cost
    return batches


# --- site builds ---------------------------------------------------------------------------


def credcat_build_available() -> bool:
    """Whether this checkout's credcat has the `build` command yet."""
    result = subprocess.run([str(BIN / "credcat"), "build", "--help"], capture_output=True, check=False)
    return result.returncode == 0


def bench_site(catalog: Path, listings: int, search_word: str, with_credcat: bool) -> SiteResult:
    """A full credcat build and the plain MkDocs baseline of the same catalog, each into a fresh folder."""
    sites = BENCH_DIR / "sites"
    credcat_site = sites / f"credcat-{listings}"
    result = SiteResult(listings, None, None)
    if with_credcat:
        _set_aside(credcat_site)
        _say(f"credcat build: {listings:,} listings")
        result.credcat = measure(
            [str(BIN / "credcat"), "build", "--catalog", str(catalog), "--site-dir", str(credcat_site)],
            BENCH_DIR / "logs" / f"build-{listings}.log",
        )
        if result.credcat.ok:
            result.files = site_files(credcat_site)
            result.largest_page = _largest_credential_page(credcat_site)
            result.search = measure_search(credcat_site, search_word)
    _say(f"MkDocs baseline: {listings:,} listings")
    result.baseline = build_baseline(catalog, listings)
    return result


def build_baseline(catalog: Path, listings: int) -> Run:
    """Plain MkDocs + Material with one generated page per listing (tests/bench/mkdocs_baseline)."""
    project = BENCH_DIR / "baseline" / str(listings)
    _set_aside(project)
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Catalog\n\nEvery listing has its own page.\n", encoding="utf-8")
    config = {
        "site_name": "credcat baseline",
        "docs_dir": str(project / "docs"),
        "site_dir": str(project / "site"),
        "theme": {"name": "material"},
        "plugins": [],
        "hooks": [str(BASELINE_HOOKS)],
        "nav": [{"Home": "index.md"}],
        "markdown_extensions": ["tables", "attr_list", {"toc": {"permalink": True}}],
        "extra": {"baseline_catalog": str(catalog)},
    }
    (project / "mkdocs.yml").write_text(json.dumps(config, indent=2), encoding="utf-8")
    return measure(
        [str(BIN / "mkdocs"), "build", "--quiet", "--config-file", str(project / "mkdocs.yml")],
        BENCH_DIR / "logs" / f"baseline-{listings}.log",
    )


def _set_aside(folder: Path) -> None:
    """Move an earlier build out of the way; `main` deletes it after the last measurement.

    Deleting a site's ~60,000 files just before a build slows that build: ext4 without a
    journal (as on this machine) skips inodes freed in the last five minutes one by one
    when it allocates new ones, which made builds up to twice as slow."""
    if folder.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        folder.rename(TRASH / f"{folder.name}-{time.time_ns()}")


def site_files(site: Path) -> SiteFiles:
    """Walk a built site once: total size, HTML pages, the largest file; then its sitemaps
    (sitemap.xml names sitemap.1.xml, ...) and bulk feeds (credentials.json and its pages,
    credentials.ndjson, catalog.csv)."""
    files = SiteFiles()
    for folder, _, names in os.walk(site):
        for name in names:
            size = os.stat(os.path.join(folder, name)).st_size
            files.total_bytes += size
            files.pages += name == "index.html"
            if size > files.largest[0]:
                files.largest = (size, os.path.relpath(os.path.join(folder, name), site))
    for sitemap in site.glob("sitemap.*.xml"):
        files.sitemaps += 1
        files.most_sitemap_urls = max(files.most_sitemap_urls, sitemap.read_bytes().count(b"<url>"))
        files.largest_sitemap = max(files.largest_sitemap, sitemap.stat().st_size)
    api = site / "api" / "v1"
    pages = [api / "credentials.json", *api.glob("credentials.page-*.json")]
    sizes = [page.stat().st_size for page in pages if page.is_file()]
    files.credential_pages, files.largest_credential_page = len(sizes), max(sizes, default=0)
    files.bulk = {"api/v1/credentials.json and its pages": sum(sizes)}
    for name in ("api/v1/credentials.ndjson", "catalog.csv"):
        if (site / name).is_file():
            files.bulk[name] = (site / name).stat().st_size
    return files


def _largest_credential_page(site: Path) -> tuple[int, str]:
    largest = (0, "")
    for page in site.glob("credentials/*/*/index.html"):
        largest = max(largest, (page.stat().st_size, page.parent.relative_to(site).as_posix()))
    return largest


# --- cold search ---------------------------------------------------------------------------


def measure_search(site: Path, word: str) -> list[SearchCost]:
    """Bytes of search data (SEARCH_DATA) a first-time visitor's browser fetches to browse the catalog, and to
    search it for `word`, per scenario."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [static_search_estimate(site, "estimate: Playwright is not installed")]
    if not CHROMIUM.is_file():
        return [static_search_estimate(site, f"estimate: {CHROMIUM} is not installed")]
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                return [
                    _search_in_browser(browser, f"{origin}/search/", None, "open /search/ (the catalog before any words)"),
                    _search_in_browser(browser, f"{origin}/search/?q={word}", None, f"open /search/?q={word} (home page search box)"),
                    _search_in_browser(browser, f"{origin}/search/", word, f"open /search/, type '{word}'"),
                ]
            finally:
                browser.close()
    except PlaywrightError as error:
        return [static_search_estimate(site, f"estimate: the browser failed ({str(error).splitlines()[0]})")]
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the benchmark's output to its tables."""


def _search_in_browser(browser: Any, url: str, typed: str | None, scenario: str) -> SearchCost:
    """One cold visit in a fresh browser context: load `url`, optionally type a query, wait until results settle."""
    context = browser.new_context()
    page = context.new_page()
    fetched: list[tuple[str, int]] = []
    page.on("requestfinished", lambda request: fetched.append((request.url, request.sizes()["responseBodySize"])))
    page.goto(url, wait_until="load")
    _settle(page, fetched)
    if typed is not None:
        box = page.locator("main input[type=search], main input[type=text], input[type=search]").first
        if not box.count():
            context.close()
            return SearchCost(f"{scenario}: no search box found", {}, 0)
        box.fill(typed)
        box.press("Enter")
        _settle(page, fetched)
    measured = [(address.split("?", 1)[0], max(0, size)) for address, size in fetched]
    context.close()
    data_files = [(folder + address.split("/" + folder, 1)[1], size)
                  for address, size in measured for folder in SEARCH_DATA if "/" + folder in address]
    return SearchCost(scenario, _bytes_by_kind(data_files), len(data_files))


def _settle(page: Any, fetched: list[tuple[str, int]], quiet_seconds: float = 3.0, limit_seconds: float = 60.0) -> None:
    """Wait until no request has finished for `quiet_seconds` and results have arrived: a result fragment, or
    a page of the browse files (or the limit)."""
    started = last_change = time.monotonic()
    seen = -1
    while time.monotonic() - started < limit_seconds:
        page.wait_for_timeout(250)
        if len(fetched) != seen:
            seen, last_change = len(fetched), time.monotonic()
        elif time.monotonic() - last_change >= quiet_seconds and any(_is_results(url) for url, _ in fetched):
            return


def _is_results(url: str) -> bool:
    return ".pf_fragment" in url or ("/" + BROWSE_DATA in url and not url.endswith("/index.json"))


def _bytes_by_kind(files: Sequence[tuple[str, int]]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for name, size in files:
        kinds[_kind_of(name)] = kinds.get(_kind_of(name), 0) + size
    return kinds


def _kind_of(name: str) -> str:
    """The kind of a search data file, named from its folder in SEARCH_DATA."""
    if name.startswith(BROWSE_DATA):
        return "browse"
    name = name.removeprefix(PAGEFIND_DATA)
    if name.endswith(".js"):
        return "js"
    if name.startswith("wasm.") or name.endswith(".wasm"):
        return "wasm"
    if name.endswith(".pf_meta") or name == "pagefind-entry.json":
        return "entry+meta"
    for suffix, kind in ((".pf_index", "index"), (".pf_filter", "filters"), (".pf_fragment", "fragments")):
        if name.endswith(suffix):
            return kind
    return "other"


def static_search_estimate(site: Path, why: str) -> SearchCost:
    """Without a browser: pagefind.js, wasm, entry and meta, the largest index chunk and ten median fragments."""
    pagefind = site / "pagefind"
    sizes = {path.relative_to(pagefind).as_posix(): path.stat().st_size for path in pagefind.rglob("*") if path.is_file()}
    chosen = [(name, size) for name, size in sizes.items() if name == "pagefind.js" or _kind_of(name) in ("wasm", "entry+meta")]
    indexes = [(size, name) for name, size in sizes.items() if _kind_of(name) == "index"]
    fragments = sorted(size for name, size in sizes.items() if _kind_of(name) == "fragments")
    if indexes:
        size, name = max(indexes)
        chosen.append((name, size))
    if fragments:
        chosen += [("fragment", statistics.median(fragments))] * min(10, len(fragments))
    return SearchCost(why, _bytes_by_kind([(name, int(size)) for name, size in chosen]), len(chosen))


# --- report --------------------------------------------------------------------------------


def _seconds(run: Run | None) -> str:
    if run is None:
        return "n/a"
    shown = f"{run.seconds:.1f} s" if run.seconds >= 10 else f"{run.seconds:.2f} s"
    return shown if run.ok else f"{shown} (FAILED, exit {run.returncode}, see {run.log.relative_to(REPO)})"


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def _cpu(run: Run | None) -> str:
    return "n/a" if run is None else f"{run.cpu_seconds:.1f} s"


def _memory(run: Run | None) -> str:
    return "n/a" if run is None else _bytes(run.peak_bytes)


def _bytes(count: int) -> str:
    return f"{count / GB:.2f} GB" if count >= GB else f"{count / MB:.0f} MB"


def _ratio(slow: Run | None, fast: Run | None) -> float | None:
    if slow is None or fast is None or not (slow.ok and fast.ok):
        return None
    return slow.seconds / fast.seconds


def _verdict(passed: bool | None) -> str:
    return "n/a" if passed is None else ("PASS" if passed else "MISS")


def validation_table(results: dict[int, tuple[Run, Run]]) -> str:
    """Markdown: credcat validate next to check-jsonschema, and the targets."""
    lines = [
        "### `credcat validate` (cold) vs `check-jsonschema`",
        "",
        "| listings | credcat validate | CPU | peak RSS | check-jsonschema | CPU | peak RSS | speed-up |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for listings, (credcat_run, reference) in sorted(results.items()):
        ratio = _ratio(reference, credcat_run)
        lines.append(
            f"| {listings:,} | {_seconds(credcat_run)} | {_cpu(credcat_run)} | {_memory(credcat_run)} | "
            f"{_seconds(reference)} | {_cpu(reference)} | {_memory(reference)} | {f'{ratio:.1f}x' if ratio else 'n/a'} |"
        )
    at_10k = results.get(10_000)
    lines += ["", "| target | measured | result |", "|---|---:|---|"]
    if at_10k is None:
        lines.append("| targets are set at 10,000 listings | not measured | n/a |")
    else:
        credcat_run, reference = at_10k
        ratio = _ratio(reference, credcat_run)
        lines.append(
            f"| 10,000 listings validated cold in at most {VALIDATE_SECONDS_AT_10K:.0f} s | {_seconds(credcat_run)} | "
            f"{_verdict(credcat_run.ok and credcat_run.seconds <= VALIDATE_SECONDS_AT_10K)} |"
        )
        lines.append(
            f"| at least {VALIDATE_SPEEDUP:.0f}x faster than check-jsonschema | {f'{ratio:.1f}x' if ratio else 'n/a'} | "
            f"{_verdict(None if ratio is None else ratio >= VALIDATE_SPEEDUP)} |"
        )
    return "\n".join(lines) + "\n"


def site_table(results: list[SiteResult]) -> str:
    """Markdown: credcat build next to the MkDocs baseline, page and search sizes, and the targets."""
    lines = [
        "### Full site build: `credcat build` vs plain MkDocs + Material baseline",
        "",
        "| listings | credcat build | CPU | peak memory | HTML pages | site size | largest credential page | "
        "MkDocs baseline | CPU | peak memory | speed-up |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        ratio = _ratio(result.baseline, result.credcat)
        built = result.credcat is not None and result.credcat.ok
        files = result.files
        pages, site_size = (f"{files.pages:,}", f"{files.total_bytes / MB:.0f} MB") if files else ("n/a", "n/a")
        page_size = f"{result.largest_page[0] / KB:.1f} KB" if built else "n/a"
        lines.append(
            f"| {result.listings:,} | {_seconds(result.credcat)} | {_cpu(result.credcat)} | {_memory(result.credcat)} | "
            f"{pages} | {site_size} | {page_size} | {_seconds(result.baseline)} | {_cpu(result.baseline)} | "
            f"{_memory(result.baseline)} | {f'{ratio:.2f}x' if ratio else 'n/a'} |"
        )
    lines += ["", "| target | measured | result |", "|---|---:|---|"]
    for result in results:
        run = result.credcat
        if result.listings in SITE_LIMITS:
            seconds, memory = SITE_LIMITS[result.listings]
            lines.append(
                f"| {result.listings:,} listings built in at most {_duration(seconds)} | "
                f"{_seconds(run)} | {_verdict(None if run is None else run.ok and run.seconds <= seconds)} |"
            )
            lines.append(
                f"| {result.listings:,} listings built in at most {memory / GB:.0f} GB | {_memory(run)} | "
                f"{_verdict(None if run is None else run.ok and run.peak_bytes <= memory)} |"
            )
        ratio = _ratio(result.baseline, result.credcat)
        lines.append(
            f"| {result.listings:,}: at least {SITE_SPEEDUP}x faster than the baseline | "
            f"{f'{ratio:.2f}x' if ratio else 'n/a'} | {_verdict(None if ratio is None else ratio >= SITE_SPEEDUP)} |"
        )
        if run is not None and run.ok:
            size, where = result.largest_page
            lines.append(
                f"| {result.listings:,}: a credential page at most {PAGE_BYTES // KB} KB of HTML | "
                f"{size / KB:.1f} KB (`{where}`) | {_verdict(0 < size <= PAGE_BYTES)} |"
            )
    lines += ["", "Peak memory of each program in the build (the largest sample of each; they may not peak together):", ""]
    for result in results:
        for label, run in (("credcat build", result.credcat), ("MkDocs baseline", result.baseline)):
            if run is not None and run.peak_by_program:
                programs = sorted(run.peak_by_program.items(), key=lambda item: -item[1])
                shown = ", ".join(f"{program} {_bytes(resident)}" for program, resident in programs)
                lines.append(f"- {result.listings:,}, {label}: {shown}")
    for result in results:
        if result.search:
            lines += ["", search_table(result.search, result.listings)]
    return "\n".join(lines) + "\n"


def files_table(results: list[SiteResult]) -> str:
    """Markdown: the largest file of each built site, its sitemaps and bulk feeds, against the sitemap protocol's limits."""
    measured = [(result.listings, result.files) for result in results if result.files]
    lines = [
        "Files that grow with the catalog: the largest of the site, the sitemaps (at most "
        f"{SITEMAP_URLS:,} URLs and {SITEMAP_BYTES // MB} MB each), the bulk feeds",
        "",
        "| listings | largest file | sitemap files | most URLs in one | largest sitemap | credentials.json pages | "
        "largest page | " + " | ".join(f"`{name}`" for name in BULK_FEEDS) + " | sitemaps within limits |",
        "|---:|---|---:|---:|---:|---:|---:|" + "---:|" * len(BULK_FEEDS) + "---|",
    ]
    for listings, files in measured:
        size, where = files.largest
        within = 0 < files.most_sitemap_urls <= SITEMAP_URLS and files.largest_sitemap <= SITEMAP_BYTES
        lines.append(
            f"| {listings:,} | {_size(size)} (`{where}`) | {files.sitemaps} | {files.most_sitemap_urls:,} | "
            f"{_size(files.largest_sitemap)} | {files.credential_pages:,} | {_size(files.largest_credential_page)} | "
            + " | ".join(_size(files.bulk.get(name, 0)) for name in BULK_FEEDS) + f" | {_verdict(within)} |"
        )
    return "\n".join(lines)


def _size(count: int) -> str:
    return f"{count / MB:.1f} MB" if count >= MB else f"{count / KB:.0f} KB"


def search_table(searches: list[SearchCost], listings: int) -> str:
    """Markdown: what each cold search fetched from /pagefind/, by kind of file, against the target."""
    kinds = ("js", "wasm", "entry+meta", "index", "filters", "fragments", "browse", "other")
    targeted = listings == SEARCH_SIZE
    target = f"at most {SEARCH_BYTES_AT_10K // KB} KB" if targeted else "(set at 10,000)"

    def passed(search: SearchCost) -> bool | None:
        return search.total <= SEARCH_BYTES_AT_10K if targeted and search.requests else None

    lines = [
        f"Cold search at {listings:,} listings: bytes of search data ({', '.join(SEARCH_DATA)}) fetched in a fresh browser, as served without "
        "HTTP compression",
        "",
        "| scenario | requests | " + " | ".join(kinds) + " | total | target | result |",
        "|---|" + "---:|" * (len(kinds) + 3) + "---|",
    ]
    for search in searches:
        lines.append(
            f"| {search.scenario} | {search.requests} | "
            + " | ".join(f"{search.bytes_by_kind.get(kind, 0) / KB:.1f} KB" for kind in kinds)
            + f" | {search.total / KB:.1f} KB | {target} | {_verdict(passed(search))} |"
        )
    return "\n".join(lines)


def environment() -> str:
    """One line saying what was measured with."""
    versions = []
    for package in ("mkdocs", "mkdocs-material", "pagefind", "jsonschema", "check-jsonschema"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} missing")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs (load average at start {load}), Python {sys.version.split()[0]}, {', '.join(versions)}, "
        f"commit {commit.stdout.strip() or 'unknown'}"
    )


# --- command line --------------------------------------------------------------------------


def _say(message: str) -> None:
    sys.stderr.write(f"bench: {message}\n")
    sys.stderr.flush()


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes such as 1000,10000, got {text!r}") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be positive whole numbers")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(prog="python -m measure.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_sizes, default=[1_000, 10_000], help="catalog sizes (default 1000,10000)")
    parser.add_argument("--skip-site", action="store_true", help="time validation only")
    parser.add_argument("--skip-validate", action="store_true", help="time site builds only")
    parser.add_argument("--skip-100k", action="store_true", help="leave out the 100,000-listing site build")
    parser.add_argument("--repeat", type=int, default=3, help="cold validate runs per size; the median is shown (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="synthetic catalog seed (default 1)")
    parser.add_argument(
        "--search-word", default="safety", help="the cold-search query (default: safety, in about a quarter of the listings)"
    )
    options = parser.parse_args(argv)
    print(f"## credcat benchmark\n\n{environment()}\n")
    sys.stdout.flush()
    if not options.skip_validate:
        validation: dict[int, tuple[Run, Run]] = {}
        for listings in options.sizes:
            catalog = ensure_catalog(listings, options.seed)
            _say(f"validating {listings:,} listings")
            validation[listings] = bench_validation(catalog, listings, max(1, options.repeat))
        print(validation_table(validation))
        sys.stdout.flush()
    if not options.skip_site:
        with_credcat = credcat_build_available()
        if not with_credcat:
            print("`credcat build` is not available in this checkout yet: only the baseline is measured.\n")
        site_sizes = sorted({*options.sizes, *(() if options.skip_100k else (100_000,))})
        results = [bench_site(ensure_catalog(listings, options.seed), listings, options.search_word, with_credcat) for listings in site_sizes]
        print(site_table(results))
        if any(result.files for result in results):
            print(files_table(results))
    shutil.rmtree(TRASH, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
