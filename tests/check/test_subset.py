"""The part of a catalog `credcat serve --provider` reads (check/subset.py): the providers'
folders and what they name, transitively, and the recognitions of what is included; checked
exactly as the whole catalog checks those files; an unknown provider is one clear line."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePath

import pytest
from test_validate import spoil

from credcat.check import subset as subset_module
from credcat.check.subset import UnknownProvider, choose_subset
from credcat.check.validate import validate_catalog
from measure.synthetic import generate_catalog
from support import REPO, TODAY

SAMPLE = REPO / "catalog"


def outside(providers: list[str]) -> set[str]:
    """The included files of `providers`' subset of the sample catalog that are not in their folders."""
    subset = choose_subset(SAMPLE, providers)
    asked = [path.relative_to(SAMPLE) for path in SAMPLE.glob("providers/*/**/*.yml") if path.relative_to(SAMPLE).parts[1] in providers]
    assert asked and all(PurePath(path) in subset.files for path in asked), "every file of the asked-for folders is read"
    return {path.as_posix() for path in subset.files if path.parts[0] == "providers" and path.parts[1] not in providers}


def test_northbridge_brings_its_quality_body_and_the_recognitions_of_its_listings_and_nothing_else() -> None:
    # provider.yml's accreditation and the pathway's recognized_by name northern-quality-board,
    # which confirms both in its own folder: its provider.yml and those two recognitions come along.
    assert outside(["northbridge-university"]) == {
        "providers/northern-quality-board/provider.yml",
        "providers/northern-quality-board/recognitions/msc-data-science-micro-route.yml",
        "providers/northern-quality-board/recognitions/northbridge-university.yml",
    }
    subset = choose_subset(SAMPLE, ["northbridge-university"])
    assert subset.referenced == ("northern-quality-board",)
    assert subset.summary() == "serving northbridge-university and what it references: 1 more provider"


def test_references_are_followed_to_other_providers_with_what_those_listings_need() -> None:
    # heliogrid-energy: a prerequisite in Northbridge (whose provider.yml names its quality body),
    # a pathway step and a recognizer (awarded_by) in Hochschule Rheintal, which confirms the
    # claim in its own folder; Northbridge's own credit recognition of the prerequisite comes too,
    # and the accreditation of Northbridge. Northbridge's other listings and pathway do not.
    assert outside(["heliogrid-energy"]) == {
        "providers/northbridge-university/provider.yml",
        "providers/northbridge-university/credentials/python-for-data-analysis.yml",
        "providers/northbridge-university/recognitions/python-for-data-analysis-credit.yml",
        "providers/northern-quality-board/provider.yml",
        "providers/northern-quality-board/recognitions/northbridge-university.yml",
        "providers/hochschule-rheintal/provider.yml",
        "providers/hochschule-rheintal/credentials/energiemanagement-iso-50001.yml",
        "providers/hochschule-rheintal/recognitions/battery-storage-systems-technician.yml",
    }


def test_providers_that_name_no_one_else_bring_no_one_else() -> None:
    subset = choose_subset(SAMPLE, ["trilha-digital", "tamarack-valley-college", "trilha-digital"])
    assert subset.providers == ("trilha-digital", "tamarack-valley-college")
    assert outside(["trilha-digital", "tamarack-valley-college"]) == set()
    assert subset.summary() == "serving trilha-digital and tamarack-valley-college and what they reference: no other provider"
    assert {path.as_posix() for path in subset.files if path.parts[0] != "providers"} == {
        "exchange-rates.yml", "taxonomy/industries.yml", "taxonomy/occupations.yml", "taxonomy/subjects.yml"}


def test_the_subset_of_the_sample_validates_clean_and_builds_only_its_listings() -> None:
    report = validate_catalog(SAMPLE, today=TODAY, subset=choose_subset(SAMPLE, ["heliogrid-energy"]))
    assert report.problems == []
    assert report.catalog is not None
    assert sorted(report.catalog.credentials) == [
        "heliogrid-energy/battery-storage-systems-technician", "heliogrid-energy/grid-data-analyst-badge",
        "heliogrid-energy/veilig-werken-op-hoogte", "heliogrid-energy/zonnepanelen-installatie-basis",
        "hochschule-rheintal/energiemanagement-iso-50001", "northbridge-university/python-for-data-analysis",
    ]
    assert report.files_checked == 18


def test_a_subset_reports_its_files_problems_exactly_as_the_whole_catalog_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cycle, a duplicate name, an enum typo and a broken file in a synthetic catalog: every
    provider's subset reports, for its files, the very problems of a full check."""
    generate_catalog(tmp_path / "catalog", 120)
    spoil(tmp_path / "catalog")
    monkeypatch.chdir(tmp_path)
    full = validate_catalog(Path("catalog"), today=TODAY)
    assert {problem.rule for problem in full.problems} >= {"cycle", "duplicate-name", "schema", "load"}
    providers = sorted(path.name for path in (tmp_path / "catalog" / "providers").iterdir())
    seen = set()
    for provider in providers:
        subset = choose_subset(Path("catalog"), [provider])
        report = validate_catalog(Path("catalog"), today=TODAY, subset=subset)
        shown = {f"catalog/{path.as_posix()}" for path in subset.files}
        assert report.problems == [problem for problem in full.problems if problem.path in shown], provider
        seen.update(problem.rule for problem in report.problems)
    assert seen >= {"cycle", "duplicate-name", "schema", "load"}


def test_a_wrong_reference_gets_the_hint_of_a_full_check_and_only_the_asked_for_folders_layout_is_reported(tmp_path: Path) -> None:
    catalog = shutil.copytree(SAMPLE, tmp_path / "catalog")
    listing = catalog / "providers/heliogrid-energy/credentials/grid-data-analyst-badge.yml"
    listing.write_text(listing.read_text(encoding="utf-8").replace(
        "northbridge-university/python-for-data-analysis", "northbridge-university/python-for-data-analysys"), encoding="utf-8")
    elsewhere = catalog / "providers/trilha-digital/credentials/ux-design-essencial.yml"
    elsewhere.write_text(elsewhere.read_text(encoding="utf-8").replace("status: active", "status: activ"), encoding="utf-8")
    (catalog / "providers/trilha-digital/notes.txt").write_text("not a listing\n", encoding="utf-8")
    (catalog / "providers/heliogrid-energy/notes.txt").write_text("not a listing\n", encoding="utf-8")
    (catalog / "providers/heliogrid-energy/credentials/linked.yml").symlink_to(listing)
    (catalog / "providers/trilha-digital/credentials/linked.yml").symlink_to(elsewhere)

    subset = choose_subset(catalog, ["heliogrid-energy"])
    assert "providers/northbridge-university/credentials/python-for-data-analysis.yml" not in {
        path.as_posix() for path in subset.files}  # no longer named: not read
    found = [(problem.path.removeprefix(f"{catalog}/"), problem.field, problem.message, problem.hint)
             for problem in validate_catalog(catalog, today=TODAY, subset=subset).problems]
    assert found == [
        ("providers/heliogrid-energy/credentials/grid-data-analyst-badge.yml", "prerequisites.credentials[0]",
         "'northbridge-university/python-for-data-analysys' is not a credential in the catalog",
         "did you mean 'northbridge-university/python-for-data-analysis'?"),
        ("providers/heliogrid-energy/credentials/linked.yml", "",
         "a symbolic link is not allowed in the catalog; it was neither read nor followed",
         "replace the link with the file or folder it points to"),
        ("providers/heliogrid-energy/notes.txt", "", "file is not in a known place in the catalog",
         "listings live in providers/<provider>/credentials/<id>.yml or providers/<provider>/pathways/<id>.yml, "
         "recognitions in providers/<provider>/recognitions/<id>.yml"),
    ]


def test_a_recognition_in_any_folder_comes_with_the_listing_it_names_however_it_is_spelled(tmp_path: Path) -> None:
    """Trilha Digital confirms a Northbridge listing, its reference written with a YAML escape
    ("\\x2d" is "-"): serving Northbridge reads it, and Trilha's provider.yml, and nothing else of Trilha."""
    catalog = shutil.copytree(SAMPLE, tmp_path / "catalog")
    (catalog / "providers/trilha-digital/recognitions").mkdir()
    (catalog / "providers/trilha-digital/recognitions/python-credit.yml").write_text(
        'id: python-credit\nas: credit\ncredential: "northbridge\\x2duniversity/python-for-data-analysis"\n'
        "towards: Tecnólogo em Ciência de Dados\ncredits: 4\n", encoding="utf-8")
    subset = choose_subset(catalog, ["northbridge-university"])
    assert {path.as_posix() for path in subset.files if path.parts[1:2] == ("trilha-digital",)} == {
        "providers/trilha-digital/provider.yml", "providers/trilha-digital/recognitions/python-credit.yml"}
    assert subset.referenced == ("northern-quality-board", "trilha-digital")
    assert validate_catalog(catalog, today=TODAY, subset=subset).problems == []


@pytest.mark.parametrize(("asked", "message"), [
    ("northbridge-univrsity", "--provider 'northbridge-univrsity': no such provider in the catalog; did you mean 'northbridge-university'?"),
    ("../etc", "--provider '../etc': no such provider in the catalog; a provider id is its folder name under providers/, "
               "such as 'heliogrid-energy'"),
    ("northbridge-university/credentials", "--provider 'northbridge-university/credentials': no such provider in the catalog; "
                                           "did you mean 'northbridge-university'?"),
    ("", "--provider '': no such provider in the catalog; a provider id is its folder name under providers/, "
         "such as 'heliogrid-energy'"),
    ("\x1b[2J\u202eevil", "--provider '\\x1b[2J\\u202eevil': no such provider in the catalog; a provider id is its folder "
                          "name under providers/, such as 'heliogrid-energy'"),
])
def test_an_unknown_provider_is_one_line_naming_it_and_a_near_id(asked: str, message: str) -> None:
    with pytest.raises(UnknownProvider) as raised:
        choose_subset(SAMPLE, ["northbridge-university", asked])
    assert str(raised.value) == message


def test_a_linked_or_hidden_folder_is_no_provider(tmp_path: Path) -> None:
    catalog = shutil.copytree(SAMPLE, tmp_path / "catalog")
    (catalog / "providers" / "linked").symlink_to(catalog / "providers" / "trilha-digital")
    shutil.copytree(catalog / "providers" / "trilha-digital", catalog / "providers" / ".hidden")
    for asked in ("linked", ".hidden"):
        with pytest.raises(UnknownProvider, match=f"'{asked}': no such provider"):
            choose_subset(catalog, [asked])


def test_a_later_choice_from_the_same_files_reuses_the_listing_of_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save while serving: the file edited may name more, but no file came or went, so the
    folder is not listed again (most of a choice's time at 10,000 listings)."""
    catalog = shutil.copytree(SAMPLE, tmp_path / "catalog")
    before = choose_subset(catalog, ["northbridge-university"])
    listing = catalog / "providers/northbridge-university/credentials/machine-learning-in-practice.yml"
    listing.write_text(listing.read_text(encoding="utf-8").replace(
        "    - northbridge-university/applied-statistical-modelling\n",
        "    - northbridge-university/applied-statistical-modelling\n    - trilha-digital/analise-de-dados-com-sql\n"), encoding="utf-8")

    def no_listing(root: Path) -> None:
        raise AssertionError("the catalog folder was listed again")

    monkeypatch.setattr(subset_module, "scan_catalog", no_listing)
    after = choose_subset(catalog, ["northbridge-university"], before.listing)
    assert after.files - before.files == {PurePath("providers/trilha-digital/provider.yml"),
                                          PurePath("providers/trilha-digital/credentials/analise-de-dados-com-sql.yml")}
    assert after.referenced == ("northern-quality-board", "trilha-digital")
