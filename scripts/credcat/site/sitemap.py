"""The site's sitemaps and robots.txt, written by the plugin after the pages.

`sitemap.xml` is always a sitemap index, at any size (one form to test and to read): it names
`sitemap.1.xml`, `sitemap.2.xml`, ..., each of at most 50,000 URLs and 50 MB, the limits of the
sitemap protocol. They sit at the site root because a sitemap may only list URLs at or below
its own folder. Each file has a gzip twin with no name and no time in its header, and `lastmod`
comes from the listings' verification dates, so the same catalog always gives the same bytes.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from credcat.files import write_file

MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024  # uncompressed, as the protocol counts
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
INDEX = "sitemap.xml"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
URLSET_OPEN = f'<urlset xmlns="{NAMESPACE}">\n'
URLSET_CLOSE = "</urlset>\n"
ROBOTS = "robots.txt"


@dataclass(frozen=True)
class SitemapEntry:
    """One page: its URL (absolute with a site URL, else from the site root) and its `lastmod`
    date (`YYYY-MM-DD`, or empty when no listing dates the page)."""

    url: str
    lastmod: str = ""


def sitemap_file(number: int) -> str:
    """The name of the `number`th sitemap (from 1), beside `sitemap.xml`."""
    return f"sitemap.{number}.xml"


def write_sitemaps(site_dir: Path, entries: Iterable[SitemapEntry], address: Callable[[str], str],
                   *, max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES) -> list[str]:
    """Write the sitemaps of `entries`, their index `sitemap.xml` and the gzip twins of all;
    returns the sitemaps' names. `address` turns a site path into the URL the index names;
    `max_urls` and `max_bytes` bound each sitemap."""
    index: list[tuple[str, str]] = []
    for number, (body, newest) in enumerate(_sitemap_bodies(entries, max_urls, max_bytes), start=1):
        name = sitemap_file(number)
        _write_twins(site_dir / name, XML_HEAD + URLSET_OPEN + body + URLSET_CLOSE)
        index.append((name, newest))
    lines = [XML_HEAD, f'<sitemapindex xmlns="{NAMESPACE}">\n']
    for name, newest in index:
        lastmod = f"<lastmod>{newest}</lastmod>" if newest else ""
        lines.append(f"<sitemap><loc>{escape(address(name))}</loc>{lastmod}</sitemap>\n")
    lines.append("</sitemapindex>\n")
    _write_twins(site_dir / INDEX, "".join(lines))
    return [name for name, _ in index]


def write_robots(site_dir: Path, index_url: str | None) -> None:
    """robots.txt: everything may be crawled, and the sitemap index is at `index_url`. Crawlers
    take only an absolute address, so without one (no site URL) the file names no sitemap."""
    lines = ["# Every page may be crawled; the sitemap index lists them all.", "User-agent: *", "Disallow:"]
    if index_url:
        lines += ["", f"Sitemap: {index_url}"]
    write_file(site_dir / ROBOTS, "\n".join(lines) + "\n")


def _sitemap_bodies(entries: Iterable[SitemapEntry], max_urls: int, max_bytes: int) -> Iterator[tuple[str, str]]:
    """The `<url>` elements of each sitemap, and the newest `lastmod` among them."""
    room = max_bytes - len((XML_HEAD + URLSET_OPEN + URLSET_CLOSE).encode())
    elements: list[str] = []
    size, newest = 0, ""
    for entry in entries:
        lastmod = f"<lastmod>{entry.lastmod}</lastmod>" if entry.lastmod else ""
        element = f"<url><loc>{escape(entry.url)}</loc>{lastmod}</url>\n"
        cost = len(element.encode())
        if elements and (len(elements) >= max_urls or size + cost > room):
            yield "".join(elements), newest
            elements, size, newest = [], 0, ""
        elements.append(element)
        size += cost
        newest = max(newest, entry.lastmod)
    if elements:
        yield "".join(elements), newest


def _write_twins(path: Path, text: str) -> None:
    """The file and its `.gz` twin: no file name and time 0 in the gzip header, so builds repeat."""
    data = text.encode()
    write_file(path, data)
    write_file(path.with_name(path.name + ".gz"), gzip.compress(data, mtime=0))
