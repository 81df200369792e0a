"""credcat diff: the Markdown change summary for a fixture history made in each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from credcat.cli import main
from support.git import commit, git, write


def listing(identifier: str, name: str, *, status: str = "active", amount: int = 100, extra: str = "") -> str:
    return (
        f"id: {identifier}\nname: {name}\nstatus: {status}\nlanguages: [en]\n"
        f"cost:\n  model: paid\n  amount: {amount}\n  currency: EUR\n{extra}"
    )


@pytest.fixture
def history(git_repository: Path) -> Path:
    """main holds four acme listings and a pathway; the branch `change` edits them."""
    repo = git_repository
    write(repo, "catalog/providers/acme/provider.yml", "id: acme\nname: Acme\nmaintainers: [alice]\n")
    write(repo, "catalog/providers/acme/credentials/sql.yml", listing("sql", "SQL Basics"))
    write(repo, "catalog/providers/acme/credentials/excel.yml", listing("excel", "Excel Skills"))
    write(repo, "catalog/providers/acme/credentials/cobol.yml", listing("cobol", "COBOL Today"))
    write(
        repo,
        "catalog/providers/acme/credentials/mainframes.yml",
        listing("mainframes", "Mainframes", extra="prerequisites:\n  credentials:\n    - acme/cobol\n"),
    )
    write(
        repo,
        "catalog/providers/acme/pathways/analyst.yml",
        "id: analyst\nname: Analyst Route\nsteps:\n  - credentials: [acme/sql]\n  - credentials: [acme/excel]\n",
    )
    write(repo, "catalog/taxonomy/subjects.yml", "- id: statistics\n")
    commit(repo, "base")
    git(repo, "checkout", "-q", "-b", "change")
    return repo


def test_summary_of_added_changed_retired_and_pathways(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(history, "catalog/providers/acme/credentials/sql.yml", listing("sql", "SQL Basics | for <b>analysts</b>", amount=120))
    write(history, "catalog/providers/acme/credentials/excel.yml", listing("excel", "Excel Skills", status="retired"))
    write(history, "catalog/providers/acme/credentials/python.yml", listing("python", "Python *Fast*"))
    commit(history)
    base, head = git(history, "rev-parse", "main"), git(history, "rev-parse", "HEAD")

    assert main(["diff", "main"]) == 0
    assert (
        capsys.readouterr().out
        == f"""\
## Catalog changes

Comparing `{base[:12]}` with `{head[:12]}`.

1 added; 1 changed; 1 retired; 1 pathway affected.

### Added

- listing `acme/python` Python \\*Fast\\*

### Retired

- listing `acme/excel` Excel Skills

  | field | before | after |
  |---|---|---|
  | `status` | `active` | `retired` |


### Changed

- listing `acme/sql` SQL Basics \\| for \\<b\\>analysts\\</b\\>

  | field | before | after |
  |---|---|---|
  | `name` | `SQL Basics` | `SQL Basics \\| for <b>analysts</b>` |
  | `cost.amount` | `100` | `120` |

### Pathways affected

- `acme/analyst` Analyst Route: `acme/sql` (changed), `acme/excel` (retired)
"""
    )


def test_removing_a_referenced_listing_is_an_error(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (history / "catalog/providers/acme/credentials/cobol.yml").unlink()
    (history / "catalog/providers/acme/credentials/sql.yml").unlink()
    commit(history)
    assert main(["diff", "main", "HEAD"]) == 1
    captured = capsys.readouterr()
    assert "### Removed\n\n- listing `acme/cobol` COBOL Today\n- listing `acme/sql` SQL Basics\n" in captured.out
    assert "- `acme/analyst` Analyst Route: `acme/sql` (removed)\n" in captured.out
    assert captured.err.splitlines() == [
        "catalog/providers/acme/credentials/mainframes.yml:11:7: error: prerequisites.credentials[0]: 'acme/cobol' is "
        "removed by this change but still referenced here (keep the listing and set status: retired, or remove this "
        "reference too)",
        "catalog/providers/acme/pathways/analyst.yml:4:19: error: steps[0].credentials[0]: 'acme/sql' is removed "
        "by this change but still referenced here (keep the listing and set status: retired, or remove this "
        "reference too)",
        "2 errors, 0 warnings in 2 files (2 files checked)",
    ]
    assert "### Problems\n\n- catalog/providers/acme/credentials/mainframes.yml:11:7: error:" in captured.out


def test_removing_a_listing_with_its_references_is_fine(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (history / "catalog/providers/acme/credentials/cobol.yml").unlink()
    write(history, "catalog/providers/acme/credentials/mainframes.yml", listing("mainframes", "Mainframes"))
    commit(history)
    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out
    assert "1 changed; 1 removed." in out
    assert '  | `prerequisites` | `{"credentials": ["acme/cobol"]}` | (absent) |' in out


def test_the_base_is_where_the_branch_started(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(history, "catalog/providers/acme/credentials/python.yml", listing("python", "Python"))
    commit(history)
    git(history, "checkout", "-q", "main")
    write(history, "catalog/providers/acme/credentials/rust.yml", listing("rust", "Rust"))
    commit(history)
    git(history, "checkout", "-q", "change")
    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out
    assert "- listing `acme/python` Python" in out
    assert "rust" not in out


def test_other_files_and_unreadable_listings_are_named(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (history / "catalog/taxonomy/subjects.yml").write_text("- id: statistics\n- id: poetry\n")
    write(history, "catalog/providers/acme/credentials/sql.yml", "id: sql\nid: twice\n")
    commit(history)
    assert main(["diff", "main"]) == 0
    assert capsys.readouterr().out.endswith(
        "### Other files\n\n"
        "- `catalog/providers/acme/credentials/sql.yml` (could not be read; see credcat validate)\n"
        "- `catalog/taxonomy/subjects.yml`\n"
    )


def test_no_changes(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "main"]) == 0
    assert capsys.readouterr().out.endswith("No catalog files changed.\n")


def test_an_unknown_revision_is_a_usage_error(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["diff", "nope"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.startswith("credcat: error: 'nope' is not a commit of the repository")


def test_worktree_includes_uncommitted_and_untracked_work(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Edits not yet committed, a new file not yet added and a deleted file all count with --worktree."""
    write(history, "catalog/providers/acme/credentials/excel.yml", listing("excel", "Excel Skills", status="retired"))
    write(history, "catalog/providers/acme/credentials/python.yml", listing("python", "Python"))
    (history / "catalog/providers/acme/credentials/sql.yml").unlink()
    base = git(history, "rev-parse", "main")
    assert main(["diff", "main"]) == 0
    assert capsys.readouterr().out.endswith("No catalog files changed.\n")
    assert main(["diff", "main", "--worktree"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(
        f"## Catalog changes\n\nComparing `{base[:12]}` with the working tree.\n\n1 added; 1 retired; 1 removed; 1 pathway affected.\n"
    )
    assert "- listing `acme/python` Python\n" in captured.out
    assert "- `acme/analyst` Analyst Route: `acme/sql` (removed), `acme/excel` (retired)\n" in captured.out
    assert captured.err.splitlines()[0] == (
        "catalog/providers/acme/pathways/analyst.yml:4:19: error: steps[0].credentials[0]: 'acme/sql' is removed "
        "by this change but still referenced here (keep the listing and set status: retired, or remove this "
        "reference too)"
    )


def test_worktree_and_a_head_revision_do_not_go_together(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["diff", "main", "HEAD", "--worktree"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == "credcat: error: give either HEAD or --worktree, not both\n"


def test_worktree_never_follows_a_symbolic_link(history: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    """A link in the catalog to a file elsewhere is named as unreadable; what it points at is never read."""
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.yml"
    secret.write_text("id: leak\nname: SECRET-CONTENT\n", encoding="utf-8")
    (history / "catalog/providers/acme/credentials/leak.yml").symlink_to(secret)
    assert main(["diff", "main", "--worktree"]) == 0
    out = capsys.readouterr().out
    assert "SECRET" not in out
    assert out.endswith("### Other files\n\n- `catalog/providers/acme/credentials/leak.yml` (could not be read; see credcat validate)\n")


def test_the_change_summary_lists_lookalike_names(git_repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repository
    write(repo, "catalog/providers/acme/provider.yml", "id: acme\nname: Acme Academy\nmaintainers: [alice]\n")
    write(repo, "catalog/providers/acme/credentials/sql.yml", "id: sql\nname: SQL Basics\n")
    write(repo, "catalog/taxonomy/subjects.yml", "- id: statistics\n")
    commit(repo, "base")
    git(repo, "checkout", "-q", "-b", "change")
    write(repo, "catalog/providers/acrne/provider.yml", "id: acrne\nname: Acme Academy\nmaintainers: [mallory]\n")
    write(repo, "catalog/providers/acrne/credentials/sql.yml", "id: sql\nname: SQL Basi\u0441s <img src=x>\n")
    commit(repo, "a lookalike")
    assert main(["diff", "main"]) == 0  # warnings: the summary says so, validate --strict fails the check
    out = capsys.readouterr().out
    section = out[out.index("### Lookalike names"):]
    assert section.splitlines()[2:] == [
        "Learners could take these for another provider or listing:",
        "",
        "- catalog/providers/acrne/credentials/sql.yml:2:7: warning: name: the word 'Basi\u0441s' mixes Cyrillic and Latin "
        "letters, as lookalike names do (write each word in one script)",
        "- catalog/providers/acrne/provider.yml:1:5: warning: id: the id 'acrne' looks like the id of provider 'acme' "
        "(choose an id that cannot be taken for another provider's)",
        "- catalog/providers/acrne/provider.yml:2:7: warning: name: the name looks the same as that of provider 'acme' "
        "('Acme Academy') (learners cannot tell them apart: choose a name that does, or add to that provider's folder)",
    ]
