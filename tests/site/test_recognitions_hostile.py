"""Recognitions with hostile text: a recognizer's name, a qualification's name and a recognition's
`towards` made of script and template payloads reach every page that shows them as text, and
a qualification's slug stays a plain path."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from credcat.site.plugin import build_site
from support import REPO
from support.catalogs import copy_base_catalog

pytestmark = pytest.mark.slow

NAME = 'Evil <script>alert("recognizer")</script> {{ 7*7 }} Board'
TOWARDS = '</script><img src=x onerror=alert(1)> {% raw %}MSc{% endraw %}'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-recognitions")
    catalog = copy_base_catalog(folder / "catalog")
    board = catalog / "providers" / "evil-board"
    (board / "recognitions").mkdir(parents=True)
    (board / "provider.yml").write_text(
        "id: evil-board\nname: '" + NAME + "'\ntype: quality_body\nurl: https://evil-board.invalid/\ncountry: GB\n"
        "description: An accreditor.\ncontact_email: board@evil-board.invalid\nmaintainers:\n  - evil\n",
        encoding="utf-8",
    )
    (board / "recognitions" / "credit.yml").write_text(
        f"id: credit\nas: credit\ncredential: acme-academy/spreadsheet-basics\ntowards: '{TOWARDS}'\ncredits: 3\n", encoding="utf-8"
    )
    listing = catalog / "providers" / "acme-academy" / "credentials" / "spreadsheet-basics.yml"
    claim = f"stackability:\n  counts_toward:\n    - name: '{TOWARDS}'\n      awarded_by: evil-board\n"
    listing.write_text(listing.read_text(encoding="utf-8").replace("dates:", claim + "dates:"), encoding="utf-8")
    build_site(REPO / "mkdocs.yml", catalog=catalog, site_dir=folder / "site")
    return folder / "site"


def test_hostile_recognition_text_is_shown_as_text(site: Path) -> None:
    qualifications = sorted(path.name for path in (site / "qualifications").iterdir() if path.is_dir())
    assert qualifications == ["script-img-src-x-onerror-alert-1-raw-msc-endraw"]
    pages = {
        "listing": site / "credentials/acme-academy/spreadsheet-basics/index.html",
        "recognizer": site / "providers/evil-board/index.html",
        "qualification": site / "qualifications" / qualifications[0] / "index.html",
    }
    for name, path in pages.items():
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, name
        body = HTMLParser(html).body
        assert body is not None
        text = " ".join(body.text(separator=" ").split())
        assert " ".join(TOWARDS.split()) in text, name
    mark = HTMLParser(pages["listing"].read_text(encoding="utf-8")).css_first("[data-claim=confirmed]")
    assert mark is not None and " ".join(mark.text(separator=" ").split()) == f"confirmed by {NAME} · 3 credits"
    link = mark.css_first("a")
    assert link is not None and link.attributes["href"] == "../../../providers/evil-board/#recognition-credit"
