"""YAML text as people write listings by hand: block style, list items indented under their key,
multi-line text as `|` blocks. `credcat new` writes its files with it, and so does the benchmark's
synthetic catalog generator (scripts/measure), which passes its own, faster scalar style.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

ScalarStyle = Callable[[Any], str]
"""How one key or value is spelled; the lines of a block scalar after the first are indented by two spaces."""

# Where a value's second and later lines start, if not empty: after a line break YAML 1.1 knows
# (NEL and the Unicode separators too), PyYAML indents, and a quoted value may hold one of those.
_LINE_START = re.compile("(?<=[\n\x85\u2028\u2029])(?=[^\n\x85\u2028\u2029])")


class _BlockDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with multi-line text as `|` blocks."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Multi-line text as a `|` block (PyYAML falls back to quotes where a block cannot hold it); else PyYAML's choice."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_BlockDumper.add_representer(str, _represent_text)


def pyyaml_scalar(value: Any) -> str:
    """As PyYAML writes `value` in a block: plain where YAML allows, else quoted; multi-line text as a `|` block."""
    text = yaml.dump([value], Dumper=_BlockDumper, allow_unicode=True, width=10_000)
    if text.endswith("\n...\n"):
        text = text[: -len("...\n")]  # a `|+` block leaves the document open, so PyYAML ends it; more may follow here
    return text.removeprefix("- ").removesuffix("\n")


def render_yaml(data: dict[str, Any], scalar: ScalarStyle = pyyaml_scalar) -> str:
    """`data` as block YAML; `scalar` spells every key and every value that is not a non-empty mapping or list."""
    lines: list[str] = []
    _emit_mapping(data, 0, "", lines, scalar)
    return "\n".join(lines) + "\n"


def _emit_mapping(mapping: dict[Any, Any], indent: int, lead: str, lines: list[str], scalar: ScalarStyle) -> None:
    """Keys at `indent`; the first line starts with `lead`, the dashes of the list items it opens or its indentation."""
    pad = " " * indent
    for key, value in mapping.items():
        head, lead = f"{lead}{scalar(key)}:", pad
        if isinstance(value, (dict, list)) and value:
            lines.append(head)
            _emit_collection(value, indent + 2, " " * (indent + 2), lines, scalar)
        else:
            _emit_scalar(head, value, pad, lines, scalar)


def _emit_sequence(items: list[Any], indent: int, lead: str, lines: list[str], scalar: ScalarStyle) -> None:
    """Dashes at `indent`; a mapping or list in an item starts on the dash's line."""
    pad = " " * indent
    for item in items:
        dash, lead = f"{lead}-", pad
        if isinstance(item, (dict, list)) and item:
            _emit_collection(item, indent + 2, f"{dash} ", lines, scalar)
        else:
            _emit_scalar(dash, item, pad, lines, scalar)


def _emit_collection(value: dict[Any, Any] | list[Any], indent: int, lead: str, lines: list[str], scalar: ScalarStyle) -> None:
    """A non-empty mapping or list, at `indent`."""
    if isinstance(value, dict):
        _emit_mapping(value, indent, lead, lines, scalar)
    else:
        _emit_sequence(value, indent, lead, lines, scalar)


def _emit_scalar(head: str, value: Any, pad: str, lines: list[str], scalar: ScalarStyle) -> None:
    """`head` (a key and its colon, or a dash) and the value; lines after the first go under the head's indentation `pad`."""
    text = "{}" if value == {} else "[]" if value == [] else scalar(value)
    lines.append(f"{head} {_LINE_START.sub(pad, text)}")
