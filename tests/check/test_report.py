"""Reporters print what came from input (file names, keys, values) with its control characters
escaped: a file name or key cannot move the cursor, colour the terminal or fake a line; in the
Markdown summary it is code, so it cannot become a link, an image, HTML or a mention either."""

from __future__ import annotations

import json
from pathlib import Path

import cmarkgfm
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from credcat.check.problem import Problem
from credcat.check.report import render_github, render_step_summary, render_text
from credcat.cli import main

# A file name and a key that try to erase the line above and print a verdict of their own.
FAKE_VERDICT = "\x1b[1A\x1b[2K\nall checks passed"
FILE = f"evil{FAKE_VERDICT}.yml"
KEY = f"key{FAKE_VERDICT}"
SHOWN_FILE = "catalog/providers/acme-academy/credentials/evil\\x1b[1A\\x1b[2K\\nall checks passed.yml"
SHOWN_KEY = "key\\x1b[1A\\x1b[2K\\nall checks passed"


@pytest.fixture
def hostile_names(base_catalog: Path) -> Path:
    """A listing whose file name and one of whose keys hold escape sequences and a line break."""
    listing = (base_catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml").read_text(encoding="utf-8")
    listing = listing.replace("id: spreadsheet-basics", "id: evil")
    key = KEY.replace("\x1b", "\\e").replace("\n", "\\n")
    (base_catalog / "providers/acme-academy/credentials" / FILE).write_text(f'"{key}": 1\n{listing}', encoding="utf-8")
    return base_catalog


def test_text_report_escapes_control_characters_in_file_names_and_keys(
    hostile_names: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert f"{SHOWN_FILE}:1:1: error: {SHOWN_KEY}: unknown field '{SHOWN_KEY}'" in out.splitlines()
    assert all(line.startswith("catalog/") for line in out.splitlines()[:-1])
    assert out.splitlines()[-1].endswith("(6 files checked)")


def test_github_report_escapes_control_characters_in_file_names_and_keys(
    hostile_names: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert (
        f"::error file={SHOWN_FILE},line=1,col=1,title=credcat schema%3A {SHOWN_KEY}::unknown field '{SHOWN_KEY}'"
        in out.splitlines()
    )


def test_json_report_keeps_the_names_exactly(hostile_names: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json"]) == 1
    problem = json.loads(capsys.readouterr().out)[0]
    assert problem["path"] == f"catalog/providers/acme-academy/credentials/{FILE}"
    assert problem["field"] == KEY


HOSTILE = Problem(
    "a\x1b]0;title\x07.yml", 2, 3, "k\u202eey", "value 'x\x9b31m\u200by'", hint="did you mean '\x00\r\nz'?"
)


def test_every_part_of_a_text_line_is_escaped() -> None:
    assert render_text([HOSTILE], 1).splitlines()[0] == (
        "a\\x1b]0;title\\x07.yml:2:3: error: k\\u202eey: value 'x\\x9b31m\\u200by' (did you mean '\\x00\\r\\nz'?)"
    )


def test_every_part_of_an_annotation_is_escaped() -> None:
    assert render_github([HOSTILE], 1).splitlines()[0] == (
        "::error file=a\\x1b]0;title\\x07.yml,line=2,col=3,title=credcat schema%3A k\\u202eey::"
        "value 'x\\x9b31m\\u200by' (did you mean '\\x00\\r\\nz'?)"
    )


def test_the_step_summary_is_escaped() -> None:
    summary = render_step_summary([HOSTILE], 1)
    assert "| `a\\x1b]0;title\\x07.yml` | 2 | `k\\u202eey` | error: `value 'x\\x9b31m\\u200by' (did you mean '\\x00\\r\\nz'?)` |" in summary


MARKUP = "## heading ![i](https://x.example/i.png) <img src=x onerror=alert(1)> [a](javascript:x) @team www.x.example"


def test_the_markdown_table_shows_input_as_code() -> None:
    problem = Problem("catalog/a|b.yml", 3, 4, "url", f"{MARKUP} `tick` | cell", hint="a | b")
    summary = render_step_summary([problem], 1)
    assert summary.splitlines()[-1] == (
        f"| `catalog/a\\|b.yml` | 3 | `url` | error: ``{MARKUP} `tick` \\| cell (a \\| b)`` |"
    )
    html = HTMLParser(cmarkgfm.github_flavored_markdown_to_html(summary, options=cmarkgfm.Options.CMARK_OPT_UNSAFE))
    assert html.css("img") == [] and html.css("a") == [] and len(html.css("h2")) == 1
    [row] = html.css("table")[-1].css("tbody tr")
    assert [cell.text() for cell in row.css("td")] == ["catalog/a|b.yml", "3", "url", f"error: {MARKUP} `tick` | cell (a | b)"]
