"""Shared fixtures: a small valid catalog in a temporary folder, the sample catalog's model,
its feeds and its built site, and the browser. The helpers behind them are in tests/support."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from credcat.catalog.model import Catalog
from credcat.exports.feeds import write_feeds
from support import REPO
from support.browser import CHROMIUM, CHROMIUM_ARGS, NO_CHROMIUM
from support.catalogs import copy_base_catalog, sample_catalog


@pytest.fixture
def base_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tests/examples/base plus the real taxonomy at ./catalog, with the working directory at its parent."""
    monkeypatch.chdir(tmp_path)
    return copy_base_catalog(tmp_path / "catalog")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a browser, one line says what to install, not an error for each browser test
    (trylast: after -m has deselected what it deselects)."""
    if any(item.get_closest_marker("browser") for item in items) and not Path(CHROMIUM).is_file():
        pytest.exit(NO_CHROMIUM, returncode=pytest.ExitCode.USAGE_ERROR)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from what the code now produces")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files instead of comparing with them."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample catalog built into a temporary folder (a full `credcat build`), once per session."""
    from credcat.site.plugin import build_site

    site = tmp_path_factory.mktemp("sample-site") / "site"
    build_site(REPO / "mkdocs.yml", catalog=REPO / "catalog", site_dir=site)
    return site


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample catalog plus a listing made of script and template payloads, built once per session."""
    from credcat.site.plugin import build_site
    from support.hostile import make_hostile_catalog

    folder = tmp_path_factory.mktemp("hostile-site")
    catalog = make_hostile_catalog(REPO / "catalog", folder / "catalog")
    build_site(REPO / "mkdocs.yml", catalog=catalog, site_dir=folder / "site")
    return folder / "site"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The model of the repository's sample catalog."""
    return sample_catalog()


@pytest.fixture(scope="session")
def feeds_of_sample(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The sample catalog's feeds, written once per site URL ("" for relative links)."""
    written: dict[str, Path] = {}

    def feeds(site_url: str) -> Path:
        if site_url not in written:
            written[site_url] = tmp_path_factory.mktemp("site")
            write_feeds(catalog, written[site_url], site_url)
        return written[site_url]

    return feeds


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Chromium driven by Playwright, launched once for every browser test."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(NO_CHROMIUM, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
