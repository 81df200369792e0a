"""feed.json (JSON Feed 1.1), its Atom twin, and catalog.csv as readers see them."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import pytest

from credcat.catalog.model import Catalog
from credcat.exports.spreadsheet import cell
from support.feeds import SITE_URL

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(feeds_of_sample: Callable[[str], Path]) -> Path:
    return feeds_of_sample(SITE_URL)


def newest_first(catalog: Catalog) -> list[str]:
    return [ref for ref, _ in sorted(catalog.credentials.items(), key=lambda item: (-item[1].last_verified.toordinal(), item[0]))]


def test_json_feed_has_the_required_fields_of_version_1_1(site: Path) -> None:
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert feed["feed_url"] == f"{SITE_URL}feed.json" and feed["home_page_url"] == SITE_URL
    assert feed["items"]
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_html") or item.get("content_text"), str)
        assert item["date_modified"].endswith("T00:00:00Z")
    assert len({item["id"] for item in feed["items"]}) == len(feed["items"])


def test_json_feed_lists_listings_newest_verified_first(site: Path, catalog: Catalog) -> None:
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert [item["_credcat"]["ref"] for item in feed["items"]] == newest_first(catalog)[:100]
    first = feed["items"][0]
    credential = catalog.credentials[first["_credcat"]["ref"]]
    assert first["title"] == credential.name
    assert first["url"] == f"{SITE_URL}credentials/{credential.ref}/"
    assert first["external_url"] == credential.data["url"]
    assert first["date_modified"] == credential.data["dates"]["last_verified"] + "T00:00:00Z"
    assert first["authors"] == [{"name": catalog.providers[credential.provider_id].name, "url": catalog.providers[credential.provider_id].data["url"]}]


def test_atom_twin_has_the_same_entries_in_the_same_order(site: Path, catalog: Catalog) -> None:
    feed = ElementTree.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == str(catalog.last_verified) + "T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    json_items = json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [item["id"] for item in json_items]
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [item["title"] for item in json_items]
    assert [entry.findtext(f"{ATOM}updated") for entry in entries] == [item["date_modified"] for item in json_items]


def test_csv_round_trips_through_the_csv_module(site: Path, catalog: Catalog) -> None:
    raw = (site / "catalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (site / "catalog.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["ref"] for row in rows] == list(catalog.credentials)
    for row in rows:
        credential = catalog.credentials[row["ref"]]
        data = credential.data
        assert row["name"] == data["name"]
        assert row["summary"] == data["summary"]
        assert row["provider_name"] == catalog.providers[credential.provider_id].name
        assert row["languages"].split("; ") == data["languages"]
        assert row["industries"].split("; ") == data["industries"]
        assert row["subjects"].split("; ") == data["subjects"]
        assert float(row["workload_hours"]) == data["workload"]["hours"]
        assert row["workload_ects"] == ("" if "ects" not in data["workload"] else str(data["workload"]["ects"]))
        assert row["cost_model"] == data["cost"]["model"]
        assert row["cost_amount"] == str(data["cost"].get("amount", ""))
        assert row["cost_currency"] == data["cost"].get("currency", "")
        assert row["keywords"] == "; ".join(data.get("keywords", []))
        assert row["skills"] == "; ".join(skill["name"] for skill in data.get("skills", []))
        assert row["pathways"] == "; ".join(credential.pathways)
        assert row["last_verified"] == data["dates"]["last_verified"]
        assert row["page_url"] == f"{SITE_URL}credentials/{credential.ref}/"


def test_csv_cells_never_start_a_formula() -> None:
    assert cell("=HYPERLINK(\"https://evil.example\")") == "'=HYPERLINK(\"https://evil.example\")"
    assert cell(["fine", "@SUM(A1)"]) == "fine; '@SUM(A1)"
    assert cell(["-1+2", "x"]) == "'-1+2; x"
    assert (cell(True), cell(None), cell(12.5)) == ("true", "", "12.5")
