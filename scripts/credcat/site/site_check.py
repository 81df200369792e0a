"""The post-build check: every valid listing reached every output it belongs in.

After a build, each listing must have its page, its search record, and a card on each hub
it belongs to (across the hub's pages). The check reads the built files, not the plan, and
reports counts; any mismatch is a problem that fails the build. The checks are split so that
a site build runs them in both its processes: the listing pages in chunks (`check_pages`)
once every page is written, the search records (`check_records`) once every shard is
indexed, and the hubs MkDocs wrote (`check_hubs`); `SiteCheck.joined` adds them up.
`check_hubs` also reads the plan for pages that overwrite one another (`check_page_paths`):
MkDocs keeps the last of two files with one path, and the built site cannot tell.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from credcat.catalog.urls import credential_url, pathway_url
from credcat.site.catalog_site import CatalogSite
from credcat.site.pages import page_source, page_url

_CARD = re.compile(r'data-listing="([^"]+)"')
PAGE_MARKERS = ("data-pagefind-body", "data-listing-page=")


@dataclass
class SiteCheck:
    """Counts of what was found, and every mismatch as a sentence."""

    listings: int = 0
    pages: int = 0
    search_records: int = 0
    hubs: int = 0
    hub_pages: int = 0
    placements: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def joined(self, other: SiteCheck) -> SiteCheck:
        """Both checks' counts and problems, as if checked at once."""
        return SiteCheck(
            max(self.listings, other.listings),
            self.pages + other.pages,
            self.search_records + other.search_records,
            self.hubs + other.hubs,
            self.hub_pages + other.hub_pages,
            self.placements + other.placements,
            self.problems + other.problems,
        )

    def summary(self) -> str:
        return (
            f"post-build check: {self.listings} listings, {self.pages} pages, {self.search_records} search records, "
            f"{self.placements} hub placements on {self.hub_pages} pages of {self.hubs} hubs, "
            f"{len(self.problems)} problem{'' if len(self.problems) == 1 else 's'}"
        )


def check_pages(site_dir: Path, refs: Iterable[str]) -> SiteCheck:
    """Each listing of `refs` has its page, with its content and search markers."""
    result = SiteCheck()
    for ref in refs:
        page = site_dir / credential_url(ref) / "index.html"
        if not page.is_file():
            result.problems.append(f"{ref}: no page at {page.relative_to(site_dir).as_posix()}")
            continue
        html = page.read_text(encoding="utf-8")
        if all(marker in html for marker in PAGE_MARKERS) and f'data-listing-page="{ref}"' in html:
            result.pages += 1
        else:
            result.problems.append(f"{ref}: its page lacks the listing content or its search markers")
    return result


def check_records(site: CatalogSite, indexed: Iterable[str]) -> SiteCheck:
    """Each listing has one search record among the index's URLs `indexed`, and nothing else has one."""
    result = SiteCheck(listings=len(site.catalog.credentials))
    wanted = {"/" + credential_url(ref) for ref in site.catalog.credentials}
    records = Counter(indexed)
    result.search_records = sum(count for url, count in records.items() if url in wanted)
    for url in sorted(wanted - set(records)):
        result.problems.append(f"{url}: no search record")
    for url in sorted(set(records) - wanted):
        result.problems.append(f"{url}: a search record for a page that is not a listing")
    for url, count in sorted(records.items()):
        if count > 1:
            result.problems.append(f"{url}: {count} search records")
    return result


def check_page_paths(site: CatalogSite) -> list[str]:
    """Pages that overwrite one another: two generated pages with one URL, or a listing's or
    pathway's page written away from the URL its links use (an id such as `index`)."""
    titles: dict[str, list[str]] = {}
    for spec in site.pages():
        titles.setdefault(spec.url, []).append(spec.title)
    problems = [
        f"{url}: {len(shared)} generated pages are written here ({', '.join(shared)}): one overwrites the other"
        for url, shared in sorted(titles.items())
        if len(shared) > 1
    ]
    linked = [(ref, credential_url(ref)) for ref in site.catalog.credentials]
    linked += [(ref, pathway_url(ref)) for ref in site.catalog.pathways]
    for ref, url in linked:
        written = page_url(page_source(url))
        if written != url:
            problems.append(f"{ref}: its page is written at {written}, but links to it point to {url}")
    return problems


def check_hubs(site_dir: Path, site: CatalogSite) -> SiteCheck:
    """Each listing's card on every page of every hub it belongs to, and no other card; and no
    generated page overwrites another."""
    result = SiteCheck(problems=check_page_paths(site))
    size = site.settings.page_size
    for hub in site.hubs:
        result.hubs += 1
        found: Counter[str] = Counter()
        for number in range(1, hub.page_count(size) + 1):
            page = site_dir / page_url(hub.page_src_uri(number)) / "index.html"
            if not page.is_file():
                result.problems.append(f"{hub.url}: page {number} is missing")
                continue
            result.hub_pages += 1
            found.update(_CARD.findall(page.read_text(encoding="utf-8")))
        expected = Counter(hub.refs)
        result.placements += sum((found & expected).values())
        for ref in sorted(expected - found):
            result.problems.append(f"{ref}: missing from hub {hub.url}")
        for ref in sorted(found - expected):
            result.problems.append(f"{ref}: on hub {hub.url} where it does not belong")
    return result
