"""`credcat serve` after a save: what changed, and which parts of the site show it.

A full build at 10,000 listings takes most of a minute; a provider fixing a typo should see it
in a second or two. After each build the serve keeps a `Snapshot` of the catalog (the size and
time of every file) and of the rest of the project, and the site model. At a save, `Snapshot`
says which files changed; `changed_listings` names the listings among them, or why the
incremental path cannot take them (a file that is not a listing's);
`touched_listings` names the listings whose pages and exports show a changed one; and
`pages_to_render` the hub, pathway, qualification and catalog-wide pages to render again. The
plugin renders and writes them (it alone knows MkDocs); `FilesInBackground` writes the files
of the whole catalog meanwhile. Search is not updated in place: Pagefind builds an index whole,
so the serve says on every page that search is as of the last full build.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from stat import S_ISREG

from credcat.catalog.model import Catalog
from credcat.check.layout import Kind, place
from credcat.site.children import die_with_parent
from credcat.site.pages import SitePage

FileState = tuple[int, int]


@dataclass(frozen=True)
class Snapshot:
    """The size and modification time of every file below some folders (or of some files)."""

    files: Mapping[str, FileState]

    @classmethod
    def take(cls, paths: Iterable[Path]) -> Snapshot:
        """Every file below each of `paths` (a folder) or the path itself (a file), by path."""
        found: dict[str, FileState] = {}
        for path in paths:
            for file in _files_below(os.fspath(path)):
                try:
                    stat = os.stat(file)
                except OSError:
                    continue
                found[file] = (stat.st_size, stat.st_mtime_ns)
        return cls(found)

    def after(self, paths: Iterable[str]) -> Snapshot:
        """This snapshot with `paths` looked at again (the files a watcher says changed)."""
        found = dict(self.files)
        for path in paths:
            try:
                stat = os.stat(path)
            except OSError:
                found.pop(path, None)
                continue
            if S_ISREG(stat.st_mode):
                found[path] = (stat.st_size, stat.st_mtime_ns)
        return Snapshot(found)

    def changed(self, later: Snapshot) -> list[str]:
        """The files added, removed or changed between this snapshot and `later`, sorted."""
        before, after = self.files, later.files
        return sorted({path for path in before.keys() | after.keys() if before.get(path) != after.get(path)})


def _files_below(path: str) -> Iterator[str]:
    if os.path.isfile(path):
        yield path
        return
    for folder, folders, names in os.walk(path):
        folders.sort()
        for name in sorted(names):
            yield os.path.join(folder, name)


def changed_listings(catalog_root: Path, changed: Iterable[str]) -> tuple[set[str], str | None]:
    """The refs of the listing files among `changed` (paths below `catalog_root`), and why a
    full build is needed instead (a file that is not a listing's), or None."""
    refs: set[str] = set()
    for path in changed:
        relative = Path(os.path.relpath(path, catalog_root))
        placement = place(relative)
        if placement is None or placement.kind is not Kind.CREDENTIAL:
            return refs, f"{relative.as_posix()} is not a listing file"
        refs.add(placement.ref)
    return refs, None


def touched_listings(before: Catalog, after: Catalog, changed: set[str]) -> set[str]:
    """`changed` and the listings whose pages or exports show one of them, before or after the
    change: its prerequisites and the listings that require it, the listings it counts toward
    and those counting toward it."""
    touched = set(changed)
    for catalog in (before, after):
        for ref, credential in catalog.credentials.items():
            data = credential.data
            named = set(data.get("prerequisites", {}).get("credentials", []))
            named |= {target["credential"] for target in data.get("stackability", {}).get("counts_toward", []) if "credential" in target}
            if ref in changed:
                touched |= named | set(credential.required_by)
            elif named & changed:
                touched.add(ref)
    return touched


def pages_to_render(before: Mapping[str, SitePage], after: Mapping[str, SitePage], touched: set[str]) -> tuple[list[SitePage], list[str]]:
    """The pages (by src_uri) to render again: new ones, those whose title, description, place
    or listings changed, those that show a touched listing, those whose summary of a touched
    listing changed (a hub's facet counts), and those of the whole catalog; and the src_uris
    of pages that are gone."""
    render = []
    for uri, page in after.items():
        old = before.get(uri)
        if old is None or page != old or page.refs is None or not touched.isdisjoint(page.refs) or (
                not touched.isdisjoint(page.counted) and _summary(page) != _summary(old)):
            render.append(page)
    return render, [uri for uri in before if uri not in after]


def _summary(page: SitePage) -> object:
    return page.summary() if page.summary is not None else None


class FilesInBackground:
    """Files of the whole catalog (feeds, browse data...) written again after an update by a
    forked process, on the other core, while the server answers: into `scratch` beside the
    site, then moved into it one by one (a file is never served half written), and the files
    the last writing made that this one does not are removed. A next save does not wait for
    it: `stop` kills it, and the files it may have moved in are remembered, so that the next
    writing removes those it does not write again."""

    def __init__(self, write: Callable[[Path], frozenset[str]], site_dir: Path, scratch: Path, previous: frozenset[str],
                 done: Callable[[frozenset[str], str, bool], None]) -> None:
        """`write` writes the files into the folder it is given and returns their paths
        (relative to it); `done` gets the files the site may now hold that a writing made, the
        line to log (empty if the writing was stopped) and whether it is an error."""
        self._scratch = scratch
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        parent = os.getpid()
        self._process = context.Process(target=_write_in_child, args=(write, site_dir, scratch, previous, sender, parent), daemon=True)
        self._process.start()
        sender.close()
        self._collector = threading.Thread(target=self._collect, args=(receiver, previous, done), daemon=True)
        self._collector.start()

    def _collect(self, receiver: Connection, previous: frozenset[str], done: Callable[[frozenset[str], str, bool], None]) -> None:
        files, line, failed = previous, "", False
        try:
            while True:
                kind, value = receiver.recv()
                if kind == "planned":
                    files = previous | value  # some may be in the site already
                elif kind == "done":
                    files, line = value
                else:
                    line, failed = f"writing the feeds failed ({value}); the next save writes them again", True
        except EOFError:
            pass  # the child ended, or was stopped
        self._process.join()
        receiver.close()
        shutil.rmtree(self._scratch, ignore_errors=True)
        done(files, line, failed)

    def stop(self) -> None:
        """Kill the writing if it is still under way, and wait until what it did is known."""
        if self._process.is_alive():
            try:
                os.kill(self._process.pid or 0, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._collector.join()


def _write_in_child(write: Callable[[Path], frozenset[str]], site_dir: Path, scratch: Path, previous: frozenset[str],
                    sender: Connection, parent: int) -> None:
    die_with_parent(parent)
    started = time.perf_counter()
    try:
        written = write(scratch)
        sender.send(("planned", written))
        for path in sorted(written):
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(scratch / path, target)
        for path in sorted(previous - written):
            remove_output(site_dir, path)
        sender.send(("done", (written, f"feeds and browse data written in {time.perf_counter() - started:.2f} s")))
    except Exception as error:  # the parent logs it; the next save writes them all again
        sender.send(("failed", f"{type(error).__name__}: {error}"))


def remove_output(site_dir: Path, path: str) -> None:
    """Remove a file of the site and the folders it leaves empty."""
    target = site_dir / path
    try:
        target.unlink()
        os.removedirs(target.parent)
    except OSError:
        pass  # absent already, or the folder holds more
