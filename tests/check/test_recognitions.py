"""Recognition rules that need more than one file to show: a recognition of a retired listing,
and a listing's claim naming a recognizer that is not in the catalog."""

from __future__ import annotations

from pathlib import Path

from credcat.check.report import render_text
from credcat.check.validate import validate_catalog
from support import TODAY

FOLDER = "providers/acme-academy"


def report_lines(catalog: Path) -> list[str]:
    report = validate_catalog(catalog, today=TODAY)
    return render_text(report.problems, report.files_checked).splitlines()[:-1]


def write_recognition(catalog: Path, text: str) -> None:
    (catalog / FOLDER / "recognitions").mkdir(exist_ok=True)
    (catalog / FOLDER / "recognitions" / "credit.yml").write_text(text, encoding="utf-8")


def test_a_recognition_of_a_retired_listing_is_a_warning(base_catalog: Path) -> None:
    listing = base_catalog / FOLDER / "credentials" / "spreadsheet-basics.yml"
    listing.write_text(listing.read_text(encoding="utf-8").replace("status: active", "status: retired"), encoding="utf-8")
    write_recognition(base_catalog, "id: credit\nas: credit\ncredential: acme-academy/spreadsheet-basics\ntowards: Office Skills\n")
    assert report_lines(Path("catalog")) == [
        f"catalog/{FOLDER}/recognitions/credit.yml:3:13: warning: credential: 'acme-academy/spreadsheet-basics' is retired"
        " (delete the recognition, or keep it while learners who earned the listing may still claim it)"
    ]


def test_a_listing_names_its_recognizer_by_provider_id(base_catalog: Path) -> None:
    listing = base_catalog / FOLDER / "credentials" / "spreadsheet-basics.yml"
    claim = "stackability:\n  counts_toward:\n    - name: Office Skills\n      awarded_by: acme-acadmey\n"
    listing.write_text(listing.read_text(encoding="utf-8").replace("dates:", claim + "dates:"), encoding="utf-8")
    lines = report_lines(Path("catalog"))
    assert lines[0].endswith(
        "error: stackability.counts_toward[0].awarded_by: 'acme-acadmey' is not a provider in the catalog (did you mean 'acme-academy'?)"
    )
    assert len(lines) == 1


def test_a_current_recognition_of_an_active_listing_passes(base_catalog: Path) -> None:
    write_recognition(
        base_catalog,
        "id: credit\nas: exemption\ncredential: acme-academy/spreadsheet-basics\ntowards: Office Skills\nvalid_until: '2026-11-28'\n",
    )
    assert report_lines(Path("catalog")) == []
