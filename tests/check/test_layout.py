"""What may live in the catalog folder: symbolic links are refused and never read or followed,
hidden files are reported, and anything else that is not a file is refused without a hang.
(Links and pipes cannot be committed as examples, so these tests make them.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from credcat.check.report import render_text
from credcat.check.validate import validate_catalog
from support import TODAY

ACME = Path("providers/acme-academy")
LISTING = ACME / "credentials/spreadsheet-basics.yml"
LINK = (
    "1:1: error: a symbolic link is not allowed in the catalog; it was neither read nor followed"
    " (replace the link with the file or folder it points to)"
)


def report_lines(catalog: Path) -> list[str]:
    report = validate_catalog(catalog, today=TODAY)
    return render_text(report.problems, report.files_checked).splitlines()


def test_a_link_to_a_file_outside_is_refused_and_never_read(base_catalog: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET-FIRST-LINE\n", encoding="utf-8")
    (base_catalog / ACME / "credentials/passwd.yml").symlink_to(secret)
    lines = report_lines(Path("catalog"))
    assert lines == [f"catalog/{ACME}/credentials/passwd.yml:{LINK}", "1 error, 0 warnings in 1 file (6 files checked)"]


def test_a_link_to_another_providers_listing_is_refused_and_not_published(base_catalog: Path) -> None:
    other = base_catalog / "providers/other-academy"
    (other / "credentials").mkdir(parents=True)
    provider = (base_catalog / ACME / "provider.yml").read_text(encoding="utf-8")
    other_provider = provider.replace("acme-academy", "other-academy").replace("name: Acme Academy", "name: Other Academy")
    (other / "provider.yml").write_text(other_provider, encoding="utf-8")
    (other / "credentials/spreadsheet-basics.yml").symlink_to(base_catalog / LISTING)
    report = validate_catalog(Path("catalog"), today=TODAY)
    assert render_text(report.problems, report.files_checked).splitlines()[0] == (
        f"catalog/providers/other-academy/credentials/spreadsheet-basics.yml:{LINK}"
    )
    assert report.catalog is not None
    assert list(report.catalog.credentials) == ["acme-academy/spreadsheet-basics"]


def test_a_linked_folder_is_refused_and_not_followed(base_catalog: Path) -> None:
    (base_catalog / "providers/mirror-academy").symlink_to(base_catalog / ACME, target_is_directory=True)
    (base_catalog / ACME / "pathways").symlink_to(base_catalog / ACME / "credentials", target_is_directory=True)
    assert report_lines(Path("catalog")) == [
        f"catalog/{ACME}/pathways:{LINK}",
        f"catalog/providers/mirror-academy:{LINK}",
        "2 errors, 0 warnings in 2 files (7 files checked)",
    ]


def test_hidden_files_and_folders_are_reported_and_gitkeep_is_not(base_catalog: Path) -> None:
    (base_catalog / ACME / "credentials/.draft.yml").write_text("id: draft\n", encoding="utf-8")
    (base_catalog / ACME / ".cache").mkdir()
    (base_catalog / ACME / ".cache/listing.yml").write_text("id: cached\n", encoding="utf-8")
    (base_catalog / "providers/.gitkeep").touch()
    assert report_lines(Path("catalog")) == [
        f"catalog/{ACME}/.cache:1:1: warning: a hidden folder is not part of the catalog: nothing in it is checked"
        " or published (delete it, or rename it without the leading dot)",
        f"catalog/{ACME}/credentials/.draft.yml:1:1: warning: a hidden file is not part of the catalog: it is not"
        " checked or published (delete it, or rename it without the leading dot)",
        "0 errors, 2 warnings in 2 files (7 files checked)",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_on_it(base_catalog: Path) -> None:
    os.mkfifo(base_catalog / ACME / "credentials/pipe.yml")
    credcat = Path(sys.executable).parent / "credcat"
    result = subprocess.run([str(credcat), "validate"], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"catalog/{ACME}/credentials/pipe.yml:1:1: error: not a regular file (a pipe, socket or device); it was not read"
        " (delete it)"
    )
