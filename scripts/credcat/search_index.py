"""The search index: Pagefind's CLI over the built site, and what it indexed.

Pagefind reads the finished HTML (only elements marked `data-pagefind-body`) and writes
`pagefind/` next to it. `indexed_urls` reads the index back so the post-build check can
prove that every listing has its search record.
"""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pagefind_bin

FRAGMENT_MAGIC = b"pagefind_dcd"
EXCLUDED_SELECTORS = ".headerlink"
# Only listing pages carry data-pagefind-body; not parsing the hubs saves a fifth of the time.
INDEXED_PAGES = "credentials/**/*.html"


class SearchIndexError(Exception):
    """Pagefind failed; its own output says why."""


def start_search_index(site_dir: Path) -> subprocess.Popen[str]:
    """Start Pagefind over `site_dir`; it reads only HTML, so other files may be written meanwhile."""
    command = [
        str(pagefind_bin.get_executable()),
        "--site", str(site_dir),
        "--glob", INDEXED_PAGES,
        "--exclude-selectors", EXCLUDED_SELECTORS,
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_search_index(process: subprocess.Popen[str]) -> str:
    """Wait for Pagefind; returns its report (counts of pages, words, filters)."""
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({process.returncode}):\n{stdout}{stderr}")
    return stdout


def indexed_urls(site_dir: Path) -> list[str]:
    """The URL of every page in the index, one entry per indexed page (read from its fragment)."""
    urls = []
    for fragment in sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(raw.removeprefix(FRAGMENT_MAGIC))["url"])
    return urls
