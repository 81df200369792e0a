"""Validating again after a save (what `credcat serve` does): a run given the previous report
finds exactly what a fresh run finds, while reusing the results of the files the save cannot
affect."""

from __future__ import annotations

import shutil
from pathlib import Path

from credcat.check.validate import Report, validate_catalog
from support import REPO, TODAY

PYTHON = "providers/northbridge-university/credentials/python-for-data-analysis.yml"
GRID = "providers/heliogrid-energy/credentials/grid-data-analyst-badge.yml"  # names PYTHON as a prerequisite
FIRST_AID = "providers/southern-cross-care-academy/credentials/first-aid-and-cpr.yml"


def lines(report: Report) -> list[str]:
    return [f"{problem.path}:{problem.line}:{problem.column}: {problem.field}: {problem.message}" for problem in report.problems]


def again(root: Path, previous: Report, *, same_files: bool = False) -> Report:
    """The run after a save, and a fresh run of the same catalog, which it must match."""
    reused = validate_catalog(root, today=TODAY, previous=previous, same_files=same_files)
    assert lines(reused) == lines(validate_catalog(root, today=TODAY))
    return reused


def result_of(report: Report, root: Path, path: str) -> object:
    assert report.reusable is not None
    return report.reusable.results[f"{root}/{path}"][1]


def test_a_run_after_a_save_finds_what_a_fresh_run_finds_and_reuses_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(REPO / "catalog", root)
    first = validate_catalog(root, today=TODAY, reusable=True)
    assert first.problems == []

    # An edit that breaks one file: only it is read again.
    python = root / PYTHON
    python.write_text(python.read_text(encoding="utf-8").replace("hours: 50", "hours: -5"), encoding="utf-8")
    second = again(root, first, same_files=True)
    assert [line.split(": ", 1)[0].removeprefix(f"{root}/") for line in lines(second)] == [f"{PYTHON}:48:10"]
    assert result_of(second, root, FIRST_AID) is result_of(first, root, FIRST_AID)
    assert result_of(second, root, PYTHON) is not result_of(first, root, PYTHON)

    # A deleted listing: the file that names it is read again and now has an error.
    python.unlink()
    third = again(root, second)
    assert any(GRID in line and "northbridge-university/python-for-data-analysis" in line for line in lines(third))
    assert result_of(third, root, FIRST_AID) is result_of(first, root, FIRST_AID)

    # It comes back: the error goes with it.
    shutil.copy(REPO / "catalog" / PYTHON, python)
    fourth = again(root, third)
    assert fourth.problems == []

    # An edit that the cross-file rules judge (two listings of one provider with one name, and
    # a lookalike of it): they run again, though the file itself is valid.
    text = python.read_text(encoding="utf-8")
    python.write_text(text.replace("name: Python for Data Analysis", "name: Applied Statistical Modelling"), encoding="utf-8")
    assert any("has the same name" in line for line in lines(again(root, fourth, same_files=True)))
    python.write_text(text.replace("name: Python for Data Analysis", "name: Applied Statistical Mоdelling"), encoding="utf-8")  # Cyrillic о
    assert any("looks like" in line for line in lines(again(root, fourth, same_files=True)))


def test_a_changed_taxonomy_checks_every_file_again(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(REPO / "catalog", root)
    first = validate_catalog(root, today=TODAY, reusable=True)
    industries = root / "taxonomy" / "industries.yml"
    text = industries.read_text(encoding="utf-8")
    start = text.index("\n- id: information\n")
    end = text.index("\n- id:", start + 1)
    industries.write_text(text[:start] + text[end:], encoding="utf-8")
    second = again(root, first)
    assert sum("industries" in line and "information" in line for line in lines(second)) >= 2
    assert result_of(second, root, FIRST_AID) is not result_of(first, root, FIRST_AID)
