"""Placeholders that must not reach the catalog: example addresses, the scaffold's username and
text, and values credcat new marked TODO. Each is a warning at its line, so --strict fails."""

from __future__ import annotations

from pathlib import Path

from credcat.check.report import render_text
from credcat.check.validate import validate_catalog
from support import TODAY

PROVIDER = "catalog/providers/acme-academy/provider.yml"
LISTING = "catalog/providers/acme-academy/credentials/spreadsheet-basics.yml"


def report_lines(catalog: Path) -> list[str]:
    report = validate_catalog(catalog, today=TODAY)
    return render_text(report.problems, report.files_checked).splitlines()[:-1]


def replace_in(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_example_addresses_and_the_placeholder_username_warn(base_catalog: Path) -> None:
    replace_in(
        base_catalog / "providers/acme-academy/provider.yml",
        ("url: https://acme-academy.example/", "url: https://www.example.org/"),
        ("contact_email: listings@acme-academy.example", "contact_email: contact@EXAMPLE.com"),
        ("  - acme-listings", "  - your-github-username"),
    )
    assert report_lines(Path("catalog")) == [
        f"{PROVIDER}:5:6: warning: url: 'https://www.example.org/' is a placeholder address"
        " (give the real address: example.org, example.com and example.net are reserved for examples)",
        f"{PROVIDER}:8:16: warning: contact_email: 'contact@EXAMPLE.com' is a placeholder address"
        " (give an address people can write to)",
        f"{PROVIDER}:10:5: warning: maintainers[0]: 'your-github-username' is a placeholder"
        " (give the GitHub usernames of the people who may change this folder)",
    ]


def test_example_hosts_are_matched_exactly(base_catalog: Path) -> None:
    replace_in(
        base_catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml",
        ("url: https://acme-academy.example/spreadsheet-basics", "url: https://courses.example.net/sheets"),
        ("  type: internal\n", "  type: accredited\n  bodies:\n    - name: Real Body\n"
         "      url: https://example.org.real-body.example/\n      evidence_url: http://Example.COM/evidence\n"),
    )
    assert report_lines(Path("catalog")) == [
        f"{LISTING}:8:6: warning: url: 'https://courses.example.net/sheets' is a placeholder address"
        " (give the real address: example.org, example.com and example.net are reserved for examples)",
        f"{LISTING}:34:21: warning: quality_assurance.bodies[0].evidence_url: 'http://Example.COM/evidence' is a"
        " placeholder address (give the real address: example.org, example.com and example.net are reserved for examples)",
    ]


def test_a_value_marked_todo_by_credcat_new_warns_until_the_mark_goes(base_catalog: Path) -> None:
    listing = base_catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml"
    replace_in(listing, ("learning_outcomes:\n", "# TODO: replace this placeholder\nlearning_outcomes:\n"))
    assert report_lines(Path("catalog")) == [
        f"{LISTING}:17:1: warning: learning_outcomes: marked TODO by credcat new"
        " (check the value, change it if needed, then delete the '# TODO' line above it)",
    ]
    replace_in(listing, ("# TODO: replace this placeholder\n", ""))
    assert report_lines(Path("catalog")) == []
