"""The contributor guide: one source for the repository and the site, and what it tells people exists."""

from __future__ import annotations

import re

import pytest

from credcat.cli import main
from support import REPO

GUIDE = REPO / "CONTRIBUTING.md"
REPOSITORY = "https://github.com/credcat/credcat/"


def test_the_site_page_is_the_same_file() -> None:
    page = REPO / "docs" / "contributing.md"
    assert page.is_symlink() and page.resolve() == GUIDE.resolve()


def test_every_command_the_guide_shows_is_a_real_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    shown = set(re.findall(r"credcat (new provider|new credential|new pathway|[a-z-]+)", GUIDE.read_text()))
    assert {"new provider", "new credential", "new pathway", "owners"} <= shown
    for command in sorted(shown):
        with pytest.raises(SystemExit) as exit_info:
            main([*command.split(), "--help"])
        assert exit_info.value.code == 0, command
    capsys.readouterr()


def test_links_into_the_repository_name_files_that_exist() -> None:
    targets = re.findall(re.escape(REPOSITORY) + r"(?:tree|blob)/main/([^)\s]+)", GUIDE.read_text())
    assert targets
    assert [target for target in targets if not (REPO / target).exists()] == []


def test_make_targets_the_guide_names_exist() -> None:
    makefile = (REPO / "Makefile").read_text()
    for target in set(re.findall(r"`make ([a-z-]+)`", GUIDE.read_text())) | {"install", "validate"}:
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
