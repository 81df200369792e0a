"""Ownership: who may change which files, judged in a git repository made for each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from credcat.cli import main
from credcat.maintain.owners import generate_codeowners
from credcat.maintain.revisions import WorkingTree
from support import REPO
from support.git import commit, git, write


@pytest.fixture
def repo(git_repository: Path) -> Path:
    """main: steward maintains the catalog, alice the provider acme, bob the provider beta."""
    repo = git_repository
    write(repo, "MAINTAINERS.yml", "maintainers:\n  - steward\n")
    write(repo, "catalog/taxonomy/subjects.yml", "- id: statistics\n")
    write(repo, "catalog/providers/acme/provider.yml", "id: acme\nmaintainers:\n  - alice\n")
    write(repo, "catalog/providers/acme/credentials/intro.yml", "id: intro\n")
    write(repo, "catalog/providers/beta/provider.yml", "id: beta\nmaintainers:\n  - bob\n  - Bob-Two\n")
    write(repo, "catalog/providers/beta/credentials/basics.yml", "id: basics\n")
    commit(repo, "catalog")
    git(repo, "checkout", "-q", "-b", "change")
    return repo


def owners(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, list[str]]:
    code = main(["owners", *arguments])
    return code, capsys.readouterr().out.splitlines()


def test_a_maintainer_may_change_their_own_provider(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "catalog/providers/acme/credentials/intro.yml", "id: intro\nname: Intro\n")
    write(repo, "catalog/providers/acme/credentials/more.yml", "id: more\n")
    commit(repo, "acme listings")
    assert owners(capsys, "--base", "main", "--author", "alice") == (0, ["2 files checked, no problems"])


def test_usernames_compare_without_case(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "catalog/providers/beta/credentials/basics.yml", "id: basics\nname: Basics\n")
    commit(repo, "beta listing")
    assert owners(capsys, "--base", "main", "--author", "bob-two")[0] == 0


def test_nobody_may_change_another_providers_listings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "catalog/providers/beta/credentials/basics.yml", "id: basics\nname: Mine now\n")
    commit(repo, "take over beta")
    assert owners(capsys, "--base", "main", "--author", "alice") == (
        1,
        [
            "catalog/providers/beta/credentials/basics.yml:1:1: error: alice is not a maintainer of provider 'beta' "
            "(ask @bob, @Bob-Two to make or approve it)",
            "1 error, 0 warnings in 1 file (1 files checked)",
        ],
    )


def test_a_change_cannot_grant_its_author_rights(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "catalog/providers/beta/provider.yml", "id: beta\nmaintainers:\n  - bob\n  - alice\n")
    write(repo, "MAINTAINERS.yml", "maintainers:\n  - steward\n  - alice\n")
    commit(repo, "alice everywhere")
    code, lines = owners(capsys, "--base", "main", "--author", "alice")
    assert code == 1
    assert lines == [
        "MAINTAINERS.yml:1:1: error: only catalog maintainers may change files outside catalog/providers/, "
        "and alice is not one (ask @steward to make or approve it)",
        "catalog/providers/beta/provider.yml:1:1: error: alice is not a maintainer of provider 'beta' "
        "(ask @bob, @Bob-Two to make or approve it)",
        "2 errors, 0 warnings in 2 files (2 files checked)",
    ]


def test_files_outside_provider_folders_need_a_catalog_maintainer(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "catalog/taxonomy/subjects.yml", "- id: statistics\n- id: poetry\n")
    commit(repo, "taxonomy")
    assert owners(capsys, "--base", "main", "--author", "alice")[1][0] == (
        "catalog/taxonomy/subjects.yml:1:1: error: only catalog maintainers may change files outside "
        "catalog/providers/, and alice is not one (ask @steward to make or approve it)"
    )
    assert owners(capsys, "--base", "main", "--author", "steward") == (0, ["1 files checked, no problems"])


def test_anyone_may_start_a_provider_that_lists_them(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "catalog/providers/gamma/provider.yml", "id: gamma\nmaintainers:\n  - carol\n")
    write(repo, "catalog/providers/gamma/credentials/first.yml", "id: first\n")
    commit(repo, "new provider")
    assert owners(capsys, "--base", "main", "--author", "carol")[0] == 0
    assert owners(capsys, "--base", "main", "--author", "mallory") == (
        1,
        [
            "catalog/providers/gamma/provider.yml:2:1: error: maintainers: a new provider folder must list its author; "
            "mallory is not under maintainers (add mallory to maintainers)",
            "1 error, 0 warnings in 1 file (2 files checked)",
        ],
    )


def test_a_new_provider_folder_needs_a_provider_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "catalog/providers/delta/credentials/first.yml", "id: first\n")
    commit(repo, "orphan listing")
    assert owners(capsys, "--base", "main", "--author", "carol")[1][0] == (
        "catalog/providers/delta/credentials/first.yml:1:1: error: provider folder 'delta' is new and has no "
        "provider.yml (add provider.yml and list yourself under maintainers (credcat new provider))"
    )


def test_codeowners_may_change_along_with_maintainers_when_regenerated(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, ".github/CODEOWNERS", generate_codeowners(WorkingTree(repo)))
    commit(repo, "codeowners")
    git(repo, "checkout", "-q", "-B", "main")
    git(repo, "checkout", "-q", "-b", "gamma")
    write(repo, "catalog/providers/gamma/provider.yml", "id: gamma\nmaintainers:\n  - carol\n")
    assert main(["owners", "--codeowners", "--write"]) == 0
    commit(repo, "gamma with owners")
    capsys.readouterr()
    assert owners(capsys, "--base", "main", "--author", "carol") == (0, ["2 files checked, no problems"])

    write(repo, ".github/CODEOWNERS", (repo / ".github/CODEOWNERS").read_text() + "* @carol\n")
    commit(repo, "carol owns everything")
    assert owners(capsys, "--base", "main", "--author", "carol")[1][0].startswith(
        ".github/CODEOWNERS:1:1: error: this file is part of the tool that checks pull requests: only catalog maintainers"
    )


@pytest.mark.parametrize(
    "path",
    ["scripts/credcat/maintain/owners.py", "schema/credential.schema.json", ".github/workflows/validate.yml", "Makefile",
     "pyproject.toml", "constraints.txt", "mkdocs.yml", "theme/catalog/listing.html"],
)
def test_a_change_to_the_tool_that_judges_pull_requests_needs_a_catalog_maintainer(
    repo: Path, capsys: pytest.CaptureFixture[str], path: str
) -> None:
    """A pull request that edits the checker could approve itself: the tool is the catalog maintainers' alone."""
    write(repo, "catalog/providers/acme/credentials/intro.yml", "id: intro\nname: Intro\n")
    write(repo, path, "# everyone may change everything\n")
    commit(repo, "acme listing and the tool")
    assert owners(capsys, "--base", "main", "--author", "alice") == (
        1,
        [
            f"{path}:1:1: error: this file is part of the tool that checks pull requests: only catalog maintainers may "
            "change it, and alice is not one (ask @steward to make or approve it)",
            "1 error, 0 warnings in 1 file (2 files checked)",
        ],
    )
    assert owners(capsys, "--base", "main", "--author", "steward")[0] == 0


def test_rights_removed_on_the_target_since_the_branch_started_are_gone(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """owners --base reads rights from the target's current head, not from the merge base where the branch started."""
    write(repo, "catalog/providers/acme/credentials/intro.yml", "id: intro\nname: Still mine\n")
    commit(repo, "alice edits acme")
    git(repo, "checkout", "-q", "main")
    write(repo, "catalog/providers/acme/provider.yml", "id: acme\nmaintainers:\n  - dave\n")
    commit(repo, "acme hands its listings to dave")
    git(repo, "checkout", "-q", "change")
    assert owners(capsys, "--base", "main", "--author", "alice") == (
        1,
        [
            "catalog/providers/acme/credentials/intro.yml:1:1: error: alice is not a maintainer of provider 'acme' "
            "(ask @dave to make or approve it)",
            "1 error, 0 warnings in 1 file (1 files checked)",
        ],
    )
    assert owners(capsys, "--base", "main", "--author", "dave") == (0, ["1 files checked, no problems"])


def test_changed_files_may_be_named_directly(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    absolute = str(repo / "catalog/providers/beta/credentials/basics.yml")
    assert owners(
        capsys, "--changed", "catalog/providers/acme/credentials/intro.yml", absolute, "--author", "alice"
    ) == (
        1,
        [
            "catalog/providers/beta/credentials/basics.yml:1:1: error: alice is not a maintainer of provider 'beta' "
            "(ask @bob, @Bob-Two to make or approve it)",
            "1 error, 0 warnings in 1 file (2 files checked)",
        ],
    )


def test_github_format_annotates_the_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = owners(
        capsys, "--changed", "catalog/providers/beta/provider.yml", "--author", "alice", "--format", "github"
    )
    assert code == 1
    assert lines[0] == (
        "::error file=catalog/providers/beta/provider.yml,line=1,col=1,title=credcat ownership::"
        "alice is not a maintainer of provider 'beta' (ask @bob, @Bob-Two to make or approve it)"
    )


def test_generated_codeowners(repo: Path) -> None:
    assert generate_codeowners(WorkingTree(repo)).splitlines()[-3:] == [
        "* @steward",
        "/catalog/providers/acme/ @alice @steward",
        "/catalog/providers/beta/ @bob @Bob-Two @steward",
    ]


def test_codeowners_check_names_the_fix(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["owners", "--codeowners", "--check"]) == 1
    assert capsys.readouterr().err == (
        ".github/CODEOWNERS is not up to date. Run `credcat owners --codeowners --write`.\n"
    )
    assert main(["owners", "--codeowners", "--write"]) == 0
    assert main(["owners", "--codeowners", "--check"]) == 0


def test_usage_errors(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["owners", "--base", "no-such-branch", "--author", "alice"])
    assert exit_info.value.code == 2
    assert "credcat: error: 'no-such-branch' is not a commit" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["owners", "--author", "alice"])
    assert exit_info.value.code == 2


def test_the_committed_codeowners_is_up_to_date(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    code = main(["owners", "--codeowners", "--check"])
    assert code == 0, capsys.readouterr().err
