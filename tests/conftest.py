"""Shared fixtures: a small valid catalog in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]
EXAMPLES = Path(__file__).parent / "examples"


@pytest.fixture
def base_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tests/examples/base plus the real taxonomy at ./catalog, with the working directory at its parent."""
    catalog = tmp_path / "catalog"
    shutil.copytree(EXAMPLES / "base", catalog)
    shutil.copytree(REPO / "catalog" / "taxonomy", catalog / "taxonomy")
    monkeypatch.chdir(tmp_path)
    return catalog
