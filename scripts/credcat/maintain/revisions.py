"""Read the files of a git revision, or of the working tree, through one small interface.

Ownership and change summaries compare two states of the repository. Both need "the text of
this file" and "the folders in this folder"; `Revision` answers from git objects (never
checking anything out), `WorkingTree` from the disk.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from credcat.errors import CredcatError


class GitError(CredcatError):
    """A git command failed: an unknown revision, or not a repository."""


class Tree(Protocol):
    """Files of one state of the repository, by path relative to the repository root."""

    def read(self, path: str) -> str | None:
        """The file's text, or None when the file is not there."""

    def folders(self, path: str) -> list[str]:
        """Names of the folders directly inside `path`, sorted."""


def run_git(root: Path, *arguments: str, stdin: bytes | None = None, allowed: tuple[int, ...] = (0,)) -> bytes:
    """Run git in `root` and return its output; raise GitError with git's message on other exit codes."""
    completed = subprocess.run(["git", "-C", str(root), *arguments], input=stdin, capture_output=True, check=False)
    if completed.returncode not in allowed:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {arguments[0]} failed")
    return completed.stdout


class WorkingTree:
    """The files on disk below a root folder; a symbolic link is never followed (it reads as absent)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def read(self, path: str) -> str | None:
        file = self.root / path
        if not file.is_file() or self._through_link(path):
            return None
        return file.read_text(encoding="utf-8", errors="replace")

    def exists(self, path: str) -> bool:
        """Whether anything is at `path`, a link included."""
        return os.path.lexists(self.root / path)

    def _through_link(self, path: str) -> bool:
        """Whether the path, or a folder on the way to it, is a symbolic link."""
        parts = Path(path).parts
        return any((self.root.joinpath(*parts[:end])).is_symlink() for end in range(1, len(parts) + 1))

    def read_many(self, paths: Iterable[str]) -> dict[str, str]:
        """The text of many files; missing files are left out (as `Revision.read_many` does)."""
        texts = {path: self.read(path) for path in paths}
        return {path: text for path, text in texts.items() if text is not None}

    def folders(self, path: str) -> list[str]:
        folder = self.root / path
        if not folder.is_dir():
            return []
        return sorted(child.name for child in folder.iterdir() if child.is_dir() and not child.name.startswith("."))


class Revision:
    """The files of one commit, read from git's object store; paths are relative to `root`."""

    def __init__(self, root: Path, revision: str) -> None:
        self.root = root
        self.revision = revision
        try:
            self.commit = run_git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
        except GitError:
            raise GitError(f"'{revision}' is not a commit of the repository at {root}") from None
        self._read: dict[str, str | None] = {}

    def blobs(self, folder: str) -> dict[str, str]:
        """Every file below `folder` with its blob id: equal ids mean equal contents."""
        output = run_git(self.root, "ls-tree", "-r", "-z", self.commit, "--", folder)
        found = {}
        for entry in output.split(b"\0"):
            if not entry:
                continue
            meta, _, name = entry.partition(b"\t")
            _mode, kind, blob = meta.split()
            if kind == b"blob":
                found[name.decode("utf-8")] = blob.decode()
        return found

    def read(self, path: str) -> str | None:
        """One file's text, remembered: a commit never changes."""
        if path not in self._read:
            self._read[path] = self.read_many([path]).get(path)
        return self._read[path]

    def read_many(self, paths: Iterable[str]) -> dict[str, str]:
        """The text of many files in one `git cat-file --batch` call; missing files are left out."""
        wanted = list(paths)
        texts = read_objects(self.root, [f"{self.commit}:./{path}" for path in wanted])
        return {path: texts[f"{self.commit}:./{path}"] for path in wanted if f"{self.commit}:./{path}" in texts}

    def folders(self, path: str) -> list[str]:
        output = run_git(self.root, "ls-tree", "-z", self.commit, "--", f"{path.rstrip('/')}/")
        names = []
        for entry in output.split(b"\0"):
            meta, _, name = entry.partition(b"\t")
            if meta.split()[1:2] == [b"tree"]:
                names.append(name.decode("utf-8").rsplit("/", 1)[-1])
        return sorted(names)


def read_objects(root: Path, names: Iterable[str]) -> dict[str, str]:
    """The text of many blobs, each named as git names objects (a blob id, `commit:path`), in one
    `git cat-file --batch` call; names that are missing or not blobs are left out."""
    wanted = list(dict.fromkeys(names))
    if not wanted:
        return {}
    output = run_git(root, "cat-file", "--batch", stdin="".join(f"{name}\n" for name in wanted).encode("utf-8"))
    texts: dict[str, str] = {}
    offset = 0
    for name in wanted:
        header_end = output.index(b"\n", offset)
        header = output[offset:header_end].split()
        offset = header_end + 1
        if header[-1] == b"missing" or header[1] != b"blob":
            continue
        size = int(header[2])
        texts[name] = output[offset : offset + size].decode("utf-8", errors="replace")
        offset += size + 1
    return texts


def changed_files(root: Path, base: str, head: str = "HEAD") -> list[str]:
    """Files changed on `head` since it branched from `base` (what a pull request shows)."""
    output = run_git(root, "diff", "--name-only", "-z", "--no-renames", "--relative", f"{base}...{head}")
    return sorted(name.decode("utf-8") for name in output.split(b"\0") if name)


def uncommitted_changes(root: Path, commit: str, folder: str) -> list[str]:
    """Files below `folder` whose working-tree state differs from `commit`: edited, deleted, and
    new files that git does not track yet (unless ignored)."""
    changed = run_git(root, "diff", "--name-only", "-z", "--no-renames", "--relative", commit, "--", folder)
    untracked = run_git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", folder)
    return sorted({name.decode("utf-8") for name in (changed + b"\0" + untracked).split(b"\0") if name})


def merge_base(root: Path, base: str, head: str = "HEAD") -> str:
    """The commit `head` branched from `base` at: the state a pull request is compared with."""
    return run_git(root, "merge-base", base, head).decode().strip()
