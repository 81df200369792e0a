"""Confirmed or claimed in the API and CTDL: each listing's claims and each pathway feed's, with
the recognition and its URL when confirmed; CTDL's recognizedBy names confirming organisations only."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

PYTHON = "northbridge-university/python-for-data-analysis"
SITE = "https://catalog.example.org/"


def read(site: Path, path: str) -> object:
    return json.loads((site / path).read_text(encoding="utf-8"))


def test_a_listing_carries_its_claims_confirmed_or_claimed(feeds_of_sample: Callable[[str], Path]) -> None:
    listing = read(feeds_of_sample(SITE), f"api/v1/credentials/{PYTHON}.json")
    assert isinstance(listing, dict)
    assert listing["claims"] == [
        {
            "kind": "counts_toward",
            "index": 0,
            "status": "confirmed",
            "recognizer": "northbridge-university",
            "recognition_url": f"{SITE}providers/northbridge-university/#recognition-python-for-data-analysis-credit",
            "recognition": {
                "id": "python-for-data-analysis-credit",
                "as": "credit",
                "credential": PYTHON,
                "towards": "MSc Data Science",
                "credits": 2,
                "evidence_url": "https://northbridge-university.example/postgraduate/msc-data-science/credit",
            },
        },
        {
            "kind": "accreditation",
            "index": 0,
            "status": "confirmed",
            "recognizer": "northern-quality-board",
            "recognition_url": f"{SITE}providers/northern-quality-board/#recognition-northbridge-university",
            "recognition": {
                "id": "northbridge-university",
                "as": "accreditation",
                "provider": "northbridge-university",
                "evidence_url": "https://nheqb.example/reviews/northbridge-university-2024",
                "valid_until": "2030-07-31",
            },
        },
        {"kind": "accreditation", "index": 1, "status": "claimed", "recognizer": None, "recognition_url": None, "recognition": None},
    ]
    other = read(feeds_of_sample(SITE), "api/v1/credentials/northbridge-university/machine-learning-in-practice.json")
    assert isinstance(other, dict)
    assert [(claim["kind"], claim["status"], claim["recognizer"]) for claim in other["claims"]] == [
        ("counts_toward", "claimed", "northbridge-university"),
        ("accreditation", "confirmed", "northern-quality-board"),
        ("accreditation", "claimed", None),
    ]


def test_a_pathway_feed_carries_its_recognition_claims(feeds_of_sample: Callable[[str], Path]) -> None:
    feed = read(feeds_of_sample(SITE), "api/v1/pathways/northbridge-university/msc-data-science-micro-route.json")
    assert isinstance(feed, dict)
    assert [(claim["status"], claim["recognition_url"]) for claim in feed["claims"]] == [
        ("confirmed", f"{SITE}providers/northern-quality-board/#recognition-msc-data-science-micro-route")
    ]
    other = read(feeds_of_sample(SITE), "api/v1/pathways/heliogrid-energy/energietransitie-technicus.json")
    assert isinstance(other, dict)
    assert [claim["status"] for claim in other["claims"]] == ["claimed"]


def test_ctdl_recognized_by_names_confirming_organisations_only(feeds_of_sample: Callable[[str], Path]) -> None:
    site = feeds_of_sample(SITE)
    confirmed = read(site, f"api/v1/credentials/{PYTHON}.ctdl.jsonld")
    claimed = read(site, "api/v1/credentials/northbridge-university/machine-learning-in-practice.ctdl.jsonld")
    assert isinstance(confirmed, dict) and isinstance(claimed, dict)
    assert [agent["ceterms:name"] for agent in confirmed["ceterms:recognizedBy"]] == [{"en": "Northbridge University"}]
    assert "ceterms:recognizedBy" not in claimed
