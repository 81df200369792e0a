"""`credcat validate`: the three formats, path narrowing and exit codes, as a provider sees them."""

from __future__ import annotations

import json
import os
import pty
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import credcat
from credcat.cli import main
from measure.synthetic import generate_catalog
from support import REPO

BROKEN = "catalog/providers/acme-academy/credentials/spreadsheet-basics.yml"


def break_delivery_mode(catalog: Path) -> None:
    listing = catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml"
    listing.write_text(listing.read_text(encoding="utf-8").replace("mode: online", "mode: onlin"), encoding="utf-8")


def test_clean_catalog_exits_0(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "5 files checked, no problems\n"


def test_text_format_names_file_line_field_and_fix(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_delivery_mode(base_catalog)
    assert main(["validate"]) == 1
    assert capsys.readouterr().out == (
        f"{BROKEN}:23:9: error: delivery.mode: 'onlin' is not one of online, in_person, blended"
        " (did you mean 'online'?)\n"
        "1 error, 0 warnings in 1 file (5 files checked)\n"
    )


def test_github_format_writes_annotations_and_step_summary(
    base_catalog: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    break_delivery_mode(base_catalog)
    summary = base_catalog.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["validate", "--format", "github"]) == 1
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line == (
        f"::error file={BROKEN},line=23,col=9,title=credcat schema%3A delivery.mode::"
        "'onlin' is not one of online, in_person, blended (did you mean 'online'?)"
    )
    written = summary.read_text(encoding="utf-8")
    assert "1 error, 0 warnings in 1 file (5 files checked)" in written
    assert f"| `{BROKEN}` | 23 | `delivery.mode` | error: `'onlin' is not one of" in written


def test_json_format_is_one_array_of_problem_objects(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_delivery_mode(base_catalog)
    assert main(["validate", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == [
        {
            "path": BROKEN,
            "line": 23,
            "column": 9,
            "field": "delivery.mode",
            "message": "'onlin' is not one of online, in_person, blended",
            "hint": "did you mean 'online'?",
            "severity": "error",
            "rule": "schema",
        }
    ]


def test_paths_narrow_the_report_but_not_the_checks(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_delivery_mode(base_catalog)
    assert main(["validate", "catalog/providers/acme-academy/provider.yml"]) == 0
    assert capsys.readouterr().out == "5 files checked, no problems\n"
    assert main(["validate", "catalog/providers/acme-academy/"]) == 1


def test_warnings_alone_exit_0(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = base_catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml"
    twin = original.with_name("spreadsheet-basics-2.yml")
    twin.write_text(original.read_text(encoding="utf-8").replace("id: spreadsheet-basics", "id: spreadsheet-basics-2"))
    assert main(["validate"]) == 0
    assert "warning: name: another listing of this provider has the same name" in capsys.readouterr().out


def test_missing_catalog_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--catalog", str(tmp_path / "nowhere")])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == f"credcat: error: catalog folder not found: {tmp_path / 'nowhere'}\n"


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--format", "xml"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_console_script_runs_on_the_sample_catalog() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "credcat"), "validate"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("files checked, no problems\n")
    assert result.stderr == ""


@pytest.mark.slow
def test_progress_bar_on_a_terminal_for_a_large_catalog(tmp_path: Path) -> None:
    """On a terminal, reading hundreds of files shows a bar on stderr that is cleared at the end."""
    generate_catalog(tmp_path / "catalog", 400)
    main_fd, terminal_fd = pty.openpty()
    result = subprocess.run(
        [str(Path(sys.executable).parent / "credcat"), "validate", "--catalog", str(tmp_path / "catalog")],
        stdout=subprocess.PIPE,
        stderr=terminal_fd,
        text=True,
        check=False,
    )
    os.close(terminal_fd)
    shown = os.read(main_fd, 65536).decode()
    os.close(main_fd)
    assert result.returncode == 0
    assert "reading [" in shown and "/4" in shown
    assert shown.endswith("\r\033[K")
    assert result.stdout.endswith("files checked, no problems\n")


@pytest.mark.slow
def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    generate_catalog(tmp_path / "catalog", 400)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "credcat"), "validate", "--catalog", str(tmp_path / "catalog")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stderr == ""


def test_serve_on_a_port_in_use_is_one_line_before_any_build(
        base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as exit_info:
            main(["serve", "--catalog", str(base_catalog), "--config", str(REPO / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.err == (
        f"credcat: error: cannot serve on 127.0.0.1:{port}: the port is in use "
        "(choose another port: make serve PORT=8001, or --dev-addr)\n"
    )
    assert "Traceback" not in captured.out + captured.err and "Building" not in captured.out + captured.err


@pytest.mark.parametrize(("arguments", "address"), [([], "127.0.0.1:8000"), (["PORT=8001"], "127.0.0.1:8001")])
def test_make_serve_takes_a_port(arguments: list[str], address: str) -> None:
    """make serve PORT=8001 serves on that port (make -n prints what it would run)."""
    result = subprocess.run(["make", "-n", "serve", *arguments], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert f".venv/bin/credcat serve --dev-addr {address}" in result.stdout.splitlines()


@pytest.mark.parametrize(("asked", "hint"), [
    ("northbridge-univrsity", "did you mean 'northbridge-university'?"),
    ("../etc", "a provider id is its folder name under providers/, such as 'heliogrid-energy'"),
    ("northbridge-university/credentials", "did you mean 'northbridge-university'?"),
    ("\x1b]0;owned\x07", "a provider id is its folder name under providers/, such as 'heliogrid-energy'"),
])
def test_serve_an_unknown_provider_is_one_usage_line_before_any_build(
        asked: str, hint: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--catalog", str(REPO / "catalog"), "--config", str(REPO / "mkdocs.yml"), "--dev-addr", "localhost:1",
              "--provider", "northbridge-university", "--provider", asked])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    shown = asked.encode("unicode_escape").decode("ascii")  # control characters written out, never sent to the terminal
    assert captured.err == f"credcat: error: --provider '{shown}': no such provider in the catalog; {hint}\n"
    assert captured.out == ""


@pytest.mark.parametrize(("arguments", "command"), [
    (["PROVIDER=northbridge-university"], "serve --dev-addr 127.0.0.1:8000 --provider northbridge-university"),
    (["PROVIDER=northbridge-university trilha-digital", "PORT=8001"],
     "serve --dev-addr 127.0.0.1:8001 --provider northbridge-university --provider trilha-digital"),
])
def test_make_serve_takes_providers(arguments: list[str], command: str) -> None:
    """make serve PROVIDER="a b" serves those providers' part of the catalog (make -n prints what it would run)."""
    result = subprocess.run(["make", "-n", "serve", *arguments], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert f".venv/bin/credcat {command}" in result.stdout.splitlines()


def test_serve_refuses_an_address_without_a_port(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--catalog", str(base_catalog), "--config", str(REPO / "mkdocs.yml"), "--dev-addr", "localhost"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == "credcat: error: --dev-addr 'localhost': expected HOST:PORT, such as 127.0.0.1:8000\n"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"credcat {credcat.__version__}\n"


@pytest.mark.parametrize("typed", ["catalog/providers/typo/", "catalog/providers/acme-academy/credentials/nope.yml"])
def test_a_mistyped_path_is_a_usage_error(base_catalog: Path, capsys: pytest.CaptureFixture[str], typed: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", typed])
    assert exit_info.value.code == 2
    assert capsys.readouterr() == ("", f"credcat: error: no such file: {typed}\n")


def test_a_missing_absolute_path_is_a_usage_error(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = base_catalog.parent / "nope.yml"
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", str(missing)])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == f"credcat: error: no such file: {missing}\n"


def test_a_path_outside_the_catalog_is_a_usage_error(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_catalog.parent / "notes.yml").write_text("a: b\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "notes.yml"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == "credcat: error: notes.yml is not in the catalog folder catalog\n"


@pytest.mark.parametrize("marker", ["mkdocs.yml", ".git"])
def test_inside_a_provider_folder_the_catalog_is_found_above(
    base_catalog: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, marker: str
) -> None:
    """From catalog/providers/<provider>/, validate walks up to the repository root and checks the whole catalog."""
    (base_catalog.parent / marker).mkdir() if marker == ".git" else (base_catalog.parent / marker).write_text("site_name: x\n")
    break_delivery_mode(base_catalog)
    provider = base_catalog / "providers/acme-academy"
    monkeypatch.chdir(provider)
    assert main(["validate", "credentials/"]) == 1
    assert capsys.readouterr().out == (
        f"{provider}/credentials/spreadsheet-basics.yml:23:9: error: delivery.mode: 'onlin' is not one of online,"
        " in_person, blended (did you mean 'online'?)\n"
        "1 error, 0 warnings in 1 file (5 files checked)\n"
    )
    assert main(["validate", "provider.yml"]) == 0
    assert capsys.readouterr().out == "5 files checked, no problems\n"


def test_without_a_repository_above_the_catalog_is_not_found(
    base_catalog: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(base_catalog / "providers")
    with pytest.raises(SystemExit) as exit_info:
        main(["validate"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        "credcat: error: no catalog folder here or above (a repository root holds catalog/ and mkdocs.yml or .git);"
        " give --catalog DIR\n"
    )


def add_twin_listing(catalog: Path) -> str:
    """A second listing with the first one's name: a warning (duplicate-name); its path."""
    original = catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml"
    twin = original.with_name("spreadsheet-basics-2.yml")
    twin.write_text(original.read_text(encoding="utf-8").replace("id: spreadsheet-basics", "id: spreadsheet-basics-2"))
    return "catalog/providers/acme-academy/credentials/spreadsheet-basics-2.yml"


TWIN_WARNING = (
    ":3:7: warning: name: another listing of this provider has the same name: acme-academy/spreadsheet-basics"
    " (give each listing a distinct name)"
)


def test_strict_validate_fails_on_warnings(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    twin = add_twin_listing(base_catalog)
    assert main(["validate", "--strict"]) == 1
    assert capsys.readouterr() == (
        f"{twin}{TWIN_WARNING}\n0 errors, 1 warning in 1 file (6 files checked)\n",
        "credcat: --strict: warnings fail the check, as they fail CI\n",
    )
    assert main(["validate", "--strict", "--format", "json"]) == 1
    assert [problem["severity"] for problem in json.loads(capsys.readouterr().out)] == ["warning"]


def test_strict_validate_passes_a_clean_catalog(base_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict"]) == 0
    assert capsys.readouterr() == ("5 files checked, no problems\n", "")


def test_strict_build_fails_naming_the_warnings(base_catalog: Path, tmp_path: Path) -> None:
    """The warnings validate --strict rejects fail build --strict before any page is built, named one a line."""
    twin = add_twin_listing(base_catalog)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "credcat"), "build", "--strict", "--config", str(REPO / "mkdocs.yml"),
         "--site-dir", str(tmp_path / "site")],
        cwd=base_catalog.parent, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-4:] == [
        "ERROR   -  warnings fail a strict build, as they fail credcat validate --strict:",
        f"{twin}{TWIN_WARNING}",
        "0 errors, 1 warning in 1 file (6 files checked)",
        "credcat: error: the build failed: Aborted with a BuildError!",
    ]
    assert not (tmp_path / "site" / "index.html").exists()


def test_strict_build_names_the_mkdocs_warnings_that_failed_it(base_catalog: Path, tmp_path: Path) -> None:
    """A warning of MkDocs itself (here a nav entry without its page) is repeated after the failure."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}").replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    (base_catalog.parent / "mkdocs.yml").write_text(config.replace("  - Compare: compare.md\n", "  - Compare: compare.md\n  - Gone: gone.md\n"))
    result = subprocess.run(
        [str(Path(sys.executable).parent / "credcat"), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=base_catalog.parent, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    gone = "A reference to 'gone.md' is included in the 'nav' configuration, which is not found in the documentation files."
    assert result.stderr.splitlines()[-3:] == [
        "credcat: error: the build failed: Aborted with 1 warnings in strict mode!",
        "the warnings that failed it (--strict):",
        f"  {gone}",
    ]
