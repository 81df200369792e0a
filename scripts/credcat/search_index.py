"""The search index: Pagefind's CLI over the built site, and what it indexed.

Pagefind reads the finished HTML (only elements marked `data-pagefind-body`) and writes
`pagefind/` next to it. Its filter files list values in hash-map order, which changes from
run to run (Pagefind issue #638), so `stabilize` sorts them and renames what refers to
them. `indexed_urls` reads the index back so the post-build check can prove that every
listing has its search record.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

import cbor2
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


def stabilize(site_dir: Path) -> None:
    """Rewrite Pagefind's filter files with sorted values, then the metadata (filters and sorts in
    name order) and the entry file that name them."""
    bundle = site_dir / "pagefind"
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        language_prefix = language["hash"].split("_")[0]
        filters = []
        for name, chunk in meta[3]:
            old = bundle / "filter" / f"{chunk}.pf_filter"
            filter_name, values = _read(old)
            new_chunk = _write_named(bundle / "filter", language_prefix, ".pf_filter", [filter_name, sorted(values)], 7)
            if new_chunk != chunk:
                old.unlink()
            filters.append([name, new_chunk])
        meta[3] = sorted(filters)
        meta[4] = sorted(meta[4])
        new_hash = _write_named(bundle, f"pagefind.{language_prefix}", ".pf_meta", meta, 10).removeprefix("pagefind.")
        if new_hash != language["hash"]:
            meta_path.unlink()
        language["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _read(path: Path) -> Any:
    return cbor2.loads(gzip.decompress(path.read_bytes()).removeprefix(FRAGMENT_MAGIC))


def _write_named(folder: Path, prefix: str, suffix: str, value: Any, digits: int) -> str:
    """Write a Pagefind chunk named after its content; returns the name without the suffix."""
    payload = FRAGMENT_MAGIC + cbor2.dumps(value)
    name = f"{prefix}_{hashlib.sha256(payload).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, mtime=0))
    return name


def indexed_urls(site_dir: Path) -> list[str]:
    """The URL of every page in the index, one entry per indexed page (read from its fragment)."""
    urls = []
    for fragment in sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(raw.removeprefix(FRAGMENT_MAGIC))["url"])
    return urls
