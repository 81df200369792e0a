"""The side build: search records, Pagefind, compare data and feeds in a second process."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from markupsafe import Markup, escape
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from credcat.catalog.model import Catalog
from credcat.cli import main
from credcat.site import search_index, side_build
from credcat.site.catalog_site import CatalogSite
from credcat.site.contexts import SearchableHtml
from credcat.site.facets import INACTIVE_STATUSES
from credcat.site.pages import SitePage, SiteSettings
from credcat.site.plugin import SiteBuildFailed, build_site
from credcat.site.search_index import SearchIndex, SearchIndexError
from credcat.site.side_build import SharedWork, SideBuildError, run_side_build, start_side_build
from credcat.site.site_check import SiteCheck
from support import REPO, TODAY
from support.built_site import indexed_urls

LISTING = "northbridge-university/python-for-data-analysis"


def plan(catalog: Catalog) -> CatalogSite:
    return CatalogSite(catalog, SiteSettings(today=TODAY, today_source="a fixed test date"))


def bare_page(spec: SitePage, content: Markup) -> str:
    """A listing page without the theme: what run_side_build writes when called on its own."""
    return f"<title>{escape(spec.title)}</title>{content}"


class RecordedIndex(SearchIndex):
    """A search index that keeps the records it was sent."""

    made: list[RecordedIndex] = []

    def __init__(self) -> None:
        super().__init__()
        self.records: dict[str, str] = {}
        RecordedIndex.made.append(self)

    def add(self, url: str, html: str) -> None:
        self.records[url] = html
        super().add(url, html)


def test_a_search_record_is_its_page_without_the_theme(catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(side_build, "SearchIndex", RecordedIndex)
    run_side_build(SharedWork(plan(catalog), tmp_path, bare_page, search=True), language="en")
    records = {url: html for index in RecordedIndex.made for url, html in index.records.items()}  # current, then inactive
    RecordedIndex.made.clear()
    assert sorted(records) == sorted(f"/credentials/{ref}/" for ref in catalog.credentials)

    record = HTMLParser(records[f"/credentials/{LISTING}/"])
    assert record.css_first("html").attributes["lang"] == "en"
    assert record.css_first("h1").text() == catalog.credentials[LISTING].name
    assert [node.tag for node in record.css("[data-pagefind-body]")] == ["header", "section", "section", "section"]
    assert [node.css_first("h2").text() for node in record.css("section[data-pagefind-body]")[:2]] == [
        "About this credential", "What you will learn"]
    # then, weighted below its own words, the English names of what it is filed under (search_labels)
    labels = record.css("section[data-pagefind-body]")[-1].css_first("p[data-pagefind-weight]")
    assert catalog.industries[catalog.credentials[LISTING].data["industries"][0]].name in labels.text()

    page = HTMLParser((tmp_path / f"credentials/{LISTING}/index.html").read_text(encoding="utf-8"))
    assert page.css_first("title").text() == catalog.credentials[LISTING].name
    assert record.css("title") == []
    assert [node.html for node in record.css("[data-pagefind-body]")][:3] == [node.html for node in page.css("[data-pagefind-body]")]


def test_the_side_build_indexes_and_writes_every_listing(catalog: Catalog, tmp_path: Path) -> None:
    result = run_side_build(SharedWork(plan(catalog), tmp_path, bare_page, search=True), language="en")
    count = len(catalog.credentials)
    # retired and suspended listings have an index of their own, which search loads only when asked to show them
    indexes = 2 if any(credential.data["status"] in INACTIVE_STATUSES for credential in catalog.credentials.values()) else 1
    assert result.summary == f"{count} listing pages written; {count} search records indexed in {indexes} Pagefind index(es)"
    assert sorted(indexed_urls(tmp_path)) == sorted(f"/credentials/{ref}/" for ref in catalog.credentials)
    assert result.check is not None and result.check.ok
    assert result.check.pages == result.check.search_records == count
    assert (tmp_path / f"credentials/{LISTING}/index.html").is_file()
    assert (tmp_path / f"api/v1/credentials/{LISTING}.ob3.json").is_file()


class InstantIndex:
    """A search index written as soon as it is asked for: the side build writes no page while it waits."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def add(self, url: str, html: str) -> None:
        self.urls.append(url)

    def write(self, bundle: Path) -> None:
        pass

    def done(self) -> bool:
        return True

    def wait(self) -> list[str]:
        return self.urls

    def kill(self) -> None:
        pass


def test_each_listings_searchable_parts_are_rendered_once_for_its_record_and_page(catalog: Catalog, tmp_path: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages written after their shard's index (here all of them) use the parts rendered for the record."""
    site = CatalogSite(catalog, SiteSettings(today=TODAY, today_source="a fixed test date", search_shard_size=10))
    rendered: list[str] = []
    searchable_html = site.contexts.searchable_html

    def counted(ref: str) -> SearchableHtml:
        rendered.append(ref)
        return searchable_html(ref)

    monkeypatch.setattr(site.contexts, "searchable_html", counted)
    monkeypatch.setattr(side_build, "SearchIndex", InstantIndex)
    monkeypatch.setattr(side_build, "stabilize", lambda bundle: None)
    result = run_side_build(SharedWork(site, tmp_path, bare_page, search=True, chunk=4), language="en")
    assert len(site.search_shards()) > 2
    assert sorted(rendered) == sorted(catalog.credentials)
    assert result.check is not None and result.check.ok and result.check.pages == len(catalog.credentials)
    page = (tmp_path / f"credentials/{LISTING}/index.html").read_text(encoding="utf-8")
    assert str(searchable_html(LISTING).about) in page


def test_without_search_the_side_build_writes_no_index(catalog: Catalog, tmp_path: Path) -> None:
    result = run_side_build(SharedWork(plan(catalog), tmp_path, bare_page, search=False), language="en")
    assert result.summary.endswith("no search index") and result.check is None
    assert not (tmp_path / "pagefind").exists()
    assert (tmp_path / f"credentials/{LISTING}/index.html").is_file()


def test_pagefind_refusing_a_record_fails_with_its_message(tmp_path: Path) -> None:
    index = SearchIndex()
    index.add("/credentials/a/b/", "<html lang='en'><body data-pagefind-body><h1>A</h1></body></html>")
    index.add("/credentials/a/c/", "<html lang='en'><body><p>no body element here</p></body></html>")
    index._send({"type": "AddFile", "index_id": 7, "url": "/x/", "file_contents": ""})
    index.write(tmp_path / "pagefind")
    with pytest.raises(SearchIndexError, match="Invalid index, does not yet exist in the Pagefind service"):
        index.wait()


def test_the_index_hands_back_each_record_url_however_long(tmp_path: Path) -> None:
    long_url = "/credentials/a/" + "very-long-" * 400 + "/"
    index = SearchIndex()
    for url in ("/credentials/a/b/", long_url):
        index.add(url, "<html lang='en'><body data-pagefind-body><h1>Title</h1><p>Some words</p></body></html>")
    index.write(tmp_path / "pagefind")
    assert sorted(index.wait()) == ["/credentials/a/b/", long_url]
    assert sorted(indexed_urls(tmp_path)) == ["/credentials/a/b/", long_url]


@pytest.mark.slow
def test_a_failure_in_the_side_build_fails_the_site_build_with_its_cause(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                          caplog: pytest.LogCaptureFixture) -> None:
    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(side_build, "stabilize", full_disk)  # only the side build calls it
    with pytest.raises(SiteBuildFailed):
        build_site(REPO / "mkdocs.yml", catalog=REPO / "catalog", site_dir=tmp_path / "site")
    assert "writing the site: [Errno 28] No space left on device (side build exit code 0)" in caplog.text
    assert "Traceback" not in caplog.text


def test_cancelling_stops_the_side_build(catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(side_build, "write_listing_files", lambda *args: time.sleep(600))
    running = start_side_build(plan(catalog), tmp_path, bare_page, search=False, language="en")
    running.cancel()
    with pytest.raises(SideBuildError, match="stopped before it finished"):
        running.finish()


def test_an_index_pagefind_cannot_hand_back_fails_instead_of_waiting_forever(tmp_path: Path) -> None:
    index = SearchIndex()
    index._send({"type": "DeleteIndex", "index_id": 0})
    index.write(tmp_path / "pagefind")
    with pytest.raises(SearchIndexError, match="Index has been deleted"):
        index.wait()
    assert not (tmp_path / "pagefind").exists()


def test_an_error_answering_the_index_request_at_once_is_not_missed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hang behind the flaky test above: Pagefind's answer to GetFiles could be read before
    write() had noted which message it answered, and wait() then waited forever. Here the
    reply is read as the request is sent, before write() returns."""
    index = SearchIndex()
    index._send({"type": "DeleteIndex", "index_id": 0}, flush=True)
    time.sleep(0.3)  # Pagefind has deleted the index: GetFiles now gets an Error at once
    sending = index._send

    def send_and_hear_the_reply(payload: dict[str, object], flush: bool = False) -> None:
        sending(payload, flush)  # type: ignore[arg-type]
        deadline = time.monotonic() + 5
        while len(index._errors) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)

    monkeypatch.setattr(index, "_send", send_and_hear_the_reply)
    index.write(tmp_path / "pagefind")
    assert index.done()
    with pytest.raises(SearchIndexError, match="Index has been deleted"):
        index.wait()


def stalled_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """Pagefind replaced by a program that reads its input (or not) and never answers."""
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(search_index.pagefind_bin, "get_executable", lambda: fake)


@pytest.mark.parametrize(("script", "records"), [("exec cat 3>&1 >/dev/null", 3), ("exec sleep 600", 2000)],
                         ids=["says-nothing", "reads-nothing"])
def test_a_stalled_pagefind_is_stopped_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     script: str, records: int) -> None:
    """Pagefind that never hands back the index, or stops reading its input (the records then
    fill the pipe and sending blocks): stopped after the timeout, one line, no process left."""
    stalled_pagefind(tmp_path, monkeypatch, script)
    index = SearchIndex(timeout=1)
    started = time.monotonic()
    with pytest.raises(SearchIndexError) as raised:
        for number in range(records):
            index.add(f"/listing-{number}/", "<p data-pagefind-body>" + "words " * 200 + "</p>")
        index.write(tmp_path / "pagefind")
        index.wait()
    assert str(raised.value) == "pagefind stalled: it read or answered nothing for 1 s, so the search index was not written"
    assert time.monotonic() - started < 30  # stopped after its 1 s, not left waiting
    assert index._process.poll() is not None


def test_a_build_whose_pagefind_stalls_fails_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    stalled_pagefind(tmp_path, monkeypatch, "exec cat 3>&1 >/dev/null")
    monkeypatch.setattr(search_index, "INDEX_TIMEOUT", 1.0)
    assert main(["build", "--catalog", str(REPO / "catalog"), "--config", str(REPO / "mkdocs.yml"),
                 "--site-dir", str(tmp_path / "site")]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "ERROR" in line or "error" in line]
    assert errors[0] == ("ERROR   -  pagefind stalled: it read or answered nothing for 1 s, so the search index was not written "
                         "(side build exit code 0)")
    assert "Traceback" not in "\n".join(errors)


def test_each_task_goes_once_to_whichever_process_takes_it_and_checks_wait_for_every_page(
        catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    done = tmp_path / "done"
    done.mkdir()

    def record(kind: str, refs: Sequence[str]) -> None:
        with (done / str(os.getpid())).open("a", encoding="utf-8") as file:
            file.write("".join(f"{kind} {ref}\n" for ref in refs))

    def recorded() -> list[str]:
        return [line for path in done.iterdir() for line in path.read_text(encoding="utf-8").splitlines()]

    def write_page(site_dir: Path, page_html: side_build.PageHtml, spec: SitePage) -> None:
        if os.getpid() != parent:
            time.sleep(0.05)  # the parent runs out of pages first, so its checks must wait
        record("page", [spec.url])

    def write_files(site: CatalogSite, site_dir: Path, refs: Sequence[str]) -> None:
        if os.getpid() == parent:
            time.sleep(0.01)  # the child starts on the pages meanwhile
        record("files", refs)

    def check(site_dir: Path, refs: Sequence[str]) -> SiteCheck:
        assert sum(line.startswith("page ") for line in recorded()) == len(catalog.credentials)
        record("check", refs)
        return SiteCheck(pages=len(refs))

    monkeypatch.setattr(side_build, "write_listing_page", write_page)
    monkeypatch.setattr(side_build, "write_listing_files", write_files)
    monkeypatch.setattr(side_build, "check_pages", check)
    work = SharedWork(plan(catalog), tmp_path, bare_page, search=True, chunk=2)
    child = multiprocessing.get_context("fork").Process(target=work.work)
    child.start()
    work.work(until=lambda: child.exitcode is not None, files_first=True)
    child.join()
    assert child.exitcode == 0
    refs = sorted(catalog.credentials)
    assert sorted(recorded()) == sorted([f"check {ref}" for ref in refs] + [f"files {ref}" for ref in refs]
                                        + [f"page credentials/{ref}/" for ref in refs])


def test_work_stops_between_tasks_as_soon_as_it_is_told_and_leaves_the_rest(catalog: Catalog, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[str] = []
    monkeypatch.setattr(side_build, "write_listing_page", lambda site_dir, page_html, spec: written.append(spec.url))
    monkeypatch.setattr(side_build, "write_listing_files", lambda site, site_dir, refs: None)
    monkeypatch.setattr(side_build, "check_pages", lambda site_dir, refs: SiteCheck())
    work = SharedWork(plan(catalog), tmp_path, bare_page, search=True, chunk=2)
    work.work(until=lambda: len(written) >= 3)
    assert len(written) == 4  # the chunk under way is finished; no other is taken
    work.work()
    assert sorted(written) == sorted(f"credentials/{ref}/" for ref in catalog.credentials)
