"""validate_catalog itself: work shared between processes gives the same report as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from credcat.check import validate
from measure.synthetic import generate_catalog
from support import TODAY


def spoil(catalog: Path) -> None:
    """Put a cycle, a duplicate name, an enum typo and a broken file into a synthetic catalog."""
    listings = sorted((catalog / "providers").glob("*/credentials/*.yml"))
    first, second = [path for path in listings if "prerequisites:" not in path.read_text(encoding="utf-8")][:2]
    for listing, other in ((first, second), (second, first)):
        ref = f"{other.parent.parent.name}/{other.stem}"
        text = listing.read_text(encoding="utf-8")
        listing.write_text(f"{text}prerequisites:\n  credentials:\n    - {ref}\n", encoding="utf-8")
    listings = [path for path in listings if path not in (first, second)]
    twin = listings[2].with_name("twin-listing.yml")
    twin.write_text(listings[2].read_text(encoding="utf-8").replace(f"id: {listings[2].stem}", "id: twin-listing"), encoding="utf-8")
    typo = listings[3]
    typo.write_text(typo.read_text(encoding="utf-8").replace("status: ", "status: activ", 1), encoding="utf-8")
    listings[4].write_text("id: [broken\n", encoding="utf-8")


def test_processes_and_one_process_report_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generate_catalog(tmp_path / "catalog", 60)
    spoil(tmp_path / "catalog")
    monkeypatch.chdir(tmp_path)
    alone = validate.validate_catalog(Path("catalog"), today=TODAY)
    monkeypatch.setattr(validate, "PARALLEL_FROM_FILES", 10)
    shared = validate.validate_catalog(Path("catalog"), today=TODAY, jobs=2, keep_documents=False)
    kept = validate.validate_catalog(Path("catalog"), today=TODAY, jobs=2)
    assert shared.catalog is None and alone.catalog is not None and kept.catalog is not None
    assert {problem.rule for problem in alone.problems} >= {"cycle", "duplicate-name", "schema", "load"}
    assert shared.problems == kept.problems == alone.problems
    assert (shared.files_checked, shared.schema_valid) == (kept.files_checked, kept.schema_valid) == (alone.files_checked, alone.schema_valid)
    assert ({path: document.data for path, document in kept.catalog.documents_by_path.items()}
            == {path: document.data for path, document in alone.catalog.documents_by_path.items()})
    assert kept.catalog.placements == alone.catalog.placements
