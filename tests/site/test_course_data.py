"""Google course structured data, read from the HTML a browser gets: every listing page carries a
schema.org Course meeting Google's course info requirements (name, description, provider;
hasCourseInstance with courseMode, courseWorkload and a location when taught on site; offers
with a category and, where the listing states it, price and currency), and every hub page an
ItemList of its listings' pages (Google's course list result)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from credcat.exports.linked_data import course_list
from support import hostile
from support.catalogs import sample_catalog

SITE_URL = "https://credcat.github.io/credcat/"
CATEGORIES = {"Free", "Partially Free", "Subscription", "Paid"}
MODES = {"online": "Online", "in_person": "Onsite", "blended": "Blended"}
ISO_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+M)?(\d+S)?)?$")


def json_ld(site: Path, url: str) -> list[dict[str, Any]]:
    """Every JSON-LD block of a page, parsed as a search engine reads it."""
    document = HTMLParser((site / url / "index.html").read_text(encoding="utf-8"))
    return [json.loads(block.text()) for block in document.css('script[type="application/ld+json"]')]


def the_course(site: Path, url: str) -> dict[str, Any]:
    courses = [block for block in json_ld(site, url) if block.get("@type") == "Course"]
    assert len(courses) == 1, url
    return courses[0]


def google_problems(course: dict[str, Any]) -> list[str]:
    """What Google's course info requirements miss in one Course."""
    problems = [f"no {name}" for name in ("name", "description") if not isinstance(course.get(name), str) or not course[name]]
    provider = course.get("provider", {})
    if provider.get("@type") != "Organization" or not provider.get("name"):
        problems.append("provider is not an Organization with a name")
    instances = course.get("hasCourseInstance", [])
    if not instances:
        problems.append("no hasCourseInstance")
    problems += [problem for instance in instances for problem in instance_problems(instance)]
    offers = course.get("offers", [])
    if not offers:
        problems.append("no offers")
    for offer in offers:
        if offer.get("category") not in CATEGORIES:
            problems.append(f"offer category {offer.get('category')!r}")
        if "price" in offer and not re.fullmatch(r"[A-Z]{3}", str(offer.get("priceCurrency"))):
            problems.append("a price without a currency")
    return problems


def instance_problems(instance: dict[str, Any]) -> list[str]:
    """What Google requires of a CourseInstance: a mode, a workload or schedule, a place if on site."""
    problems = []
    if instance.get("courseMode") not in MODES.values():
        problems.append(f"courseMode {instance.get('courseMode')!r}")
    workload = instance.get("courseWorkload")
    if not (isinstance(workload, str) and ISO_DURATION.match(workload)) and "courseSchedule" not in instance:
        problems.append(f"neither an ISO 8601 courseWorkload nor a courseSchedule: {workload!r}")
    if instance.get("courseMode") != "Online" and not instance.get("location"):
        problems.append("taught on site without a location")
    return problems


def test_every_listing_page_has_a_course_google_accepts(sample_site: Path) -> None:
    catalog = sample_catalog()
    for ref in catalog.credentials:
        assert google_problems(the_course(sample_site, f"credentials/{ref}")) == [], ref


def test_google_check_finds_what_google_requires(sample_site: Path) -> None:
    ref = "northbridge-university/applied-statistical-modelling"
    course = the_course(sample_site, f"credentials/{ref}")
    del course["description"]
    course["provider"] = {"@type": "Organization"}
    course["hasCourseInstance"][0].pop("location")
    course["hasCourseInstance"][0]["courseWorkload"] = "about 40 hours"
    course["offers"][0]["category"] = "Cheap"
    del course["offers"][0]["priceCurrency"]
    assert google_problems(course) == [
        "no description",
        "provider is not an Organization with a name",
        "neither an ISO 8601 courseWorkload nor a courseSchedule: 'about 40 hours'",
        "taught on site without a location",
        "offer category 'Cheap'",
        "a price without a currency",
    ]


def test_each_course_carries_the_listing_field_by_field(sample_site: Path) -> None:
    catalog = sample_catalog()
    categories = {
        "free": "Free", "free_learning_paid_certificate": "Partially Free", "paid": "Paid",
        "subscription": "Subscription", "employer_sponsored": "Paid",
    }
    for ref, credential in catalog.credentials.items():
        data = credential.data
        page_url = f"{SITE_URL}credentials/{ref}/"
        course = the_course(sample_site, f"credentials/{ref}")
        assert course["@context"] == "https://schema.org"
        assert course["@id"] == page_url + "#course" and course["url"] == page_url
        assert (course["name"], course["description"]) == (data["name"], data["summary"])
        provider = catalog.providers[credential.provider_id].data
        assert course["provider"] == {"@type": "Organization", "name": provider["name"], "sameAs": provider["url"]}
        assert course["educationalCredentialAwarded"]["@id"] == page_url
        [instance] = course["hasCourseInstance"]
        assert instance["courseMode"] == MODES[data["delivery"]["mode"]]
        hours = float(instance["courseWorkload"].removeprefix("PT").removesuffix("H"))
        assert hours == data["workload"]["hours"]
        assert instance.get("location", {}).get("name") == (data["delivery"].get("location") if data["delivery"]["mode"] != "online" else None)
        [offer] = course["offers"]
        cost = data["cost"]
        assert offer["category"] == categories[cost["model"]]
        assert offer.get("price") == cost.get("amount") and offer.get("priceCurrency") == cost.get("currency")
        assert offer["url"] == data["url"]
        assert course.get("coursePrerequisites") == data.get("prerequisites", {}).get("text")


def test_the_sample_covers_every_mode_and_a_priced_and_a_free_course(sample_site: Path) -> None:
    courses = [the_course(sample_site, f"credentials/{ref}") for ref in sample_catalog().credentials]
    assert {course["hasCourseInstance"][0]["courseMode"] for course in courses} == set(MODES.values())
    assert {"Free", "Paid"} <= {course["offers"][0]["category"] for course in courses}
    assert any("price" in course["offers"][0] for course in courses)


def test_hub_pages_list_their_course_pages_in_order(sample_site: Path) -> None:
    catalog = sample_catalog()
    checked = 0
    for hub in sorted(sample_site.glob("*/*/index.html")):
        url = hub.parent.relative_to(sample_site).as_posix()
        if url.split("/")[0] not in ("industries", "subjects", "providers", "levels", "types"):
            continue
        lists = [block for block in json_ld(sample_site, url) if block.get("@type") == "ItemList"]
        assert len(lists) == 1, url
        document = HTMLParser(hub.read_text(encoding="utf-8"))
        shown = [card.attributes["data-listing"] for card in document.css("article.cc-card")]
        items = lists[0]["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1)), url
        assert all(item["@type"] == "ListItem" for item in items)
        refs = [item["url"].removeprefix(f"{SITE_URL}credentials/").removesuffix("/") for item in items]
        assert all(ref in catalog.credentials for ref in refs), url
        assert refs == shown, url
        for ref in refs:
            assert the_course(sample_site, f"credentials/{ref}")["url"] == f"{SITE_URL}credentials/{ref}/"
        checked += 1
    assert checked > 20


def test_a_later_hub_page_numbers_its_items_on_from_the_previous_pages() -> None:
    items = course_list(["https://x.example/a/", "https://x.example/b/"], 21)["itemListElement"]
    assert items == [
        {"@type": "ListItem", "position": 21, "url": "https://x.example/a/"},
        {"@type": "ListItem", "position": 22, "url": "https://x.example/b/"},
    ]


def test_hostile_text_stays_inside_the_course_block(hostile_site: Path) -> None:
    url = f"credentials/{hostile.REF}"
    html = (hostile_site / url / "index.html").read_text(encoding="utf-8")
    course = the_course(hostile_site, url)
    assert course["name"] == hostile.NAME and course["description"] == hostile.SUMMARY
    assert course["hasCourseInstance"][0]["location"]["name"] == hostile.LOCATION
    assert course["coursePrerequisites"] == [hostile.PREREQUISITE]
    assert course["provider"]["name"] == hostile.PROVIDER_NAME
    assert "</script><script>alert" not in html.split("<article", 1)[0]
    assert len(HTMLParser(html).css('script[type="application/ld+json"]')) == 2
