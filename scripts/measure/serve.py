"""Preview speed for `make bench`: `credcat serve` on the synthetic catalog, as a provider uses it.

Measured: the time from `credcat serve` to its first page (the whole catalog, and one
provider's folder with `--provider` when the CLI has it); the time from a save to the updated
page for a listing edit, a new listing and a deleted listing (polling the page, so the file
watcher's delay is in it); then whether the site served equals a clean build of the edited
catalog (every file but the search index, which an update leaves as of the last full build),
and whether the full rebuild that a save of a provider file starts gives the same bytes as a
clean build, search index included.
`PYTHONPATH=scripts python -m measure.serve [--count 10000]`
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from measure.bench import BENCH_DIR, BIN, BUILD_ENV, REPO, ensure_catalog

SERVE_DIR = BENCH_DIR / "serve"
FIRST_PAGE_SECONDS = 600.0
SAVE_SECONDS = 300.0
PROVIDER_SERVE_TARGET = 5.0
SAVE_TARGET = 2.0
# What only the search index reads: a listing's place in the comparable cost orders, left as it
# was on the pages of listings an update did not change (tests/support/serving.py says the same).
SEARCH_PLACES = re.compile(rb'<span data-pagefind-(?:sort="cost(?:_desc)?"|meta="sort_cost(?:_desc)?")>\d+</span>')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=SAVE_SECONDS) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def _until(url: str, ready: Callable[[int, str], bool], started: float, limit: float) -> float:
    """Seconds from `started` until the page at `url` is `ready` (polled every 50 ms)."""
    while True:
        status, body = _status(url)
        if ready(status, body):
            return time.perf_counter() - started
        if time.perf_counter() - started > limit:
            raise TimeoutError(f"{url} was not ready after {limit:.0f} s")
        time.sleep(0.05)


def _interruptible() -> None:
    """In the serve's process: Ctrl-C stops it, even when the bench runs where it is ignored (in the background)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Serve:
    """A `credcat serve` under way, with its own TMPDIR so that the folder it serves can be found."""

    def __init__(self, catalog: Path, work: Path, arguments: Sequence[str]) -> None:
        shutil.rmtree(work, ignore_errors=True)
        (work / "tmp").mkdir(parents=True)
        self.work = work
        self.address = f"http://127.0.0.1:{_free_port()}/"
        self.log = work / "serve.log"
        with self.log.open("w") as output:
            self.process = subprocess.Popen(
                [str(BIN / "credcat"), "serve", "--catalog", str(catalog), "--dev-addr", self.address[7:-1], *arguments],
                stdout=output, stderr=subprocess.STDOUT, cwd=REPO, env={**os.environ, **BUILD_ENV, "TMPDIR": str(work / "tmp")},
                preexec_fn=_interruptible)
        self.started = time.perf_counter()

    @property
    def site(self) -> Path:
        (folder,) = (self.work / "tmp").glob("mkdocs_*")
        return folder

    def first_page(self, path: str) -> float:
        """Seconds from the start of the serve to the first answer of `path`."""
        return _until(self.address + path, lambda status, _body: status == 200, self.started, FIRST_PAGE_SECONDS)

    def logged(self, text: str) -> int:
        return self.log.read_text(encoding="utf-8").count(text)

    def wait_for_log(self, text: str, count: int) -> None:
        deadline = time.monotonic() + FIRST_PAGE_SECONDS
        while self.logged(text) < count:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the serve never logged {text!r}; see {self.log}")
            time.sleep(0.2)

    def wait_for_feeds(self) -> None:
        """Until the feeds of the last update are written (a save stops the writing of the one before)."""
        deadline = time.monotonic() + FIRST_PAGE_SECONDS
        while True:
            log = self.log.read_text(encoding="utf-8")
            last = log.rfind("\nINFO    -  updated ")
            if last >= 0 and "feeds and browse data written" in log[last:]:
                return
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the serve never wrote the feeds of its last update; see {self.log}")
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextmanager
def serving(catalog: Path, work: Path, *arguments: str) -> Iterator[Serve]:
    serve = Serve(catalog, work, arguments)
    try:
        yield serve
    finally:
        serve.stop()


def save(path: Path, text: str | None) -> float:
    """Write (or, for None, delete) a file; returns when, for the save-to-page clock."""
    started = time.perf_counter()
    if text is None:
        path.unlink()
    else:
        path.write_text(text, encoding="utf-8")
    return started


def clean_build(catalog: Path, site: Path, site_url: str) -> None:
    """A full build of `catalog` as a serve at `site_url` builds it."""
    shutil.rmtree(site, ignore_errors=True)
    code = ("import sys; from mkdocs.commands.build import build; from mkdocs.config import load_config; "
            "build(load_config(sys.argv[1], site_url=sys.argv[2], site_dir=sys.argv[3]))")
    subprocess.run([sys.executable, "-c", code, str(REPO / "mkdocs.yml"), site_url, str(site)], check=True, capture_output=True,
                   env={**os.environ, **BUILD_ENV, "CREDCAT_CATALOG": str(catalog)})


def differences(served: Path, clean: Path, *, search: bool) -> list[str]:
    """The files that differ between two sites; without `search`, the search index and the
    search places are left out."""

    def files(site: Path) -> dict[str, bytes]:
        found = {}
        for path in site.rglob("*"):
            name = path.relative_to(site).as_posix()
            if path.is_file() and (search or not name.startswith("pagefind/")):
                found[name] = path.read_bytes() if search else SEARCH_PLACES.sub(b"", path.read_bytes())
        return found

    left, right = files(served), files(clean)
    return sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))


def _first_listing(catalog: Path) -> Path:
    return sorted((catalog / "providers").glob("*/credentials/*.yml"))[0]


def _supports_provider() -> bool:
    completed = subprocess.run([str(BIN / "credcat"), "serve", "--help"], capture_output=True, text=True, check=False)
    return "--provider" in completed.stdout


def _seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def _verdict(value: float | None, target: float) -> str:
    return "n/a" if value is None else "PASS" if value <= target else "MISS"


def bench_serve(count: int, seed: int) -> str:
    """Run the measurements on a fresh copy of the synthetic catalog; returns the Markdown tables."""
    catalog = SERVE_DIR / "catalog"
    shutil.rmtree(catalog, ignore_errors=True)
    shutil.copytree(ensure_catalog(count, seed), catalog)
    listing = _first_listing(catalog)
    provider = listing.parent.parent.name
    page = f"credentials/{provider}/{listing.stem}/"
    provider_first = provider_edit = None
    text = listing.read_text(encoding="utf-8")
    if _supports_provider():
        with serving(catalog, SERVE_DIR / "provider", "--provider", provider) as serve:
            provider_first = serve.first_page(page)
            own = re.sub(r"(?m)^name: (.*)$", r"name: \1 (own)", text, count=1)
            provider_edit = _until(serve.address + page, lambda status, body: "(own)" in body, save(listing, own), SAVE_SECONDS)
        listing.write_text(text, encoding="utf-8")
    with serving(catalog, SERVE_DIR / "full") as serve:
        full_first = serve.first_page(page)
        edited = re.sub(r"(?m)^name: (.*)$", r"name: \1 (edited)", text, count=1)
        edit = _until(serve.address + page, lambda status, body: "(edited)" in body, save(listing, edited), SAVE_SECONDS)
        added = listing.with_name(f"{listing.stem}-online.yml")
        added_text = re.sub(r"(?m)^id: .*$", f"id: {added.stem}", text, count=1)
        new_page = serve.address + f"credentials/{provider}/{added.stem}/"
        new = _until(new_page, lambda status, _body: status == 200, save(added, added_text), SAVE_SECONDS)
        delete = _until(new_page, lambda status, _body: status == 404, save(added, None), SAVE_SECONDS)
        serve.wait_for_feeds()
        clean = SERVE_DIR / "clean"
        clean_build(catalog, clean, serve.address)
        updated = differences(serve.site, clean, search=False)
        provider_file = catalog / "providers" / provider / "provider.yml"
        provider_file.write_text(provider_file.read_text(encoding="utf-8"), encoding="utf-8")  # a save: a full rebuild
        serve.wait_for_log("full rebuild:", 1)
        serve.wait_for_log("Reloading browsers", 4)
        rebuilt = differences(serve.site, clean, search=True)
    rows = [
        f"### `credcat serve` at {count:,} listings: first page and save to updated page\n",
        "| measure | measured | target | result |",
        "|---|---:|---:|---|",
        f"| first page, whole catalog | {_seconds(full_first)} | | |",
        f"| first page, `--provider {provider}` | {_seconds(provider_first)} | {PROVIDER_SERVE_TARGET:.0f} s |"
        f" {_verdict(provider_first, PROVIDER_SERVE_TARGET)} |",
        f"| `--provider`: listing edited, save to updated page | {_seconds(provider_edit)} | {SAVE_TARGET:.0f} s |"
        f" {_verdict(provider_edit, SAVE_TARGET)} |",
        f"| whole catalog: listing edited, save to updated page | {_seconds(edit)} | {SAVE_TARGET:.0f} s | {_verdict(edit, SAVE_TARGET)} |",
        f"| whole catalog: new listing, save to its page | {_seconds(new)} | {SAVE_TARGET:.0f} s | {_verdict(new, SAVE_TARGET)} |",
        f"| whole catalog: listing deleted, save to its page gone | {_seconds(delete)} | {SAVE_TARGET:.0f} s | {_verdict(delete, SAVE_TARGET)} |",
        "",
        f"- site served after the three saves vs a clean build (all but search): {len(updated)} file(s) differ"
        + (f" (first: `{updated[0]}`)" if updated else ""),
        f"- full rebuild after the saves vs a clean build (every byte, search included): {len(rebuilt)} file(s) differ"
        + (f" (first: `{rebuilt[0]}`)" if rebuilt else ""),
        "",
    ]
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m measure.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="listings in the synthetic catalog (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="synthetic catalog seed (default 1)")
    options = parser.parse_args(argv)
    print(bench_serve(options.count, options.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
