"""Each listing's JSON resolves its occupations: the listing's words, its ISCO-08 code and the
official English titles from that group up to its major group, for consumers who work in English."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path


def listing_json(feeds_of_sample: Callable[[str], Path], ref: str) -> dict[str, object]:
    data = json.loads((feeds_of_sample("") / "api/v1/credentials" / f"{ref}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_coded_occupation_carries_its_groups_from_unit_to_major(feeds_of_sample: Callable[[str], Path]) -> None:
    assert listing_json(feeds_of_sample, "institut-metiers-rhone/soudage-tig-iso-9606")["occupations"] == [
        {
            "name": "Soudeur",
            "isco": "7212",
            "groups": [
                {"code": "7212", "name": "Welders and flame cutters"},
                {"code": "721", "name": "Sheet and structural metal workers, moulders and welders, and related workers"},
                {"code": "72", "name": "Metal, machinery and related trades workers"},
                {"code": "7", "name": "Craft and related trades workers"},
            ],
        }
    ]


def test_a_listing_without_occupations_has_an_empty_list(feeds_of_sample: Callable[[str], Path]) -> None:
    assert listing_json(feeds_of_sample, "institut-metiers-rhone/francais-professionnel-b1")["occupations"] == []
