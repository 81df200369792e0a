"""ISCO-08 in catalog/taxonomy/occupations.yml: the four levels with their official titles,
isco codes checked against it, `credcat taxonomy search` finding groups by title, and each
listing's occupations read with their groups up to the major group."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from credcat.catalog.occupations import listing_occupations, occupation_titles
from credcat.check.report import render_text
from credcat.check.validate import validate_catalog
from credcat.cli import main
from support import REPO, TODAY
from support.catalogs import sample_catalog

OCCUPATIONS = REPO / "catalog/taxonomy/occupations.yml"
LISTING = "catalog/providers/acme-academy/credentials/spreadsheet-basics.yml"


def entries() -> list[dict[str, str]]:
    data = yaml.safe_load(OCCUPATIONS.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_four_levels_with_the_published_counts() -> None:
    """ISCO-08: 10 major, 43 sub-major, 130 minor and 436 unit groups."""
    assert Counter(len(entry["code"]) for entry in entries()) == {1: 10, 2: 43, 3: 130, 4: 436}
    assert len({entry["code"] for entry in entries()}) == 619


def test_every_group_names_the_group_above_it() -> None:
    codes = {entry["code"] for entry in entries()}
    for entry in entries():
        if len(entry["code"]) == 1:
            assert "parent" not in entry
        else:
            assert entry["parent"] == entry["code"][:-1] and entry["parent"] in codes


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("0", "Armed forces occupations"),
        ("2", "Professionals"),
        ("8", "Plant and machine operators, and assemblers"),
        ("13", "Production and specialized services managers"),
        ("72", "Metal, machinery and related trades workers"),
        ("71", "Building and related trades workers (excluding electricians)"),
        ("721", "Sheet and structural metal workers, moulders and welders, and related workers"),
        ("7212", "Welders and flame cutters"),
        ("2433", "Technical and medical sales professionals (excluding ICT)"),
        ("2512", "Software developers"),
        ("2522", "Systems administrators"),
        ("3331", "Clearing and forwarding agents"),
        ("5221", "Shopkeepers"),
        ("7512", "Bakers, pastry-cooks and confectionery makers"),
        ("9629", "Elementary workers not elsewhere classified"),
    ],
)
def test_official_english_titles(code: str, title: str) -> None:
    assert {entry["code"]: entry["name"] for entry in entries()}[code] == title


def test_the_file_names_its_source() -> None:
    head = OCCUPATIONS.read_text(encoding="utf-8")[:2000]
    assert "International Labour" in head and "ISCO-08 EN Structure and definitions.xlsx" in head


def set_occupation(catalog: Path, isco: str, name: str = "Analyst") -> str:
    listing = catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml"
    text = listing.read_text(encoding="utf-8").replace(
        "level:\n", f"occupations:\n  - name: {name}\n    isco: \"{isco}\"\nlevel:\n"
    )
    listing.write_text(text, encoding="utf-8")
    report = validate_catalog(catalog, today=TODAY)
    return "\n".join(render_text(report.problems, report.files_checked).splitlines()[:-1])


def test_a_known_code_validates(base_catalog: Path) -> None:
    assert set_occupation(Path("catalog"), "7212", "Soudeur") == ""


@pytest.mark.parametrize(
    ("isco", "name", "expected"),
    [
        pytest.param(
            "7299", "Soudeur TIG",
            "'7299' is not an ISCO-08 code in catalog/taxonomy/occupations.yml (the groups under 72 (Metal, machinery"
            " and related trades workers) are 721 (Sheet and structural metal workers, moulders and welders, and"
            " related workers), 722 (Blacksmiths, toolmakers and related trades workers), 723 (Machinery mechanics and"
            " repairers); credcat taxonomy search WORDS finds a group by its title)",
            id="nearest-codes",
        ),
        pytest.param(
            "7219", "Welder",
            "'7219' is not an ISCO-08 code in catalog/taxonomy/occupations.yml ('Welder' matches 7212 (Welders and"
            " flame cutters), 721 (Sheet and structural metal workers, moulders and welders, and related workers);"
            " credcat taxonomy search WORDS lists more)",
            id="by-the-name",
        ),
    ],
)
def test_an_unknown_code_is_an_error_at_its_line(base_catalog: Path, isco: str, name: str, expected: str) -> None:
    assert set_occupation(Path("catalog"), isco, name) == f"{LISTING}:20:11: error: occupations[0].isco: {expected}"


def test_a_broken_parent_link_in_the_file_is_an_error(base_catalog: Path) -> None:
    taxonomy = Path("catalog/taxonomy/occupations.yml")
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8").replace('- code: "7212"\n  name: Welders and flame cutters\n  parent: "721"',
                                                     '- code: "7212"\n  name: Welders and flame cutters\n  parent: "722"'),
        encoding="utf-8",
    )
    report = validate_catalog(Path("catalog"), today=TODAY)
    [problem] = report.problems
    assert problem.message == "the parent of ISCO-08 group '7212' is '721', not '722'"
    assert problem.field == "[" + str(next(i for i, e in enumerate(entries()) if e["code"] == "7212")) + "].parent"


def test_taxonomy_search_finds_welders(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["taxonomy", "search", "welder"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[out.index("occupations") + 1] == "  7212  Welders and flame cutters (ISCO-08 7212)"


def test_a_listing_reads_its_groups_up_to_the_major_group() -> None:
    catalog = sample_catalog()
    welding = catalog.credentials["institut-metiers-rhone/soudage-tig-iso-9606"]
    [occupation] = [found for found in listing_occupations(catalog, welding) if found.isco == "7212"]
    assert [group.code for group in occupation.groups] == ["7212", "721", "72", "7"]
    assert occupation.unit is not None and occupation.unit.name == "Welders and flame cutters"
    assert occupation.major is not None and occupation.major.name == "Craft and related trades workers"
    assert occupation_titles(catalog, welding)[:2] == (
        "Welders and flame cutters", "Sheet and structural metal workers, moulders and welders, and related workers"
    )
