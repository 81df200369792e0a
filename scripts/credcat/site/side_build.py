"""The part of a site build that runs beside MkDocs, in a second process.

MkDocs renders pages one at a time on one core. The listing pages (most of a site) and the
search index are made beside it instead. The forked side build renders each listing's
searchable parts and sends them to Pagefind's service as its search record, so that
Pagefind builds the index on the other core, one shard of `SEARCH_SHARD_SIZE` listings at a
time (which bounds its memory), while the side build writes the pages around the same
parts. MkDocs renders the hubs and guides meanwhile, then the plugin writes the catalog's
feeds and the compare data. Listing pages and each listing's exports (`SharedWork`) go to
whichever process has time. Forking shares the loaded catalog and MkDocs' theme with the
child without copying or pickling them.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from markupsafe import Markup

from credcat.catalog.urls import credential_url
from credcat.errors import CredcatError
from credcat.exports import feeds
from credcat.files import write_file
from credcat.site.catalog_site import CatalogSite
from credcat.site.contexts import SearchableHtml
from credcat.site.pages import SitePage, relative_base
from credcat.site.render import render
from credcat.site.search_index import SearchIndex, SearchIndexError, stabilize
from credcat.site.site_check import SiteCheck, check_pages, check_records

# A listing page's content -> the whole page (the theme around it); MkDocs' side supplies it.
PageHtml = Callable[[SitePage, Markup], str]


class SideBuildError(CredcatError):
    """The side build failed; the message says where."""


CHUNK = 200


def _never() -> bool:
    return False


class Chunks:
    """The listings, handed out in chunks, each once, to whichever process asks first:
    counters in memory shared across the fork count the chunks taken and those written."""

    def __init__(self, refs: Sequence[str], size: int = CHUNK) -> None:
        context = multiprocessing.get_context("fork")
        self._refs = tuple(refs)
        self._size = size
        self._count = -(-len(self._refs) // size)
        self._taken = context.Value("q", 0)
        self._written = context.Value("q", 0)

    def work(self, write: Callable[[Sequence[str]], None], until: Callable[[], bool] = _never) -> None:
        """`write` chunk after chunk until none is left, or until `until()` is true."""
        while not until():
            with self._taken.get_lock():
                number = self._taken.value
                self._taken.value = number + 1
            if number >= self._count:
                return
            write(self._refs[number * self._size : (number + 1) * self._size])
            with self._written.get_lock():
                self._written.value += 1

    def written(self) -> bool:
        """Whether every chunk has been written, not only taken."""
        return self._written.value >= self._count


class SharedWork:
    """What either process may do for any listing, in this order: write its page (`pages`;
    the side build sends its search record first), check its page once every page is written
    (`checks`, when the build has a search index to check them against) and write its
    exports (`files`).

    `checked` holds what this process's share of the page checks found: after the fork,
    each process has its own."""

    def __init__(self, site: CatalogSite, site_dir: Path, page_html: PageHtml, *, search: bool, chunk: int = CHUNK) -> None:
        refs = tuple(site.catalog.credentials)
        self.site = site
        self.site_dir = site_dir
        self.page_html = page_html
        self.search = search
        self.pages = Chunks(refs, chunk)
        self.checks = Chunks(refs, chunk)
        self.files = Chunks(refs, chunk)
        self.checked = SiteCheck()

    def work(self, until: Callable[[], bool] = _never, searchable: dict[str, SearchableHtml] | None = None, *,
             files_first: bool = False) -> None:
        """Pages, then their checks if every page is written, then files, until `until()` or
        none is left; pages are written around `searchable` parts if they are there. The
        main process takes files first: it has no searchable parts, so its pages cost more."""
        write_files = partial(self.files.work, partial(write_listing_files, self.site, self.site_dir), until)
        if files_first:
            write_files()
        self.pages.work(partial(self._write_pages, searchable=searchable), until)
        if self.search and self.pages.written():
            self.checks.work(self._check_pages, until)
        write_files()

    def wait_for_pages(self, until: Callable[[], bool] = _never) -> None:
        """Until the other process has written its last chunk of pages (or `until()`)."""
        while not (self.pages.written() or until()):
            time.sleep(0.01)

    def _write_pages(self, refs: Sequence[str], searchable: dict[str, SearchableHtml] | None) -> None:
        for ref in refs:
            parts = searchable.pop(ref, None) if searchable else None
            write_listing_page(self.site_dir, self.page_html, self.site.listing_page(ref, parts))

    def _check_pages(self, refs: Sequence[str]) -> None:
        self.checked = self.checked.joined(check_pages(self.site_dir, refs))


class SideBuild:
    """A side build under way in its own process group (so cancelling also stops Pagefind)."""

    def __init__(self, process: BaseProcess, results: Connection, work: SharedWork) -> None:
        self._process = process
        self._results = results
        self._work = work

    def finish(self) -> SideResult:
        """Share the side build's work (`SharedWork`) until none is left or it has reported
        (done, so none is left, or failed); then wait for it. The result's check includes
        this process's share."""
        work, reported = self._work, self._results.poll
        try:
            work.work(until=reported, files_first=True)
            if work.search:
                work.wait_for_pages(until=reported)
                work.work(until=reported)
        except BaseException:
            self.cancel()
            raise
        try:
            failed, message = self._results.recv()
        except EOFError:
            failed, message = True, "the side build stopped before it finished"
        self._process.join()
        self._results.close()
        if failed:
            raise SideBuildError(f"{message} (side build exit code {self._process.exitcode})")
        assert isinstance(message, SideResult)
        if message.check is None:
            return message
        return SideResult(message.summary, message.check.joined(work.checked))

    def cancel(self) -> None:
        if self._process.pid is not None and self._process.exitcode is None:
            try:
                os.killpg(self._process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._process.join()


def start_side_build(site: CatalogSite, site_dir: Path, page_html: PageHtml, *, search: bool, language: str) -> SideBuild:
    """Fork the side build; `site_dir` must exist and be empty of what it writes."""
    _compile_templates(site, page_html, language)
    context = multiprocessing.get_context("fork")
    work = SharedWork(site, site_dir, page_html, search=search, chunk=CHUNK)
    results, sender = context.Pipe(duplex=False)
    process = context.Process(target=_side_process, args=(work, language, sender), daemon=True)
    process.start()
    sender.close()
    _own_process_group(process.pid)  # from both sides, so that neither order of events races
    return SideBuild(process, results, work)


def _compile_templates(site: CatalogSite, page_html: PageHtml, language: str) -> None:
    """Render one listing's page and search record, and throw them away: the templates they
    use are compiled once, before the fork, instead of once in each process."""
    ref = next(iter(site.catalog.credentials), None)
    if ref is None:
        return
    searchable = site.searchable_html(ref)
    render_listing_page(page_html, site.listing_page(ref, searchable))
    search_record(searchable, language)


def _own_process_group(pid: int | None) -> None:
    try:
        os.setpgid(pid or 0, 0)
    except (PermissionError, ProcessLookupError):
        pass  # the child has already exited or set it itself


def _side_process(work: SharedWork, language: str, sender: Connection) -> None:
    _own_process_group(None)
    try:
        sender.send((False, run_side_build(work, language=language)))
    except SearchIndexError as error:
        sender.send((True, str(error)))
    except Exception:  # the parent reports it; a child's traceback would otherwise be lost
        sender.send((True, traceback.format_exc()))


@dataclass(frozen=True)
class SideResult:
    """What the side build made, in a line for the log, and what the checks of listing pages and search records found."""

    summary: str
    check: SiteCheck | None


def run_side_build(work: SharedWork, *, language: str) -> SideResult:
    """Per search shard: each listing's searchable parts, rendered once, go to Pagefind as its
    search record; Pagefind builds the shard's index while this process renders the next
    shard's parts (so that Pagefind never waits for them), then writes listing pages (around
    those parts, unless the main process took them first) and listing files, until the index
    is written. Then whatever shared work is left, and the check of the search records."""
    site, site_dir, search = work.site, work.site_dir, work.search
    indexed: list[str] = []
    shards = site.search_shards() if search else []
    upcoming: dict[str, SearchableHtml] = {}
    for number, (bundle, refs) in enumerate(shards):
        index = SearchIndex()
        try:
            searchable, upcoming = upcoming, {}
            for ref in refs:
                if ref not in searchable:
                    searchable[ref] = site.searchable_html(ref)
                index.add("/" + credential_url(ref), search_record(searchable[ref], language))
            index.write(site_dir / bundle)
            if number + 1 < len(shards):  # ready for Pagefind as soon as this shard is written
                upcoming = {ref: site.searchable_html(ref) for ref in shards[number + 1][1]}
            work.work(until=index.done, searchable=searchable)
            indexed += index.wait()
        except BaseException:
            index.kill()
            raise
        stabilize(site_dir / bundle)
    work.work()
    if search:
        work.wait_for_pages()
        work.work()
    check = work.checked.joined(check_records(site, indexed)) if search else None
    pages = f"{len(site.catalog.credentials)} listing pages written"
    if not search:
        return SideResult(f"{pages}; no search index", None)
    return SideResult(f"{pages}; {len(indexed)} search records indexed in {len(shards)} Pagefind index(es)", check)


def search_record(searchable: SearchableHtml, language: str) -> str:
    """What Pagefind reads for a listing: its searchable parts, without the theme."""
    return render("search-record.html", {"searchable": searchable, "site_language": language})


def render_listing_page(page_html: PageHtml, spec: SitePage) -> str:
    """A listing's whole page: its content rendered from credential.html inside `page_html`."""
    return page_html(spec, render(spec.template, {**spec.context(), "base": relative_base(spec.url)}))


def write_listing_page(site_dir: Path, page_html: PageHtml, spec: SitePage) -> None:
    """Write a listing's page to its folder."""
    write_file(f"{site_dir}/{spec.url}index.html", render_listing_page(page_html, spec))


def write_listing_files(site: CatalogSite, site_dir: Path, refs: Sequence[str]) -> None:
    """The exports of each listing of `refs` (feeds.py)."""
    feeds.write_listing_exports(site.catalog, site_dir, site.settings.site_url, refs)


def write_compare_data(site: CatalogSite, site_dir: Path) -> None:
    """The files the compare page reads (`CatalogSite.compare_data`)."""
    made: set[str] = set()
    for path, records in site.compare_data():
        text = json.dumps(records, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        write_file(f"{site_dir}/{path}", text, made)
