"""The MkDocs plugin `credcat`, and `build_site` / `serve_site`: the only module that knows MkDocs.

on_config loads and validates the catalog (any error fails the build with the messages of
`credcat validate`); on_files adds the generated pages, kept out of the nav; pages render
from templates when MkDocs writes them; on_post_build writes the compare data and feeds,
runs Pagefind and the post-build check.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from credcat.model import Catalog, build_catalog
from credcat.page_shell import ShapeKey, Shell, capture, shape_of
from credcat.pages import PAGE_SIZE, CatalogSite, SitePage, SiteSettings, relative_base
from credcat.render import render
from credcat.report import render_text
from credcat.search_index import SearchIndexError, finish_search_index, indexed_urls, stabilize, start_search_index
from credcat.site_check import check_site
from credcat.validate import SCHEMA_DIR, validate_catalog

CATALOG_ENV = "CREDCAT_CATALOG"
SHELL_TEMPLATE = "credcat-page.html"
log = logging.getLogger("mkdocs.plugins.credcat")


class SiteBuildFailed(Exception):
    """MkDocs stopped; the reason was already logged."""


def build_site(config_file: Path, *, catalog: Path | None = None, site_dir: Path | None = None, strict: bool = False) -> None:
    """`mkdocs build` for one catalog folder; raises SiteBuildFailed after logging why."""
    with _catalog_folder(catalog):
        options: dict[str, Any] = {"strict": strict}
        if site_dir is not None:
            options["site_dir"] = str(site_dir.resolve())
        try:
            build(load_config(str(config_file), **options))
        except Abort as error:
            raise SiteBuildFailed(str(error)) from error


def serve_site(config_file: Path, *, catalog: Path | None = None, dev_addr: str = "127.0.0.1:8000") -> None:
    """`mkdocs serve`: rebuilds and reloads when docs, theme, catalog or schemas change."""
    with _catalog_folder(catalog):
        try:
            # Served at the root of dev_addr, whatever path the published site_url has.
            serve(str(config_file), dev_addr=dev_addr, site_url=f"http://{dev_addr}/", livereload=True, watch_theme=True)
        except Abort as error:
            raise SiteBuildFailed(str(error)) from error


@contextmanager
def _catalog_folder(catalog: Path | None) -> Iterator[None]:
    """The plugin reads the catalog folder from $CREDCAT_CATALOG, so --catalog reaches it."""
    previous = os.environ.get(CATALOG_ENV)
    if catalog is not None:
        os.environ[CATALOG_ENV] = str(catalog.resolve())
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(CATALOG_ENV, None)
        else:
            os.environ[CATALOG_ENV] = previous


class CredcatConfig(base.Config):
    catalog = c.Type(str, default="catalog")
    today = c.Optional(c.Type(str))
    edit_branch = c.Type(str, default="main")
    page_size = c.Type(int, default=PAGE_SIZE)
    search = c.Type(bool, default=True)
    reuse_chrome = c.Type(bool, default=True)


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
    """Catalog -> site. Page building lives in pages.py and theme/catalog, not here."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalog_root = Path("catalog")
        self.site: CatalogSite | None = None
        self.env: Environment | None = None
        self.listings_written = 0
        self.indexing: subprocess.Popen[str] | None = None
        self.link_targets: tuple[str, ...] = ()
        self.shells: dict[ShapeKey, Shell] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("credcat needs use_directory_urls: true (listing URLs are part of the contract)")
        self.catalog_root = self._catalog_root(config)
        self.listings_written = 0
        if not self.catalog_root.is_dir():
            raise PluginError(f"catalog folder not found: {self.catalog_root}")
        fixed_today = date.fromisoformat(self.config.today) if self.config.today else None
        report = validate_catalog(self.catalog_root, today=fixed_today)
        if report.errors:
            raise PluginError(render_text(report.problems, report.files_checked).rstrip("\n"))
        for problem in report.warnings:
            log.warning(render_text([problem], report.files_checked).splitlines()[0])
        catalog = build_catalog(report)
        today, today_source = self._today(catalog, fixed_today)
        _set_source_date(today)
        self.site = CatalogSite(
            catalog,
            SiteSettings(
                today=today,
                today_source=today_source,
                site_url=config.site_url or "",
                edit_base=self._edit_base(config),
                page_size=self.config.page_size,
            ),
        )
        log.info(f"catalog: {len(catalog.credentials)} listings, {len(catalog.providers)} providers, "
                 f"{len(catalog.pathways)} pathways from {self.catalog_root}")
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self._require_site()
        for spec in site.pages():
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.src_uri, content="", inclusion=inclusion)
            CatalogPage(spec, file, config)
            files.append(file)
        for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
            files.append(File.generated(config, f"schema/{schema.name}", abs_src_path=str(schema)))
        return files

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # Material's templates print page titles and meta descriptions (provider text)
        # unescaped; with autoescape they are escaped, and page HTML is passed as Markup.
        env.autoescape = True
        self.env = env
        self.shells = {}
        return env

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.link_targets = ("", "assets/", *(page.url for page in nav.pages))
        return nav

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> Markup:
        """HTML of the project's own Markdown pages (trusted), marked safe for the autoescaping theme."""
        _mark_toc_safe(page.toc)
        return Markup(html)

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        # Rendering here, just before MkDocs renders the theme, keeps one page's HTML in
        # memory at a time: MkDocs reads every page before writing any.
        site = self._require_site()
        self._start_indexing_when_listings_are_written(config)
        if isinstance(page, CatalogPage):
            content = render(page.spec.template, {**page.spec.context(), "base": relative_base(page.spec.url)})
            page.content = content
            reuse = self.config.reuse_chrome and page.meta.get("template") == SHELL_TEMPLATE
            if reuse and page.canonical_url and self.env is not None:
                shell = self._shell(page, context, self.env)
                context["credcat_html"] = shell.fill(title=page.spec.title, description=page.spec.description,
                                                     canonical=page.canonical_url, content=content)
        elif page.is_homepage:
            home = site.home_context(intro=Markup(page.content or ""))
            page.content = render("home.html", {**home, "base": relative_base("")})
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if isinstance(page, CatalogPage):
            page.content = None
            if page.spec.listing:
                self.listings_written += 1
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        site = self._require_site()
        site_dir = Path(config.site_dir)
        if self.config.search and self.indexing is None:
            self.indexing = start_search_index(site_dir)
        self._write_data_files(site, site_dir, config.site_url or "")
        if self.indexing is None:
            log.info("search index skipped (search: false)")
            return
        indexing, self.indexing = self.indexing, None
        try:
            report = finish_search_index(indexing)
        except SearchIndexError as error:
            raise PluginError(str(error)) from error
        stabilize(site_dir)
        log.info("pagefind: " + " ".join(report.split()[-12:]))
        result = check_site(site_dir, site, indexed_urls(site_dir))
        log.info(result.summary())
        if not result.ok:
            raise PluginError(result.summary() + "\n" + "\n".join(result.problems))

    def on_build_error(self, error: Exception) -> None:
        if self.indexing is not None:
            self.indexing.kill()
            self.indexing.wait()
            self.indexing = None

    def _start_indexing_when_listings_are_written(self, config: MkDocsConfig) -> None:
        """Listing pages are written first: Pagefind indexes them on the other core while
        MkDocs writes the hubs and the plugin writes the compare data and the feeds."""
        site = self._require_site()
        if self.config.search and self.indexing is None and self.listings_written == len(site.catalog.credentials):
            log.info(f"pagefind: indexing the {self.listings_written} listing pages while the rest is written")
            self.indexing = start_search_index(Path(config.site_dir))

    def _write_data_files(self, site: CatalogSite, site_dir: Path, site_url: str) -> None:
        """The compare page's per-listing JSON, then the public feeds when feeds.py is present."""
        for path, record in site.compare_records():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
        if importlib.util.find_spec("credcat.feeds") is not None:
            from credcat import feeds

            feeds.write_feeds(site.catalog, site_dir, site_url)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.catalog_root))
        server.watch(str(SCHEMA_DIR))
        return server

    def _shell(self, page: CatalogPage, context: dict[str, Any], env: Environment) -> Shell:
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
            return fixed, "the build date set in the site configuration"
        newest = catalog.last_verified
        if newest is None:
            return date(2000, 1, 1), "as the catalog has no listings yet"
        return newest, "the newest verification date in the catalog"

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


def _mark_toc_safe(items: Any) -> None:
    """Table-of-contents titles are HTML from MkDocs' Markdown of docs/ pages."""
    for item in items:
        item.title = Markup(item.title)
        _mark_toc_safe(item.children)


def _set_source_date(day: date) -> None:
    """MkDocs dates the sitemap and gzip headers from SOURCE_DATE_EPOCH: pin it to the catalog's date."""
    moment = datetime.combine(day, time(), tzinfo=timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
