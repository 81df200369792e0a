"""A running `credcat serve` for tests: a free port, real HTTP requests, the folder it serves,
and a clean build of the same catalog to compare it with."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from support import REPO

CLI = "import sys; from credcat.cli import main; sys.exit(main(sys.argv[1:]))"
FEEDS_WRITTEN = "feeds and browse data written"
# What only the search index reads: a listing's place in the comparable cost orders, which
# an update leaves as it was on the pages of listings it did not change (search is as of the
# last full build until the next one).
SEARCH_PLACES = re.compile(rb'<span data-pagefind-(?:sort="cost(?:_desc)?"|meta="sort_cost(?:_desc)?")>\d+</span>')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get(url: str) -> str:
    """The page's HTML; a server that answers nothing within 20 s fails the test (MkDocs' stuck server)."""
    with urllib.request.urlopen(url, timeout=20) as response:
        text: str = response.read().decode("utf-8")
        return text


def shown(url: str) -> str:
    """The page, or "" while the server does not answer it (a rebuild under way on a busy machine)."""
    try:
        return get(url)
    except OSError:
        return ""


def eventually(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.25)


@dataclass(frozen=True)
class Served:
    """A serve under way: its address, its log and the folder of the site it serves."""

    address: str
    log: Path
    temp: Path
    process: subprocess.Popen[bytes]

    @property
    def site(self) -> Path:
        """MkDocs serves from a temporary folder; the serve runs with its own TMPDIR to find it."""
        (folder,) = self.temp.glob("mkdocs_*")
        return folder

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for_feeds(self, updates: int, seconds: float = 120) -> None:
        """Until the serve has made `updates` updates and written the feeds after the last one."""

        def written() -> bool:
            log = self.log_text()
            return log.count("\nINFO    -  updated ") >= updates and FEEDS_WRITTEN in log[log.rindex("\nINFO    -  updated "):]

        eventually(written, seconds, f"no feeds written after update {updates}:\n{self.log_text()}")

    def wait_for_log(self, text: str, count: int, seconds: float = 120) -> None:
        """Until the log says `text` `count` times (an update and its feeds, say)."""
        eventually(lambda: self.log_text().count(text) >= count, seconds, f"the serve never logged {text!r} {count} times:\n{self.log_text()}")


def small_pages_config(work: Path, page_size: int) -> Path:
    """The repository's mkdocs.yml with hubs of `page_size` listings a page, written in `work`."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}").replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    text = text.replace("plugins:\n  - credcat\n", f"plugins:\n  - credcat:\n      page_size: {page_size}\n")
    assert f"page_size: {page_size}" in text and str(REPO / "docs") in text
    config = work / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


@contextmanager
def serving(catalog: Path, work: Path, *arguments: str, config: Path = REPO / "mkdocs.yml") -> Iterator[Served]:
    """`credcat serve --catalog catalog` on a free port until the block ends (interrupted as a user would)."""
    temp = work / "serve-tmp"
    temp.mkdir()
    port = free_port()
    log = work / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-c", CLI, "serve", "--catalog", str(catalog), "--config", str(config),
             "--dev-addr", f"127.0.0.1:{port}", *arguments],
            stdout=output, stderr=subprocess.STDOUT, cwd=work, env={**os.environ, "TMPDIR": str(temp)},
            preexec_fn=_interruptible)
    served = Served(f"http://127.0.0.1:{port}/", log, temp, process)

    def answers() -> bool:
        assert process.poll() is None, served.log_text()
        return bool(shown(served.address))

    try:
        eventually(answers, 180, "the server never answered")
        yield served
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _interruptible() -> None:
    """In the serve's process: Ctrl-C stops it, even when the tests run where it is ignored (in the background)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def clean_build(catalog: Path, site_dir: Path, site_url: str, config: Path = REPO / "mkdocs.yml") -> None:
    """A full build of `catalog` as the serve at `site_url` builds it, in a process of its own."""
    code = ("import sys; from mkdocs.commands.build import build; from mkdocs.config import load_config; "
            "build(load_config(sys.argv[1], site_url=sys.argv[2], site_dir=sys.argv[3]))")
    subprocess.run([sys.executable, "-c", code, str(config), site_url, str(site_dir)], check=True,
                   capture_output=True, env={**os.environ, "CREDCAT_CATALOG": str(catalog)})


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a site but its search index, with the search places taken out of the pages."""
    return {path.relative_to(site).as_posix(): SEARCH_PLACES.sub(b"", path.read_bytes()) for path in sorted(site.rglob("*"))
            if path.is_file() and not path.relative_to(site).as_posix().startswith("pagefind/")}
