"""Git repositories made for a test: a fresh repository on branch main, and the few commands
the tests run in it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(repo: Path, *arguments: str) -> str:
    """Run git in `repo`; what it printed, without the final line break."""
    return subprocess.run(["git", "-C", str(repo), *arguments], check=True, capture_output=True, text=True).stdout.strip()


def new_repository(folder: Path) -> Path:
    """An empty repository in `folder` on branch main, with a committer of its own."""
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.email", "test@example.org")
    git(folder, "config", "user.name", "Test")
    return folder


def write(repo: Path, path: str, text: str) -> None:
    """Write `text` to `path` inside the repository, making its folders."""
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def commit(repo: Path, message: str = "change", day: str | None = None) -> None:
    """Commit everything in the working tree; `day` (YYYY-MM-DD) dates the commit, else git's clock."""
    git(repo, "add", "-A")
    dated = {"GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00"} if day else {}
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, capture_output=True, env={**os.environ, **dated})
