"""Fixtures of the maintenance commands' tests: a git repository to change."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.git import new_repository


@pytest.fixture
def git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository on branch main in a temporary folder that is the working directory."""
    monkeypatch.chdir(tmp_path)
    return new_repository(tmp_path)
