"""Lookalike names (item 10 of the hostile-input issue): a provider or listing that passes for
another is warned about in credcat validate and in the change summary; names honestly
written in one other script are not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from credcat.check.layout import Kind
from credcat.check.report import render_text
from credcat.check.rules.lookalikes import NamedEntry, lookalikes, mixed_word, name_keys, skeleton
from credcat.check.validate import validate_catalog
from credcat.cli import main
from support import REPO, TODAY

NORTHBRIDGE = "catalog/providers/northbridge-university"
LOOKALIKE = "catalog/providers/northbridge-unlversity"


@pytest.mark.parametrize(("one", "other"), [
    ("Python for Data Analysis", "Pyth\u043en for Data Analysis"),  # Cyrillic о
    ("\u03a1ython", "Python"),  # Greek capital rho
    ("Data 101", "Data lOl"),
    ("modern", "rnodern"),
    ("PayPal", "PayPaI"),
    ("NORTHBRIDGE  University", "Northbridge University"),
])
def test_lookalikes_share_a_skeleton(one: str, other: str) -> None:
    assert name_keys(one) & name_keys(other)


@pytest.mark.parametrize(("one", "other"), [
    ("Northbridge University", "Northbridge Unlversity"),  # i and l do not look alike in UTS #39
    ("Métiers", "Metiers"),
    ("Οδηγός", "Odigos"),
    ("SQL Basics", "SQL Basic"),
])
def test_different_names_do_not(one: str, other: str) -> None:
    assert not name_keys(one) & name_keys(other)


def test_the_skeleton_of_ascii_and_other_text_agree() -> None:
    """The quick path for ASCII names maps as the per-character one does."""
    assert skeleton("Data 101 modern|") == skeleton("Data 101 modern|\u00e9")[:-2] == "Data lOl rnodernl"


@pytest.mark.parametrize("name", [
    "Υπολογιστικά φύλλα για αρχάριους", "Электронные таблицы и Excel для начинающих", "Python для всех",
    "日本語とPythonの基礎", "한국어 Python 입문", "Café Management", "Ελληνικά — Level A2",
])
def test_names_in_one_script_a_word_do_not_mix(name: str) -> None:
    assert mixed_word(name) is None


@pytest.mark.parametrize(("name", "word", "scripts"), [
    ("Pyth\u043en for Data", "Pyth\u043en", ["CYRILLIC", "LATIN"]),
    ("\u0391cme Academy", "\u0391cme", ["GREEK", "LATIN"]),
])
def test_a_word_that_mixes_scripts_is_found(name: str, word: str, scripts: list[str]) -> None:
    assert mixed_word(name) == (word, scripts)


def test_the_same_listing_name_at_two_providers_is_fine() -> None:
    entries = [NamedEntry(Kind.CREDENTIAL, f"{provider}/intro", "Intro to SQL", f"{provider}.yml") for provider in ("a", "b")]
    assert list(lookalikes(entries)) == []


@pytest.fixture
def lookalike_provider(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample catalog with northbridge-unlversity, named "Northbridge University", and a copied listing."""
    shutil.copytree(REPO / "catalog", tmp_path / "catalog")
    fake = tmp_path / LOOKALIKE
    (fake / "credentials").mkdir(parents=True)
    provider = (REPO / NORTHBRIDGE / "provider.yml").read_text(encoding="utf-8")
    (fake / "provider.yml").write_text(provider.replace("id: northbridge-university", "id: northbridge-unlversity"), encoding="utf-8")
    shutil.copy(REPO / NORTHBRIDGE / "credentials" / "python-for-data-analysis.yml", fake / "credentials")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_warns_at_a_provider_named_like_another(lookalike_provider: Path) -> None:
    report = validate_catalog(Path("catalog"), today=TODAY)
    lines = [line for line in render_text(report.problems, report.files_checked).splitlines() if "lookalike" in line or "looks" in line]
    assert lines == [
        f"{NORTHBRIDGE}/provider.yml:3:7: warning: name: the name looks the same as that of provider 'northbridge-unlversity' "
        "('Northbridge University') (learners cannot tell them apart: choose a name that does, or add to that provider's folder)",
        f"{LOOKALIKE}/provider.yml:3:7: warning: name: the name looks the same as that of provider 'northbridge-university' "
        "('Northbridge University') (learners cannot tell them apart: choose a name that does, or add to that provider's folder)",
    ]
    assert main(["validate", "--strict", "--catalog", "catalog"]) == 1  # and CI's verdict fails
