"""Listing pages say what their labels mean, and the About page explains each of them from the
same sources (labels.QUALITY_ASSURANCE_MEANINGS, transparency.ELEMENT_NAMES): read from the
built HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from credcat.catalog.labels import QUALITY_ASSURANCE_MEANINGS, label
from credcat.catalog.transparency import ELEMENT_NAMES
from support.catalogs import sample_catalog

pytestmark = pytest.mark.slow


def read(site: Path, url: str) -> HTMLParser:
    return HTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


def section(document: HTMLParser, heading: str) -> str:
    """The text of the listing page's section whose h2 starts with `heading`, spaces collapsed."""
    for node in document.css("section.cc-section"):
        title = node.css_first("h2")
        if title is not None and title.text().startswith(heading):
            return " ".join(node.text(deep=True).split())
    raise AssertionError(f"no section {heading!r}")


def test_listing_pages_explain_quality_assurance_and_completeness(sample_site: Path) -> None:
    catalog = sample_catalog()
    kinds = set()
    for ref, credential in catalog.credentials.items():
        document = read(sample_site, f"credentials/{ref}")
        kind = credential.data["quality_assurance"]["type"]
        kinds.add(kind)
        quality = section(document, "Quality assurance")
        assert quality.startswith(f"Quality assurance {label('quality_assurance', kind)}. {QUALITY_ASSURANCE_MEANINGS[kind]} "
                                  "What the kinds of quality assurance mean"), quality
        completeness = section(document, "Information completeness")
        stated = sum(1 for node in document.css(".cc-checklist .cc-check--yes"))
        assert completeness.startswith(f"Information completeness: {stated} of {len(ELEMENT_NAMES)} EU elements "), completeness
        links = {node.text(): node.attributes["href"] for node in document.css("section.cc-section a[href*='about/']")}
        assert links["How this is counted"].endswith("about/#information-completeness")
        assert links["What the kinds of quality assurance mean"].endswith("about/#quality-assurance")
    assert len(kinds) >= 3, "the sample catalog should show several kinds of quality assurance"


def test_the_about_page_explains_every_kind_element_and_the_freshness_rule(sample_site: Path) -> None:
    document = read(sample_site, "about")
    quality = document.css_first("#quality-assurance dl")
    assert quality is not None
    terms = [node.text() for node in quality.css("dt")]
    meanings = [node.text() for node in quality.css("dd")]
    assert terms == [label("quality_assurance", kind) for kind in QUALITY_ASSURANCE_MEANINGS]
    assert meanings == list(QUALITY_ASSURANCE_MEANINGS.values())
    assert [node.text() for node in document.css("#information-completeness ol li")] == list(ELEMENT_NAMES)
    newest = sample_catalog().last_verified
    assert newest is not None
    paragraph = document.css_first("#freshness p")
    assert paragraph is not None
    freshness = " ".join(paragraph.text(deep=True).split())
    assert "for more than 12 months carries the mark “Not verified in the last 12 months”" in freshness
    assert f"back from {newest.day} {newest:%B %Y} (the day the most recently checked listing in this catalog was confirmed)" in freshness
    for anchor in ("sources", "verified", "claims", "status"):
        assert document.css_first(f"#{anchor}") is not None, anchor
