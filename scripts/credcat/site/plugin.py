"""The MkDocs plugin `credcat`, and `build_site` / `serve_site`: the only module that knows MkDocs.

on_config puts credcat's theme (package data) under the site's own overrides, loads and
validates the catalog (any error fails the build with the messages of `credcat validate`);
on_files adds the generated hubs, indexes and pathway pages, kept out
of the nav; on_env forks the side build (side_build.py), which writes the listing pages
(through `listing_page_html`, with Material's chrome) and the search index on the other core
while MkDocs renders the rest; on_post_build writes the feeds and the compare data, shares
each listing's exports with the side build, checks the hubs, waits for the side build (which
checks the listing pages and search records) and fails on any problem either found.

The cycle collector is paused while the catalog loads, and what exists is frozen for it
(gc.freeze) once the catalog is built and again at the fork: neither process walks it
again, so collections stay quick and the side build does not copy the memory it sits on.
It is unfrozen when the build ends, so that a serve's rebuild can free it.

Under `credcat serve`, a save that changes only listing files does not rebuild the site
(`CredcatPlugin.update`, with incremental.py): the last build's plugin validates again what
changed, renders again the pages that show a changed listing with MkDocs' own page builder, and
writes the catalog-wide files in the background; anything else is a full rebuild, logged with
its reason.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from datetime import time as day_start
from functools import partial
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.commands.build import _build_page, _populate_page, build, get_context
from mkdocs.commands.serve import serve
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext
from watchdog.events import EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from credcat.catalog.model import Catalog, build_catalog
from credcat.catalog.urls import API_ROOT, credential_file, credential_url
from credcat.check.report import render_text
from credcat.check.subset import Listing, Subset, UnknownProvider, choose_subset
from credcat.check.validate import Report, validate_catalog
from credcat.errors import CredcatError
from credcat.exports import feeds
from credcat.exports.api import FORMATS
from credcat.files import recording
from credcat.maintain.history import ever_committed, read_history
from credcat.resources import SCHEMA_DIR, THEME_DIR
from credcat.site import sitemap
from credcat.site.browse import write_browse_data
from credcat.site.catalog_site import CatalogSite
from credcat.site.incremental import FilesInBackground, Snapshot, changed_listings, pages_to_render, remove_output, touched_listings
from credcat.site.output import new_folder_beside, swap_in
from credcat.site.page_shell import ShapeKey, Shell, capture, shape_of
from credcat.site.pages import PAGE_SIZE, SEARCH_SHARD_SIZE, SitePage, SiteSettings, relative_base
from credcat.site.render import render
from credcat.site.serving import BuildErrors
from credcat.site.side_build import SideBuild, SideBuildError, start_side_build, write_compare_data, write_listing_files, write_listing_page
from credcat.site.site_check import check_hubs

CATALOG_ENV = "CREDCAT_CATALOG"
PROVIDERS_ENV = "CREDCAT_PROVIDERS"
SHELL_TEMPLATE = "credcat-page.html"
log = logging.getLogger("mkdocs.plugins.credcat")


class SiteBuildFailed(CredcatError):
    """MkDocs stopped; the reason was already logged."""


def build_site(config_file: Path, *, catalog: Path | None = None, site_dir: Path | None = None, strict: bool = False) -> None:
    """`mkdocs build` for one catalog folder; raises SiteBuildFailed after logging why."""
    with _catalog_folder(catalog):
        options: dict[str, Any] = {"strict": strict}  # MkDocs' config overrides, which load_config takes untyped
        if site_dir is not None:
            options["site_dir"] = str(site_dir.resolve())
        try:
            build(load_config(str(config_file), **options))
        except Abort as error:
            raise SiteBuildFailed(str(error)) from error


def serve_site(config_file: Path, *, catalog: Path | None = None, dev_addr: str = "127.0.0.1:8000",
               providers: Sequence[str] = (), poll: bool = False) -> None:
    """`mkdocs serve`: rebuilds and reloads when docs, theme, catalog or schemas change; a
    rebuild that fails leaves the last good site served, with its errors on every page. With
    `providers`, the site holds only those providers' files and what they need (check/subset.py).
    With `poll`, the catalog folder is watched by polling, as MkDocs watches the rest."""
    global _preview
    with _catalog_folder(catalog, providers):
        _preview = Preview(poll)
        try:
            # Served at the root of dev_addr, whatever path the published site_url has.
            serve(str(config_file), dev_addr=dev_addr, site_url=f"http://{dev_addr}/", livereload=True, watch_theme=True)
        except Abort as error:
            raise SiteBuildFailed(str(error)) from error
        finally:
            _preview.stop_writing()
            _preview.stop_watching()
            _preview = None


class FullBuildNeeded(CredcatError):
    """A save the incremental update cannot take; the message says why."""


class Preview:
    """A running `credcat serve`. MkDocs makes a new plugin for every full rebuild, and each
    must know to build beside the folder served (serving.py); `latest` is the plugin of the
    last build or update that passed, with its MkDocs state and catalog, which a save updates
    (None after a failure: the next save builds in full). `writing` is the background write
    of the catalog-wide files after an update; `changed` the listings changed since the last
    full build (search does not know them yet)."""

    def __init__(self, poll: bool = False) -> None:
        self.poll = poll
        self.observer: BaseObserver | None = None
        # The catalog files the watcher saw change since the last snapshot; None: walk the folder.
        self._seen: set[str] | None = None
        self._seen_lock = threading.Lock()
        self.latest: CredcatPlugin | None = None
        self.writing: FilesInBackground | None = None
        self.changed: set[str] = set()
        self.errors = BuildErrors((BuildError,))

    def watch_catalog(self, server: LiveReloadServer, folder: Path) -> None:
        """Rebuild when a file of the catalog folder changes. MkDocs polls what it watches,
        stat-ing every file twice a second: at 10,000 listings each poll takes most of a
        second of the process's time, which every update and request then waits for. The
        catalog is watched with the system's file events instead (inotify on Linux; watchdog
        polls by itself where there are none), unless `poll` asks for MkDocs' way (a file
        system that sends no events, as some network and container mounts do)."""
        if self.poll:
            server.watch(str(folder))
            return

        def rebuild_later(event: FileSystemEvent) -> None:
            if event.event_type not in CHANGES:
                return  # a file opened or closed: what a build's own reading does
            with self._seen_lock:
                if event.is_directory:
                    if event.event_type != EVENT_TYPE_MODIFIED:
                        self._seen = None  # a folder came, went or moved: the next snapshot walks
                    return
                if self._seen is not None:
                    self._seen.update(os.fsdecode(path) for path in (event.src_path, event.dest_path) if path)
            with server._rebuild_cond:  # what MkDocs' own watch does (livereload, MkDocs 1.x)
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

        handler = FileSystemEventHandler()
        handler.on_any_event = rebuild_later  # type: ignore[method-assign]
        self.observer = Observer()
        self.observer.schedule(handler, str(folder), recursive=True)
        self.observer.start()

    def catalog_files(self, folder: Path, earlier: Snapshot | None) -> Snapshot:
        """The catalog's files now: `earlier` with the files the watcher saw change looked at
        again (a walk of 10,000 files costs a tenth of a second or more), or a walk when there
        is no earlier snapshot, no watcher of file events, or a folder changed."""
        with self._seen_lock:
            seen, self._seen = self._seen, (set() if self.observer is not None else None)
        if earlier is None or seen is None:
            return Snapshot.take([folder])
        return earlier.after(seen)

    def stop_watching(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()
            self.observer = None

    def stop_writing(self) -> None:
        """Stop the background writing of catalog-wide files before anything else writes (an
        update writes them all again)."""
        if self.writing is not None:
            self.writing.stop()
            self.writing = None

    def builder(self, full: Callable[[], object]) -> Callable[[], None]:
        """The serve's rebuild: an update when the save allows it, else `full`, logged with its reason."""

        def rebuild() -> None:
            plugin = self.latest
            reason = "the last build did not pass"
            if plugin is not None:
                try:
                    plugin.update()
                    return
                except FullBuildNeeded as why:
                    reason = str(why)
                except PluginError:
                    raise  # the catalog has errors: shown on every page, the site served stays as it was
                except Exception as error:  # a failure half way: the site served may be partly updated
                    reason = f"the update failed ({type(error).__name__}: {error})"
            self.latest = None
            log.info(f"full rebuild: {reason}")
            self.stop_writing()
            full()
            self.changed = set()
            self.errors.notes = []

        return self.errors.build(rebuild)


_preview: Preview | None = None
# The file events that change what a build reads (watchdog also reports files opened and closed).
CHANGES = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED})


@contextmanager
def _catalog_folder(catalog: Path | None, providers: Sequence[str] = ()) -> Iterator[None]:
    """The plugin reads the catalog folder from $CREDCAT_CATALOG, so --catalog reaches it, and
    the providers to serve from $CREDCAT_PROVIDERS (a JSON list: folder names may hold any text),
    which is unset without them: a value left in the shell never makes a build partial."""
    previous = {name: os.environ.get(name) for name in (CATALOG_ENV, PROVIDERS_ENV)}
    if catalog is not None:
        os.environ[CATALOG_ENV] = str(catalog.resolve())
    if providers:
        os.environ[PROVIDERS_ENV] = json.dumps(list(providers))
    else:
        os.environ.pop(PROVIDERS_ENV, None)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _subset(catalog_root: Path, listing: Listing | None = None) -> Subset | None:
    """The part of the catalog to build when $CREDCAT_PROVIDERS names providers, else None
    (`listing`: subset.choose_subset)."""
    asked = os.environ.get(PROVIDERS_ENV)
    if not asked:
        return None
    try:
        named = json.loads(asked)
    except ValueError:
        named = None
    if not isinstance(named, list) or not all(isinstance(provider, str) for provider in named):
        raise PluginError(f'{PROVIDERS_ENV} is not a JSON list of provider ids, such as ["northbridge-university"]')
    try:
        return choose_subset(catalog_root, named, listing)
    except UnknownProvider as error:
        raise PluginError(str(error)) from error


def _subset_after_save(catalog_root: Path, before: Subset | None, same_files: bool) -> Subset | None:
    """The part of the catalog to serve after a save (`same_files`: no file came or went); FullBuildNeeded
    when it takes files from other providers' folders that it did not take before, or leaves some
    (an update renders only what the save changed)."""
    subset = _subset(catalog_root, before.listing if before is not None and same_files else None)
    if (subset and subset.borrowed) != (before and before.borrowed):
        raise FullBuildNeeded("the files served from other providers' folders changed")
    return subset


class CredcatConfig(base.Config):
    catalog = c.Type(str, default="catalog")
    today = c.Optional(c.Type(str))
    edit_branch = c.Type(str, default="main")
    page_size = c.Type(int, default=PAGE_SIZE)
    search = c.Type(bool, default=True)
    search_shard_size = c.Type(int, default=SEARCH_SHARD_SIZE)
    reuse_chrome = c.Type(bool, default=True)
    sitemap_size = c.Type(int, default=sitemap.MAX_URLS)


class CatalogPage(Page):
    """A generated page: no Markdown to read or convert; its HTML comes from a template."""

    def __init__(self, spec: SitePage, file: File, config: MkDocsConfig) -> None:
        super().__init__(spec.title, file, config)
        self.spec = spec
        self.edit_url = None

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = {"description": self.spec.description, "hide": ["navigation", "toc"]}
        if not self.spec.in_nav:
            self.meta["template"] = SHELL_TEMPLATE

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = []  # type: ignore[assignment]
        self.present_anchor_ids = set()


class CredcatPlugin(BasePlugin[CredcatConfig]):
    """Catalog -> site. Page building lives in catalog_site.py and theme/catalog, not here."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalog_root = Path("catalog")
        self.site: CatalogSite | None = None
        self.env: Environment | None = None
        self.side_build: SideBuild | None = None
        self.nav: Navigation | None = None
        self.files: Files | None = None
        self.link_targets: tuple[str, ...] = ()
        self.shells: dict[ShapeKey, Shell] = {}
        self.served: tuple[Path, Path] | None = None  # under serve: (folder served, folder built)
        # What a serve's update needs (`update`): this build's configuration and validation,
        # the files read (the catalog, and the rest of the project), the generated pages by
        # src_uri, and the catalog-wide files written (relative to the site folder).
        self.mkdocs_config: MkDocsConfig | None = None
        self.report: Report | None = None
        self.inputs: tuple[Snapshot, Snapshot] | None = None
        self.pages_by_uri: dict[str, SitePage] = {}
        self.catalog_files: frozenset[str] = frozenset()
        self.subset: Subset | None = None  # the part of the catalog served (credcat serve --provider), or None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("credcat needs use_directory_urls: true (listing URLs are part of the contract)")
        _use_credcat_theme(config)
        self.catalog_root = self._catalog_root(config)
        if not self.catalog_root.is_dir():
            raise PluginError(f"catalog folder not found: {self.catalog_root}")
        fixed_today = date.fromisoformat(self.config.today) if self.config.today else None
        if _preview is not None:  # before reading: a save while this build runs shows at the next
            self.mkdocs_config = config
            self.inputs = self._snapshots(config)
        self.subset = _subset(self.catalog_root)
        with _collector_paused():
            report = validate_catalog(self.catalog_root, today=fixed_today, jobs=len(os.sched_getaffinity(0)),
                                      reusable=_preview is not None, subset=self.subset)
            if report.errors:
                raise PluginError(render_text(report.problems, report.files_checked).rstrip("\n"))
            if report.warnings and config.strict:
                raise PluginError(
                    "warnings fail a strict build, as they fail credcat validate --strict:\n"
                    + render_text(report.warnings, report.files_checked).rstrip("\n")
                )
            catalog = build_catalog(report)
            gc.freeze()
        for problem in report.warnings:
            log.warning(render_text([problem], report.files_checked).splitlines()[0])
        today, today_source = self._today(catalog, fixed_today)
        _set_source_date(today)
        history = read_history(self.catalog_root, catalog.credentials)
        log.info(history.summary())
        self.site = CatalogSite(
            catalog,
            SiteSettings(
                today=today,
                today_source=today_source,
                site_url=config.site_url or "",
                edit_base=self._edit_base(config),
                page_size=self.config.page_size,
                search_shard_size=self.config.search_shard_size,
                history=history,
            ),
        )
        log.info(f"catalog: {len(catalog.credentials)} listings, {len(catalog.providers)} providers, "
                 f"{len(catalog.pathways)} pathways from {self.catalog_root}" + (f" ({self.subset.summary()})" if self.subset else ""))
        if _preview is not None:  # build beside the site served, which stays whole if this build fails
            self.report = report
            served = Path(config.site_dir)
            self.served = (served, new_folder_beside(served))
            config.site_dir = str(self.served[1])
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self._require_site()
        for spec in site.other_pages():
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.src_uri, content="", inclusion=inclusion)
            CatalogPage(spec, file, config)
            files.append(file)
        for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
            files.append(File.generated(config, f"schema/{schema.name}", abs_src_path=str(schema)))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        self.files = files
        self.link_targets = ("", "assets/", *(page.url for page in nav.pages))
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # Material's templates print page titles and meta descriptions (provider text)
        # unescaped; with autoescape they are escaped, and page HTML is passed as Markup.
        env.autoescape = True
        self.env = env
        # The plugin writes the sitemaps (sitemap.py: an index, the listing pages, no empty hubs),
        # so MkDocs must not render its own. Dropped here, not in on_config: MkDocs has already
        # left the static templates out of the theme files it copies, and renders them next.
        config.theme.static_templates.discard(sitemap.INDEX)
        self.shells = {}
        site = self._require_site()
        site_dir = Path(config.site_dir)
        site_dir.mkdir(parents=True, exist_ok=True)
        gc.freeze()
        self.side_build = start_side_build(site, site_dir, partial(self.listing_page_html, config),
                                           search=self.config.search, language=config.theme.get("language") or "en")
        return env

    def listing_page_html(self, config: MkDocsConfig, spec: SitePage, content: Markup) -> str:
        """A listing page: its content inside Material's chrome, as MkDocs would have rendered it."""
        if self.env is None or self.nav is None or self.files is None:
            raise PluginError("credcat: listing pages are written only after on_env")
        canonical = _absolute_url(config, spec.url) if config.site_url else None
        reuse = self.config.reuse_chrome and canonical is not None
        key = shape_of(spec.url, self.link_targets)
        if not (reuse and key in self.shells):
            page = CatalogPage(spec, File.generated(config, spec.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV), config)
            page.read_source(config)
            page.render(config, self.files)
            context = get_context(self.nav, self.files, config, page)
            if not reuse:
                page.content = content
                return self.env.get_template("main.html").render(context)
            self._shell(page, context, self.env)
        return self.shells[key].fill(title=spec.title, description=spec.description, canonical=str(canonical), content=content)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> Markup:
        """HTML of the project's own Markdown pages (trusted), marked safe for the autoescaping theme."""
        _mark_toc_safe(page.toc)
        return Markup(html)

    def on_page_context(self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        # Rendering here, just before MkDocs renders the theme, keeps one page's HTML in
        # memory at a time: MkDocs reads every page before writing any.
        site = self._require_site()
        if isinstance(page, CatalogPage):
            content = render(page.spec.template, {**page.spec.context(), "base": relative_base(page.spec.url)})
            page.content = content
            reuse = self.config.reuse_chrome and page.meta.get("template") == SHELL_TEMPLATE
            if reuse and page.canonical_url and self.env is not None:
                shell = self._shell(page, context, self.env)
                # MkDocs' TemplateContext names the keys MkDocs sets; credcat-page.html reads one more.
                cast(dict[str, object], context)["credcat_html"] = shell.fill(title=page.spec.title, description=page.spec.description,
                                                     canonical=page.canonical_url, content=content)
        elif page.is_homepage:
            home = site.home_context(intro=Markup(page.content or ""))
            page.content = render("home.html", {**home, "base": relative_base("")})
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if isinstance(page, CatalogPage):
            page.content = None
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        try:
            self._finish(config)
        finally:
            gc.unfreeze()
        if self.served is not None:
            swap_in(self.served[1], self.served[0])
            self._serve_from(self.served[0], config)

    def _serve_from(self, served: Path, config: MkDocsConfig) -> None:
        """After a serve's build: the pages' files now live in the folder served, where an
        update writes; this plugin is the one the next save updates."""
        config.site_dir = str(served)
        for file in self.files or ():
            file.dest_dir = str(served)
            file.abs_dest_path = os.path.normpath(os.path.join(served, file.dest_uri))
        self.pages_by_uri = {spec.src_uri: spec for spec in self._require_site().other_pages()}
        if _preview is not None:
            _preview.latest = self
        # What the build left (the catalog, MkDocs' pages: millions of objects at 10,000
        # listings) is collected once and frozen, so that the cycle collector does not walk it
        # again during every update; the next full build unfreezes it.
        gc.collect()
        gc.freeze()

    def _finish(self, config: MkDocsConfig) -> None:
        """Feeds, the hub check, the side build's end, and the verdict of every check."""
        site = self._require_site()
        if self.side_build is None:
            raise PluginError("credcat: the side build was not started (on_env did not run)")
        site_dir = Path(config.site_dir)
        self.catalog_files = self._write_catalog_files(config, site_dir)
        hubs = check_hubs(site_dir, site) if self.config.search else None
        log.info("hubs and feeds written; writing listing pages and files beside the side build")
        side_build, self.side_build = self.side_build, None
        try:
            result = side_build.finish()
        except SideBuildError as error:
            raise PluginError(str(error)) from error
        log.info(f"side build: {result.summary}")
        if result.check is None or hubs is None:
            return
        check = result.check.joined(hubs)
        log.info(check.summary())
        if not check.ok:
            raise PluginError(check.summary() + "\n" + "\n".join(check.problems))

    def _write_catalog_files(self, config: MkDocsConfig, site_dir: Path) -> frozenset[str]:
        """The files made from the whole catalog: feeds, compare and browse data, sitemaps and
        robots.txt; returns the paths written, relative to `site_dir`."""
        site = self._require_site()
        with recording() as written:
            feeds.write_catalog_feeds(site.catalog, site_dir, site.settings.site_url, site.settings.history)
            write_compare_data(site, site_dir)
            write_browse_data(site.catalog, site.facets, site_dir)
            address = partial(_absolute_url, config)
            sitemap.write_sitemaps(site_dir, self._sitemap_entries(config), address, max_urls=self.config.sitemap_size)
            sitemap.write_robots(site_dir, address(sitemap.INDEX) if config.site_url else None)
        return frozenset(os.path.relpath(path, site_dir) for path in written)

    def update(self) -> None:
        """Bring the site served up to date after a save that changed only listing files,
        without a full build: validate what changed (and what names it), then render again
        the pages that show a changed listing, write its exports, remove what is gone, and
        write the catalog-wide files in the background. Raises FullBuildNeeded for anything
        else, PluginError when the catalog has errors (nothing is written then)."""
        started = time.perf_counter()
        config, before = self.mkdocs_config, self._require_site()
        if config is None or _preview is None:
            raise FullBuildNeeded("the last build kept nothing to update")
        found = self._next_state(config, before)
        checked = time.perf_counter()
        if found is None:
            log.info("no catalog file changed")
            return
        site, changed, touched = found
        pages = {spec.src_uri: spec for spec in site.other_pages()}
        render_again, gone = pages_to_render(self.pages_by_uri, pages, touched)
        self.site, self.pages_by_uri = site, pages
        site_dir = Path(config.site_dir)
        for uri in gone:
            self._remove_page(uri)
        for spec in render_again:
            self._add_page(spec, config)
        self._render_pages([spec.src_uri for spec in render_again], config)
        present = sorted(touched & set(site.catalog.credentials))
        for ref in present:
            write_listing_page(site_dir, partial(self.listing_page_html, config), site.listing_page(ref))
        write_listing_files(site, site_dir, present)
        for ref in sorted(set(before.catalog.credentials) - set(site.catalog.credentials)):
            remove_output(site_dir, credential_url(ref) + "index.html")
            for suffix in FORMATS.values():
                remove_output(site_dir, API_ROOT + credential_file(ref, suffix))
        _preview.changed |= changed
        _preview.errors.notes = [f"Search is as of the last full build: it does not know the changes to {len(_preview.changed)} "
                                 "listing(s) made since. Restart credcat serve, or save mkdocs.yml, to index them."]
        log.info(f"updated {len(present)} listing page(s) and {len(render_again) + 1} other page(s) in "
                 f"{time.perf_counter() - started:.2f} s (checks {checked - started:.2f} s); writing feeds and browse data")
        _preview.stop_writing()  # it would move older files in after these
        _preview.writing = FilesInBackground(partial(self._write_catalog_files, config), site_dir, new_folder_beside(site_dir),
                                             self.catalog_files, self._catalog_files_written)

    def _next_state(self, config: MkDocsConfig, before: CatalogSite) -> tuple[CatalogSite, set[str], set[str]] | None:
        """The site after the save (with the listings it changed and those that show them), or
        None when no catalog file changed; kept as this plugin's state. FullBuildNeeded when
        the save is not only listing files, or changes what every page shows (the date stale
        flags count from, the qualifications); PluginError when the catalog has errors."""
        if self.report is None or self.inputs is None:
            raise FullBuildNeeded("the last build kept nothing to update")
        catalog_files, project_files = self._snapshots(config)
        if self.inputs[1].changed(project_files):
            raise FullBuildNeeded(f"{self.inputs[1].changed(project_files)[0]} changed")
        files = self.inputs[0].changed(catalog_files)
        if not files:
            return None
        changed, reason = changed_listings(self.catalog_root, files)
        if reason is not None:
            raise FullBuildNeeded(reason)
        same_files = catalog_files.files.keys() == self.inputs[0].files.keys()
        subset = _subset_after_save(self.catalog_root, self.subset, same_files)
        fixed_today = date.fromisoformat(self.config.today) if self.config.today else None
        report = validate_catalog(self.catalog_root, today=fixed_today, previous=self.report, same_files=same_files, subset=subset)
        if report.errors:
            raise PluginError(render_text(report.problems, report.files_checked).rstrip("\n"))
        for problem in report.warnings:
            log.warning(render_text([problem], report.files_checked).splitlines()[0])
        catalog = build_catalog(report)
        if self._today(catalog, fixed_today)[0] != before.settings.today:
            raise FullBuildNeeded("the newest verification date changed, and stale flags count from it")
        history = before.settings.history
        came = set(catalog.credentials) - set(before.catalog.credentials)
        went = set(before.catalog.credentials) - set(catalog.credentials)
        if not went.isdisjoint(history.by_ref) or ever_committed(self.catalog_root, came):
            history = read_history(self.catalog_root, catalog.credentials)
        site = CatalogSite(catalog, replace(before.settings, history=history))
        if {slug: q.name for slug, q in site.contexts.qualifications.items()} != {
                slug: q.name for slug, q in before.contexts.qualifications.items()}:
            raise FullBuildNeeded("the qualifications the listings lead to changed")
        self.report, self.inputs, self.subset = report, (catalog_files, project_files), subset
        changed &= set(before.catalog.credentials) | set(catalog.credentials)  # a listing not served changes nothing here
        touched = touched_listings(before.catalog, catalog, changed)
        site.contexts.keep_cards(before.contexts, touched)
        return site, changed, touched

    def _catalog_files_written(self, files: frozenset[str], line: str, failed: bool) -> None:
        """What a background writing of the catalog-wide files left in the site, and its log line."""
        self.catalog_files = files
        if failed:
            log.error(line)
        elif line:
            log.info(line)

    def _add_page(self, spec: SitePage, config: MkDocsConfig) -> None:
        """A generated page's new state: a file for a new page, or the page the nav holds (for
        those in the nav) with its new spec."""
        assert self.files is not None
        file = self.files.get_file_from_path(spec.src_uri)
        if file is None:
            file = File.generated(config, spec.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            self.files.append(file)
        page = file.page
        if isinstance(page, CatalogPage) and page.title == spec.title:
            page.spec = spec
        else:
            CatalogPage(spec, file, config)

    def _render_pages(self, src_uris: list[str], config: MkDocsConfig) -> None:
        """Those pages and the home page (which counts the listings of each hub), rendered again
        by MkDocs' own page builder, as a full build renders them."""
        assert self.files is not None and self.nav is not None and self.env is not None
        pages = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        chosen = set(src_uris)
        for file in pages:
            if file.page is not None and (file.src_uri in chosen or file.page.is_homepage):
                _populate_page(file.page, config, self.files)
                _build_page(file.page, config, pages, self.nav, self.env)

    def _remove_page(self, src_uri: str) -> None:
        """A generated page that is gone (a hub's last page, say): its file and its output."""
        assert self.files is not None
        file = self.files.get_file_from_path(src_uri)
        if file is not None:
            self.files.remove(file)
            remove_output(Path(file.dest_dir), file.dest_uri)

    def _snapshots(self, config: MkDocsConfig) -> tuple[Snapshot, Snapshot]:
        """The catalog's files, and the rest of what a build reads (configuration, docs, theme, schemas)."""
        others = [Path(config.docs_dir), SCHEMA_DIR, *(Path(folder) for folder in config.theme.dirs)]
        if config.config_file_path:
            others.append(Path(config.config_file_path))
        earlier = self.inputs[0] if self.inputs is not None else None
        catalog = _preview.catalog_files(self.catalog_root, earlier) if _preview is not None else Snapshot.take([self.catalog_root])
        return catalog, Snapshot.take(others)

    def on_build_error(self, error: Exception) -> None:
        gc.unfreeze()
        if self.side_build is not None:
            self.side_build.cancel()
            self.side_build = None
        if self.served is not None:
            shutil.rmtree(self.served[1], ignore_errors=True)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., object]) -> LiveReloadServer:
        if _preview is None:
            raise PluginError("credcat: on_serve outside serve_site")
        _preview.watch_catalog(server, self.catalog_root)
        server.watch(str(SCHEMA_DIR))
        # The server's own builder and page injection (MkDocs 1.x), wrapped so that a save
        # updates what it changed (or rebuilds in full), and a failed rebuild shows its errors
        # on the last good site instead of stalling every request.
        server.builder = _preview.builder(server.builder)
        server._inject_js_into_html = _preview.errors.banner(server._inject_js_into_html)  # type: ignore[method-assign]
        return server

    def _sitemap_entries(self, config: MkDocsConfig) -> Iterator[sitemap.SitemapEntry]:
        """Every page of the site but empty hubs: MkDocs' pages, then the listings."""
        site = self._require_site()
        pages = self.files.documentation_pages() if self.files is not None else []
        for file in pages:
            page = file.page
            if page is None:
                continue
            if isinstance(page, CatalogPage):
                if page.spec.in_sitemap:
                    yield sitemap.SitemapEntry(_absolute_url(config, page.url), page.spec.lastmod)
            else:
                yield sitemap.SitemapEntry(_absolute_url(config, page.url), site.newest_verified if page.is_homepage else "")
        for ref, credential in site.catalog.credentials.items():
            yield sitemap.SitemapEntry(_absolute_url(config, credential_url(ref)), credential.data["dates"]["last_verified"])

    def _shell(self, page: CatalogPage, context: TemplateContext, env: Environment) -> Shell:
        """Material's chrome for pages shaped like this one, rendered the first time it is needed."""
        key = shape_of(page.url, self.link_targets)
        if key not in self.shells:
            self.shells[key] = capture(lambda: env.get_template("main.html").render(context), page)
        return self.shells[key]

    def _require_site(self) -> CatalogSite:
        if self.site is None:
            raise PluginError("credcat: the catalog was not loaded (on_config did not run)")
        return self.site

    def _catalog_root(self, config: MkDocsConfig) -> Path:
        """The catalog folder: $CREDCAT_CATALOG if set, else the option, relative to mkdocs.yml."""
        folder = Path(os.environ.get(CATALOG_ENV) or self.config.catalog)
        if not folder.is_absolute():
            folder = Path(config.config_file_path or ".").parent / folder
        return folder.resolve()

    def _today(self, catalog: Catalog, fixed: date | None) -> tuple[date, str]:
        """The date stale flags are measured from: never the wall clock, so builds repeat."""
        if fixed is not None:
            return fixed, "the date set in this site's configuration"
        newest = catalog.last_verified
        if newest is None:
            return date(2000, 1, 1), "the catalog has no listings yet"
        return newest, "the day the most recently checked listing in this catalog was confirmed"

    def _edit_base(self, config: MkDocsConfig) -> str:
        """`<repo>/edit/<branch>/<catalog folder>/`, or nothing when there is no repo_url."""
        if not config.repo_url:
            return ""
        project = Path(config.config_file_path or ".").resolve().parent
        try:
            folder = self.catalog_root.relative_to(project).as_posix()
        except ValueError:
            folder = "catalog"
        return f"{config.repo_url.rstrip('/')}/edit/{self.config.edit_branch}/{folder}/"


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading a catalog makes many objects and no reference cycles; the cycle collector
    would walk the growing catalog again and again for nothing (half a second at 10,000)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _use_credcat_theme(config: MkDocsConfig) -> None:
    """credcat's templates and assets go after the site's own overrides (theme.custom_dir) and
    before Material's, unless the configuration names them already, as this repository's does:
    a catalog repository elsewhere needs no theme folder of its own."""
    theme_dirs = config.theme.dirs
    if any(Path(folder).resolve() == THEME_DIR.resolve() for folder in theme_dirs):
        return
    theme_dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))


def _absolute_url(config: MkDocsConfig, url: str) -> str:
    """A page's URL as the sitemap lists it: canonical with a site_url, else from the root."""
    if config.site_url:
        return urljoin(config.site_url if config.site_url.endswith("/") else config.site_url + "/", url)
    return "/" + url


def _mark_toc_safe(items: Iterable[AnchorLink]) -> None:
    """Table-of-contents titles are HTML from MkDocs' Markdown of docs/ pages."""
    for item in items:
        item.title = Markup(item.title)
        _mark_toc_safe(item.children)


def _set_source_date(day: date) -> None:
    """MkDocs dates pages (`update_date`, `build_date_utc`) from SOURCE_DATE_EPOCH: pin it to the catalog's date."""
    moment = datetime.combine(day, day_start(), tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
