"""credcat diff on recognitions: added, changed and withdrawn, each named by what it recognises."""

from __future__ import annotations

from pathlib import Path

import pytest

from credcat.cli import main
from support.git import commit, git, write

FOLDER = "catalog/providers/uni/recognitions"


@pytest.fixture
def history(git_repository: Path) -> Path:
    """main: the university uni confirms two of acme's listings; the branch `change` edits that."""
    repo = git_repository
    write(repo, "catalog/providers/uni/provider.yml", "id: uni\nname: Uni\nmaintainers: [ulla]\n")
    write(repo, f"{FOLDER}/sql.yml", "id: sql\nas: credit\ncredential: acme/sql\ntowards: BSc Data\ncredits: 5\n")
    write(repo, f"{FOLDER}/excel.yml", "id: excel\nas: exemption\ncredential: acme/excel\ntowards: BSc Data\n")
    write(repo, "catalog/taxonomy/subjects.yml", "- id: statistics\n")
    commit(repo, "base")
    git(repo, "checkout", "-q", "-b", "change")
    return repo


def test_recognitions_added_changed_and_withdrawn(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(history, f"{FOLDER}/sql.yml", "id: sql\nas: credit\ncredential: acme/sql\ntowards: BSc Data\ncredits: 7.5\n")
    (history / FOLDER / "excel.yml").unlink()
    write(history, f"{FOLDER}/acme.yml", "id: acme\nas: accreditation\nprovider: acme\n")
    commit(history)
    base, head = git(history, "rev-parse", "main"), git(history, "rev-parse", "HEAD")

    assert main(["diff", "main"]) == 0
    assert capsys.readouterr().out == f"""\
## Catalog changes

Comparing `{base[:12]}` with `{head[:12]}`.

1 added; 1 changed; 1 withdrawn.

### Added

- recognition `uni/acme` accreditation of acme

### Withdrawn

- recognition `uni/excel` exemption of acme/excel toward BSc Data

### Changed

- recognition `uni/sql` credit of acme/sql toward BSc Data

  | field | before | after |
  |---|---|---|
  | `credits` | `5` | `7.5` |
"""
