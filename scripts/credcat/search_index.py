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


class SearchIndexError(Exception):
    """Pagefind failed; its own output says why."""


def build_search_index(site_dir: Path) -> str:
    """Run Pagefind over `site_dir`; returns its report (counts of pages, words, filters)."""
    command = [
        str(pagefind_bin.get_executable()),
        "--site", str(site_dir),
        "--exclude-selectors", EXCLUDED_SELECTORS,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({completed.returncode}):\n{completed.stdout}{completed.stderr}")
    return completed.stdout


def indexed_urls(site_dir: Path) -> list[str]:
    """The URL of every page in the index, one entry per indexed page (read from its fragment)."""
    urls = []
    for fragment in sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(raw.removeprefix(FRAGMENT_MAGIC))["url"])
    return urls
