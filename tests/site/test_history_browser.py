"""A learner reads a listing's history in Chromium: a site built from a git repository where the
listing's price went up shows it, dated, under "History"; a site built from a plain folder
shows no such section."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from credcat.site.plugin import build_site
from support import REPO
from support.browser import serve
from support.catalogs import copy_base_catalog
from support.git import commit, new_repository

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REF = "acme-academy/spreadsheet-basics"
LISTING = f"catalog/providers/{REF.replace('/', '/credentials/')}.yml"


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base catalog listed on 2026-01-10 and made paid (EUR 49) on 2026-03-01, built and served."""
    repo = tmp_path_factory.mktemp("history") / "repo"
    repo.mkdir()
    new_repository(repo)
    copy_base_catalog(repo / "catalog")
    commit(repo, "list", day="2026-01-10")
    data = yaml.safe_load((repo / LISTING).read_text(encoding="utf-8"))
    data["cost"] = {"model": "paid", "amount": 49, "currency": "EUR"}
    (repo / LISTING).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    commit(repo, "price", day="2026-03-01")
    build_site(REPO / "mkdocs.yml", catalog=repo / "catalog", site_dir=repo / "site")
    with serve(repo / "site") as served:
        yield served


def test_a_learner_sees_what_changed_and_when(browser: Any, origin: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{origin}/credentials/{REF}/")
        section = page.locator("#history")
        assert section.is_visible()
        assert section.locator("h2").inner_text() == "History"
        items = [" ".join(text.split()) for text in section.locator("li").all_inner_texts()]
        assert items == [
            "1 March 2026: Cost (model): Free → Paid; Cost (amount): (none) → 49; Cost (currency): (none) → EUR",
            "10 January 2026: listed in the catalog",
        ]
        assert section.locator("time").first.get_attribute("datetime") == "2026-03-01"
    finally:
        page.close()


def test_a_site_without_history_shows_no_history_section(browser: Any, tmp_path: Path) -> None:
    build_site(REPO / "mkdocs.yml", catalog=copy_base_catalog(tmp_path / "catalog"), site_dir=tmp_path / "site")
    with serve(tmp_path / "site") as served:
        page = browser.new_page()
        try:
            page.goto(f"{served}/credentials/{REF}/")
            assert page.locator("h1").first.is_visible()
            assert page.locator("#history").count() == 0
        finally:
            page.close()
