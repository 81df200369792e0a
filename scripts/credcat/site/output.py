"""Where a build writes: a fresh folder beside the target, swapped in only when the build passed.

MkDocs empties its site folder before it writes: a build that failed its checks, was killed or
ran out of disk would otherwise leave no site, or half of one, where the last good one was.
`fresh_output` hands the build a new folder beside the target (same file system, so the swap
is two renames) and puts it in the target's place only when the build returns; otherwise the
folder goes and the target is left as it was. A folder left by a killed build is removed by the
next build into the same target.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from credcat.errors import CredcatError


class OutputError(CredcatError):
    """The site cannot be written where it should go (a read-only or full disk, say)."""


def _work_folders(target: Path) -> Iterator[Path]:
    """Folders that builds into `target` made beside it and did not remove (killed before the end)."""
    for kind in ("new", "old"):
        yield from target.parent.glob(f".{glob.escape(target.name)}.{kind}-*")


def _cannot_write(target: Path, error: OSError) -> OutputError:
    reason = error.strerror or str(error)
    return OutputError(f"cannot write the site to {target}: {reason}; the previous site is left as it was")


@contextmanager
def fresh_output(target: Path) -> Iterator[Path]:
    """A new empty folder beside `target` to build into; it replaces `target` when the block
    ends without an error. An OSError (a read-only or full disk) becomes one OutputError line.
    A target that is a symbolic link (site -> /var/www/catalog) is built beside the folder it
    names, which is replaced, so that the link keeps pointing at the site."""
    target = Path(os.path.realpath(target))
    try:
        staging = new_folder_beside(target)
    except OSError as error:
        raise _cannot_write(target, error) from None
    try:
        yield staging
        swap_in(staging, target)
    except OSError as error:
        raise _cannot_write(target, error) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def new_folder_beside(target: Path) -> Path:
    """A new empty folder beside `target` (whose parent is made if need be), after removing
    those that killed builds left there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in _work_folders(target):
        shutil.rmtree(leftover, ignore_errors=True)
    staging = target.parent / f".{target.name}.new-{secrets.token_hex(4)}"
    staging.mkdir()  # with the umask's permissions, as the target would have had
    return staging


def swap_in(staging: Path, target: Path) -> None:
    """Put `staging` where `target` is; the old target goes (it is back in place if the swap fails)."""
    if not target.exists():
        staging.rename(target)
        return
    retired = target.parent / f".{target.name}.old-{secrets.token_hex(4)}"
    target.rename(retired)
    try:
        staging.rename(target)
    except OSError:
        retired.rename(target)
        raise
    shutil.rmtree(retired, ignore_errors=True)
