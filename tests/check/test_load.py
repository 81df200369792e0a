"""Loading hostile YAML: deep nesting is a located error, never a crash of the parsers.

The validator runs in a subprocess here, so that a segfault (the fast parser's answer to
deep nesting) fails the test instead of killing pytest.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from credcat.check.load import MAX_DEPTH, LoadError, parse, parse_fast

CREDCAT = str(Path(sys.executable).parent / "credcat")
DEEP_FILE = "catalog/providers/acme-academy/credentials/deep.yml"
TOO_DEEP = f"nesting is deeper than {MAX_DEPTH} levels (a listing needs a few: check the indentation, '- ' and brackets)"

DEEP = {
    # 120,000 nested sequences on one line: yaml_rs segfaulted.
    "sequences on one line": ("- " * 120_000 + "x\n", 1, 129),
    # 690 nested block sequences: a RecursionError escaped.
    "block sequences": ("".join(" " * depth + "-\n" for depth in range(690)) + " " * 690 + "x\n", 65, 65),
    "block mappings": ("".join(" " * depth + "a:\n" for depth in range(600)) + " " * 600 + "x\n", 65, 65),
    # libyaml stops flow collections at 1,000 levels itself, where it has read ahead to.
    "flow sequences": ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, 1003),
}


@pytest.mark.parametrize(("text", "line", "column"), DEEP.values(), ids=DEEP.keys())
def test_deep_nesting_is_reported_with_file_and_line(base_catalog: Path, text: str, line: int, column: int) -> None:
    (base_catalog / "providers/acme-academy/credentials/deep.yml").write_text(text, encoding="utf-8")
    result = subprocess.run([CREDCAT, "validate"], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"{DEEP_FILE}:{line}:{column}: error: {TOO_DEEP}",
        "1 error, 0 warnings in 1 file (6 files checked)",
    ]


def test_nesting_up_to_the_limit_is_read() -> None:
    nested = "".join(" " * depth + "a:\n" for depth in range(MAX_DEPTH - 1)) + " " * MAX_DEPTH + "x\n"
    data = parse(nested)
    for _ in range(MAX_DEPTH - 1):
        data = data["a"]
    assert data == "x"
    with pytest.raises(LoadError):
        parse(" " * MAX_DEPTH + "a:\n" + nested.replace("\n", "\n "))


def test_a_text_that_may_nest_deeply_never_reaches_the_fast_parser() -> None:
    assert parse_fast("a: " + "[" * 40 + "]" * 40 + "\n") is None
    assert parse_fast("a:\n" + " " * 20 + "- x\n") is None
