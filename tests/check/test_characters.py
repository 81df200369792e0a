"""The unsafe characters of the contract: their names as Unicode spells them, and the escape
reporters print instead of them."""

from __future__ import annotations

import unicodedata

import pytest

from credcat.check.characters import CONTROL_NAMES, UNSAFE, describe, escape, kind_of


def test_every_control_name_is_the_unicode_alias_of_its_character() -> None:
    assert len(CONTROL_NAMES) == 65
    for character, name in CONTROL_NAMES.items():
        assert unicodedata.lookup(name) == character, name


@pytest.mark.parametrize(
    ("character", "described", "kind"),
    [
        ("\x1b", "U+001B ESCAPE", "control character"),
        ("\x00", "U+0000 NULL", "control character"),
        ("\x9b", "U+009B CONTROL SEQUENCE INTRODUCER", "control character"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE", "bidirectional control character"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE", "bidirectional control character"),
        ("\u200b", "U+200B ZERO WIDTH SPACE", "zero-width character"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE", "zero-width character"),
    ],
)
def test_unsafe_characters_are_named_and_classed(character: str, described: str, kind: str) -> None:
    assert UNSAFE.fullmatch(character)
    assert describe(character) == described
    assert kind_of(character) == kind


@pytest.mark.parametrize("character", ["a", " ", "é", "\xa0", "\u2028", "\u200e", "😀"])
def test_other_characters_are_not_unsafe(character: str) -> None:
    assert UNSAFE.search(character) is None


def test_escape_writes_out_what_a_terminal_would_act_on() -> None:
    assert escape("a\x1b[2Jb\nc\td\u202ee\u2028f\u200bg\u200eh é") == "a\\x1b[2Jb\\nc\\td\\u202ee\\u2028f\\u200bg\\u200eh é"
    assert escape("plain text: 'quoted', 100%") == "plain text: 'quoted', 100%"
