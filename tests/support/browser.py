"""Chromium as the browser tests launch it (Debian's, or $CREDCAT_CHROMIUM), axe-core for the
accessibility checks, and a local HTTP server for the folders the browser opens."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from support import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# `make test CHROMIUM=...` sets CREDCAT_CHROMIUM.
CHROMIUM = os.environ.get("CREDCAT_CHROMIUM") or "/usr/bin/chromium"
NO_CHROMIUM = (
    f"no Chromium at {CHROMIUM} for the browser tests: install Debian's chromium (as root: apt-get install chromium), "
    "or set CREDCAT_CHROMIUM to yours, or leave the browser tests out with -m 'not browser'"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves a folder without logging every request into the test output."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output for the tests."""


class CrossOriginHandler(QuietHandler):
    """Serves a folder the way GitHub Pages does for cross-origin readers."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


@contextmanager
def serve(folder: Path, *, cross_origin: bool = False) -> Iterator[str]:
    """Serve `folder` on a free local port; yields its origin, ending in a slash."""
    handler = CrossOriginHandler if cross_origin else QuietHandler
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    # A short poll interval: shutdown() waits for the next poll, 0.5 s by default.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
