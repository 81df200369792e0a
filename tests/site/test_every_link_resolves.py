"""Every link the built site emits leads to a page or file of the site, and the words around
links read as words ("evidence valid until", not "evidencevalid until")."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from support import REPO
from support.catalogs import sample_catalog

SITE_PATH = urlsplit(str(yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"])).path

pytestmark = pytest.mark.slow


def target(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link of `page` leads to, or None for links elsewhere (other sites,
    mail, in-page anchors)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):
        # The 404 page links from the site's root path (site_url's), as any URL may show it.
        assert parts.path.startswith(SITE_PATH), f"{href} is outside the site ({SITE_PATH})"
        path = posixpath.normpath(unquote(parts.path.removeprefix(SITE_PATH)) or ".")
    else:
        folder = page.parent.relative_to(site).as_posix()
        path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    resolved = site / path
    return resolved / "index.html" if href.split("?")[0].split("#")[0].endswith("/") or resolved.is_dir() else resolved


def test_every_link_of_every_page_resolves(sample_site: Path) -> None:
    broken: dict[str, list[str]] = {}
    checked = 0
    for page in sorted(sample_site.rglob("*.html")):
        document = HTMLParser(page.read_text(encoding="utf-8"))
        for node in document.css("a[href], link[href]"):
            href = node.attributes.get("href") or ""
            found = target(sample_site, page, href)
            if found is None:
                continue
            checked += 1
            if not found.is_file():
                broken.setdefault(page.relative_to(sample_site).as_posix(), []).append(href)
    assert checked > 5000
    assert broken == {}


def test_the_words_around_evidence_links_keep_their_spaces(sample_site: Path) -> None:
    catalog = sample_catalog()
    provider = next(p for p in catalog.providers.values()
                    if any("evidence_url" in body and "valid_until" in body for body in p.data.get("accreditations", [])))
    ref = provider.credentials[0]
    for url in (f"providers/{provider.id}", f"credentials/{ref}"):
        document = HTMLParser((sample_site / url / "index.html").read_text(encoding="utf-8"))
        items = [node.text(deep=True) for node in document.css("ul.cc-bodies li") if node.css_first(".cc-evidence")]
        dated = [text for text in items if "valid until" in text]
        assert dated, url
        for text in dated:
            before = text[: text.index("valid until")]
            assert before[-1:].isspace() and "evidence" in before, text
