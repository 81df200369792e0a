"""The part of a site build that runs beside MkDocs, in a second process.

MkDocs renders pages one at a time on one core. The listing pages (most of a site) and the
search index are made beside it instead. The forked side build renders each listing's
searchable parts and sends them to Pagefind's service as its search record, so that
Pagefind builds the index on the other core, one shard of `SEARCH_SHARD_SIZE` listings at a
time (which bounds its memory), while the side build writes the pages around the same
parts. MkDocs renders the hubs and guides meanwhile, then the plugin writes the catalog's
feeds and the compare data. What is left is one list of tasks (`SharedWork`): the listings'
pages, their exports and the check of their pages, in chunks, each done by whichever process
takes it first. Forking shares the loaded catalog and MkDocs' theme with the child without
copying or pickling them.
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
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from markupsafe import Markup

from credcat.catalog.urls import credential_url
from credcat.errors import CredcatError
from credcat.exports import feeds
from credcat.files import write_file
from credcat.site.catalog_site import CatalogSite
from credcat.site.children import die_with_parent
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
PAGES, FILES, CHECKS = "pages", "files", "checks"
FREE, TAKEN, DONE = 0, 1, 2


def _never() -> bool:
    return False


@dataclass(frozen=True)
class Task:
    """One chunk of listings and what to do for them: write their pages or files, or check their pages."""

    kind: str
    refs: tuple[str, ...]


class SharedWork:
    """What either process may do for the listings, as one list of tasks over chunks of them:
    write their pages (the side build sends their search records first), write their exports
    (`files`) and, when the build has a search index to check them against, check their pages
    (`checks`), which waits until every page is written. Each task is done once, by whichever
    process takes it first: one byte per task, in memory shared across the fork, says whether
    it is free, taken or done.

    `checked` holds what this process's share of the page checks found: after the fork,
    each process has its own."""

    def __init__(self, site: CatalogSite, site_dir: Path, page_html: PageHtml, *, search: bool, chunk: int = CHUNK) -> None:
        refs = tuple(site.catalog.credentials)
        chunks = [refs[start : start + chunk] for start in range(0, len(refs), chunk)]
        self.site = site
        self.site_dir = site_dir
        self.page_html = page_html
        self.search = search
        kinds = (PAGES, FILES, CHECKS) if search else (PAGES, FILES)
        self.tasks = tuple(Task(kind, part) for kind in kinds for part in chunks)
        self.checked = SiteCheck()
        self._states = multiprocessing.get_context("fork").Array("b", len(self.tasks))
        self._pages = len(chunks)  # the first tasks
        self._page_task = {ref: number for number, part in enumerate(chunks) for ref in part}

    def work(self, until: Callable[[], bool] = _never, searchable: dict[str, SearchableHtml] | None = None, *,
             files_first: bool = False) -> None:
        """Take and do the tasks no process has taken, until none is left or `until()` is true:
        pages, files, then checks, which wait until every page is written. Pages are written
        around `searchable` parts if they are there; the main process takes files before
        pages, since it has no searchable parts and its pages cost more."""
        kinds = (FILES, PAGES, CHECKS) if files_first else (PAGES, FILES, CHECKS)
        order = sorted(range(len(self.tasks)), key=lambda index: kinds.index(self.tasks[index].kind))
        for number in order:
            task = self.tasks[number]
            if task.kind == CHECKS and not self._wait_for_pages(until):
                return
            if until():
                return
            if self._take(number):
                self._do(task, searchable)
                self._states[number] = DONE

    def page_free(self, ref: str) -> bool:
        """Whether no process has taken the task that writes the listing's page yet."""
        return bool(self._states[self._page_task[ref]] == FREE)

    def _take(self, number: int) -> bool:
        """Whether this process takes task `number`: no process had taken it yet."""
        with self._states.get_lock():
            free: bool = self._states[number] == FREE
            if free:
                self._states[number] = TAKEN
        return free

    def _wait_for_pages(self, until: Callable[[], bool]) -> bool:
        """Wait until every page is written (by either process); False if `until()` came first."""
        while any(state != DONE for state in self._states[: self._pages]):
            if until():
                return False
            time.sleep(0.01)
        return True

    def _do(self, task: Task, searchable: dict[str, SearchableHtml] | None) -> None:
        """Write the task's pages (around `searchable` parts where there are some) or files, or check its pages."""
        if task.kind == PAGES:
            for ref in task.refs:
                parts = searchable.pop(ref, None) if searchable else None
                write_listing_page(self.site_dir, self.page_html, self.site.listing_page(ref, parts))
        elif task.kind == FILES:
            write_listing_files(self.site, self.site_dir, task.refs)
        else:
            self.checked = self.checked.joined(check_pages(self.site_dir, task.refs))


class SideBuild:
    """A side build under way in its own process group (so cancelling also stops Pagefind); it
    dies with the process that started it."""

    def __init__(self, process: BaseProcess, results: Connection, work: SharedWork) -> None:
        self._process = process
        self._results = results
        self._work = work

    def finish(self) -> SideResult:
        """Share the side build's work (`SharedWork`) until none is left or it has reported
        (done, so none is left, or failed); then wait for it. The result's check includes
        this process's share."""
        try:
            self._work.work(until=self._results.poll, files_first=True)
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
        return SideResult(message.summary, message.check.joined(self._work.checked))

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
    process = context.Process(target=_side_process, args=(work, language, sender, os.getpid()), daemon=True)
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


def _side_process(work: SharedWork, language: str, sender: Connection, parent: int) -> None:
    die_with_parent(parent)  # a killed build must not leave it writing on
    _own_process_group(None)
    try:
        sender.send((False, run_side_build(work, language=language)))
    except SearchIndexError as error:
        sender.send((True, str(error)))
    except OSError as error:  # a full or read-only disk: one line, not a traceback
        sender.send((True, f"writing the site: {error}"))
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
    is written. Then whatever shared work is left, and the check of the search records. Parts
    are kept until their page is written, in whichever shard's time: rendering them is a third
    of a page's cost."""
    site, site_dir, search = work.site, work.site_dir, work.search
    indexed: list[str] = []
    shards = site.search_shards() if search else []
    kept: dict[str, SearchableHtml] = {}  # rendered, for pages not taken yet
    ahead: dict[str, SearchableHtml] = {}  # rendered for the next shard's records
    for number, (bundle, refs) in enumerate(shards):
        index = SearchIndex()
        try:
            for ref in refs:
                parts = ahead.pop(ref, None)
                if parts is None:
                    parts = site.searchable_html(ref)
                    if work.page_free(ref):
                        kept[ref] = parts
                index.add("/" + credential_url(ref), search_record(parts, language))
            index.write(site_dir / bundle)
            if number + 1 < len(shards):  # ready for Pagefind as soon as this shard is written
                ahead = {ref: site.searchable_html(ref) for ref in shards[number + 1][1]}
                kept.update((ref, parts) for ref, parts in ahead.items() if work.page_free(ref))
            work.work(until=index.done, searchable=kept)
            indexed += index.wait()
        except BaseException:
            index.kill()
            raise
        stabilize(site_dir / bundle)
    work.work(searchable=kept)
    pages = f"{len(site.catalog.credentials)} listing pages written"
    if not search:
        return SideResult(f"{pages}; no search index", None)
    check = work.checked.joined(check_records(site, indexed))
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
