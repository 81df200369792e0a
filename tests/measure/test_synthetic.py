"""The benchmark's synthetic catalogs: valid, realistic in size and variety, the same bytes for a seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from credcat.check.validate import validate_catalog
from credcat.resources import SCHEMA_DIR
from measure.synthetic import LISTING_BYTES, generate_catalog, main
from support import TODAY

COUNT = 200


def _tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic") / "catalog"
    generate_catalog(root, COUNT, seed=7)
    return root


def test_synthetic_catalog_validates_clean(catalog: Path) -> None:
    report = validate_catalog(catalog, today=TODAY)
    assert [f"{problem.path}:{problem.line}: {problem.message}" for problem in report.problems] == []
    assert len(report.catalog.credentials) == COUNT
    assert len(report.catalog.providers) == COUNT // 20
    assert len(report.catalog.pathways) >= 3


def test_same_seed_gives_the_same_bytes(catalog: Path, tmp_path: Path) -> None:
    generate_catalog(tmp_path / "again", COUNT, seed=7)
    assert _tree(tmp_path / "again") == _tree(catalog)


def test_another_seed_gives_other_listings(catalog: Path, tmp_path: Path) -> None:
    generate_catalog(tmp_path / "other", COUNT, seed=8)
    assert _tree(tmp_path / "other") != _tree(catalog)


def test_listings_have_realistic_sizes(catalog: Path) -> None:
    sizes = [path.stat().st_size for path in catalog.glob("providers/*/credentials/*.yml")]
    smallest, largest = LISTING_BYTES
    assert len(sizes) == COUNT
    assert smallest <= min(sizes) and max(sizes) <= largest


def test_listings_use_every_enum_value(catalog: Path) -> None:
    schema = json.loads((SCHEMA_DIR / "credential.schema.json").read_text(encoding="utf-8"))["properties"]
    report = validate_catalog(catalog, today=TODAY)
    listings = [document.data for document in report.catalog.credentials.values()]
    for name, pick in (
        ("credential_type", lambda data: data["credential_type"]),
        ("status", lambda data: data["status"]),
        ("delivery.mode", lambda data: data["delivery"]["mode"]),
        ("delivery.pacing", lambda data: data["delivery"]["pacing"]),
        ("assessment.type", lambda data: data["assessment"]["type"]),
        ("cost.model", lambda data: data["cost"]["model"]),
        ("quality_assurance.type", lambda data: data["quality_assurance"]["type"]),
        ("level.audience", lambda data: data["level"]["audience"]),
    ):
        field_schema = {"properties": schema}
        for part in name.split("."):
            field_schema = field_schema["properties"][part]
        assert {pick(data) for data in listings} == set(field_schema["enum"]), name
    assert any(data.get("prerequisites", {}).get("credentials") for data in listings)


def test_command_refuses_a_folder_that_is_not_empty(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--count", "5", "--out", str(catalog)])
    assert stopped.value.code == 2
    assert capsys.readouterr().err == f"synthetic: error: {catalog} is not empty\n"
