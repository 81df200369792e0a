"""Strict YAML loading: bytes on disk -> plain data plus a way back to line and column.

Listings are written by hand and are untrusted, so the loader accepts only plain mappings,
sequences and YAML 1.2 core scalars: no tags, anchors, aliases, duplicate keys or second
documents, and `no`, `on` or `2026-01-01` stay strings. Parsing uses libyaml when present;
positions are computed only for files that turn out to have problems.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
import yaml_rs
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from credcat.check.layout import CatalogScan, Kind, Placement, is_provider_asset, place, scan_catalog
from credcat.check.problem import Problem, Severity, format_field_path
from credcat.check.syntax import explain_syntax_error
from credcat.errors import CredcatError

MAX_FILE_BYTES = 256 * 1024
# Listings need a few levels of nesting; deep nesting only attacks the parsers (yaml_rs
# segfaults, the recursive construction runs out of stack), so it is refused before them.
MAX_DEPTH = 64

JsonPath = tuple[str | int, ...]
Position = tuple[int, int]

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")

# Where the fast parser could read text differently from the strict rules: an anchor, alias or
# tag at a token start; integers it spells more freely than the YAML 1.2 core schema (1_000, _1,
# 0b1, 0X1F, -0x1: a plain scalar with one of these hints); characters YAML 1.1 and 1.2 treat
# differently (NEL, line and paragraph separators, a BOM inside the text).
_TOKEN_INDICATOR = re.compile(r"(?:^|[\s\[{,])[&*!](?=\S)", re.MULTILINE)
_DIGITS = frozenset("0123456789")
_NUMBER_LEFT_OF_UNDERSCORE = frozenset("0123456789 \n[{,-+.")
_RADIX_HINTS = ("0b", "0B", "0O", "0X", "-0x", "-0o", "+0x", "+0o")
_SCALAR_CHARACTERS = frozenset("-+0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.")
_VERSION_SENSITIVE = re.compile("[\x85\u2028\u2029\ufeff]")
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A block collection nested n deep starts at column n / 2 - 1 or more (every level but a
# sequence under a key is indented further), after indicators and spaces; flow collections
# need a bracket each. Below both bounds a text cannot nest MAX_DEPTH deep.
_DEEP_INDENT = re.compile(f"^[ \t?:-]{{{MAX_DEPTH // 4 - 1},}}", re.MULTILINE)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


class _Core12Loader(_BaseLoader):  # type: ignore[misc]  # a base chosen at run time
    """libyaml's parser with the YAML 1.2 core schema's implicit types (no dates, no `yes`)."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}


for _tag, _pattern, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        _FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _Core12Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _to_int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _to_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(text)


_SCALARS: dict[str, Callable[[str], str | int | float | bool | None]] = {
    _STR: str,
    _INT: _to_int,
    _FLOAT: _to_float,
    _BOOL: lambda text: text.lower() == "true",
    _NULL: lambda text: None,
}


class YamlMark(Protocol):
    """Where PyYAML (pure Python or libyaml) saw something, 0-based."""

    line: int
    column: int


class LoadError(CredcatError):
    """A file that cannot become data, with the place to blame (1-based)."""

    def __init__(self, message: str, line: int = 1, column: int = 1, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


@dataclass
class Document:
    """A loaded file: its data, and its text kept to locate fields on demand."""

    path: Path
    display_path: str
    data: Any
    text: str = field(repr=False)
    _positions: dict[JsonPath, Position] | None = field(default=None, repr=False)
    _key_positions: dict[JsonPath, Position] | None = field(default=None, repr=False)

    def position(self, json_path: Sequence[str | int], *, of_key: bool = False) -> Position:
        """Line and column of a value (or of its key); the nearest existing parent if absent."""
        if self._positions is None:
            self._positions, self._key_positions = _map_positions(self.text)
        assert self._key_positions is not None
        path = tuple(json_path)
        while path:
            table = self._key_positions if of_key else self._positions
            if path in table:
                return table[path]
            if path in self._key_positions:
                return self._key_positions[path]
            path = path[:-1]
            of_key = True
        return self._positions.get((), (1, 1))

    def problem(
        self,
        json_path: Sequence[str | int],
        message: str,
        *,
        hint: str = "",
        rule: str = "schema",
        severity: Severity = Severity.ERROR,
        of_key: bool = False,
    ) -> Problem:
        """A problem located at a field of this document."""
        line, column = self.position(json_path, of_key=of_key)
        field_path = format_field_path(tuple(json_path))
        return Problem(self.display_path, line, column, field_path, message, hint, severity, rule)


def display_path(path: Path) -> str:
    """The path as a person at the current directory would type it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _displayed_below(root: Path) -> tuple[str, int]:
    """How paths below `root` are shown: the shown root, and how much of str(path) to replace."""
    return display_path(root), len(str(root))


def load_file(path: Path, shown_as: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file; return its document, or the problem that stopped it."""
    shown = shown_as if shown_as is not None else display_path(path)
    try:
        raw = _read_bounded(path)
        text = _decode(raw)
        data = parse(text)
    except LoadError as error:
        return None, [Problem(shown, error.line, error.column, "", error.message, error.hint, rule="load")]
    return Document(path, shown, data, text), []


@dataclass
class LoadedCatalog:
    """Every catalog file that parsed, by kind, keyed the way references name them."""

    root: Path
    taxonomies: dict[str, Document] = field(default_factory=dict)
    providers: dict[str, Document] = field(default_factory=dict)
    credentials: dict[str, Document] = field(default_factory=dict)
    pathways: dict[str, Document] = field(default_factory=dict)
    recognitions: dict[str, Document] = field(default_factory=dict)
    placements: dict[str, Placement] = field(default_factory=dict)
    documents_by_path: dict[str, Document] = field(default_factory=dict)
    exchange_rates: Document | None = None

    def add(self, placement: Placement, document: Document) -> None:
        """File a parsed document under its kind."""
        self.placements[document.display_path] = placement
        self.documents_by_path[document.display_path] = document
        match placement.kind:
            case Kind.TAXONOMY:
                self.taxonomies[placement.stem] = document
            case Kind.EXCHANGE_RATES:
                self.exchange_rates = document
            case Kind.PROVIDER:
                self.providers[placement.provider] = document
            case Kind.CREDENTIAL:
                self.credentials[placement.ref] = document
            case Kind.PATHWAY:
                self.pathways[placement.ref] = document
            case Kind.RECOGNITION:
                self.recognitions[placement.ref] = document

    def documents(self) -> Iterator[tuple[Kind, Document]]:
        """Every document with its kind, in a stable order."""
        for path in sorted(self.placements):
            yield self.placements[path].kind, self.documents_by_path[path]


@dataclass(frozen=True)
class CatalogFile:
    """A file in a known place of the catalog, with the path its problems are shown under."""

    path: Path
    shown: str
    placement: Placement


def plan_catalog(root: Path, scan: CatalogScan | None = None) -> tuple[list[CatalogFile], list[Problem], int]:
    """Every file below the catalog root, classified; problems for files in no known place and for
    entries refused unread (links, hidden files, pipes); the count of entries. Only the entries of
    `scan` when given: a part of the catalog (`credcat serve --provider`, subset.py)."""
    planned: list[CatalogFile] = []
    problems: list[Problem] = []
    scan = scan_catalog(root) if scan is None else scan
    shown_root, root_length = _displayed_below(root)
    for path, refused in scan.refused:
        shown = shown_root + str(path)[root_length:]
        problems.append(Problem(shown, 1, 1, "", refused.message, refused.hint, refused.severity, rule="layout"))
    for path in scan.files:
        relative = path.relative_to(root)
        placement = place(relative)
        if placement is not None:
            planned.append(CatalogFile(path, shown_root + str(path)[root_length:], placement))
        elif not is_provider_asset(relative):
            problems.append(_misplaced(path, relative))
    return planned, problems, len(scan.files) + len(scan.refused)


def load_catalog(root: Path) -> tuple[LoadedCatalog, list[Problem], int]:
    """Parse every file below the catalog root; return what parsed, every problem, and the file count."""
    catalog = LoadedCatalog(root)
    planned, problems, file_count = plan_catalog(root)
    for file in planned:
        document, found = load_file(file.path, file.shown)
        problems.extend(found)
        if document is not None:
            catalog.add(file.placement, document)
    return catalog, problems, file_count


def _misplaced(path: Path, relative: Path) -> Problem:
    hint = ("listings live in providers/<provider>/credentials/<id>.yml or providers/<provider>/pathways/<id>.yml, "
            "recognitions in providers/<provider>/recognitions/<id>.yml")
    if relative.suffix == ".yaml":
        hint = f"rename it to {relative.with_suffix('.yml').name}"
    return Problem(display_path(path), 1, 1, "", "file is not in a known place in the catalog", hint, rule="layout")


def _read_bounded(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise LoadError(f"cannot read file: {error.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(
            f"file is larger than {MAX_FILE_BYTES // 1024} KiB",
            hint="a listing is a few KB; move long text to the provider's own site",
        )
    return raw


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_column(raw, error.start)
        raise LoadError(
            f"byte 0x{raw[error.start]:02x} is not valid UTF-8", line, column, hint="save the file as UTF-8"
        ) from None
    return text


def _line_column(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def parse(text: str) -> Any:
    """Turn YAML text into plain data under the strict rules, or raise LoadError.

    Most listings take the fast path (a Rust parser, ten times quicker than libyaml through
    PyYAML); anything it could read differently from the strict rules takes the strict path,
    which is also the one that locates errors.
    """
    fast = parse_fast(text)
    return fast if fast is not None else parse_strictly(text)


def parse_fast(text: str) -> dict[Any, Any] | None:
    """The mapping the Rust parser reads when it is sure to equal the strict reading, else None.

    One difference is left on purpose: a key such as `1:` stays a number here. No schema allows
    a non-text key, so such a document fails validation, which then reads it strictly.
    """
    if "\t" in text or _needs_strict_parser(text) or _may_nest_deeply(text):
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError:
        return None
    return data if isinstance(data, dict) else None


def _needs_strict_parser(text: str) -> bool:
    if not text.endswith("\n"):
        return True  # a block scalar on the last line reads with a line break it does not have
    if text.isascii():
        if _ASCII_CONTROL.search(text):
            return True
    elif _NON_PRINTABLE.search(text) or _VERSION_SENSITIVE.search(text):
        return True
    if ("&" in text or "*" in text or "!" in text) and _TOKEN_INDICATOR.search(text):
        return True
    return _has_free_number(text)


def _has_free_number(text: str) -> bool:
    """A plain scalar the fast parser reads as a number and the core schema as text (str.find: regexes are slower here)."""
    index = text.find("_")
    while index != -1:
        numeric_neighbour = text[index - 1] in _NUMBER_LEFT_OF_UNDERSCORE or text[index + 1 : index + 2] in _DIGITS
        if numeric_neighbour and _is_free_number(text, index, index + 1):
            return True
        index = text.find("_", index + 1)
    for hint in _RADIX_HINTS:
        index = text.find(hint)
        while index != -1:
            if _is_free_number(text, index, index + len(hint)):
                return True
            index = text.find(hint, index + 1)
    return False


def _is_free_number(text: str, start: int, end: int) -> bool:
    """Whether the hint at text[start:end] sits in a whole plain scalar that looks like a number."""
    while start > 0 and text[start - 1] in _SCALAR_CHARACTERS:
        start -= 1
    while end < len(text) and text[end] in _SCALAR_CHARACTERS:
        end += 1
    if text[start] not in "-+0123456789_.":
        return False
    before = start
    while before > 0 and text[before - 1] == " ":
        before -= 1
    opener = text[before - 1] if before > 0 else "\n"
    spaced = before < start
    if not (opener in "\n[{," or (opener in ":-" and spaced)):
        return False
    after = end
    while after < len(text) and text[after] == " ":
        after += 1
    return after == len(text) or text[after] in "\r\n,]}#"


def parse_strictly(text: str) -> Any:
    """The PyYAML reading under the strict rules; raises a located LoadError."""
    if (unprintable := _NON_PRINTABLE.search(text)) is not None:
        offset = unprintable.start()
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise LoadError(f"control character U+{ord(unprintable.group()):04X} is not allowed", line, column, hint="delete it")
    if "\t" in text:
        _reject_tab_indentation(text)
    if _may_nest_deeply(text):
        _reject_deep_nesting(text)
    if "&" in text or "*" in text or "!" in text:
        _reject_anchors_aliases_tags(text)
    try:
        node = yaml.compose(text, Loader=_Core12Loader)
    except yaml.composer.ComposerError as error:
        raise _syntax_error(error, "more than one document in the file", "remove the '---' separator") from None
    except yaml.YAMLError as error:
        raise _syntax_error(error, text=text) from None
    if node is None:
        raise LoadError("file is empty", hint="a listing is one YAML mapping")
    return _construct(node)


def _reject_tab_indentation(text: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            raise LoadError("tab in indentation", number, line.index("\t") + 1, hint="indent with spaces")


def _may_nest_deeply(text: str) -> bool:
    """Whether `text` could nest deeper than MAX_DEPTH (quick, and never wrong when it says no)."""
    return text.count("[") + text.count("{") > MAX_DEPTH // 2 or _DEEP_INDENT.search(text) is not None


def _reject_deep_nesting(text: str) -> None:
    """Raise where collections first nest deeper than MAX_DEPTH, reading libyaml's events (no recursion)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Core12Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        if "maximum nesting depth" in str(error):  # libyaml's own limit on flow collections, read ahead
            raise _too_deep(getattr(error, "problem_mark", None)) from None
        # any other syntax error is reported, at the same place, by the reading that follows


def _too_deep(mark: YamlMark | None) -> LoadError:
    return _located(
        f"nesting is deeper than {MAX_DEPTH} levels", mark, hint="a listing needs a few: check the indentation, '- ' and brackets"
    )


def _reject_anchors_aliases_tags(text: str) -> None:
    try:
        for event in yaml.parse(text, Loader=_Core12Loader):
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent):
                raise _located(f"alias '*{event.anchor}' is not allowed", mark, hint="write the value out in full")
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise _located(f"anchor '&{anchor}' is not allowed", mark, hint="write values out in full")
            tag = getattr(event, "tag", None)
            if tag is not None:
                raise _located(
                    f"tag '{tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed",
                    mark,
                    hint="remove the tag; quote the value if it should be text",
                )
    except yaml.YAMLError as error:
        raise _syntax_error(error, text=text) from None


def _syntax_error(error: yaml.YAMLError, message: str | None = None, hint: str = "", text: str = "") -> LoadError:
    """A located LoadError for a PyYAML error: the mistake in a provider's words where it is a
    known one (syntax.py), else PyYAML's own."""
    if message is None and (explained := explain_syntax_error(error, text)) is not None:
        return LoadError(explained.message, explained.line, explained.column, explained.hint)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if message is None:
        problem = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
        message = f"YAML syntax error: {context + ', ' if context else ''}{problem}"
    return _located(message, mark, hint)


def _located(message: str, mark: YamlMark | None, hint: str = "") -> LoadError:
    """A LoadError at a PyYAML mark, or at the start of the file when there is none."""
    if mark is None:
        return LoadError(message, hint=hint)
    return LoadError(message, mark.line + 1, mark.column + 1, hint)


def _construct(node: Node) -> Any:
    if isinstance(node, ScalarNode):
        return _SCALARS[node.tag](node.value)
    if isinstance(node, SequenceNode):
        return [_construct(item) for item in node.value]
    assert isinstance(node, MappingNode)
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            mark = key_node.start_mark
            raise LoadError("a key must be plain text", mark.line + 1, mark.column + 1)
        key = key_node.value
        if key in mapping:
            mark = key_node.start_mark
            raise LoadError(
                f"duplicate key '{key}'", mark.line + 1, mark.column + 1, hint="each field may appear once; merge them"
            )
        mapping[key] = _construct(value_node)
    return mapping


def _map_positions(text: str) -> tuple[dict[JsonPath, Position], dict[JsonPath, Position]]:
    """Positions (1-based) of every value and every mapping key, by JSON path."""
    values: dict[JsonPath, Position] = {}
    keys: dict[JsonPath, Position] = {}
    root = yaml.compose(text, Loader=_Core12Loader)
    stack: list[tuple[JsonPath, Node]] = [((), root)] if root is not None else []
    while stack:
        path, node = stack.pop()
        values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, SequenceNode):
            stack.extend(((*path, index), item) for index, item in enumerate(node.value))
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                child = (*path, key_node.value)
                keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                stack.append((child, value_node))
    return values, keys
