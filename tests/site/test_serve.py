"""`credcat serve` after a save that breaks the catalog: the last good site is still served,
every page shows the errors (file:line:column: field: message, escaped), and the fix is picked
up. Driven as a user would: a running server on a free port, real HTTP requests, real saves."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from credcat.site.serving import BANNER_ID
from support import REPO
from support.serving import eventually, get, serving, shown

LISTING = "catalog/providers/northbridge-university/credentials/python-for-data-analysis.yml"
PAGE = "credentials/northbridge-university/python-for-data-analysis/"
HOSTILE = '"<img src=x onerror=alert(1)>"'


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`credcat serve` on a copy of the sample catalog: (its address, the copy's root)."""
    shutil.copytree(REPO / "catalog", tmp_path / "catalog")
    with serving(tmp_path / "catalog", tmp_path) as server:
        yield server.address, tmp_path


@pytest.mark.slow
def test_a_save_that_breaks_the_catalog_keeps_the_last_good_site_with_its_errors_on_every_page(
        served: tuple[str, Path]) -> None:
    address, root = served
    good = get(address + PAGE)
    assert "<h1" in good and "Python for Data Analysis" in good and BANNER_ID not in good

    listing = root / LISTING
    text = listing.read_text(encoding="utf-8")
    broken = text.replace("credential_type: micro_credential", f"credential_type: {HOSTILE}")
    assert broken != text
    line = 1 + broken[: broken.index("credential_type:")].count("\n")
    listing.write_text(broken, encoding="utf-8")

    eventually(lambda: BANNER_ID in shown(address + PAGE), 120, "no error banner after the breaking save (or no answer)")
    page = get(address + PAGE)
    assert "Python for Data Analysis" in page  # the last good site, whole
    banner = page[page.index(f'<pre id="{BANNER_ID}"'):]
    banner = banner[: banner.index("</pre>")]
    assert (f"{LISTING}:{line}:18: error: credential_type: &#39;&lt;img src=x onerror=alert(1)&gt;&#39; is not one of "
            "micro_credential") in banner.replace(str(root) + "/", "")
    assert "<img" not in banner  # the provider's text is escaped
    assert BANNER_ID in get(address)  # on every page: the home page too
    assert BANNER_ID in get(address + "providers/")

    listing.write_text(text.replace("name: Python for Data Analysis", "name: Python for Data Analysis, fixed"), encoding="utf-8")
    eventually(lambda: "Analysis, fixed" in shown(address + PAGE), 180, "the fix was not served")
    assert BANNER_ID not in get(address + PAGE)
