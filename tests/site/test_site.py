"""The built site, read as a learner's browser gets it: pages, links, JSON-LD, hubs, search
records, escaping of hostile listings, deterministic output and the post-build check."""

from __future__ import annotations

import gzip
import hashlib
import json
import posixpath
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from credcat.catalog.labels import cost_text
from credcat.exports.linked_data import schema_org
from credcat.site import facets, side_build
from credcat.site import pages as pages_module
from credcat.site.catalog_site import CatalogSite
from credcat.site.pages import SiteSettings
from credcat.site.plugin import SiteBuildFailed, build_site
from credcat.site.search_index import SearchIndex
from credcat.site.site_check import SiteCheck, check_hubs, check_pages, check_records
from support import REPO, hostile
from support.built_site import indexed_urls
from support.catalogs import sample_catalog

SITE_URL = "https://credcat.github.io/credcat/"
EDIT_BASE = "https://github.com/credcat/credcat/edit/main/catalog/"
READING_ORDER = [
    "About this credential", "What you will learn", "Workload and level", "Assessment", "Quality assurance",
    "Stacking and pathways", "Prerequisites", "Validity and certificate", "Languages", "Accessibility",
    "Information completeness", "Browse similar", "About this listing",
]
# 30 KB, plus 2 KB for the light/dark toggle (Material's palette form and script) and the
# about page's tab, nav entry and footer links, which every page carries.
CREDENTIAL_PAGE_LIMIT = 32 * 1024 + 2 * 1024  # and 2 KB for the Course JSON-LD and the history section

pytestmark = pytest.mark.slow


def sample_plan() -> CatalogSite:
    catalog = sample_catalog()
    newest = catalog.last_verified
    assert newest is not None
    return CatalogSite(catalog, SiteSettings(today=newest, today_source="", site_url=SITE_URL))


def page(site: Path, url: str) -> HTMLParser:
    return HTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


def html_pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def text(document: HTMLParser, selector: str) -> str:
    node = document.css_first(selector)
    assert node is not None, selector
    return node.text(deep=True).strip()


# --- listing pages --------------------------------------------------------------------------


def test_every_listing_page_shows_its_name_summary_cost_and_outcomes(sample_site: Path) -> None:
    for ref, credential in sample_catalog().credentials.items():
        document = page(sample_site, f"credentials/{ref}")
        data = credential.data
        assert text(document, "article.cc-listing h1") == data["name"]
        assert text(document, ".cc-lede") == data["summary"]
        facts = {text(block, "dt"): text(block, "dd") for block in document.css(".cc-keyfacts > div")}
        assert facts["Cost"].startswith(cost_text(dict(data["cost"])))
        assert [item.text().strip() for item in document.css(".cc-outcomes li")] == data["learning_outcomes"]
        enrol = document.css_first(".cc-actions a.md-button--primary")
        assert enrol is not None and enrol.attributes["href"] == data["url"]
        edit = document.css_first('a[href^="https://github.com/credcat/credcat/edit/"]')
        assert edit is not None and edit.attributes["href"] == EDIT_BASE + credential.source


def test_listing_sections_come_in_the_order_a_learner_reads(sample_site: Path) -> None:
    for ref in sample_catalog().credentials:
        headings = [node.text().strip() for node in page(sample_site, f"credentials/{ref}").css("article.cc-listing > section > h2")]
        shown = [heading.split(":")[0] for heading in headings]
        assert [heading for heading in shown if heading not in ("History", "What it costs")] == READING_ORDER
        assert "What it costs" not in shown or shown[shown.index("What it costs") - 1] == "What you will learn"
        assert "History" not in shown or shown.index("History") == len(shown) - 2  # then "About this listing"


def test_quality_bodies_without_evidence_are_marked_as_claimed(sample_site: Path) -> None:
    seen = {"evidence": 0, "claimed": 0}
    for ref, credential in sample_catalog().credentials.items():
        bodies = credential.data["quality_assurance"].get("bodies", [])
        if not bodies:
            continue
        items = page(sample_site, f"credentials/{ref}").css(".cc-section .cc-bodies")[0].css("li")
        for body, item in zip(bodies, items, strict=True):
            assert body["name"] in item.text()
            if "evidence_url" in body:
                assert item.css_first("a.cc-evidence").attributes["href"] == body["evidence_url"]
                seen["evidence"] += 1
            else:
                assert text(item, ".cc-claimed") == "claimed by provider"
                seen["claimed"] += 1
    assert seen["evidence"] and seen["claimed"]


def test_prerequisites_and_pathways_link_to_their_pages(sample_site: Path) -> None:
    catalog = sample_catalog()
    for ref, credential in catalog.credentials.items():
        links = {node.attributes.get("href") for node in page(sample_site, f"credentials/{ref}").css("article a")}
        for prerequisite in credential.data.get("prerequisites", {}).get("credentials", []):
            assert f"../../../credentials/{prerequisite}/" in links
        for pathway in credential.pathways:
            assert f"../../../pathways/{pathway}/" in links
    assert any(credential.pathways for credential in catalog.credentials.values())


def test_json_ld_parses_and_describes_the_listing(sample_site: Path) -> None:
    catalog = sample_catalog()
    for ref, credential in catalog.credentials.items():
        blocks = page(sample_site, f"credentials/{ref}").css('script[type="application/ld+json"]')
        assert len(blocks) == 2  # the credential, then the Course (tests/site/test_course_data.py)
        data = json.loads(blocks[0].text())
        assert data == schema_org(credential, catalog, f"{SITE_URL}credentials/{ref}/")


def test_stale_listings_are_flagged_against_the_catalogs_own_date(sample_site: Path) -> None:
    plan = sample_plan()
    stale = {ref for ref, credential in sample_catalog().credentials.items() if plan.contexts.is_stale(credential)}
    newest = sample_catalog().last_verified
    assert stale, "the sample catalog should hold a listing older than 12 months"
    for ref in sample_catalog().credentials:
        document = page(sample_site, f"credentials/{ref}")
        badge = document.css_first(".cc-verified .cc-badge--stale")
        assert (badge is not None) == (ref in stale), ref
        assert text(document, ".cc-verified .cc-note") == (
            "A listing is marked “Not verified in the last 12 months” when its provider last confirmed its details "
            f"more than 12 months before {newest.day} {newest:%B %Y} (the day the most recently checked listing in "
            "this catalog was confirmed). How freshness is judged")


def test_retired_listings_keep_their_page_with_a_banner(sample_site: Path) -> None:
    retired = [ref for ref, c in sample_catalog().credentials.items() if c.data["status"] == "retired"]
    assert retired
    for ref in retired:
        assert text(page(sample_site, f"credentials/{ref}"), ".cc-banner--retired").startswith("Retired.")


def test_credential_pages_stay_under_30_kb(sample_site: Path) -> None:
    sizes = {path: path.stat().st_size for path in (sample_site / "credentials").rglob("index.html")}
    assert max(sizes.values()) <= CREDENTIAL_PAGE_LIMIT, max(sizes, key=sizes.__getitem__)


# --- the whole site -------------------------------------------------------------------------


def _local_target(site: Path, page_path: Path, reference: str) -> Path | None:
    """The file a link leads to inside the site, or None when it leaves the site."""
    if reference.startswith(SITE_URL):
        reference = "/" + reference[len(SITE_URL):]
    site_path = urlsplit(SITE_URL).path
    if reference.startswith(site_path):
        reference = "/" + reference[len(site_path):]
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):
        target = site / unquote(parts.path).lstrip("/")
    else:
        target = (page_path.parent / unquote(parts.path)).resolve()
    return target / "index.html" if reference.split("?")[0].split("#")[0].endswith("/") or target.is_dir() else target


def test_every_internal_link_and_asset_resolves_to_a_file(sample_site: Path) -> None:
    missing = []
    for path in html_pages(sample_site):
        document = HTMLParser(path.read_text(encoding="utf-8"))
        for node in document.css("a[href], link[href], script[src], img[src]"):
            reference = node.attributes.get("href") or node.attributes.get("src") or ""
            target = _local_target(sample_site, path, reference)
            if target is not None and not target.is_file():
                missing.append(f"{path.relative_to(sample_site)} -> {reference}")
    assert missing == []


def test_hub_pages_hold_at_most_50_cards_and_each_listing_of_the_hub(sample_site: Path) -> None:
    for hub in sample_plan().hubs:
        cards: list[str] = []
        for number in range(1, hub.page_count(50) + 1):
            document = page(sample_site, pages_module.page_url(hub.page_src_uri(number)).rstrip("/"))
            found = [node.attributes["data-listing"] for node in document.css("[data-listing]")]
            assert len(found) <= 50
            cards += found
        assert cards == list(hub.refs), hub.url


def test_index_pages_show_the_count_of_each_hub(sample_site: Path) -> None:
    hubs = {hub.url: hub for hub in sample_plan().hubs}
    document = page(sample_site, "industries")
    tiles = document.css(".cc-tile a")
    industries = [hub for url, hub in hubs.items() if url.startswith("industries/")]
    empty = sorted(hub.name for hub in industries if not hub.refs)
    assert empty, "the sample catalog should leave an industry without listings"
    assert len(tiles) == len(industries) - len(empty)
    assert sorted(text(tile, ".cc-tile__name") for tile in document.css(".cc-tile--empty")) == empty
    assert {text(tile, ".cc-tile__empty") for tile in document.css(".cc-tile--empty")} == {"No listings yet"}
    for tile in tiles:
        url = posixpath.normpath("industries/" + tile.attributes["href"]) + "/"
        assert text(tile, ".cc-count") == str(len(hubs[url].refs))


def test_pathway_page_draws_each_step_with_its_choice(sample_site: Path) -> None:
    catalog = sample_catalog()
    for ref, pathway in catalog.pathways.items():
        document = page(sample_site, f"pathways/{ref}")
        svg = document.css_first("svg.cc-diagram__svg")
        assert svg is not None
        hrefs = [node.attributes["href"] for node in svg.css("a.cc-diagram__link")]
        for member in pathway.credentials:
            assert f"../../../credentials/{member}/" in hrefs
        headings = [node.text().strip() for node in svg.css("text.cc-diagram__heading")]
        for number, step in enumerate(pathway.data["steps"], start=1):
            if step.get("choose", len(step["credentials"])) < len(step["credentials"]):
                assert f"Step {number}: choose {step['choose']} of {len(step['credentials'])}" in headings
        facts = {text(block, "dt"): text(block, "dd") for block in document.css(".cc-keyfacts > div")}
        assert facts["Total workload"].endswith("hours")


def test_only_listing_pages_are_search_records_and_titles_have_no_permalink_sign(sample_site: Path) -> None:
    marked = {path.parent.relative_to(sample_site).as_posix() + "/" for path in html_pages(sample_site)
              if "data-pagefind-body" in path.read_text(encoding="utf-8")}
    assert marked == {f"credentials/{ref}/" for ref in sample_catalog().credentials}
    assert sorted(indexed_urls(sample_site)) == sorted(f"/credentials/{ref}/" for ref in sample_catalog().credentials)
    titles = set()
    for fragment in (sample_site / "pagefind").rglob("*.pf_fragment"):  # pagefind/inactive/ too
        titles.add(json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])["meta"]["title"])
    assert titles == {credential.name for credential in sample_catalog().credentials.values()}


def test_search_page_carries_its_filters_and_compare_data_exists(sample_site: Path) -> None:
    document = page(sample_site, "search")
    config = json.loads(text(document, "#cc-search-config"))
    assert [key for key, _ in config["filters"]] == list(facets.SEARCH_FILTERS)
    compare = json.loads(text(page(sample_site, "compare"), "#cc-compare-config"))
    records = {}
    for number in range(compare["files"]):
        records.update(json.loads((sample_site / f"{compare['data']}{number}.json").read_text(encoding="utf-8")))
    assert {ref: record["name"] for ref, record in records.items()} == {
        ref: credential.name for ref, credential in sample_catalog().credentials.items()}


def test_schema_reference_page_has_a_row_per_credential_field(sample_site: Path) -> None:
    schema = json.loads((REPO / "schema" / "credential.schema.json").read_text(encoding="utf-8"))
    document = page(sample_site, "reference/schema")
    rows = {node.text().strip() for node in document.css("#credential table code:first-child")}
    assert set(schema["properties"]) <= rows
    assert (sample_site / "schema" / "credential.schema.json").read_bytes() == (REPO / "schema" / "credential.schema.json").read_bytes()


# --- untrusted text -------------------------------------------------------------------------


def test_hostile_listing_text_comes_out_as_text(hostile_site: Path) -> None:
    document = page(hostile_site, f"credentials/{hostile.REF}")
    assert text(document, "article.cc-listing h1") == hostile.NAME
    assert text(document, "title") == f"{hostile.NAME} - credcat"
    assert document.css_first('meta[name="description"]').attributes["content"] == f"{hostile.PROVIDER_NAME} · Free · 3 hours. {hostile.SUMMARY}"
    assert text(document, ".cc-lede") == hostile.SUMMARY
    assert text(document, ".cc-outcomes li") == hostile.OUTCOME
    ld = json.loads(document.css_first('script[type="application/ld+json"]').text())
    assert ld["name"] == hostile.NAME and ld["description"] == hostile.SUMMARY
    prose = document.css_first(".cc-prose")
    assert prose is not None
    assert "{{ config.site_name }} {% raw %}" in prose.text()
    assert [node.attributes.get("href") for node in prose.css("a")] == [
        None, "https://example.org/", "https://evil.example/%22onmouseover=%22alert(1)"]
    heading = prose.css_first("h3 code")
    assert heading is not None and heading.text() == '</script><script>alert("heading")</script>'


def test_no_page_of_the_hostile_site_runs_provider_text(hostile_site: Path) -> None:
    for path in html_pages(hostile_site):
        document = HTMLParser(path.read_text(encoding="utf-8"))
        for node in document.css("*"):
            assert not [name for name in node.attributes if name.lower().startswith("on")], (path, node.html)
            for name in ("href", "src", "action", "formaction"):
                value = (node.attributes.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (path, node.html)
        for script in document.css("script"):
            kind = script.attributes.get("type")
            if kind in ("application/ld+json", "application/json"):
                json.loads(script.text())
            elif script.attributes.get("src") is None:
                assert "alert(" not in script.text(), path


# --- build behaviour ------------------------------------------------------------------------


def file_hashes(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_of_one_catalog_are_byte_identical(sample_site: Path, tmp_path: Path) -> None:
    build_site(REPO / "mkdocs.yml", catalog=REPO / "catalog", site_dir=tmp_path / "again")
    first, second = file_hashes(sample_site), file_hashes(tmp_path / "again")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_reused_chrome_is_what_material_renders_for_each_page(sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREDCAT_CATALOG", str(REPO / "catalog"))
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "plain"))
    config.plugins["credcat"].config.reuse_chrome = False
    config.plugins["credcat"].config.search = False
    build(config)
    differing = []
    for path in (sample_site / "credentials").rglob("index.html"):
        plain = tmp_path / "plain" / path.relative_to(sample_site)
        normalize = lambda html: [line.strip() for line in html.splitlines() if line.strip()]  # noqa: E731
        if normalize(path.read_text(encoding="utf-8")) != normalize(plain.read_text(encoding="utf-8")):
            differing.append(path.relative_to(sample_site).as_posix())
    assert differing == []


@pytest.mark.parametrize("chunk", [side_build.CHUNK, 2], ids=["one chunk", "chunks of 2, checked by both processes"])
def test_post_build_check_fails_when_a_listing_page_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture, chunk: int) -> None:
    monkeypatch.setattr(side_build, "CHUNK", chunk)
    dropped = "northbridge-university/python-for-data-analysis"
    write_page = side_build.write_listing_page

    def all_but_one(site_dir: Path, page_html: side_build.PageHtml, spec: pages_module.SitePage) -> None:
        if spec.src_uri != f"credentials/{dropped}.md":
            write_page(site_dir, page_html, spec)

    monkeypatch.setattr(side_build, "write_listing_page", all_but_one)
    with pytest.raises(SiteBuildFailed):
        build_site(REPO / "mkdocs.yml", catalog=REPO / "catalog", site_dir=tmp_path / "site")
    assert f"{dropped}: no page at credentials/{dropped}/index.html" in caplog.text
    count = len(sample_catalog().credentials)
    assert f"post-build check: {count} listings, {count - 1} pages, {count} search records" in caplog.text
    assert "1 problem" in caplog.text


def test_post_build_check_fails_when_a_listing_has_no_search_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    dropped = "northbridge-university/python-for-data-analysis"
    add_record = SearchIndex.add

    def all_but_one(self: SearchIndex, url: str, html: str) -> None:
        if url != f"/credentials/{dropped}/":
            add_record(self, url, html)

    monkeypatch.setattr(SearchIndex, "add", all_but_one)
    with pytest.raises(SiteBuildFailed):
        build_site(REPO / "mkdocs.yml", catalog=REPO / "catalog", site_dir=tmp_path / "site")
    assert f"/credentials/{dropped}/: no search record" in caplog.text
    assert "1 problem" in caplog.text


def check_site(site_dir: Path, plan: CatalogSite) -> SiteCheck:
    """The parts of the post-build check, joined as a build joins them (pages in two chunks)."""
    refs = list(plan.catalog.credentials)
    halves = check_pages(site_dir, refs[: len(refs) // 2]).joined(check_pages(site_dir, refs[len(refs) // 2 :]))
    return halves.joined(check_records(plan, indexed_urls(site_dir))).joined(check_hubs(site_dir, plan))


def test_post_build_check_counts_and_names_what_is_missing(sample_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    plan = sample_plan()
    hub = next(hub for hub in plan.hubs if hub.refs)
    hub_page = site / hub.url / "index.html"
    first = hub.refs[0]
    hub_page.write_text(hub_page.read_text(encoding="utf-8").replace(f'data-listing="{first}"', 'data-listing="x/y"'),
                        encoding="utf-8")
    result = check_site(site, plan)
    assert result.problems == [f"{first}: missing from hub {hub.url}", f"x/y: on hub {hub.url} where it does not belong"]
    clean = check_site(sample_site, plan)
    assert clean.ok and clean.pages == clean.listings == clean.search_records == len(sample_catalog().credentials)
    assert clean.placements == sum(len(hub.refs) for hub in plan.hubs)


def test_an_invalid_catalog_fails_the_build_with_the_validate_messages(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(REPO / "catalog", catalog)
    listing = catalog / "providers/northbridge-university/credentials/python-for-data-analysis.yml"
    listing.write_text(listing.read_text(encoding="utf-8").replace("mode: online", "mode: onlin"), encoding="utf-8")
    credcat = [str(Path(sys.executable).parent / "credcat")]
    validate = subprocess.run([*credcat, "validate", "--catalog", str(catalog)], capture_output=True, text=True, check=False)
    built = subprocess.run([*credcat, "build", "--catalog", str(catalog), "--site-dir", str(tmp_path / "site")],
                           capture_output=True, text=True, check=False, cwd=REPO)
    assert validate.returncode == built.returncode == 1
    problems = [line for line in validate.stdout.splitlines() if ": error: " in line]
    assert problems and all(line in built.stderr for line in problems)
    assert not (tmp_path / "site" / "credentials").exists()


def test_a_listing_page_links_to_the_listing_as_data_in_every_published_format(sample_site: Path) -> None:
    ref = "northbridge-university/python-for-data-analysis"
    links = page(sample_site, f"credentials/{ref}").css(".cc-listing__data a")
    assert [(link.text(), link.attributes["href"]) for link in links] == [
        ("JSON", f"../../../api/v1/credentials/{ref}.json"),
        ("Open Badges 3.0", f"../../../api/v1/credentials/{ref}.ob3.json"),
        ("CTDL", f"../../../api/v1/credentials/{ref}.ctdl.jsonld"),
        ("schema.org", f"../../../api/v1/credentials/{ref}.schema-org.jsonld"),
        ("ELM", f"../../../api/v1/credentials/{ref}.elm.jsonld"),
    ]
    for link in links:
        assert json.loads((sample_site / f"credentials/{ref}" / link.attributes["href"]).resolve().read_text(encoding="utf-8"))
