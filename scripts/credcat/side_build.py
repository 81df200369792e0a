"""The part of a site build that runs beside MkDocs, in a second process.

MkDocs renders pages one at a time on one core. The listing pages (most of a site) and the
search index are made by a forked process instead: each listing's searchable parts are
rendered once and sent to Pagefind's service as its search record, so that Pagefind builds
the index on the other core while this process writes the pages around the same parts.
Pagefind builds one shard of `SEARCH_SHARD_SIZE` listings at a time, which bounds its memory. MkDocs renders the hubs and guides meanwhile,
then the plugin writes the catalog's feeds. Each listing's compare data and exports
(`ListingFiles`) go to whichever process has time: the side build while Pagefind writes a
shard and once it is done, the main process once its own work is done. Forking shares the
loaded catalog and MkDocs' theme with the child without copying or pickling them.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from markupsafe import Markup

from credcat import feeds
from credcat.pages import CatalogSite, SearchableHtml, SitePage, relative_base
from credcat.pathways import credential_url
from credcat.render import render
from credcat.search_index import SearchIndex, SearchIndexError, stabilize

# A listing page's content -> the whole page (the theme around it); MkDocs' side supplies it.
PageHtml = Callable[[SitePage, Markup], str]


class SideBuildError(Exception):
    """The side build failed; the message says where."""


FILES_CHUNK = 200


class ListingFiles:
    """Each listing's compare data and exports, handed out in chunks to whichever process
    has time: a counter in memory shared across the fork hands out each chunk once."""

    def __init__(self, site: CatalogSite, site_dir: Path, chunk: int = FILES_CHUNK) -> None:
        self.site = site
        self.site_dir = site_dir
        self._refs = tuple(site.catalog.credentials)
        self._chunk = chunk
        self._taken = multiprocessing.get_context("fork").Value("q", 0)

    def write(self, until: Callable[[], bool] = lambda: False) -> None:
        """Write chunk after chunk until none is left, or until `until()` is true."""
        while not until() and (refs := self._take()):
            write_listing_files(self.site, self.site_dir, refs)

    def _take(self) -> tuple[str, ...]:
        with self._taken.get_lock():
            number = self._taken.value
            self._taken.value = number + 1
        return self._refs[number * self._chunk : (number + 1) * self._chunk]


class SideBuild:
    """A side build under way in its own process group (so cancelling also stops Pagefind)."""

    def __init__(self, process: BaseProcess, results: Connection, files: ListingFiles) -> None:
        self._process = process
        self._results = results
        self._files = files

    def finish(self) -> SideResult:
        """Write listing files until none is left or the side build has reported (done, so
        none is left, or failed), then wait for it."""
        try:
            self._files.write(until=self._results.poll)
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
        return message

    def cancel(self) -> None:
        if self._process.pid is not None and self._process.exitcode is None:
            try:
                os.killpg(self._process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._process.join()


def start_side_build(site: CatalogSite, site_dir: Path, page_html: PageHtml, *, search: bool, language: str) -> SideBuild:
    """Fork the side build; `site_dir` must exist and be empty of what it writes."""
    context = multiprocessing.get_context("fork")
    files = ListingFiles(site, site_dir)
    results, sender = context.Pipe(duplex=False)
    process = context.Process(target=_side_process, args=(files, page_html, search, language, sender), daemon=True)
    process.start()
    sender.close()
    _own_process_group(process.pid)  # from both sides, so that neither order of events races
    return SideBuild(process, results, files)


def _own_process_group(pid: int | None) -> None:
    try:
        os.setpgid(pid or 0, 0)
    except (PermissionError, ProcessLookupError):
        pass  # the child has already exited or set it itself


def _side_process(files: ListingFiles, page_html: PageHtml, search: bool, language: str, sender: Connection) -> None:
    _own_process_group(None)
    try:
        sender.send((False, run_side_build(files, page_html, search=search, language=language)))
    except SearchIndexError as error:
        sender.send((True, str(error)))
    except Exception:  # the parent reports it; a child's traceback would otherwise be lost
        sender.send((True, traceback.format_exc()))


@dataclass(frozen=True)
class SideResult:
    """What the side build made: the URL of every search record Pagefind handed back, and a line for the log."""

    indexed_urls: list[str]
    summary: str


def run_side_build(files: ListingFiles, page_html: PageHtml, *, search: bool, language: str) -> SideResult:
    """Per search shard: each listing's searchable parts, rendered once, go to Pagefind as its
    search record; Pagefind builds the shard's index while this process writes the same
    listings' pages around those parts; then listing files from `files` until the index is
    written. Then the listing files still left."""
    site, site_dir = files.site, files.site_dir
    indexed: list[str] = []
    shards = site.search_shards()
    for bundle, refs in shards:
        index = SearchIndex() if search else None
        searchable: dict[str, SearchableHtml] = {}
        try:
            if index is not None:
                for ref in refs:
                    searchable[ref] = parts = site.searchable_html(ref)
                    index.add("/" + credential_url(ref), render("search-record.html", {"searchable": parts, "site_language": language}))
                index.write(site_dir / bundle)
            for ref in refs:
                write_listing_page(site_dir, page_html, site.listing_page(ref, searchable.pop(ref, None)))
            if index is not None:
                files.write(until=index.done)
                indexed += index.wait()
        except BaseException:
            if index is not None:
                index.kill()
            raise
        if index is not None:
            stabilize(site_dir / bundle)
    files.write()
    pages = f"{len(site.catalog.credentials)} listing pages written"
    if not search:
        return SideResult([], f"{pages}; no search index")
    return SideResult(indexed, f"{pages}; {len(indexed)} search records indexed in {len(shards)} Pagefind index(es)")


def write_listing_page(site_dir: Path, page_html: PageHtml, spec: SitePage) -> None:
    """A listing's page: its content rendered from credential.html inside `page_html`."""
    target = site_dir / spec.url / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page_html(spec, render(spec.template, {**spec.context(), "base": relative_base(spec.url)})), encoding="utf-8")


def write_listing_files(site: CatalogSite, site_dir: Path, refs: Sequence[str]) -> None:
    """The compare page's JSON for each listing of `refs`, and its exports (feeds.py)."""
    made: set[Path] = set()
    for path, record in site.compare_records(refs):
        target = site_dir / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    feeds.write_listing_exports(site.catalog, site_dir, site.settings.site_url, refs)
