"""`credcat serve --provider ID`, driven as a provider would: a running server on a free port,
real HTTP requests. The site holds that provider's listings and what they name, with the
confirmations that concern them, and nothing else; the log says what is served; a save is an
update of the pages it changes, or a full rebuild when the files taken from others change."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import REPO
from support.serving import Served, eventually, get, serving, shown

PROVIDER = "northbridge-university"


def status(url: str) -> int:
    """The HTTP status of a page (an error status is an answer too); 0 while the server does not
    answer (a rebuild under way on a busy machine)."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            code: int = response.status
            return code
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


@pytest.fixture
def served_provider(tmp_path: Path) -> Iterator[Served]:
    """`credcat serve --provider northbridge-university` on a copy of the sample catalog in tmp_path/catalog."""
    shutil.copytree(REPO / "catalog", tmp_path / "catalog")
    with serving(tmp_path / "catalog", tmp_path, "--provider", PROVIDER) as served:
        yield served


@pytest.mark.slow
def test_serving_one_provider_shows_its_listings_and_what_they_name_and_nothing_else(served_provider: Served) -> None:
    address = served_provider.address
    listing = get(address + "credentials/northbridge-university/python-for-data-analysis/")
    assert "<h1" in listing and "Python for Data Analysis" in listing
    # Its claims stay confirmed: Northern Quality Board's accreditation of Northbridge and
    # Northbridge's own credit, both recognitions kept with the listing they confirm.
    assert "confirmed by the organisation named: 2." in listing
    assert status(address + "pathways/northbridge-university/msc-data-science-micro-route/") == 200
    assert "What Northern Higher Education Quality Board confirms" in get(address + "providers/northern-quality-board/")

    assert status(address + "credentials/trilha-digital/ux-design-essencial/") == 404
    assert status(address + "providers/trilha-digital/") == 404
    assert status(address + "credentials/heliogrid-energy/grid-data-analyst-badge/") == 404  # names Northbridge; not named by it

    home = get(address)
    for count, what in ((6, "credentials"), (2, "providers"), (1, "pathways")):
        assert f"<li><strong>{count}</strong> {what}</li>" in home
    assert (f"catalog: 6 listings, 2 providers, 1 pathways from {served_provider.log.parent / 'catalog'} "
            "(serving northbridge-university and what it references: 1 more provider)") in served_provider.log_text()


@pytest.mark.slow
def test_a_save_of_a_served_listing_updates_its_page_and_serves_nothing_more(served_provider: Served) -> None:
    address = served_provider.address
    page = "credentials/northbridge-university/python-for-data-analysis/"
    listing = served_provider.log.parent / "catalog/providers/northbridge-university/credentials/python-for-data-analysis.yml"
    listing.write_text(listing.read_text(encoding="utf-8").replace(
        "name: Python for Data Analysis", "name: Python for Data Analysis, revised"), encoding="utf-8")

    eventually(lambda: "Analysis, revised" in shown(address + page), 120, "the save was not served")
    served_provider.wait_for_log("listing page(s) and", 1)  # an update: the listing and the one that requires it
    assert "full rebuild" not in served_provider.log_text()
    assert "<li><strong>6</strong> credentials</li>" in get(address)
    assert status(address + "credentials/trilha-digital/ux-design-essencial/") == 404


@pytest.mark.slow
def test_a_new_listing_in_the_served_folder_is_an_update_too(served_provider: Served) -> None:
    """A file that came: the catalog folder is listed again, the files of others are the same, so no full rebuild."""
    address = served_provider.address
    folder = served_provider.log.parent / "catalog/providers/northbridge-university/credentials"
    text = (folder / "python-for-data-analysis.yml").read_text(encoding="utf-8")
    (folder / "python-for-data-engineering.yml").write_text(text.replace("id: python-for-data-analysis", "id: python-for-data-engineering")
                                                            .replace("name: Python for Data Analysis", "name: Python for Data Engineering"),
                                                            encoding="utf-8")
    page = "credentials/northbridge-university/python-for-data-engineering/"
    eventually(lambda: "Python for Data Engineering" in shown(address + page), 120, "the new listing was not served")
    served_provider.wait_for_log("listing page(s) and", 1)
    assert "full rebuild" not in served_provider.log_text()
    assert "<li><strong>7</strong> credentials</li>" in get(address)
    assert status(address + "credentials/trilha-digital/ux-design-essencial/") == 404


@pytest.mark.slow
def test_a_save_that_names_another_providers_listing_brings_it_into_the_served_site(served_provider: Served) -> None:
    """The files are chosen again at each save: a new prerequisite in another folder is served
    after a full rebuild (an update renders only the pages the save changed)."""
    address = served_provider.address
    other = "credentials/trilha-digital/analise-de-dados-com-sql/"
    assert status(address + other) == 404
    listing = served_provider.log.parent / "catalog/providers/northbridge-university/credentials/machine-learning-in-practice.yml"
    text = listing.read_text(encoding="utf-8")
    named = text.replace("    - northbridge-university/applied-statistical-modelling\n",
                         "    - northbridge-university/applied-statistical-modelling\n    - trilha-digital/analise-de-dados-com-sql\n")
    assert named != text
    listing.write_text(named, encoding="utf-8")

    eventually(lambda: status(address + other) == 200, 120, "the newly named listing was not served")
    home = get(address)
    assert "<li><strong>7</strong> credentials</li>" in home and "<li><strong>3</strong> providers</li>" in home
    assert status(address + "credentials/trilha-digital/ux-design-essencial/") == 404
    log = served_provider.log_text()
    assert "full rebuild: the files served from other providers' folders changed" in log
    assert "(serving northbridge-university and what it references: 2 more providers)" in log


@pytest.mark.slow
def test_without_provider_the_whole_catalog_is_served_whatever_the_shell_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """$CREDCAT_PROVIDERS is how --provider reaches the plugin; left in a shell, it never makes a site partial."""
    shutil.copytree(REPO / "catalog", tmp_path / "catalog")
    monkeypatch.setenv("CREDCAT_PROVIDERS", '["northbridge-university"]')
    with serving(tmp_path / "catalog", tmp_path) as served:
        assert status(served.address + "credentials/trilha-digital/ux-design-essencial/") == 200
        assert "<li><strong>9</strong> providers</li>" in get(served.address)
        assert "serving" not in served.log_text().replace("Serving on", "")


@pytest.mark.parametrize(("value", "message"), [
    ("northbridge-university", 'CREDCAT_PROVIDERS is not a JSON list of provider ids, such as ["northbridge-university"]'),
    ('["../etc"]', "--provider '../etc': no such provider in the catalog; a provider id is its folder name under providers/, "
                   "such as 'heliogrid-energy'"),
])
def test_mkdocs_run_by_hand_with_a_wrong_providers_variable_stops_with_one_clear_error(
        tmp_path: Path, value: str, message: str) -> None:
    """`mkdocs build` run directly reads $CREDCAT_PROVIDERS as serve sets it: a wrong value is an error, not a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True, text=True, check=False,
        env={**os.environ, "CREDCAT_PROVIDERS": value, "CREDCAT_CATALOG": str(REPO / "catalog"), "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert f"ERROR   -  {message}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
