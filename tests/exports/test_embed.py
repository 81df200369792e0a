"""The embeddable widget: small, dependency-free, text-only; and, in Chromium, cards that a page on
one origin shows from a catalog served on another, with hostile names shown as plain text."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from credcat.catalog.model import Catalog, build_catalog
from credcat.check.validate import validate_catalog
from credcat.exports.feeds import EMBED_PAGE, EMBED_SCRIPT, write_feeds
from support import REPO
from support.browser import AXE, serve
from support.catalogs import sample_catalog

SIZE_LIMIT = 15_000
HTML_SINKS = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function")
HOSTILE_NAME = "<img src=x onerror=alert(1)> Solar panel basics"
HOSTILE_FILE = "providers/heliogrid-energy/credentials/zonnepanelen-installatie-basis.yml"


def test_widget_is_under_15_kb() -> None:
    assert EMBED_SCRIPT.stat().st_size < SIZE_LIMIT


@pytest.mark.parametrize("source", [EMBED_SCRIPT, EMBED_PAGE], ids=["embed.js", "embed page"])
def test_widget_never_turns_data_into_markup_or_code(source: Path) -> None:
    assert HTML_SINKS.findall(source.read_text(encoding="utf-8")) == []


def test_widget_loads_nothing_but_the_catalog_feeds() -> None:
    script = EMBED_SCRIPT.read_text(encoding="utf-8")
    assert re.findall(r"https?://", script) == []
    assert "import " not in script and "require(" not in script


def test_build_publishes_the_widget_and_the_embed_page(tmp_path: Path) -> None:
    write_feeds(sample_catalog(), tmp_path, "")
    assert (tmp_path / "embed.js").read_bytes() == EMBED_SCRIPT.read_bytes()
    assert (tmp_path / "embed" / "index.html").read_bytes() == EMBED_PAGE.read_bytes()


# --- in the browser -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """A copy of catalog/ in which one construction listing's name holds an HTML payload."""
    root = tmp_path_factory.mktemp("catalog") / "catalog"
    shutil.copytree(REPO / "catalog", root)
    listing = root / HOSTILE_FILE
    text = listing.read_text(encoding="utf-8")
    listing.write_text(re.sub(r"(?m)^name: .*$", "name: " + json.dumps(HOSTILE_NAME), text, count=1), encoding="utf-8")
    report = validate_catalog(root)
    assert report.errors == []
    return build_catalog(report)


@pytest.fixture(scope="module")
def origins(hostile_catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """The built catalog on one port (with CORS), a folder of host pages on another."""
    site = tmp_path_factory.mktemp("site")
    write_feeds(hostile_catalog, site, "")
    host = tmp_path_factory.mktemp("host")
    with serve(site, cross_origin=True) as catalog_url, serve(host) as host_url:
        yield catalog_url, host_url, host


def open_host_page(browser: object, origins: tuple[str, str, Path], name: str, body: str) -> tuple[object, list[str]]:
    """Write a host page, open it, and collect any dialog (an alert would mean injected script ran)."""
    catalog_url, host_url, host = origins
    (host / name).write_text(f"<!doctype html><html lang=en><title>host</title><body>{body}</body></html>", encoding="utf-8")
    page = browser.new_page()  # type: ignore[attr-defined]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(host_url + name)
    return page, dialogs


def expected_names(catalog: Catalog, industry: str) -> list[str]:
    return [catalog.credentials[ref].name for ref in catalog.by_industry[industry]]


@pytest.mark.browser
@pytest.mark.slow
def test_script_tag_renders_cards_from_another_origin(browser: object, origins: tuple[str, str, Path], hostile_catalog: Catalog) -> None:
    catalog_url = origins[0]
    page, dialogs = open_host_page(
        browser, origins, "script.html",
        f'<h1>Jobs</h1><script src="{catalog_url}embed.js" data-industry="construction" data-limit="50" async></script>',
    )
    cards = page.locator("credcat-list li")
    cards.first.wait_for()
    names = [text.strip() for text in page.locator("credcat-list li h3 a").all_inner_texts()]
    assert names == expected_names(hostile_catalog, "construction")
    assert HOSTILE_NAME in names
    assert page.locator("credcat-list img").count() == 0
    hostile = page.locator("credcat-list li", has_text="Solar panel basics")
    assert hostile.locator("a").inner_text() == HOSTILE_NAME
    assert hostile.locator("a").get_attribute("href") == (
        f"{catalog_url}credentials/heliogrid-energy/zonnepanelen-installatie-basis/"
    )
    assert "Cost" in hostile.inner_text() and "Workload" in hostile.inner_text()
    assert page.locator("credcat-list section").get_attribute("aria-busy") == "false"
    page.wait_for_timeout(200)
    assert dialogs == []
    page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_custom_element_filters_and_limits(browser: object, origins: tuple[str, str, Path], hostile_catalog: Catalog) -> None:
    catalog_url = origins[0]
    page, dialogs = open_host_page(
        browser, origins, "element.html",
        f'<script src="{catalog_url}embed.js"></script>'
        '<credcat-list id="mixed" industry="construction" provider="institut-metiers-rhone" limit="2"></credcat-list>',
    )
    page.locator("#mixed li").first.wait_for()
    names = page.locator("#mixed li h3 a").all_inner_texts()
    wanted = [
        credential.name
        for ref, credential in hostile_catalog.credentials.items()
        if credential.provider_id == "institut-metiers-rhone" and "construction" in credential.data["industries"]
    ][:2]
    assert len(wanted) == 2 and names == wanted
    page.evaluate("document.getElementById('mixed').setAttribute('provider', 'no-such-provider')")
    page.locator("#mixed .note", has_text="No credentials found.").wait_for()
    assert dialogs == []
    page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_embed_page_takes_options_from_the_query(browser: object, origins: tuple[str, str, Path], hostile_catalog: Catalog) -> None:
    catalog_url = origins[0]
    page, dialogs = open_host_page(
        browser, origins, "frame.html",
        f'<iframe title="credentials" src="{catalog_url}embed/?industry=construction&limit=3&theme=dark"></iframe>',
    )
    frame = page.frame_locator("iframe")
    frame.locator("credcat-list li").first.wait_for()
    assert frame.locator("credcat-list li h3 a").all_inner_texts() == expected_names(hostile_catalog, "construction")[:3]
    assert frame.locator("credcat-list").get_attribute("theme") == "dark"
    assert frame.locator("credcat-list li a").first.get_attribute("target") == "_blank"
    assert dialogs == []
    page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_unreachable_feed_says_so(browser: object, origins: tuple[str, str, Path]) -> None:
    catalog_url = origins[0]
    page, _ = open_host_page(
        browser, origins, "missing.html",
        f'<script src="{catalog_url}embed.js" data-industry="no-such-industry"></script>',
    )
    page.locator("credcat-list .note", has_text="Credentials could not be loaded.").wait_for()
    page.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_cards_pass_axe_in_both_themes(browser: object, origins: tuple[str, str, Path], theme: str) -> None:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: make browser-deps installs axe-core")
    catalog_url = origins[0]
    page, _ = open_host_page(
        browser, origins, f"axe-{theme}.html",
        f'<main><h1>Jobs</h1><script src="{catalog_url}embed.js" data-industry="construction" data-theme="{theme}"></script></main>',
    )
    page.locator("credcat-list li").first.wait_for()
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document.querySelector("credcat-list"),
            {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})).violations
            .map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "))"""
    )
    assert violations == []
    page.close()
