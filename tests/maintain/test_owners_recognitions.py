"""Ownership of recognitions: a claim is confirmed only in the recognizer's own folder, so only
the recognizer's maintainers may write there; a provider cannot confirm its own claim by writing
a recognition into another provider's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from credcat.cli import main
from support.git import commit, git, write

RECOGNITION = "id: intro-credit\nas: credit\ncredential: acme/intro\ntowards: BSc Data\ncredits: 5\n"


@pytest.fixture
def repo(git_repository: Path) -> Path:
    """main: steward maintains the catalog, alice the provider acme, ulla the university uni."""
    repo = git_repository
    write(repo, "MAINTAINERS.yml", "maintainers:\n  - steward\n")
    write(repo, "catalog/taxonomy/subjects.yml", "- id: statistics\n")
    write(repo, "catalog/providers/acme/provider.yml", "id: acme\nmaintainers:\n  - alice\n")
    write(repo, "catalog/providers/acme/credentials/intro.yml", "id: intro\n")
    write(repo, "catalog/providers/uni/provider.yml", "id: uni\ntype: university\nmaintainers:\n  - ulla\n")
    commit(repo, "catalog")
    git(repo, "checkout", "-q", "-b", "change")
    return repo


def owners(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, list[str]]:
    code = main(["owners", *arguments])
    return code, capsys.readouterr().out.splitlines()


def test_a_provider_cannot_confirm_its_own_claim_in_the_recognizers_folder(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "catalog/providers/uni/recognitions/intro-credit.yml", RECOGNITION)
    commit(repo, "acme confirms itself in uni's name")
    assert owners(capsys, "--base", "main", "--author", "alice") == (
        1,
        [
            "catalog/providers/uni/recognitions/intro-credit.yml:1:1: error: alice is not a maintainer of provider 'uni' "
            "(ask @ulla to make or approve it)",
            "1 error, 0 warnings in 1 file (1 files checked)",
        ],
    )


def test_the_recognizers_maintainer_may_confirm_it(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "catalog/providers/uni/recognitions/intro-credit.yml", RECOGNITION)
    commit(repo, "uni confirms acme's credit")
    assert owners(capsys, "--base", "main", "--author", "ulla") == (0, ["1 files checked, no problems"])
