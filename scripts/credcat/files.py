"""The one way credcat writes an output file: bytes as given, text as UTF-8, folders made once;
and a file of lines, written as they come. `recording` lists what is written meanwhile."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

_recorders: list[list[str]] = []


@contextmanager
def recording() -> Iterator[list[str]]:
    """The path of every file written (by this process) while the block runs: a serve's
    update moves them into the site served and removes what the writers no longer write."""
    written: list[str] = []
    _recorders.append(written)
    try:
        yield written
    finally:
        _recorders.remove(written)


def _record(path: str | Path) -> None:
    for written in _recorders:
        written.append(os.fspath(path))


def write_file(path: str | Path, content: str | bytes, made: set[str] | None = None) -> None:
    """Write one file, text as UTF-8; `made` remembers the folders already made, to skip asking
    again. Paths are plain strings in the loops over listings, where pathlib's cost shows."""
    folder = os.path.dirname(path)
    if made is None or folder not in made:
        os.makedirs(folder, exist_ok=True)
        if made is not None:
            made.add(folder)
    with open(path, "wb") as file:
        file.write(content.encode() if isinstance(content, str) else content)
    if _recorders:
        _record(path)


def write_lines(path: str | Path, lines: Iterable[str]) -> None:
    """Write each of `lines` and a line feed, as UTF-8, without joining them in memory first:
    a bulk file (credentials.ndjson) is as large as the whole catalog."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        for line in lines:
            file.write(line)
            file.write("\n")
    if _recorders:
        _record(path)
