"""Sitemaps and robots.txt as a search engine reads them: a sitemap index of sitemaps within the
protocol's limits, every page once with its date, gzip twins that repeat byte for byte."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from credcat.site import sitemap
from credcat.site.plugin import CATALOG_ENV
from credcat.site.sitemap import SitemapEntry, write_robots, write_sitemaps
from measure.synthetic import generate_catalog
from support import REPO
from support.catalogs import sample_catalog

SITE_URL = "https://credcat.github.io/credcat/"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
W3C_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
GZIP_FNAME = 0x08


@dataclass(frozen=True)
class Sitemaps:
    """What a crawler finds from sitemap.xml: the sitemaps it names (site paths) and each one's URLs with their lastmod."""

    files: list[str]
    index_lastmod: dict[str, str]
    urls: dict[str, list[tuple[str, str]]]

    def lastmod_by_url(self) -> dict[str, str]:
        return {url: lastmod for entries in self.urls.values() for url, lastmod in entries}


def read_sitemaps(site: Path, site_url: str = SITE_URL, max_urls: int = sitemap.MAX_URLS) -> Sitemaps:
    """Parse sitemap.xml and every sitemap it names, checking the protocol's structure as its
    XSDs state it (no XSD validator is installed): root elements, children, one <loc> each,
    absolute URLs under the site URL, W3C dates, at most `max_urls` URLs and 50 MB a file,
    and each gzip twin equal to its file."""
    index = _parse(site / "sitemap.xml", "sitemapindex")
    files, index_lastmod = [], {}
    for entry in index:
        loc, lastmod = _loc_and_lastmod(entry, "sitemap", site_url)
        name = loc.removeprefix(site_url)
        assert "/" not in name, f"a sitemap may list only URLs at or below its own folder: {loc}"
        files.append(name)
        index_lastmod[name] = lastmod
    assert files, "a sitemap index names at least one sitemap"
    urls = {}
    for name in files:
        urlset = _parse(site / name, "urlset")
        assert 0 < len(urlset) <= max_urls
        urls[name] = [_loc_and_lastmod(url, "url", site_url) for url in urlset]
        assert index_lastmod[name] == max(lastmod for _, lastmod in urls[name])
    return Sitemaps(files, index_lastmod, urls)


def _parse(path: Path, root_tag: str) -> ElementTree.Element:
    data = path.read_bytes()
    assert len(data) <= sitemap.MAX_BYTES
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    twin = path.with_name(path.name + ".gz").read_bytes()
    assert gzip.decompress(twin) == data
    assert twin[4:8] == b"\0\0\0\0" and not twin[3] & GZIP_FNAME, "gzip header: time 0, no file name"
    root = ElementTree.fromstring(data)
    assert root.tag == NS + root_tag
    return root


def _loc_and_lastmod(element: ElementTree.Element, tag: str, site_url: str) -> tuple[str, str]:
    assert element.tag == NS + tag
    assert [child.tag for child in element] in ([NS + "loc"], [NS + "loc", NS + "lastmod"])
    loc = element.findtext(NS + "loc") or ""
    assert loc.startswith(site_url) and len(loc) <= 2048
    lastmod = element.findtext(NS + "lastmod") or ""
    assert lastmod == "" or W3C_DATE.fullmatch(lastmod)
    return loc, lastmod


# --- the writer ----------------------------------------------------------------------------


def entries(count: int, url: str = SITE_URL + "credentials/p/{n}/") -> list[SitemapEntry]:
    return [SitemapEntry(url.format(n=number), f"2026-{1 + number % 12:02d}-01") for number in range(count)]


def address(path: str) -> str:
    return SITE_URL + path


def test_past_50000_urls_a_second_sitemap_starts(tmp_path: Path) -> None:
    written = write_sitemaps(tmp_path, entries(sitemap.MAX_URLS + 1), address)
    assert written == ["sitemap.1.xml", "sitemap.2.xml"]
    found = read_sitemaps(tmp_path)
    assert [len(found.urls[name]) for name in written] == [50_000, 1]
    assert found.urls["sitemap.2.xml"] == [(SITE_URL + "credentials/p/50000/", "2026-09-01")]
    assert found.index_lastmod == {"sitemap.1.xml": "2026-12-01", "sitemap.2.xml": "2026-09-01"}


def test_a_sitemap_also_ends_before_50_megabytes(tmp_path: Path) -> None:
    long_url = SITE_URL + "credentials/p/{n}/" + "x" * 900
    written = write_sitemaps(tmp_path, entries(60, long_url), address, max_bytes=20_000)
    assert len(written) == 4
    assert all((tmp_path / name).stat().st_size <= 20_000 for name in written)
    assert sum(len(urls) for urls in read_sitemaps(tmp_path).urls.values()) == 60


def test_urls_are_escaped_and_read_back_as_written(tmp_path: Path) -> None:
    hostile = SITE_URL + "credentials/a&b/<script>'\"/"
    write_sitemaps(tmp_path, [SitemapEntry(hostile)], address)
    assert "<script>" not in (tmp_path / "sitemap.1.xml").read_text(encoding="utf-8")
    assert read_sitemaps(tmp_path).urls["sitemap.1.xml"] == [(hostile, "")]


def test_the_same_pages_give_the_same_bytes(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        write_sitemaps(tmp_path / folder, entries(10), address)
    for name in ("sitemap.xml", "sitemap.xml.gz", "sitemap.1.xml", "sitemap.1.xml.gz"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_robots_txt_names_the_sitemap_only_when_its_address_is_known(tmp_path: Path) -> None:
    write_robots(tmp_path, SITE_URL + "sitemap.xml")
    assert (tmp_path / "robots.txt").read_text(encoding="utf-8").splitlines()[1:] == [
        "User-agent: *", "Disallow:", "", f"Sitemap: {SITE_URL}sitemap.xml"
    ]
    write_robots(tmp_path, None)
    assert "Sitemap" not in (tmp_path / "robots.txt").read_text(encoding="utf-8")


# --- the sample site -----------------------------------------------------------------------


def test_the_sample_site_lists_every_page_once_with_the_listings_dates(sample_site: Path) -> None:
    found = read_sitemaps(sample_site)
    assert found.files == ["sitemap.1.xml"]
    listed = [url for urls in found.urls.values() for url, _ in urls]
    assert len(listed) == len(set(listed))
    lastmod = found.lastmod_by_url()
    catalog = sample_catalog()
    for ref, credential in catalog.credentials.items():
        assert lastmod[f"{SITE_URL}credentials/{ref}/"] == credential.last_verified.isoformat()
    newest = max(credential.last_verified for credential in catalog.credentials.values()).isoformat()
    assert lastmod[SITE_URL] == lastmod[f"{SITE_URL}industries/"] == newest
    provider = next(iter(catalog.providers.values()))
    assert lastmod[f"{SITE_URL}providers/{provider.id}/"] == max(catalog.credentials[ref].data["dates"]["last_verified"]
                                                               for ref in provider.credentials)
    assert lastmod[f"{SITE_URL}contributing/"] == ""
    assert (sample_site / "robots.txt").read_text(encoding="utf-8").endswith(f"\nSitemap: {SITE_URL}sitemap.xml\n")


def test_empty_hubs_keep_their_page_but_are_not_in_the_sitemap(sample_site: Path) -> None:
    catalog = sample_catalog()
    empty = [term_id for term_id, refs in catalog.by_industry.items() if not refs]
    filled = [term_id for term_id, refs in catalog.by_industry.items() if refs]
    assert empty and filled
    lastmod = read_sitemaps(sample_site).lastmod_by_url()
    for term_id in empty:
        assert (sample_site / "industries" / term_id / "index.html").is_file()
        assert f"{SITE_URL}industries/{term_id}/" not in lastmod
    assert all(f"{SITE_URL}industries/{term_id}/" in lastmod for term_id in filled)


# --- a catalog that needs several sitemaps -------------------------------------------------


@pytest.mark.slow
def test_a_catalog_past_the_sitemap_size_gets_an_index_of_sitemaps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """400 synthetic listings in sitemaps of 150 URLs: the same code as 50,000 (its limit is tested above)."""
    generate_catalog(tmp_path / "catalog", 400, seed=3)
    monkeypatch.setenv(CATALOG_ENV, str(tmp_path / "catalog"))
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins["credcat"].config.sitemap_size = 150
    config.plugins["credcat"].config.search = False
    build(config)

    found = read_sitemaps(tmp_path / "site", max_urls=150)
    assert len(found.files) >= 3
    listing_urls = [url for urls in found.urls.values() for url, _ in urls if url.startswith(SITE_URL + "credentials/")]
    listing_files = sorted((tmp_path / "site" / "credentials").glob("*/*/index.html"))
    assert len(listing_files) == 400
    assert sorted(listing_urls) == sorted(f"{SITE_URL}{page.parent.relative_to(tmp_path / 'site').as_posix()}/" for page in listing_files)
    assert (tmp_path / "site" / "robots.txt").read_text(encoding="utf-8").endswith(f"\nSitemap: {SITE_URL}sitemap.xml\n")


@pytest.mark.slow
def test_without_a_site_url_the_sitemaps_list_paths_and_robots_txt_names_none(tmp_path: Path) -> None:
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"), site_url="")
    config.plugins["credcat"].config.search = False
    build(config)
    found = read_sitemaps(tmp_path / "site", site_url="/")
    assert "/credentials/northbridge-university/python-for-data-analysis/" in found.lastmod_by_url()
    assert "Sitemap" not in (tmp_path / "site" / "robots.txt").read_text(encoding="utf-8")
