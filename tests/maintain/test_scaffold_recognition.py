"""credcat new recognition: a university confirms another provider's listing toward its degree,
a quality body confirms a provider it accredits; both files validate, and wrong references are
refused before anything is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from credcat.check.validate import validate_catalog
from credcat.cli import main
from support import REPO

NEXT = "next: check each value marked TODO and delete its mark, then run credcat validate --strict"


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample catalog, in a fresh folder that is the working directory."""
    shutil.copytree(REPO / "catalog", tmp_path / "catalog")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "catalog"


def test_a_university_confirms_a_listing_toward_its_degree(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["--provider", "hochschule-rheintal", "--id", "ux-credit", "--credential", "trilha-digital/ux-design-essencial",
                 "--towards", "B.A. Design", "--credits", "2.5"]
    assert main(["new", "recognition", *arguments]) == 0
    assert capsys.readouterr().out == f"wrote catalog/providers/hochschule-rheintal/recognitions/ux-credit.yml\n{NEXT}\n"
    text = (catalog / "providers/hochschule-rheintal/recognitions/ux-credit.yml").read_text(encoding="utf-8")
    values = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert values == ["id: ux-credit", "as: credit", "credential: trilha-digital/ux-design-essencial", "towards: B.A. Design", "credits: 2.5"]
    assert validate_catalog(catalog).problems == []


def test_an_accreditor_confirms_a_provider(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["--provider", "northern-quality-board", "--id", "hsr", "--as", "accreditation", "--accredits", "hochschule-rheintal"]
    assert main(["new", "recognition", *arguments]) == 0
    text = (catalog / "providers/northern-quality-board/recognitions/hsr.yml").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line and not line.startswith("#")] == [
        "id: hsr", "as: accreditation", "provider: hochschule-rheintal",
    ]
    assert validate_catalog(catalog).problems == []


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (["--credential", "nobody/x", "--towards", "MSc"], "credcat: error: credential 'nobody/x': no such credential or pathway in the catalog"),
        (["--as", "accreditation", "--accredits", "nobody"], "credcat: error: provider 'nobody': no such provider in the catalog"),
        (["--credential", "trilha-digital/ux-design-essencial", "--credits", "-1"], "credcat: error: credits '-1': give a number above 0"),
    ],
)
def test_a_wrong_reference_is_refused(catalog: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], error: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "recognition", "--provider", "northern-quality-board", "--id", "x", *arguments])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == error + "\n"
    assert not (catalog / "providers/northern-quality-board/recognitions/x.yml").exists()
