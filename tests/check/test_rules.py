"""Cross-file rules that need more than one example file to show."""

from __future__ import annotations

from pathlib import Path

import pytest

from credcat.check.layout import Kind, Placement
from credcat.check.load import load_file
from credcat.check.report import render_text
from credcat.check.rules.context import RuleContext
from credcat.check.rules.hygiene import text_is_clean
from credcat.check.validate import validate_catalog
from support import TODAY

CREDENTIALS = "providers/acme-academy/credentials"


def add_listing(catalog: Path, stem: str, extra: str = "", **replace: str) -> None:
    text = (catalog / CREDENTIALS / "spreadsheet-basics.yml").read_text(encoding="utf-8")
    text = text.replace("id: spreadsheet-basics", f"id: {stem}").replace("name: Spreadsheet Basics", f"name: {stem}")
    for old, new in replace.items():
        text = text.replace(old, new)
    (catalog / CREDENTIALS / f"{stem}.yml").write_text(text.replace("dates:", extra + "dates:"), encoding="utf-8")


def report_lines(catalog: Path) -> list[str]:
    report = validate_catalog(catalog, today=TODAY)
    return render_text(report.problems, report.files_checked).splitlines()[:-1]


def requires(*refs: str) -> str:
    return "prerequisites:\n  credentials:\n" + "".join(f"    - {ref}\n" for ref in refs)


def test_cycle_of_three_names_every_member_in_each_file(base_catalog: Path) -> None:
    add_listing(base_catalog, "alpha", requires("acme-academy/gamma"))
    add_listing(base_catalog, "beta", requires("acme-academy/spreadsheet-basics", "acme-academy/alpha"))
    add_listing(base_catalog, "gamma", requires("acme-academy/beta"))
    cycle = "acme-academy/alpha -> acme-academy/gamma -> acme-academy/beta -> acme-academy/alpha"
    assert report_lines(Path("catalog")) == [
        f"catalog/{CREDENTIALS}/alpha.yml:33:7: error: prerequisites.credentials[0]: prerequisites form a cycle: {cycle}"
        " (a credential cannot require itself, directly or through others)",
        f"catalog/{CREDENTIALS}/beta.yml:34:7: error: prerequisites.credentials[1]: prerequisites form a cycle: {cycle}"
        " (a credential cannot require itself, directly or through others)",
        f"catalog/{CREDENTIALS}/gamma.yml:33:7: error: prerequisites.credentials[0]: prerequisites form a cycle: {cycle}"
        " (a credential cannot require itself, directly or through others)",
    ]


@pytest.mark.slow
def test_long_prerequisite_chain_is_no_cycle(base_catalog: Path) -> None:
    for index in range(1500):
        add_listing(base_catalog, f"step-{index}", requires(f"acme-academy/step-{index + 1}") if index < 1499 else "")
    assert report_lines(Path("catalog")) == []


def test_reference_to_a_file_that_failed_to_load_reports_only_the_load_error(base_catalog: Path) -> None:
    add_listing(base_catalog, "broken", **{"  hours: 12": "  hours: &h 12"})
    add_listing(base_catalog, "follow-up", requires("acme-academy/broken"))
    assert report_lines(Path("catalog")) == [
        f"catalog/{CREDENTIALS}/broken.yml:21:10: error: anchor '&h' is not allowed (write values out in full)"
    ]


def test_text_hygiene_names_a_control_character_in_a_key(tmp_path: Path) -> None:
    listing = tmp_path / "listing.yml"
    listing.write_text('id: x\nskills:\n  - "na\\eme": Python\n', encoding="utf-8")
    document, _ = load_file(listing, "listing.yml")
    assert document is not None
    context = RuleContext(TODAY, {}, frozenset(), frozenset())
    found = list(text_is_clean(document, Placement(Kind.CREDENTIAL, "acme-academy", "x"), context))
    assert render_text(found, 1).splitlines()[:-1] == [
        "listing.yml:3:5: error: skills[0].na\\x1bme: a control character is not allowed in a key"
        " (U+001B ESCAPE; remove it, or the escape that writes it)"
    ]
