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
    listing = "credentials/intro-to-widgets.yml"
    assert problems_of(catalog) == [
        f"catalog/providers/acme-academy/{place}: warning: {message}"
        for place, message in (
            (f"{listing}:12", todo),  # name, from the id: a guess to check
            (f"{listing}:17", text),
            (f"{listing}:21", text),
            (f"{listing}:26", todo),
            (f"{listing}:31", address),  # the provider's, itself a placeholder
            (f"{listing}:36", todo),
            (f"{listing}:41", todo),
            (f"{listing}:47", todo),
            (f"{listing}:53", todo),
            (f"{listing}:60", text),
            (f"{listing}:78", todo),
            (f"{listing}:87", todo),
            (f"{listing}:99", todo),
            (f"{listing}:113", todo),
            (f"{listing}:123", todo),
            (f"{listing}:146", todo),
            ("provider.yml:12", todo),
            ("provider.yml:18", todo),
            ("provider.yml:22", address),
            ("provider.yml:27", todo),
            ("provider.yml:31", text),
            ("provider.yml:36", "'contact@example.org' is a placeholder address"),
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
    assert f"  last_verified: '{date.today().isoformat()}'" in lines


def test_from_copies_an_existing_listing_under_a_new_id(catalog: Path) -> None:
    shutil.copytree(
        REPO / "catalog" / "providers" / "northbridge-university", catalog / "providers" / "northbridge-university"
    )
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
