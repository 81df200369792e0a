"""The api/v1 feeds written for the sample catalog: valid against their schemas, true to the catalog.

Expected facet memberships are computed here from the listings' YAML data and the taxonomy's
parent links, not taken from the model's indexes, so a wrong index would show.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from credcat.catalog.model import Catalog
from credcat.exports.feeds import write_feeds
from credcat.site.catalog_site import CatalogSite
from credcat.site.pages import SiteSettings
from support.catalogs import sample_catalog, synthetic_catalog
from support.feeds import FEED_SCHEMA_DIR, SITE_URL, feed_validator

FACET_FOLDERS = {"industries": "industry", "subjects": "subject", "providers": "provider", "pathways": "pathway"}


@pytest.fixture(scope="module")
def site(feeds_of_sample: Callable[[str], Path]) -> Path:
    """The sample catalog's feeds, built with relative links (no site URL)."""
    return feeds_of_sample("")


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def schema_name(relative: str) -> str | None:
    """Which feed schema a file under api/v1/ follows; None for files checked elsewhere."""
    folder = relative.split("/")[0]
    if relative in ("index.json", "credentials.json", "recent.json", "changes.json"):
        return relative.removesuffix(".json")
    if relative.startswith("credentials.page-"):
        return "credentials"
    if folder == "schema" or relative.endswith((".ob3.json", ".jsonld")) or relative in ("index.html", "credentials.ndjson"):
        return None
    if "/" not in relative:
        return "facet-list"
    return "listing" if folder == "credentials" else "facet"


def api_files(site: Path) -> list[tuple[str, Path]]:
    api = site / "api" / "v1"
    return sorted((path.relative_to(api).as_posix(), path) for path in api.rglob("*") if path.is_file())


def test_every_feed_file_follows_its_schema(site: Path) -> None:
    checked = defaultdict(int)
    for relative, path in api_files(site):
        name = schema_name(relative)
        if name is None:
            continue
        errors = [f"{relative}: {error.json_path}: {error.message}" for error in feed_validator(name).iter_errors(read(path))]
        assert errors == []
        checked[name] += 1
    assert checked["index"] == checked["credentials"] == checked["recent"] == checked["changes"] == 1
    assert checked["facet-list"] == 4
    assert checked["listing"] == len(sample_catalog().credentials)
    assert checked["facet"] >= len(sample_catalog().industries) + len(sample_catalog().subjects)


def test_feed_schemas_are_published_with_the_api(site: Path) -> None:
    published = sorted(path.name for path in (site / "api/v1/schema").iterdir())
    expected = sorted(
        [path.name for path in FEED_SCHEMA_DIR.glob("*.schema.json")]
        + [f"{name}.schema.json" for name in ("credential", "provider", "pathway", "taxonomy")]
    )
    assert published == expected
    assert (site / "api/v1/schema/facet.schema.json").read_bytes() == (FEED_SCHEMA_DIR / "facet.schema.json").read_bytes()


def test_credentials_json_holds_every_listing_as_its_own_file_does(site: Path, catalog: Catalog) -> None:
    everything = read(site / "api/v1/credentials.json")
    assert everything["count"] == len(catalog.credentials)
    assert (everything["page"], everything["pages"], everything["prev"], everything["next"]) == (1, 1, None, None)
    assert [listing["ref"] for listing in everything["credentials"]] == sorted(catalog.credentials)
    for listing in everything["credentials"]:
        assert read(site / f"api/v1/credentials/{listing['ref']}.json") == listing
        assert listing["listing"] == catalog.credentials[listing["ref"]].data


def test_credentials_ndjson_holds_every_listing_a_line_as_its_own_file_does(site: Path, catalog: Catalog) -> None:
    lines = (site / "api/v1/credentials.ndjson").read_text(encoding="utf-8").splitlines()
    listings = [json.loads(line) for line in lines]
    assert [listing["ref"] for listing in listings] == sorted(catalog.credentials)
    for listing in listings:
        assert list(feed_validator("listing").iter_errors(listing)) == []
        assert read(site / f"api/v1/credentials/{listing['ref']}.json") == listing


def test_a_line_separator_in_provider_text_does_not_split_an_ndjson_line(tmp_path: Path) -> None:
    catalog = synthetic_catalog(3)
    hostile = "Two\u2028lines\u2029and </script>\n\r\"quoted\""
    next(iter(catalog.credentials.values())).data["summary"] = hostile
    write_feeds(catalog, tmp_path, "")
    lines = (tmp_path / "api/v1/credentials.ndjson").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    assert json.loads(lines[0])["listing"]["summary"] == hostile


def test_the_api_folder_is_a_page_that_leads_to_every_feed(sample_site: Path) -> None:
    """/api/v1/ is a short page for people, not a 404: each of its links is a file or a page of the site."""
    page = sample_site / "api/v1/index.html"
    links = re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))
    assert {"index.json", "credentials.json", "credentials.ndjson", "../../api/"} <= set(links)
    for link in links:
        target = (page.parent / link).resolve()
        assert target.is_file() or (target / "index.html").is_file(), link


def test_listing_resolves_provider_terms_and_pathways(site: Path, catalog: Catalog) -> None:
    member = next(credential for credential in catalog.credentials.values() if credential.pathways)
    listing = read(site / f"api/v1/credentials/{member.ref}.json")
    assert listing["provider"]["name"] == catalog.providers[member.provider_id].data["name"]
    assert listing["page_url"] == f"credentials/{member.ref}/"
    assert [term["id"] for term in listing["industries"]] == member.data["industries"]
    assert [term["name"] for term in listing["subjects"]] == [catalog.subjects[s].name for s in member.data["subjects"]]
    expected_pathways = sorted(
        ref
        for ref, pathway in catalog.pathways.items()
        if any(member.ref in step["credentials"] for step in pathway.data["steps"])
    )
    assert [pathway["ref"] for pathway in listing["pathways"]] == expected_pathways
    assert listing["formats"]["open_badges_3"] == f"api/v1/credentials/{member.ref}.ob3.json"


def facet_refs(site: Path, folder: str, key: str) -> tuple[list[str], int]:
    """All card refs of one facet feed, following `next` from page 1; and the feed's count."""
    page = read(site / f"api/v1/{folder}/{key}.json")
    count = page["count"]
    refs = [card["ref"] for card in page["credentials"]]
    while page["next"]:
        page = read(site / page["next"])
        refs += [card["ref"] for card in page["credentials"]]
    return refs, count


def expected_members(catalog: Catalog) -> dict[tuple[str, str], set[str]]:
    """(folder, key) -> refs, from the YAML data: tags plus every ancestor of a tagged subject."""
    parent = {term_id: term.parent for term_id, term in catalog.subjects.items()}
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ref, credential in catalog.credentials.items():
        for industry in credential.data["industries"]:
            members["industries", industry].add(ref)
        for subject in credential.data["subjects"]:
            while subject is not None:
                members["subjects", subject].add(ref)
                subject = parent[subject]
        members["providers", ref.split("/")[0]].add(ref)
    for pathway_ref, pathway in catalog.pathways.items():
        for step in pathway.data["steps"]:
            members["pathways", pathway_ref].update(step["credentials"])
    return members


def test_every_listing_is_in_exactly_the_right_facet_feeds(site: Path, catalog: Catalog) -> None:
    expected = expected_members(catalog)
    keys = (
        [("industries", key) for key in catalog.industries]
        + [("subjects", key) for key in catalog.subjects]
        + [("providers", key) for key in catalog.providers]
        + [("pathways", key) for key in catalog.pathways]
    )
    for folder, key in keys:
        refs, count = facet_refs(site, folder, key)
        assert set(refs) == expected.get((folder, key), set()), (folder, key)
        assert count == len(refs) == len(set(refs)), (folder, key)
        if folder != "pathways":
            assert refs == sorted(refs)


def test_pathway_feed_keeps_step_order(site: Path, catalog: Catalog) -> None:
    for ref, pathway in catalog.pathways.items():
        in_steps = list(dict.fromkeys(member for step in pathway.data["steps"] for member in step["credentials"]))
        assert facet_refs(site, "pathways", ref)[0] == in_steps


def test_rolled_up_subject_lists_listings_of_its_narrower_fields(site: Path, catalog: Catalog) -> None:
    tagged = next(c for c in catalog.credentials.values() if catalog.subjects[c.data["subjects"][0]].ancestors)
    broad = catalog.subjects[tagged.data["subjects"][0]].ancestors[-1]
    assert tagged.ref in facet_refs(site, "subjects", broad)[0]


def test_facet_lists_count_what_the_feeds_hold(site: Path, catalog: Catalog) -> None:
    for folder, kind in FACET_FOLDERS.items():
        listing = read(site / f"api/v1/{folder}.json")
        assert listing["kind"] == kind
        assert listing["pages"] == 1 and listing["next"] is None
        for item in listing["items"]:
            assert item["count"] == facet_refs(site, folder, item["key"])[1]
            assert (site / item["api_url"]).is_file()
        assert listing["count"] == len(listing["items"])


def test_index_counts_and_links_to_every_feed_and_schema(site: Path, catalog: Catalog) -> None:
    index = read(site / "api/v1/index.json")
    assert index["built_at"] == max(c.data["dates"]["last_verified"] for c in catalog.credentials.values())
    assert index["counts"] == {
        "credentials": len(catalog.credentials),
        "providers": len(catalog.providers),
        "pathways": len(catalog.pathways),
        "industries": len(catalog.industries),
        "subjects": len(catalog.subjects),
    }
    for link in list(index["links"].values()) + list(index["schemas"].values()):
        target = site / link
        assert target.is_file() or (target / "index.html").is_file(), link
    listing = next(iter(catalog.credentials.values()))
    pathway = next(iter(catalog.pathways.values()))
    fillings = {
        **{name: (listing.provider_id, listing.id) for name in ("listing", "open_badges_3", "ctdl", "schema_org", "elm")},
        "industry": ("", next(iter(catalog.industries))),
        "subject": ("", next(iter(catalog.subjects))),
        "provider": ("", listing.provider_id),
        "pathway": (pathway.provider_id, pathway.id),
    }
    assert fillings.keys() == index["templates"].keys()
    for name, (provider, key) in fillings.items():
        assert (site / index["templates"][name].format(provider=provider, id=key)).is_file(), name


def test_site_url_makes_every_link_absolute(catalog: Catalog, tmp_path: Path) -> None:
    write_feeds(catalog, tmp_path, SITE_URL)
    card = read(tmp_path / "api/v1/industries/construction.json")["credentials"][0]
    assert card["page_url"] == f"{SITE_URL}credentials/{card['ref']}/"
    assert card["api_url"] == f"{SITE_URL}api/v1/credentials/{card['ref']}.json"
    assert read(tmp_path / "api/v1/index.json")["links"]["embed_script"] == f"{SITE_URL}embed.js"


def digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_same_catalog_gives_the_same_bytes(catalog: Catalog, site: Path, tmp_path: Path) -> None:
    write_feeds(catalog, tmp_path, "")
    assert digest(tmp_path) == digest(site)


def test_every_page_link_in_the_feeds_is_a_page_the_site_builds(site: Path, catalog: Catalog) -> None:
    built = {page.url for page in CatalogSite(catalog, SiteSettings(today=catalog.last_verified, today_source="test")).pages()}
    linked = set()
    for relative, path in api_files(site):
        if relative.endswith(".json") and not relative.startswith("schema/") and not relative.endswith(".ob3.json"):
            linked.update(re.findall(r'"page_url":"([^"]*)"', path.read_text(encoding="utf-8")))
    assert linked and linked <= built, sorted(linked - built)[:5]
