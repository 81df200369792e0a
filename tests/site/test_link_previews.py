"""Link previews: the Open Graph and Twitter card tags a chat, LinkedIn or an e-mail client reads
when a page of the catalog is shared, on every page type, with provider text kept as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup, escape
from mkdocs.commands.build import build
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from credcat.catalog.labels import cost_text
from credcat.site.page_shell import SLOTS, Shell
from support import REPO, hostile
from support.catalogs import sample_catalog

SITE_URL = "https://credcat.github.io/credcat/"
SITE_NAME = "credcat"
SHARE_IMAGE = f"{SITE_URL}assets/images/share.png"
LISTING = "northbridge-university/python-for-data-analysis"
# One page of each type: (site path, the title a preview shows)
PAGE_TYPES = {
    "": SITE_NAME,
    "contributing/": "Contributor guide",
    "search/": "Search",
    "compare/": "Compare",
    "reference/schema/": "Schema reference",
    "industries/": "Industries",
    "industries/information/": "Information",
    "subjects/": "Subjects",
    "providers/northbridge-university/": "Northbridge University",
    "levels/beginner/": "Beginner",
    "types/certificate/": "Certificate",
    "pathways/": "Pathways",
    "pathways/northbridge-university/msc-data-science-micro-route/": None,
    f"credentials/{LISTING}/": "Python for Data Analysis",
}


def previews(document: HTMLParser) -> dict[str, str]:
    """The preview tags of a page's head, by property or name (each must appear once)."""
    tags: dict[str, str] = {}
    for meta in document.css("head meta"):
        key = meta.attributes.get("property") or meta.attributes.get("name") or ""
        if key.startswith(("og:", "twitter:")) or key == "description":
            assert key not in tags, f"{key} twice"
            tags[key] = meta.attributes.get("content") or ""
    return tags


def read(site: Path, path: str) -> HTMLParser:
    return HTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_page_type_has_a_link_preview(sample_site: Path, path: str) -> None:
    document = read(sample_site, path)
    tags = previews(document)
    canonical = document.css_first('link[rel="canonical"]')
    assert canonical is not None and canonical.attributes["href"] == tags["og:url"] == SITE_URL + path
    title = PAGE_TYPES[path] or document.css_first("h1").text(deep=True).strip()
    assert tags["og:title"] == title
    assert tags["og:description"] == tags["description"] != ""
    assert tags["og:type"] == "website"
    assert tags["og:site_name"] == SITE_NAME
    assert tags["og:image"] == SHARE_IMAGE
    # Twitter takes title, description and image from the og: tags when its own are absent.
    assert tags["twitter:card"] == "summary_large_image" and not {"twitter:title", "twitter:description", "twitter:image"} & tags.keys()
    assert (sample_site / SHARE_IMAGE.removeprefix(SITE_URL)).read_bytes().startswith(b"\x89PNG")


def test_a_listing_preview_says_provider_cost_and_hours_before_the_summary(sample_site: Path) -> None:
    credential = sample_catalog().credentials[LISTING]
    data = credential.data
    tags = previews(read(sample_site, f"credentials/{LISTING}/"))
    assert tags["og:description"] == (
        f"Northbridge University · {cost_text(data['cost'])} · {data['workload']['hours']} hours. {data['summary']}"
    )
    assert tags["og:description"].startswith("Northbridge University · GBP 395 · 50 hours. ")


def test_hostile_provider_text_in_a_preview_is_text(hostile_site: Path) -> None:
    document = read(hostile_site, f"credentials/{hostile.REF}/")
    tags = previews(document)
    assert tags["og:title"] == hostile.NAME
    assert tags["og:description"] == tags["description"] == f"{hostile.PROVIDER_NAME} · Free · 3 hours. {hostile.SUMMARY}"
    head = document.css_first("head")
    assert head is not None and "<script>alert" not in head.html
    provider = previews(read(hostile_site, f"providers/{hostile.PROVIDER}/"))
    assert provider["og:title"] == hostile.PROVIDER_NAME


def test_text_that_looks_like_a_slot_fills_nothing() -> None:
    """Page titles and descriptions are provider text: one that holds another slot's marker stays text."""
    shell = Shell(("<title>", "title", '</title><meta content="', "description", '"><link href="', "canonical",
                   '">', "content"))
    filled = shell.fill(title=SLOTS["description"] + '"><script>', description=SLOTS["content"] + "\x1b[31m",
                        canonical="https://x/", content=Markup("<p>body</p>"))
    assert filled == (f'<title>{SLOTS["description"]}&#34;&gt;&lt;script&gt;</title>'
                      f'<meta content="{escape(SLOTS["content"])}\x1b[31m"><link href="https://x/"><p>body</p>')


@pytest.mark.slow
def test_without_a_site_url_a_preview_has_no_url_and_a_small_card(tmp_path: Path) -> None:
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"), site_url="")
    config.plugins["credcat"].config.search = False
    build(config)
    for path in ("", f"credentials/{LISTING}/"):
        tags = previews(read(tmp_path / "site", path))
        assert "og:url" not in tags and "og:image" not in tags
        assert tags["twitter:card"] == "summary"
        assert tags["og:title"] and tags["og:description"]
