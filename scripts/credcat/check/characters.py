"""Characters that must not reach a page or a terminal unseen: C0 and C1 controls,
bidirectional overrides and isolates, zero-width characters.

Listings may not hold them (DATA-MODEL.md, "Reserved ids and text hygiene"); reporters
print them escaped, so a file name or a key cannot move the cursor or fake a line.
"""

from __future__ import annotations

import re
import unicodedata

# One pattern per kind, in the contract's words; UNSAFE is any of them.
CONTROL = "\x00-\x1f\x7f-\x9f"
BIDIRECTIONAL = "\u202a-\u202e\u2066-\u2069"
ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
UNSAFE = re.compile(f"[{CONTROL}{BIDIRECTIONAL}{ZERO_WIDTH}]")
# Markdown text may also hold tabs and line breaks (tab, line feed, carriage return).
UNSAFE_IN_MARKDOWN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDIRECTIONAL}{ZERO_WIDTH}]")

# Also kept out of reports: the line and paragraph separators, which some terminals and
# editors break lines at, and the invisible direction marks (LRM, RLM, ALM).
_SHOWN_ESCAPED = re.compile(f"[{CONTROL}{BIDIRECTIONAL}{ZERO_WIDTH}\u2028\u2029\u200e\u200f\u061c]")

# The Unicode name aliases of the controls, which have no character names of their own
# (unicodedata.lookup reads them back: tests/check/test_characters.py checks each).
_CONTROL_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE",
    "ALERT", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN",
    "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL",
    "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
)
_C1_NAMES = (
    "PADDING CHARACTER", "HIGH OCTET PRESET", "BREAK PERMITTED HERE", "NO BREAK HERE", "INDEX", "NEXT LINE",
    "START OF SELECTED AREA", "END OF SELECTED AREA", "CHARACTER TABULATION SET",
    "CHARACTER TABULATION WITH JUSTIFICATION", "LINE TABULATION SET", "PARTIAL LINE FORWARD", "PARTIAL LINE BACKWARD",
    "REVERSE LINE FEED", "SINGLE SHIFT TWO", "SINGLE SHIFT THREE", "DEVICE CONTROL STRING", "PRIVATE USE ONE",
    "PRIVATE USE TWO", "SET TRANSMIT STATE", "CANCEL CHARACTER", "MESSAGE WAITING", "START OF GUARDED AREA",
    "END OF GUARDED AREA", "START OF STRING", "SINGLE GRAPHIC CHARACTER INTRODUCER", "SINGLE CHARACTER INTRODUCER",
    "CONTROL SEQUENCE INTRODUCER", "STRING TERMINATOR", "OPERATING SYSTEM COMMAND", "PRIVACY MESSAGE",
    "APPLICATION PROGRAM COMMAND",
)
CONTROL_NAMES: dict[str, str] = {
    **{chr(code): name for code, name in enumerate(_CONTROL_NAMES)},
    "\x7f": "DELETE",
    **{chr(0x80 + offset): name for offset, name in enumerate(_C1_NAMES)},
}


def describe(character: str) -> str:
    """The character as a person can look it up: `U+001B ESCAPE`."""
    name = CONTROL_NAMES.get(character) or unicodedata.name(character, "")
    return f"U+{ord(character):04X} {name}".rstrip()


def kind_of(character: str) -> str:
    """Which of the contract's kinds an unsafe character is, in words."""
    if re.match(f"[{BIDIRECTIONAL}]", character):
        return "bidirectional control character"
    if re.match(f"[{ZERO_WIDTH}]", character):
        return "zero-width character"
    return "control character"


def escape(text: str) -> str:
    """`text` with every control, bidirectional, zero-width and line-separating character
    written out as a Python escape (`\\x1b`, `\\n`, `\\u202e`), so that printing it cannot
    change what else a terminal or log shows."""
    if _SHOWN_ESCAPED.search(text) is None:
        return text
    return _SHOWN_ESCAPED.sub(lambda found: repr(found.group())[1:-1], text)
