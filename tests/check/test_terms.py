"""Unknown subjects and industries get the term they probably meant: by code, by the other
vocabulary, by spelling, or by the words of the official names; `credcat taxonomy search`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from credcat.check.report import render_text
from credcat.check.validate import validate_catalog
from credcat.cli import main
from support import TODAY

LISTING = "catalog/providers/acme-academy/credentials/spreadsheet-basics.yml"


def first_problem(catalog: Path, vocabulary: str, value: str) -> str:
    listing = catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml"
    old = {"subjects": "  - statistics\n", "industries": "  - finance-and-insurance\n"}[vocabulary]
    listing.write_text(listing.read_text(encoding="utf-8").replace(old, f"  - {value}\n"), encoding="utf-8")
    report = validate_catalog(catalog, today=TODAY)
    [line] = render_text(report.problems, report.files_checked).splitlines()[:-1]
    return line


@pytest.mark.parametrize(
    ("vocabulary", "value", "expected"),
    [
        pytest.param(
            "subjects", "renewable-energy",
            "13:5: error: subjects[0]: 'renewable-energy' is not in catalog/taxonomy/subjects.yml (did you mean"
            " 'electricity-and-energy' (Electricity and energy)? credcat taxonomy search renewable energy lists more)",
            id="words-of-the-name",
        ),
        pytest.param(
            "industries", "banking",
            "15:5: error: industries[0]: 'banking' is not in catalog/taxonomy/industries.yml (did you mean"
            " 'finance-and-insurance' (Finance and Insurance)? credcat taxonomy search banking lists more)",
            id="a-word-of-the-description",
        ),
        pytest.param(
            "subjects", "'0713'",
            "13:5: error: subjects[0]: '0713' is not in catalog/taxonomy/subjects.yml ('0713' is the ISCED-F code of"
            " electricity-and-energy (Electricity and energy): write its id, electricity-and-energy)",
            id="isced-code",
        ),
        pytest.param(
            "industries", "'32'",
            "15:5: error: industries[0]: '32' is not in catalog/taxonomy/industries.yml ('32' is the NAICS code of"
            " manufacturing (Manufacturing): write its id, manufacturing)",
            id="naics-code-inside-a-range",
        ),
        pytest.param(
            "industries", "statistics",
            "15:5: error: industries[0]: 'statistics' is not in catalog/taxonomy/industries.yml ('statistics' is a"
            " subject: list it under subjects)",
            id="a-subject-under-industries",
        ),
        pytest.param(
            "subjects", "statistic",
            "13:5: error: subjects[0]: 'statistic' is not in catalog/taxonomy/subjects.yml (did you mean 'statistics'?)",
            id="nearly-spelled-right",
        ),
        pytest.param(
            "subjects", "zzqx",
            "13:5: error: subjects[0]: 'zzqx' is not in catalog/taxonomy/subjects.yml (credcat taxonomy search WORDS"
            " lists the subjects whose names have those words)",
            id="nothing-near",
        ),
    ],
)
def test_unknown_term_hint(base_catalog: Path, vocabulary: str, value: str, expected: str) -> None:
    assert first_problem(Path("catalog"), vocabulary, value) == f"{LISTING}:{expected}"


def test_taxonomy_search_prints_ids_names_and_codes(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Industries, then subjects; in each, terms with the words in their names first, then in their descriptions."""
    assert main(["taxonomy", "search", "electric", "energy"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["industries", "  utilities  Utilities (NAICS 22)"]
    assert out[out.index("subjects") + 1] == "  electricity-and-energy  Electricity and energy (ISCED-F 0713)"
    assert "  physics  Physics (ISCED-F 0533)" in out[out.index("subjects") + 2 :]


def test_taxonomy_search_finds_by_code(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["taxonomy", "search", "0542"]) == 0
    assert capsys.readouterr().out == "subjects\n  statistics  Statistics (ISCED-F 0542)\n"


def test_taxonomy_search_without_matches_exits_1(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["taxonomy", "search", "zzqx"]) == 1
    assert capsys.readouterr() == ("", "credcat: no industry, subject or occupation matches 'zzqx'\n")


def test_a_reader_that_stops_early_gets_no_traceback(base_catalog: Path) -> None:
    """`credcat taxonomy search management | head -1`: the pipe closes before credcat writes; it stops quietly."""
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "credcat"), "taxonomy", "search", "management"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    with process.stderr:
        assert process.stderr.read() == b""
    assert process.wait(timeout=30) == 1


def test_taxonomy_search_never_reads_through_a_link(base_catalog: Path, tmp_path_factory: pytest.TempPathFactory,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "subjects.yml"
    elsewhere.write_text("- id: zyzzyva-field\n  name: Zyzzyva field\n  description: Zyzzyva.\n  code: '0999'\n", encoding="utf-8")
    (base_catalog / "taxonomy/subjects.yml").unlink()
    (base_catalog / "taxonomy/subjects.yml").symlink_to(elsewhere)
    assert main(["taxonomy", "search", "zyzzyva"]) == 1
    assert capsys.readouterr() == ("", "credcat: no industry or occupation matches 'zyzzyva'\n")
