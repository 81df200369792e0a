"""What a serve's update decides alone, without a server: which files changed, which listings
they are, and which listings show them."""

from __future__ import annotations

import shutil
from pathlib import Path

from credcat.catalog.model import build_catalog
from credcat.check.validate import validate_catalog
from credcat.site.incremental import Snapshot, changed_listings, touched_listings
from support import REPO, TODAY

PYTHON = "providers/northbridge-university/credentials/python-for-data-analysis.yml"


def test_a_snapshot_names_the_files_added_changed_and_removed(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("a", encoding="utf-8")
    (tmp_path / "b.yml").write_text("b", encoding="utf-8")
    before = Snapshot.take([tmp_path])
    (tmp_path / "a.yml").write_text("a, longer", encoding="utf-8")
    (tmp_path / "b.yml").unlink()
    (tmp_path / "c.yml").write_text("c", encoding="utf-8")
    expected = sorted(str(tmp_path / name) for name in ("a.yml", "b.yml", "c.yml"))
    assert before.changed(Snapshot.take([tmp_path])) == expected
    # What a watcher reports, looked at again, gives the same snapshot as a walk.
    assert before.after(expected) == Snapshot.take([tmp_path])


def test_only_listing_files_are_an_update() -> None:
    root = REPO / "catalog"
    assert changed_listings(root, [str(root / PYTHON)]) == ({"northbridge-university/python-for-data-analysis"}, None)
    refs, reason = changed_listings(root, [str(root / PYTHON), str(root / "providers/northbridge-university/provider.yml")])
    assert reason == "providers/northbridge-university/provider.yml is not a listing file"


def test_the_listings_that_show_a_changed_one_are_touched_too(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(REPO / "catalog", root)
    catalog = build_catalog(validate_catalog(root, today=TODAY))
    touched = touched_listings(catalog, catalog, {"northbridge-university/python-for-data-analysis"})
    # HelioGrid's badge names it as a prerequisite: its page shows the changed listing's card.
    assert "heliogrid-energy/grid-data-analyst-badge" in touched
    assert "trilha-digital/analise-de-dados-com-sql" not in touched
