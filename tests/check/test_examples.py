"""Example files: every valid one passes, every invalid one gets exactly its expected lines.

Each example starts with `# place: <path in the catalog>` and, when invalid, one
`# expect: <line>` per problem, written as `credcat validate` prints it. The example is
dropped into a small base catalog (tests/examples/base plus the real taxonomy) at its place.
tests/examples/hostile holds invalid examples written as attacks (control and invisible
characters, reserved ids, deep nesting); each must be rejected with file and line, and the
fast and strict YAML readings of it must agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from credcat.check.load import parse_fast, parse_strictly
from credcat.check.report import render_text
from credcat.check.validate import validate_catalog
from support import EXAMPLES, TODAY
from support.catalogs import copy_base_catalog


def header(raw: bytes, key: str) -> list[str]:
    """Values of `# key: value` lines at the top of an example (read before any decoding)."""
    prefix = f"# {key}: "
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    return [line.removeprefix(prefix).rstrip("\r") for line in text.splitlines() if line.startswith(prefix)]


def validate_example(example: Path, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Validate the base catalog with the example in place; return the report lines."""
    raw = example.read_bytes()
    catalog = copy_base_catalog(workdir / "catalog")
    target = catalog / header(raw, "place")[0]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    monkeypatch.chdir(workdir)
    report = validate_catalog(Path("catalog"), today=TODAY)
    return render_text(report.problems, report.files_checked).splitlines()[:-1]


@pytest.mark.parametrize("example", sorted((EXAMPLES / "valid").glob("*.yml")), ids=lambda path: path.stem)
def test_valid_example_has_no_problems(example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert validate_example(example, tmp_path, monkeypatch) == []


INVALID = sorted((EXAMPLES / "invalid").glob("*.yml")) + sorted((EXAMPLES / "hostile").glob("*.yml"))
HOSTILE = sorted((EXAMPLES / "hostile").glob("*.yml"))


@pytest.mark.parametrize("example", INVALID, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_invalid_example_reports_expected_lines(example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = header(example.read_bytes(), "expect")
    assert expected, f"{example.name} has no '# expect:' line"
    assert validate_example(example, tmp_path, monkeypatch) == expected


@pytest.mark.parametrize("example", HOSTILE, ids=lambda path: path.stem)
def test_fast_and_strict_readings_of_a_hostile_example_agree(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    fast = parse_fast(text)
    assert fast is None or fast == parse_strictly(text)


def test_base_catalog_is_valid(base_catalog: Path) -> None:
    assert validate_catalog(Path("catalog"), today=TODAY).problems == []


def test_file_over_256_kib_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.yml"
    big.write_text("# place: providers/acme-academy/credentials/big.yml\n" + "# padding\n" * 27_000, encoding="utf-8")
    assert validate_example(big, tmp_path / "work", monkeypatch) == [
        "catalog/providers/acme-academy/credentials/big.yml:1:1: error: file is larger than 256 KiB"
        " (a listing is a few KB; move long text to the provider's own site)"
    ]
