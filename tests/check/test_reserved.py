"""Ids that are pages of the site: reserved alike in the schemas and the rules, and every
top-level entry of a built site is among them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from credcat.check.layout import RESERVED_IDS
from credcat.check.report import render_text
from credcat.check.validate import validate_catalog
from credcat.resources import SCHEMA_DIR
from support import TODAY

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_KINDS = ("provider", "credential", "pathway", "recognition")


def schema_of(kind: str, schema_dir: Path = SCHEMA_DIR) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((schema_dir / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize("kind", ID_KINDS)
def test_the_schema_reserves_exactly_the_ids_the_rules_reserve(kind: str) -> None:
    id_schema = schema_of(kind)["properties"]["id"]  # type: ignore[index]
    assert id_schema["not"] == {"enum": sorted(RESERVED_IDS)}
    assert "index" in id_schema["description"] and "reserved" in id_schema["description"]


def test_the_rule_reserves_ids_when_the_schemas_do_not(base_catalog: Path, tmp_path: Path) -> None:
    """With schemas that predate the reservation (`--schema-dir`), the rule still refuses the id."""
    older = tmp_path / "older-schemas"
    shutil.copytree(SCHEMA_DIR, older)
    for kind in ID_KINDS:
        schema = schema_of(kind, older)
        del schema["properties"]["id"]["not"]  # type: ignore[index]
        (older / f"{kind}.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    listing = base_catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml"
    text = listing.read_text(encoding="utf-8").replace("id: spreadsheet-basics", "id: api")
    listing.unlink()
    (listing.parent / "api.yml").write_text(text, encoding="utf-8")
    report = validate_catalog(Path("catalog"), today=TODAY, schema_dir=older)
    assert render_text(report.problems, report.files_checked).splitlines()[:-1] == [
        "catalog/providers/acme-academy/credentials/api.yml:2:5: error: id: 'api' is reserved: it is a page of the site;"
        " choose another id"
    ]


@pytest.mark.slow
def test_every_top_level_entry_of_the_site_is_a_reserved_id(sample_site: Path) -> None:
    """A provider, credential or pathway with one of these ids would take or shadow a page of the site.
    robots.txt is the one exception: the Robots Exclusion Protocol fixes its name, no page or
    folder of the site is called robots, and a provider may well be."""
    stems = {entry.name.split(".")[0] for entry in sample_site.iterdir() if entry.name != "robots.txt"}
    assert {stem for stem in stems if SLUG.match(stem)} <= RESERVED_IDS
