"""credcat new: scaffolded files validate, prompts happen only on a terminal, nothing is overwritten."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from credcat.check.validate import validate_catalog
from credcat.cli import main
from support import REPO

CREDCAT = [sys.executable, "-m", "credcat.cli"]


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty catalog with the real taxonomy, in a fresh folder that is the working directory."""
    shutil.copytree(REPO / "catalog" / "taxonomy", tmp_path / "catalog" / "taxonomy")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "catalog"


NEXT = "next: check each value marked TODO and delete its mark, then run credcat validate --strict"


def problems_of(catalog: Path) -> list[str]:
    report = validate_catalog(catalog)
    return [f"{problem.path}:{problem.line}: {problem.severity}: {problem.message}" for problem in report.problems]


def test_scaffolded_provider_and_credential_validate(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "provider", "--id", "acme-academy", "--maintainer", "acme-admin"]) == 0
    assert main(["new", "credential", "--provider", "acme-academy", "--id", "intro-to-widgets"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "wrote catalog/providers/acme-academy/provider.yml",
        NEXT,
        "wrote catalog/providers/acme-academy/credentials/intro-to-widgets.yml",
        NEXT,
    ]
    todo, text = "marked TODO by credcat new", "placeholder text from credcat new is still here"
    address = "'https://www.example.org/' is a placeholder address"
    listing = (catalog / "providers/acme-academy/credentials/intro-to-widgets.yml").read_text().splitlines()
    provider = (catalog / "providers/acme-academy/provider.yml").read_text().splitlines()

    def at(lines: list[str], field: str) -> int:
        return next(number for number, line in enumerate(lines, start=1) if line.startswith(f"{field}:"))

    assert problems_of(catalog) == [
        f"catalog/providers/acme-academy/{place}: warning: {message}"
        for place, message in (
            (f"credentials/intro-to-widgets.yml:{at(listing, 'name')}", todo),  # from the id: a guess to check
            (f"credentials/intro-to-widgets.yml:{at(listing, 'summary')}", text),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'description')}", text),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'credential_type')}", todo),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'url')}", address),  # the provider's, itself a placeholder
            (f"credentials/intro-to-widgets.yml:{at(listing, 'status')}", todo),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'languages')}", todo),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'subjects')}", todo),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'industries')}", todo),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'learning_outcomes') + 1}", text),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'level')}", todo),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'workload')}", todo),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'delivery')}", todo),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'assessment')}", todo),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'cost')}", todo),
            (f"credentials/intro-to-widgets.yml:{at(listing, 'quality_assurance')}", todo),
            (f"provider.yml:{at(provider, 'name')}", todo),
            (f"provider.yml:{at(provider, 'type')}", todo),
            (f"provider.yml:{at(provider, 'url')}", address),
            (f"provider.yml:{at(provider, 'country')}", todo),
            (f"provider.yml:{at(provider, 'description')}", text),
            (f"provider.yml:{at(provider, 'contact_email')}", "'contact@example.org' is a placeholder address"),
        )
    ]
    assert main(["validate", "--catalog", str(catalog)]) == 0, "placeholders are warnings"
    assert main(["validate", "--strict", "--catalog", str(catalog)]) == 1, "which CI refuses"


def test_a_credential_file_has_modeline_required_fields_and_commented_options(catalog: Path) -> None:
    main(["new", "provider", "--id", "acme", "--url", "https://acme.example/"])
    main(["new", "credential", "--provider", "acme", "--id", "widgets", "--name", "Widget Basics"])
    text = (catalog / "providers/acme/credentials/widgets.yml").read_text()
    lines = text.splitlines()
    sample = next((REPO / "catalog/providers").glob("*/credentials/*.yml"))
    assert (
        lines[0]
        == sample.read_text().splitlines()[0]
        == ("# yaml-language-server: $schema=../../../../schema/credential.schema.json")
    )
    assert "name: Widget Basics" in lines
    assert lines[lines.index("name: Widget Basics") - 1] != "# TODO: replace this placeholder", (
        "given, not a placeholder"
    )
    assert lines[lines.index("url: https://acme.example/") - 1] == "# TODO: replace this placeholder"
    assert "  # eqf: 5" in lines
    assert "# keywords:" in lines
    assert lines[lines.index("# translations:") + 1 :][:2] == ["#   fr:", "#     name: Les bases de l'analyse de données"]
    assert f"  last_verified: '{date.today().isoformat()}'" in lines


def test_from_copies_an_existing_listing_under_a_new_id(catalog: Path) -> None:
    # Northbridge's accreditation and pathway name the quality board that confirms them.
    for provider in ("northbridge-university", "northern-quality-board"):
        shutil.copytree(REPO / "catalog" / "providers" / provider, catalog / "providers" / provider)
    source = catalog / "providers/northbridge-university/credentials/python-for-data-analysis.yml"
    assert (
        main(
            [
                "new",
                "credential",
                "--provider",
                "northbridge-university",
                "--id",
                "python-next-steps",
                "--from",
                "northbridge-university/python-for-data-analysis",
            ]
        )
        == 0
    )
    copy = catalog / "providers/northbridge-university/credentials/python-next-steps.yml"
    text = copy.read_text()
    assert "id: python-next-steps\n" in text
    assert "name: Python Next Steps\n" in text
    assert "learning_outcomes:\n" in text and source.read_text().count("learning_outcomes") == 1
    assert [line for line in problems_of(catalog) if ": error: " in line] == []


def test_outcomes_copied_with_from_are_marked_and_warned_about(catalog: Path) -> None:
    """The copied summary, description, address and outcomes describe the other credential: each carries a
    TODO mark, and validate warns at each until its mark is deleted."""
    shutil.copytree(REPO / "catalog/providers/northbridge-university", catalog / "providers/northbridge-university")
    assert main(["new", "credential", "--provider", "northbridge-university", "--id", "python-next-steps",
                 "--from", "northbridge-university/python-for-data-analysis"]) == 0
    copy = catalog / "providers/northbridge-university/credentials/python-next-steps.yml"
    lines = copy.read_text().splitlines()
    outcomes = lines.index("learning_outcomes:")
    assert lines[outcomes - 1] == "# TODO: replace this placeholder"
    report = validate_catalog(catalog)
    marked = [(problem.field, problem.line) for problem in report.problems if problem.path.endswith("python-next-steps.yml")]
    assert marked == [
        ("name", lines.index("name: Python Next Steps") + 1),
        ("summary", lines.index(next(line for line in lines if line.startswith("summary:"))) + 1),
        ("description", lines.index(next(line for line in lines if line.startswith("description:"))) + 1),
        ("url", lines.index(next(line for line in lines if line.startswith("url:"))) + 1),
        ("learning_outcomes", outcomes + 1),
    ]
    assert {problem.message for problem in report.problems if problem.path.endswith("python-next-steps.yml")} == {
        "marked TODO by credcat new"
    }


def test_without_a_terminal_the_id_is_required(catalog: Path) -> None:
    result = subprocess.run(
        [*CREDCAT, "new", "provider"], stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr) == (
        2,
        "credcat: error: --id is required when credcat new is not run on a terminal\n",
    )
    assert not (catalog / "providers").exists()


def test_an_invalid_id_is_a_usage_error(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "provider", "--id", "Acme_Academy"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        "credcat: error: id 'Acme_Academy': use lowercase letters, digits and single hyphens, at most 64 characters\n"
    )


def test_nothing_is_overwritten(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["new", "provider", "--id", "acme"])
    target = catalog / "providers/acme/provider.yml"
    target.write_text("id: acme\n# mine\n")
    assert main(["new", "provider", "--id", "acme"]) == 1
    assert capsys.readouterr().err == (
        "credcat: error: catalog/providers/acme/provider.yml already exists; choose another --id, or edit that file\n"
    )
    assert target.read_text() == "id: acme\n# mine\n"


def test_a_credential_needs_its_provider(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "credential", "--provider", "ghost", "--id", "x"]) == 1
    assert capsys.readouterr().err == (
        "credcat: error: provider 'ghost' has no catalog/providers/ghost/provider.yml; "
        "create it first with: credcat new provider --id ghost\n"
    )


def read_until(fd: int, expected: str, seen: list[str], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while expected not in "".join(seen):
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"never saw {expected!r}; got {''.join(seen)!r}"
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            seen.append(os.read(fd, 4096).decode("utf-8", "replace"))


def test_on_a_terminal_missing_values_are_asked_for(catalog: Path) -> None:
    controller, terminal = pty.openpty()
    process = subprocess.Popen([*CREDCAT, "new", "provider"], stdin=terminal, stdout=terminal, stderr=terminal)
    os.close(terminal)
    seen: list[str] = []
    try:
        for question, answer in (
            ("Provider id (the folder name): ", "Bad Id"),
            ("use lowercase letters", "tide-academy"),
            ("Name [Tide Academy]: ", ""),
            ("Home page (https://...) [https://www.example.org/]: ", "https://tide.example/"),
            ("Country (ISO 3166-1 alpha-2) [GB]: ", "NL"),
            ("Contact email [contact@example.org]: ", "hello@tide.example"),
            ("Your GitHub username [your-github-username]: ", "tide-admin"),
        ):
            read_until(controller, question, seen)
            seen.clear()
            os.write(controller, f"{answer}\n".encode())
        read_until(controller, "wrote catalog/providers/tide-academy/provider.yml", seen)
        assert process.wait(timeout=20) == 0
    finally:
        process.kill()
        os.close(controller)
    text = (catalog / "providers/tide-academy/provider.yml").read_text()
    for line in (
        "id: tide-academy",
        "name: Tide Academy",
        "url: https://tide.example/",
        "country: NL",
        "contact_email: hello@tide.example",
        "  - tide-admin",
    ):
        assert line in text.splitlines()
    assert text.count("# TODO: replace this placeholder") == 2, "only type and description remain placeholders"


def add_provider_with_listings(catalog: Path, *stems: str) -> None:
    """acme-academy, with a listing for each stem (made by credcat new credential)."""
    assert main(["new", "provider", "--id", "acme-academy", "--maintainer", "acme-admin", "--url", "https://acme.example/",
                 "--email", "hello@acme.example"]) == 0
    for stem in stems:
        assert main(["new", "credential", "--provider", "acme-academy", "--id", stem]) == 0


def test_a_pathway_file_validates_and_explains_its_steps_and_destinations(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_provider_with_listings(catalog, "widgets-one")
    capsys.readouterr()
    assert main(["new", "pathway", "--provider", "acme-academy", "--id", "widget-route"]) == 0
    assert capsys.readouterr().out.splitlines() == ["wrote catalog/providers/acme-academy/pathways/widget-route.yml", NEXT]
    path = "catalog/providers/acme-academy/pathways/widget-route.yml"
    text = (catalog.parent / path).read_text()
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../../../schema/pathway.schema.json"
    assert [line for line in problems_of(catalog) if line.startswith(path) or ": error: " in line] == [
        f"{path}:{lines.index('name: Widget Route') + 1}: warning: marked TODO by credcat new",
        f"{path}:{lines.index(next(line for line in lines if line.startswith('description:'))) + 1}: warning: "
        "placeholder text from credcat new is still here",
        f"{path}:{lines.index(next(line for line in lines if line.startswith('  - name:'))) + 1}: warning: "
        "placeholder text from credcat new is still here",
        f"{path}:{lines.index('steps:') + 1}: warning: marked TODO by credcat new",
    ]
    assert "steps:\n  - credentials:\n      - acme-academy/widgets-one\n" in text
    for explained in (
        "# The qualifications that completing the pathway leads to; at least one. Each item has:",
        "#   name: The name of the qualification the pathway leads to.",
        "#   type: The kind of qualification: degree, diploma, certificate, certification or",
        "#   credential (optional): The qualification's listing in this catalog, as",
        "#   credits (optional): The credits the qualification is worth, in its own credit system",
        "# The steps of the pathway, in the order learners usually take them; at least one. Each item",
        "#   credentials: The credentials in this step, as <provider>/<credential>; at least one.",
        "#   choose (optional): How many of the step's credentials the learner must earn, from 1 up",
        "# For example:",
        "#     choose: 1",
        "# Optional. Organisations that recognise the pathway, such as professional bodies or",
    ):
        assert explained in lines, explained


def test_a_pathway_from_flags_needs_no_marks(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_provider_with_listings(catalog, "widgets-one", "widgets-two")
    assert main(["new", "pathway", "--provider", "acme-academy", "--id", "widget-route", "--name", "Widget route",
                 "--credential", "acme-academy/widgets-two", "--credential", "acme-academy/widgets-one",
                 "--leads-to", "Certificate in Widgets", "--leads-to-type", "certificate"]) == 0
    text = (catalog / "providers/acme-academy/pathways/widget-route.yml").read_text()
    assert "leads_to:\n  - name: Certificate in Widgets\n    type: certificate\n" in text
    assert "steps:\n  - credentials:\n      - acme-academy/widgets-two\n  - credentials:\n      - acme-academy/widgets-one\n" in text
    assert [line for line in problems_of(catalog) if "pathways/" in line] == [
        f"catalog/providers/acme-academy/pathways/widget-route.yml:{line}: warning: placeholder text from credcat new is still here"
        for line in [text.splitlines().index(next(row for row in text.splitlines() if row.startswith("description:"))) + 1]
    ]


def test_a_pathway_step_must_name_a_credential_that_exists(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_provider_with_listings(catalog, "widgets-one")
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "pathway", "--provider", "acme-academy", "--id", "route", "--credential", "acme-academy/widgets-two"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.endswith(
        "credcat: error: credential 'acme-academy/widgets-two': no such credential in the catalog"
        " (catalog/providers/acme-academy/credentials/widgets-two.yml)\n"
    )
    assert not (catalog / "providers/acme-academy/pathways").exists()


def test_a_pathway_needs_a_credential_to_start_from(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_provider_with_listings(catalog)
    capsys.readouterr()
    assert main(["new", "pathway", "--provider", "acme-academy", "--id", "route"]) == 1
    assert capsys.readouterr().err == (
        "credcat: error: provider 'acme-academy' has no credentials yet, and a pathway's steps name credentials;"
        " give --credential <provider>/<credential>, or add one first with: credcat new credential --provider acme-academy\n"
    )


def test_on_a_terminal_a_pathway_asks_for_its_steps(catalog: Path) -> None:
    add_provider_with_listings(catalog, "widgets-one", "widgets-two")
    controller, terminal = pty.openpty()
    process = subprocess.Popen([*CREDCAT, "new", "pathway", "--provider", "acme-academy"], stdin=terminal, stdout=terminal,
                               stderr=terminal)
    os.close(terminal)
    seen: list[str] = []
    try:
        for question, answer in (
            ("Pathway id (the file name): ", "widget-route"),
            ("Name [Widget Route]: ", "Route to the Widget Certificate"),
            ("Credentials, one step each, in order (<provider>/<credential>, separated by commas) [acme-academy/widgets-one]: ",
             "acme-academy/widgets-one, acme-academy/nope"),
            ("no such credential", "acme-academy/widgets-one, acme-academy/widgets-two"),
            ("What completing the pathway leads to (the qualification's name): ", "Widget Certificate"),
            ("Its type (degree, diploma, certificate, certification, credential) [certificate]: ", ""),
        ):
            read_until(controller, question, seen)
            seen.clear()
            os.write(controller, f"{answer}\n".encode())
        read_until(controller, "wrote catalog/providers/acme-academy/pathways/widget-route.yml", seen)
        assert process.wait(timeout=20) == 0
    finally:
        process.kill()
        os.close(controller)
    text = (catalog / "providers/acme-academy/pathways/widget-route.yml").read_text()
    assert "name: Route to the Widget Certificate\n" in text
    assert "leads_to:\n  - name: Widget Certificate\n    type: certificate\n" in text
    assert "  - credentials:\n      - acme-academy/widgets-two\n" in text
    assert text.count("# TODO: replace this placeholder") == 1, "only the description remains a placeholder"


def test_inside_a_provider_folder_new_finds_the_catalog(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from catalog/providers/<provider>/, credcat new writes into the repository's catalog, not below."""
    (catalog.parent / ".git").mkdir()
    add_provider_with_listings(catalog)
    monkeypatch.chdir(catalog / "providers/acme-academy")
    assert main(["new", "credential", "--provider", "acme-academy", "--id", "widgets"]) == 0
    assert (catalog / "providers/acme-academy/credentials/widgets.yml").is_file()
    assert not (catalog / "providers/acme-academy/catalog").exists()
