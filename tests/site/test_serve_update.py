"""`credcat serve` after a save of listing files: the pages, hubs and feeds that show the
listing change as a clean build of the same catalog would have them (search apart, which is as
of the last full build and says so), nothing else changes, and a save the update cannot take
is a full rebuild that says why. Driven as a provider would: a running server, real saves,
real HTTP requests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from credcat.site.serving import NOTES_ID
from support import REPO
from support.serving import FEEDS_WRITTEN, Served, clean_build, get, serving, site_files, small_pages_config

PROVIDER = "catalog/providers/northbridge-university"
LISTING = f"{PROVIDER}/credentials/python-for-data-analysis.yml"
PAGE = "credentials/northbridge-university/python-for-data-analysis/"
HOSTILE_NAME = "Python for Data Analysis <script>alert(1)</script>"


def changed_between(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def assert_as_clean_build(served: Served, root: Path, name: str, before_clean: dict[str, bytes], before_served: dict[str, bytes],
                          config: Path = REPO / "mkdocs.yml") -> dict[str, bytes]:
    """The site served equals a clean build of the catalog as it is now, and the update changed
    exactly the files whose bytes a clean build changes; returns the clean build's files."""
    clean_build(root / "catalog", root / name, served.address, config)
    clean, now = site_files(root / name), site_files(served.site)
    assert sorted(changed_between(clean, now)) == []
    assert sorted(changed_between(before_served, now)) == sorted(changed_between(before_clean, clean))
    return clean


@pytest.mark.slow
def test_saves_of_listings_update_their_pages_hubs_and_feeds_as_a_clean_build_would(tmp_path: Path) -> None:
    shutil.copytree(REPO / "catalog", tmp_path / "catalog")
    listing = tmp_path / LISTING
    with serving(tmp_path / "catalog", tmp_path) as served:
        clean_build(tmp_path / "catalog", tmp_path / "clean-0", served.address)
        served_files = site_files(served.site)
        clean_files = site_files(tmp_path / "clean-0")
        assert sorted(changed_between(clean_files, served_files)) == []  # the first serve is a clean build

        # An edit, with a name an attacker would choose: escaped on every page that shows it.
        listing.write_text(listing.read_text(encoding="utf-8").replace("name: Python for Data Analysis", f'name: "{HOSTILE_NAME}"'),
                           encoding="utf-8")
        served.wait_for_log(FEEDS_WRITTEN, 1)
        assert "full rebuild" not in served.log_text()
        page = get(served.address + PAGE)
        assert "Python for Data Analysis &lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)" in get(served.address + "providers/northbridge-university/")
        assert json.loads(get(served.address + "api/v1/credentials/northbridge-university/python-for-data-analysis.json"))["name"] == HOSTILE_NAME
        note = page[page.index(f'<p id="{NOTES_ID}"'):]
        assert note[: note.index("</p>")].endswith("Search is as of the last full build: it does not know the changes to 1 listing(s) "
                                                    "made since. Restart credcat serve, or save mkdocs.yml, to index them.")
        clean_files = assert_as_clean_build(served, tmp_path, "clean-1", clean_files, served_files)
        served_files = site_files(served.site)

        # A new listing: its page, its place on its hubs, the feeds.
        added = listing.with_name("python-for-data-analysis-online.yml")
        text = listing.read_text(encoding="utf-8")
        added.write_text(text.replace("id: python-for-data-analysis", "id: python-for-data-analysis-online")
                         .replace(f'"{HOSTILE_NAME}"', "Python for Data Analysis Online"), encoding="utf-8")
        served.wait_for_log(FEEDS_WRITTEN, 2)
        assert "Python for Data Analysis Online" in get(served.address + "credentials/northbridge-university/python-for-data-analysis-online/")
        clean_files = assert_as_clean_build(served, tmp_path, "clean-2", clean_files, served_files)
        served_files = site_files(served.site)

        # A renamed listing (its id first, which does not match its file name until the rename):
        # the old page goes, the new one comes.
        renamed = listing.with_name("python-for-data-analysis-live.yml")
        added.write_text(added.read_text(encoding="utf-8").replace("id: python-for-data-analysis-online", "id: python-for-data-analysis-live"),
                         encoding="utf-8")
        served.wait_for_log("the site was not rebuilt", 1)
        added.rename(renamed)
        served.wait_for_log(FEEDS_WRITTEN, 3)
        assert "Python for Data Analysis Online" in get(served.address + "credentials/northbridge-university/python-for-data-analysis-live/")
        assert not (served.site / "credentials/northbridge-university/python-for-data-analysis-online").exists()
        clean_files = assert_as_clean_build(served, tmp_path, "clean-3", clean_files, served_files)
        served_files = site_files(served.site)

        # A deleted listing: its page and files go, its hubs and the feeds forget it.
        renamed.unlink()
        served.wait_for_log(FEEDS_WRITTEN, 4)
        assert not (served.site / "credentials/northbridge-university/python-for-data-analysis-live").exists()
        assert not (served.site / "api/v1/credentials/northbridge-university/python-for-data-analysis-live.ob3.json").exists()
        assert_as_clean_build(served, tmp_path, "clean-4", clean_files, served_files)
        assert "full rebuild" not in served.log_text()


@pytest.mark.slow
def test_on_hubs_of_many_pages_an_update_renders_the_pages_a_change_reaches(tmp_path: Path) -> None:
    """Hubs of 2 listings a page: a renamed listing moves to another page of its hubs, and a
    changed pacing changes the facet counts every page of its hubs shows."""
    shutil.copytree(REPO / "catalog", tmp_path / "catalog")
    config = small_pages_config(tmp_path, 2)
    listing = tmp_path / LISTING
    with serving(tmp_path / "catalog", tmp_path, config=config) as served:
        clean_build(tmp_path / "catalog", tmp_path / "clean-0", served.address, config)
        clean_files, served_files = site_files(tmp_path / "clean-0"), site_files(served.site)
        assert "subjects/statistics/page/2/index.html" in served_files
        assert sorted(changed_between(clean_files, served_files)) == []

        listing.write_text(listing.read_text(encoding="utf-8").replace("name: Python for Data Analysis", "name: Aardvark Python"),
                           encoding="utf-8")
        served.wait_for_log(FEEDS_WRITTEN, 1)
        clean_files = assert_as_clean_build(served, tmp_path, "clean-1", clean_files, served_files, config)
        served_files = site_files(served.site)

        listing.write_text(listing.read_text(encoding="utf-8").replace("pacing: self_paced", "pacing: cohort"), encoding="utf-8")
        served.wait_for_log(FEEDS_WRITTEN, 2)
        clean_files = assert_as_clean_build(served, tmp_path, "clean-2", clean_files, served_files, config)
        served_files = site_files(served.site)

        # Its hours: the totals of its pathway on the lists of pathways.
        listing.write_text(listing.read_text(encoding="utf-8").replace("hours: 50", "hours: 65"), encoding="utf-8")
        served.wait_for_log(FEEDS_WRITTEN, 3)
        changed = sorted(changed_between(served_files, site_files(served.site)))
        assert "pathways/index.html" in changed and "pathways/northbridge-university/index.html" in changed
        assert_as_clean_build(served, tmp_path, "clean-3", clean_files, served_files, config)
        assert "full rebuild" not in served.log_text()


@pytest.mark.slow
def test_saves_in_quick_succession_end_as_a_clean_build(tmp_path: Path) -> None:
    """A save while the feeds of the last one are still being written stops that writing; the
    next writes them all, and removes what the stopped one may have left."""
    shutil.copytree(REPO / "catalog", tmp_path / "catalog")
    listing = tmp_path / LISTING
    other = tmp_path / PROVIDER / "credentials" / "applied-statistical-modelling.yml"
    with serving(tmp_path / "catalog", tmp_path) as served:
        clean_build(tmp_path / "catalog", tmp_path / "clean-0", served.address)
        clean_files, served_files = site_files(tmp_path / "clean-0"), site_files(served.site)
        for number in range(1, 4):
            for path in (listing, other):
                path.write_text(path.read_text(encoding="utf-8").replace("\nname: ", f"\nname: Try {number} "), encoding="utf-8")
                served.wait_for_log("\nINFO    -  updated ", 2 * number - (path is listing))
        served.wait_for_feeds(6)
        assert "full rebuild" not in served.log_text()
        assert "Try 3 Try 2 Try 1 Python" in get(served.address + PAGE)
        assert_as_clean_build(served, tmp_path, "clean-1", clean_files, served_files)


@pytest.mark.slow
@pytest.mark.parametrize("poll", [False, True])
def test_the_catalog_is_watched_by_file_events_or_with_poll_by_polling(tmp_path: Path, poll: bool) -> None:
    """MkDocs polls what it watches, every file twice a second; the catalog is watched with the
    system's file events, or polled as MkDocs would with --poll (a file system without events)."""
    shutil.copytree(REPO / "catalog", tmp_path / "catalog")
    listing = tmp_path / LISTING
    with serving(tmp_path / "catalog", tmp_path, *(["--poll"] if poll else [])) as served:
        polled = next(line for line in served.log_text().splitlines() if "Watching paths for changes" in line)
        assert ("'catalog'" in polled.split("changes: ")[1].split(", ")) is poll  # MkDocs names it relative to the working folder
        listing.write_text(listing.read_text(encoding="utf-8").replace("name: Python for Data Analysis", "name: Python, watched"),
                           encoding="utf-8")
        served.wait_for_feeds(1)
        assert "Python, watched" in get(served.address + PAGE)


@pytest.mark.slow
def test_a_save_the_update_cannot_take_is_a_full_rebuild_that_says_why(tmp_path: Path) -> None:
    shutil.copytree(REPO / "catalog", tmp_path / "catalog")
    provider = tmp_path / PROVIDER / "provider.yml"
    with serving(tmp_path / "catalog", tmp_path) as served:
        provider.write_text(provider.read_text(encoding="utf-8").replace("name: Northbridge University", "name: Northbridge University, renamed"),
                            encoding="utf-8")
        served.wait_for_log("full rebuild: providers/northbridge-university/provider.yml is not a listing file", 1)
        served.wait_for_log("Reloading browsers", 1)
        assert "Northbridge University, renamed" in get(served.address + PAGE)
        assert NOTES_ID not in get(served.address + PAGE)  # a full build indexes everything: no note


@pytest.mark.slow
def test_a_listing_saved_with_errors_leaves_the_site_as_it_was_and_the_fix_updates_it(tmp_path: Path) -> None:
    shutil.copytree(REPO / "catalog", tmp_path / "catalog")
    listing = tmp_path / LISTING
    text = listing.read_text(encoding="utf-8")
    with serving(tmp_path / "catalog", tmp_path) as served:
        before = site_files(served.site)
        listing.write_text(text.replace("credential_type: micro_credential", "credential_type: nano"), encoding="utf-8")
        served.wait_for_log("the site was not rebuilt", 1)
        assert sorted(changed_between(before, site_files(served.site))) == []
        assert "credential_type: &#39;nano&#39; is not one of" in get(served.address + PAGE)
        listing.write_text(text.replace("name: Python for Data Analysis", "name: Python for Data Analysis, fixed"), encoding="utf-8")
        served.wait_for_log(FEEDS_WRITTEN, 1)
        page = get(served.address + PAGE)
        assert "Analysis, fixed" in page and "credcat-serve-errors" not in page
        assert "full rebuild" not in served.log_text()
