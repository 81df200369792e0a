"""The part of a site build that runs beside MkDocs, in a second process.

MkDocs renders pages one at a time on one core. The listing pages (most of a site) and
the search index are written by a forked process instead: every listing's search record
goes to Pagefind's service first, so that Pagefind builds its index while this process
writes the listing pages (in shards of `SEARCH_SHARD_SIZE` listings, one Pagefind at a
time). MkDocs renders the hubs and guides meanwhile, then the plugin writes the compare
data and feeds (`write_data_files`) and waits for this process before the post-build check. Forking shares the loaded catalog and MkDocs' theme with the child
without copying or pickling them.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from markupsafe import Markup

from credcat import feeds
from credcat.pages import CatalogSite, SitePage, relative_base
from credcat.render import render
from credcat.search_index import SearchIndex, SearchIndexError, stabilize

# A listing page's content -> the whole page (the theme around it); MkDocs' side supplies it.
PageHtml = Callable[[SitePage, Markup], str]


class SideBuildError(Exception):
    """The side build failed; the message says where."""


class SideBuild:
    """A side build under way in its own process group (so cancelling also stops Pagefind)."""

    def __init__(self, process: BaseProcess, results: Connection) -> None:
        self._process = process
        self._results = results

    def finish(self) -> str:
        """Wait for the side build; returns what it did, in a line for the log."""
        try:
            failed, message = self._results.recv()
        except EOFError:
            failed, message = True, "the side build stopped before it finished"
        self._process.join()
        self._results.close()
        if failed:
            raise SideBuildError(f"{message} (side build exit code {self._process.exitcode})")
        return str(message)

    def cancel(self) -> None:
        """Stop the side build and Pagefind, if still running."""
        if self._process.pid is not None and self._process.exitcode is None:
            try:
                os.killpg(self._process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._process.join()


def start_side_build(site: CatalogSite, site_dir: Path, page_html: PageHtml, *, search: bool, language: str) -> SideBuild:
    """Fork the side build; `site_dir` must exist and be empty of what it writes."""
    context = multiprocessing.get_context("fork")
    results, sender = context.Pipe(duplex=False)
    process = context.Process(target=_side_process, args=(site, site_dir, page_html, search, language, sender), daemon=True)
    process.start()
    sender.close()
    _own_process_group(process.pid)  # from both sides, so that neither order of events races
    return SideBuild(process, results)


def _own_process_group(pid: int | None) -> None:
    try:
        os.setpgid(pid or 0, 0)
    except (PermissionError, ProcessLookupError):
        pass  # the child has already exited or set it itself


def _side_process(site: CatalogSite, site_dir: Path, page_html: PageHtml, search: bool, language: str,
                  sender: Connection) -> None:
    _own_process_group(None)
    try:
        sender.send((False, run_side_build(site, site_dir, page_html, search=search, language=language)))
    except SearchIndexError as error:
        sender.send((True, str(error)))
    except Exception:  # the parent reports it; a child's traceback would otherwise be lost
        sender.send((True, traceback.format_exc()))


def run_side_build(site: CatalogSite, site_dir: Path, page_html: PageHtml, *, search: bool, language: str) -> str:
    """Per search shard: its listings' search records to Pagefind first, so that it builds
    that index while this process writes the same listings' pages; then wait for it. One
    Pagefind runs at a time, which bounds memory. Returns a line for the log."""
    records = 0
    shards = site.search_shards()
    for bundle, refs in shards:
        index = SearchIndex() if search else None
        try:
            if index is not None:
                for url, context in site.search_records(refs):
                    index.add("/" + url, render("search-record.html", {**context, "site_language": language}))
                index.write(site_dir / bundle)
            write_listing_pages(site, site_dir, page_html, refs)
            if index is not None:
                records += index.wait()
        except BaseException:
            if index is not None:
                index.kill()
            raise
        if index is not None:
            stabilize(site_dir / bundle)
    written = f"{len(site.catalog.credentials)} listing pages written"
    if not search:
        return f"{written}; no search index"
    return f"{written}; {records} search records indexed in {len(shards)} Pagefind index(es)"


def write_listing_pages(site: CatalogSite, site_dir: Path, page_html: PageHtml, refs: Iterable[str]) -> None:
    """Each listing's page, its content rendered from credential.html inside `page_html`."""
    for spec in site.listing_pages(refs):
        target = site_dir / spec.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_html(spec, render(spec.template, {**spec.context(), "base": relative_base(spec.url)})),
                          encoding="utf-8")


def write_data_files(site: CatalogSite, site_dir: Path) -> None:
    """The compare page's per-listing JSON, then the public feeds."""
    made: set[Path] = set()
    for path, record in site.compare_records():
        target = site_dir / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    feeds.write_feeds(site.catalog, site_dir, site.settings.site_url)
