"""YAML mistakes made by hand get a message in a provider's words, at the line to fix.

Each case changes one line or two of the base catalog's listing and expects the exact line
`credcat validate` prints.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credcat.check.load import LoadError, parse
from credcat.check.report import render_text
from credcat.check.syntax import folded_list_items
from credcat.check.validate import validate_catalog
from support import TODAY

LISTING = "catalog/providers/acme-academy/credentials/spreadsheet-basics.yml"

CASES = [
    pytest.param(
        "  audience: beginner\n", "  audience: beginner\n   eqf: 5\n",
        "20:4: error: a key at the wrong indentation: expected 2 spaces, found 3 (line 'eqf:' up with 'audience:' on line 19)",
        id="key-one-space-too-deep",
    ),
    pytest.param(
        "  audience: beginner\n", "  audience: beginner\n eqf: 5\n",
        "20:2: error: a key at the wrong indentation: expected 2 spaces, found 1 (line 'eqf:' up with 'audience:' on line 19)",
        id="key-one-space-too-shallow",
    ),
    pytest.param(
        "  pacing: self_paced\n", "    pacing: self_paced\n",
        "24:5: error: a key at the wrong indentation: expected 2 spaces, found 4 (line 'pacing:' up with 'mode:' on line 23)",
        id="key-deeper-than-its-sibling",
    ),
    pytest.param(
        "status: active\n", " status: active\n",
        "9:2: error: a key at the wrong indentation: expected 0 spaces, found 1 (line 'status:' up with 'url:' on line 8)",
        id="top-level-key-indented",
    ),
    pytest.param(
        "  hours: 12\n", "\thours: 12\n",
        "21:1: error: tab in indentation (indent with spaces)",
        id="tab-in-indentation",
    ),
    pytest.param(
        "  - en\n", "  -\ten\n",
        "11:4: error: a tab where YAML needs spaces (replace the tab with spaces)",
        id="tab-after-a-dash",
    ),
    pytest.param(
        "status: active\n", "status:active\n",
        "9:7: error: no space after the colon of 'status:' (write 'status: active')",
        id="no-space-after-colon",
    ),
    pytest.param(
        "  mode: online\n", "  mode:online\n",
        "23:7: error: no space after the colon of 'mode:' (write 'mode: online')",
        id="no-space-after-a-nested-colon",
    ),
    pytest.param(
        "name: Spreadsheet Basics\n", 'name: "Spreadsheet Basics\n',
        '3:7: error: the quote " here is not closed on its line (end the text with " on line 3)',
        id="unclosed-double-quote",
    ),
    pytest.param(
        "  last_verified: \"2026-10-01\"\n", "  last_verified: \"2026-10-01\n",
        '32:18: error: the quote " here is never closed (end the text with " on the same line)',
        id="unclosed-quote-at-the-end",
    ),
    pytest.param(
        "name: Spreadsheet Basics\n", "name: 'Spreadsheet Basics for everyone's work'\n",
        "3:40: error: text after the closing quote ' (inside '...' write '' for ', or put the whole value in \"...\")",
        id="apostrophe-in-single-quotes",
    ),
    pytest.param(
        "  - en\n", "  - en\n - de\n",
        "12:2: error: a list item at the wrong indentation: expected 2 spaces, found 1 (line '- de' up with '- en' on line 11)",
        id="list-item-too-shallow",
    ),
    pytest.param(
        "  - en\n", "  - en\n- de\n",
        "12:1: error: a list item at the wrong indentation: expected 2 spaces, found 0 (line '- de' up with '- en' on line 11)",
        id="list-item-at-the-key-level",
    ),
    pytest.param(
        "  audience: beginner\n", "  audience: beginner\n  - advanced\n",
        "20:3: error: a list item among the keys of a mapping: '- advanced' (give it a key, or move it under a field"
        " that holds a list (line 19 is a key))",
        id="list-item-among-keys",
    ),
    pytest.param(
        "languages:\n  - en\n", "languages: - en\n",
        "10:12: error: a list item must start on a line of its own (end the line after the key's colon and put"
        " '- ...' on the next line, indented by two more spaces)",
        id="list-item-on-the-key-line",
    ),
    pytest.param(
        "name: Spreadsheet Basics\n", "name: Spreadsheets: the basics\n",
        "3:19: error: a colon and a space inside a value (put the value in quotes: name: \"Spreadsheets: ...\")",
        id="colon-inside-a-value",
    ),
    pytest.param(
        "  Learn the spreadsheet skills every office role uses.\n", "Learn the spreadsheet skills every office role uses.\n",
        "6:1: error: the text of 'description: |' must be indented (indent each line of the text by 2 spaces)",
        id="block-text-not-indented",
    ),
    pytest.param(
        "languages:\n  - en\n", "languages: [en\n",
        "10:12: error: the '[' here is never closed (close it with ']' on the same line, or write one '- ' item a line"
        " below the key)",
        id="unclosed-bracket",
    ),
    pytest.param(
        "name: Spreadsheet Basics\n", "name: @spreadsheets\n",
        "3:7: error: a value cannot start with '@' (put the value in quotes)",
        id="value-starting-with-at",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_a_yaml_mistake_is_named_at_its_line(base_catalog: Path, old: str, new: str, expected: str) -> None:
    listing = base_catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml"
    text = listing.read_text(encoding="utf-8")
    assert old in text
    listing.write_text(text.replace(old, new, 1), encoding="utf-8")
    report = validate_catalog(Path("catalog"), today=TODAY)
    assert render_text(report.problems, report.files_checked).splitlines()[:-1] == [f"{LISTING}:{expected}"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "  - en\n", "  - en\n    - de\n",
            "12:5: error: a list item at the wrong indentation: expected 2 spaces, found 4 (line '- de' up with '- en'"
            " on line 11; deeper, YAML reads it as more text of that item)",
            id="language-too-deep",
        ),
        pytest.param(
            "  - Build a spreadsheet with formulas that others can check\n",
            "  - Build a spreadsheet with formulas\n    that others can check\n     - Present the results in a chart\n",
            "19:6: error: a list item at the wrong indentation: expected 2 spaces, found 5 (line '- Present the results"
            " in a ...' up with '- Build a spreadsheet with ...' on line 17; deeper, YAML reads it as more text of that item)",
            id="outcome-too-deep-after-wrapped-text",
        ),
    ],
)
def test_a_list_item_too_deep_is_not_read_as_text(base_catalog: Path, old: str, new: str, expected: str) -> None:
    """YAML reads a deeper '- ' after a plain item as more of its text ('en - de'): valid YAML, never what was meant."""
    listing = base_catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml"
    listing.write_text(listing.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    report = validate_catalog(Path("catalog"), today=TODAY)
    assert [line for line in render_text(report.problems, report.files_checked).splitlines()[:-1] if "indentation" in line] == [
        f"{LISTING}:{expected}"
    ]


def test_nested_lists_and_items_that_are_mappings_are_fine(base_catalog: Path) -> None:
    listing = base_catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml"
    text = listing.read_text(encoding="utf-8")
    listing.write_text(text + "skills:\n  - name: Formulas\n    esco: http://data.europa.eu/esco/skill/x\n"
                       "prerequisites:\n  text:\n    - Basic arithmetic\n", encoding="utf-8")
    assert validate_catalog(Path("catalog"), today=TODAY).problems == []


def test_long_runs_of_item_text_are_read_in_linear_time() -> None:
    """Items followed by many lines of their text: each line is read one way, so this takes
    milliseconds (a backtracking reading took 2**50 steps per item)."""
    text = "outcomes:\n" + ("- a\n" + "  continued\n" * 60) * 1000
    started = time.monotonic()
    assert folded_list_items(text) == []
    assert time.monotonic() - started < 2


@given(st.lists(st.sampled_from(["\n", " ", "  ", "- ", "-", "a", ":", ": ", "|", ">", "'", '"', "#", "\t", "[", "@", "x:y"]), max_size=60).map("".join))
@settings(max_examples=500, deadline=None)
def test_any_text_gives_located_explanations_or_none(text: str) -> None:
    for found in folded_list_items(text):
        assert found.line >= 1 and found.column >= 1 and found.message
    try:
        parse(text)
    except LoadError as error:
        assert error.line >= 1 and error.column >= 1 and error.message
