"""YAML syntax errors in a provider's words: what is wrong, at the line to fix, with a hint.

PyYAML names the place where its parser gave up, often the line after the mistake, in the
parser's terms ("mapping values are not allowed here"). The mistakes people make by hand (a
key or list item at the wrong indentation, a tab, no space after a colon, a colon inside a
value, an unclosed quote or bracket, text after a closing quote, a `|` block whose text is not
indented) are recognised here from PyYAML's error and the text around it; anything else keeps
PyYAML's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_KEY = re.compile(r"(?:- +)*([^\s#'\"\-?:,\[\]{}][^:#]*?|'[^']*'|\"[^\"]*\"):(?= |$)")
_NO_SPACE_AFTER_COLON = re.compile(r"(?:- +)*([A-Za-z_][\w.-]*):(?=[^\s:/])")
_ITEM = re.compile(r"- |-$")
_BLOCK_HEADER = re.compile(r":\s+[|>][-+0-9]*\s*(?:#.*)?$")
_QUOTES = ("'", '"')


@dataclass(frozen=True)
class Explanation:
    """A syntax error as a provider reads it; line and column are 1-based."""

    message: str
    line: int
    column: int
    hint: str


@dataclass(frozen=True)
class _Line:
    """One line of the file: its number (1-based), its indentation and what follows it."""

    number: int
    indent: int
    content: str

    @property
    def is_item(self) -> bool:
        return _ITEM.match(self.content) is not None

    @property
    def key(self) -> str | None:
        """The key of a `key: value` line (after any `- `), or None."""
        found = _KEY.match(self.content)
        return found.group(1) if found else None

    @property
    def key_column(self) -> int:
        """Where the key starts, 0-based: after the indentation and any `- `."""
        return self.indent + len(self.content) - len(self.content.lstrip("- "))

    @property
    def shown(self) -> str:
        """The line's first words, to name it in a hint."""
        if self.is_item:
            return self.content if len(self.content) <= 30 else self.content[:27] + "..."
        key = self.key
        if key is not None:
            return f"{key}:"
        return self.content if len(self.content) <= 30 else self.content[:27] + "..."


@dataclass(frozen=True)
class _Level:
    """An indentation a line may take at some point: a key's or a list item's, and the line that set it."""

    indent: int
    kind: str
    line: _Line


def explain_syntax_error(error: yaml.YAMLError, text: str) -> Explanation | None:
    """The mistake behind a PyYAML error, or None when it is none of the known ones."""
    problem = str(getattr(error, "problem", "") or "")
    context = str(getattr(error, "context", "") or "")
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    if problem_mark is None:
        return None
    lines = _lines(text)
    at = (problem_mark.line + 1, problem_mark.column + 1)
    if "while scanning a quoted scalar" in context and context_mark is not None:
        return _in_quoted_text(problem, text, context_mark.line + 1, context_mark.column + 1)
    if context.startswith("while parsing a flow") and context_mark is not None:
        opener = _text_of_line(text, context_mark.line + 1)[context_mark.column : context_mark.column + 1]
        if opener not in ("[", "{"):
            return None
        closer = "]" if opener == "[" else "}"
        return Explanation(
            f"the '{opener}' here is never closed",
            context_mark.line + 1,
            context_mark.column + 1,
            f"close it with '{closer}' on the same line, or write one '- ' item a line below the key",
        )
    if "cannot start any token" in problem:
        return _bad_character(text, *at)
    if "block sequence entries are not allowed" in problem:
        return Explanation(
            "a list item must start on a line of its own",
            *at,
            "end the line after the key's colon and put '- ...' on the next line, indented by two more spaces",
        )
    if "could not find expected ':'" in problem and context_mark is not None:
        return _not_a_key(lines, context_mark.line + 1)
    if "mapping values are not allowed" in problem:
        return _unexpected_colon(lines, text, *at)
    if "did not find expected" in problem or "expected <block end>" in problem:
        return _unexpected_line(lines, text, *at)
    return None


def _text_of_line(text: str, number: int) -> str:
    """Line `number` (1-based) of the text, or "" past its end."""
    lines = text.splitlines()
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def _lines(text: str) -> list[_Line]:
    """Every line of the text, numbered from 1."""
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        content = raw.lstrip(" ")
        found.append(_Line(number, len(raw) - len(content), content.rstrip()))
    return found


def _is_content(line: _Line) -> bool:
    return bool(line.content) and not line.content.startswith("#")


def _previous_content(lines: list[_Line], number: int) -> _Line | None:
    """The nearest line above `number` that holds more than a comment."""
    for line in reversed(lines[: number - 1]):
        if _is_content(line):
            return line
    return None


def _levels_above(lines: list[_Line], number: int) -> list[_Level]:
    """The indentations a line at `number` could line up with: the line above and each line
    that encloses it (less indented), nearest first; a list item gives its dash and its key."""
    levels: list[_Level] = []
    limit = len(lines[number - 1].content) + 10_000 if number <= len(lines) else 10_000
    for line in reversed(lines[: number - 1]):
        if not _is_content(line) or line.indent >= limit:
            continue
        if line.is_item:
            if line.key is not None and line.key_column < limit:
                levels.append(_Level(line.key_column, "key", line))
            levels.append(_Level(line.indent, "item", line))
        else:
            levels.append(_Level(line.indent, "key" if line.key is not None else "text", line))
        limit = line.indent
        if limit == 0:
            break
    return levels


def _spaces(count: int) -> str:
    return f"{count} space{'' if count == 1 else 's'}"


def _misplaced(lines: list[_Line], number: int) -> Explanation | None:
    """A line at an indentation that fits nothing above it: which indentation it needs."""
    if not 1 <= number <= len(lines):
        return None
    line = lines[number - 1]
    levels = _levels_above(lines, number)
    kind = "item" if line.is_item else "key" if line.key is not None else "text"
    column = line.indent + 1
    if kind == "key" and any(level.kind == "item" and level.indent == line.indent for level in levels):
        return Explanation(
            f"'{line.shown}' is a key where a list item belongs",
            number,
            column,
            f"start a new item with '- {line.content}', or indent it to line up with the keys of the item above",
        )
    if kind == "item" and not any(level.kind == "item" for level in levels):
        same = [level for level in levels if level.indent == line.indent and level.kind == "key"]
        if same:
            return Explanation(
                f"a list item among the keys of a mapping: '{line.shown}'",
                number,
                column,
                f"give it a key, or move it under a field that holds a list (line {same[0].line.number} is a key)",
            )
    candidates = [level for level in levels if level.kind == kind] or levels
    if not candidates:
        return None
    deeper = [level for level in candidates if level.indent < line.indent]
    shallower = [level for level in candidates if level.indent > line.indent]
    below = max(deeper, key=lambda level: level.indent, default=None)
    above = min(shallower, key=lambda level: level.indent, default=None)
    if above is not None and (below is None or above.indent - line.indent <= line.indent - below.indent):
        expected = above
    elif below is not None:
        expected = below
    else:
        return None
    what = {"item": "a list item at the wrong indentation", "key": "a key at the wrong indentation"}.get(kind, "indentation")
    return Explanation(
        f"{what}: expected {_spaces(expected.indent)}, found {line.indent}",
        number,
        column,
        f"line '{line.shown}' up with '{expected.line.shown}' on line {expected.line.number}",
    )


def _unexpected_colon(lines: list[_Line], text: str, line_number: int, column: int) -> Explanation | None:
    """`mapping values are not allowed`: a colon inside a value, or a key that continues the line above."""
    line = lines[line_number - 1] if 1 <= line_number <= len(lines) else None
    if line is None:
        return None
    before = _text_of_line(text, line_number)[: column - 1]
    if ": " in before.lstrip(" -"):
        key = line.key or "name"
        return Explanation(
            "a colon and a space inside a value",
            line_number,
            column,
            f"put the value in quotes: {key}: \"{before.split(': ', 1)[1].strip()}: ...\"",
        )
    previous = _previous_content(lines, line_number)
    if previous is not None and (missing := _missing_space(previous)) is not None:
        return missing
    return _misplaced(lines, line_number)


def _unexpected_line(lines: list[_Line], text: str, line_number: int, column: int) -> Explanation | None:
    """`did not find expected key` and its kin: a line at the wrong indentation, or text after a quote."""
    line = lines[line_number - 1] if 1 <= line_number <= len(lines) else None
    if line is None:
        return None
    if column > line.indent + 1:
        before = _text_of_line(text, line_number)[: column - 1].rstrip()
        if before.endswith(_QUOTES):
            return _after_quote(text, line_number, column)
        return None
    previous = _previous_content(lines, line_number)
    if previous is not None and (missing := _missing_space(previous)) is not None:
        return missing
    return _misplaced(lines, line_number)


def _not_a_key(lines: list[_Line], line_number: int) -> Explanation | None:
    """`could not find expected ':'`: a `key:value` without its space, text of a `|` block not
    indented, or a line that is neither a key nor an item."""
    if not 1 <= line_number <= len(lines):
        return None
    line = lines[line_number - 1]
    if (missing := _missing_space(line)) is not None:
        return missing
    previous = _previous_content(lines, line_number)
    if previous is not None and _BLOCK_HEADER.search(previous.content) and line.indent <= previous.key_column:
        return Explanation(
            f"the text of '{previous.shown} {previous.content.rsplit(':', 1)[1].strip()}' must be indented",
            line_number,
            line.indent + 1,
            f"indent each line of the text by {_spaces(previous.key_column + 2)}",
        )
    return Explanation(
        f"'{line.shown}' is neither 'key: value' nor a list item",
        line_number,
        line.indent + 1,
        "write 'key: value'; if it continues the text above, indent it like that text or put the whole text in quotes",
    )


def _missing_space(line: _Line) -> Explanation | None:
    """A `key:value` line: YAML needs a space after the colon."""
    found = _NO_SPACE_AFTER_COLON.match(line.content)
    if found is None or ": " in line.content[: found.end()]:
        return None
    key = found.group(1)
    value = line.content[found.end() :]
    return Explanation(
        f"no space after the colon of '{key}:'",
        line.number,
        line.indent + found.end(),
        f"write '{key}: {value}'",
    )


def _bad_character(text: str, line_number: int, column: int) -> Explanation:
    """`found character that cannot start any token`: a tab, or a value starting with @, ` or %."""
    character = _text_of_line(text, line_number)[column - 1 : column] or " "
    if character == "\t":
        return Explanation("a tab where YAML needs spaces", line_number, column, "replace the tab with spaces")
    return Explanation(
        f"a value cannot start with '{character}'", line_number, column, "put the value in quotes"
    )


def _in_quoted_text(problem: str, text: str, line_number: int, column: int) -> Explanation | None:
    """An error inside quoted text: a quote that is never closed, or an escape YAML does not know."""
    quote = _text_of_line(text, line_number)[column - 1 : column]
    if quote not in _QUOTES:
        return None
    if "end of stream" in problem:
        return Explanation(
            f"the quote {quote} here is never closed",
            line_number,
            column,
            f"end the text with {quote} on the same line",
        )
    if "unknown escape character" in problem:
        return Explanation(
            "a backslash in \"...\" text starts an escape YAML does not know",
            line_number,
            column,
            "write \\\\ for a backslash, or put the text in '...' instead",
        )
    return None


def _after_quote(text: str, line_number: int, column: int) -> Explanation | None:
    """Text after a closing quote: an apostrophe inside '...', or a quote opened on an earlier line."""
    last = _last_quoted_scalar(text, line_number, column)
    if last is None:
        return None
    start, quote = last
    if start[0] != line_number:
        return Explanation(
            f"the quote {quote} here is not closed on its line",
            *start,
            f"end the text with {quote} on line {start[0]}",
        )
    escape = "''" if quote == "'" else '\\"'
    other = '"' if quote == "'" else "'"
    return Explanation(
        f"text after the closing quote {quote}",
        line_number,
        column,
        f"inside {quote}...{quote} write {escape} for {quote}, or put the whole value in {other}...{other}",
    )


def _last_quoted_scalar(text: str, line_number: int, column: int) -> tuple[tuple[int, int], str] | None:
    """Where the last quoted value before a position starts (1-based), and its quote."""
    found: tuple[tuple[int, int], str] | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (token.end_mark.line + 1, token.end_mark.column + 1) > (line_number, column):
                break
            if isinstance(token, yaml.ScalarToken) and token.style in _QUOTES:
                found = (token.start_mark.line + 1, token.start_mark.column + 1), str(token.style)
    except yaml.YAMLError:
        pass
    return found


# A list item of plain text (not `- key: ...`, not a `|` or `>` block), any lines that continue
# its text, then a `- ` indented deeper than the item: YAML reads that as more of the text.
# (It starts at a line break, not at `^` with MULTILINE: three times quicker; the first line of
# a file never continues an item.)
# Possessive quantifiers: each line is read one way only, so a failed match never backtracks
# into the lines before it.
_FOLDED_ITEM = re.compile(r"\n( *+)- (?![^\n]*:(?: |\n|$))(?![|>])[^\n]*+\n(?:\1 ++(?!- )[^\n]*+\n)*+(\1 ++)- ")


def folded_list_items(text: str) -> list[Explanation]:
    """List items indented deeper than the plain-text item above them: valid YAML (their text
    joins the item above, `en - de`), but never what the writer meant."""
    if "- " not in text:
        return []
    found = []
    lines: list[_Line] = []
    for match in _FOLDED_ITEM.finditer(text):
        lines = lines or _lines(text)
        item = lines[text.count("\n", 0, match.start()) + 1]
        folded = lines[text.count("\n", 0, match.end())]
        found.append(
            Explanation(
                f"a list item at the wrong indentation: expected {_spaces(item.indent)}, found {folded.indent}",
                folded.number,
                folded.indent + 1,
                f"line '{folded.shown}' up with '{item.shown}' on line {item.number};"
                " deeper, YAML reads it as more text of that item",
            )
        )
    return found
