"""The YAML writer `credcat new` and the synthetic catalogs share: block layout, and values that read back as written."""

from __future__ import annotations

from typing import Any

import pytest

from credcat.check.load import parse
from credcat.yaml_text import render_yaml

TRICKY_VALUES = [
    "yes", "on", "null", "", "2025-01-01", "12", "1.5", "TODO: replace this", "# not a comment", "- not a list",
    "it's", 'say "hi"', "tab\there", "no final line break\nsecond line", "two final line breaks\n\n",
    " leading space\nsecond line\n", "trailing space \nsecond line\n", "é ü 😀", True, None, 0, -2.5, 1e20,
]


def test_block_layout_with_list_items_indented_under_their_key() -> None:
    data = {
        "name": "Widget Basics",
        "languages": ["en", "fr"],
        "skills": [{"name": "SQL", "esco": "http://data.europa.eu/esco/skill/1"}],
        "steps": [["a", "b"], []],
        "level": {"audience": "beginner", "eqf": 4},
        "description": "One.\n\nTwo.\n",
        "keywords": [],
        "validity": {},
    }
    assert render_yaml(data) == (
        "name: Widget Basics\n"
        "languages:\n  - en\n  - fr\n"
        "skills:\n  - name: SQL\n    esco: http://data.europa.eu/esco/skill/1\n"
        "steps:\n  - - a\n    - b\n  - []\n"
        "level:\n  audience: beginner\n  eqf: 4\n"
        "description: |\n  One.\n\n  Two.\n"
        "keywords: []\n"
        "validity: {}\n"
    )


@pytest.mark.parametrize("value", TRICKY_VALUES, ids=repr)
def test_a_value_reads_back_as_written_at_any_depth(value: Any) -> None:
    data = {"top": value, "nested": {"items": [value, {"key": value}]}, "after": "more"}
    assert parse(render_yaml(data)) == data
