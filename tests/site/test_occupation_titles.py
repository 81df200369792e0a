"""A listing page names each coded occupation's ISCO-08 group by its official English title,
marked as English, beside the provider's own words for it."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from support import hostile


def occupations_on(site: Path, ref: str) -> list[tuple[str, str | None]]:
    document = HTMLParser((site / "credentials" / ref / "index.html").read_text(encoding="utf-8"))
    heading = next(node for node in document.css("h3") if node.text() == "Occupations")
    chips = heading.next
    while chips is not None and chips.tag != "ul":
        chips = chips.next
    assert chips is not None
    return [(item.text(), (item.css_first("span[lang]") or item).attributes.get("lang")) for item in chips.css("li")]


def test_a_french_listing_shows_the_english_title_of_its_isco_group(sample_site: Path) -> None:
    assert occupations_on(sample_site, "institut-metiers-rhone/soudage-tig-iso-9606") == [
        ("Soudeur ISCO 7212: Welders and flame cutters", "en")
    ]
    assert occupations_on(sample_site, "hochschule-rheintal/mag-schweissen-iso-9606") == [
        ("Schweißer/in ISCO 7212: Welders and flame cutters", "en"),
        ("Metallbauer/in ISCO 7214: Structural metal preparers and erectors", "en"),
    ]


def test_a_hostile_occupation_name_stays_text_beside_its_title(hostile_site: Path) -> None:
    assert occupations_on(hostile_site, hostile.REF) == [(f"{hostile.SKILL} ISCO 7212: Welders and flame cutters", "en")]
