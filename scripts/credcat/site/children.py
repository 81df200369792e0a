"""Child processes of a build die with it: the side build and Pagefind must never outlive a
build that was killed (SIGKILL, SIGTERM), writing on into a folder nobody waits for.

On Linux the kernel sends a child SIGKILL when its parent dies (PR_SET_PDEATHSIG); elsewhere
the side build's process group and Pagefind's closed input are what stop them.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable

PR_SET_PDEATHSIG = 1


def _prctl() -> Callable[..., int] | None:
    """libc's prctl, looked up once, before any fork: a child calls it without loading anything."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return function


PRCTL = _prctl()


def die_with_parent(parent: int | None = None) -> None:
    """In a child process: be killed when the parent dies. With `parent` (its pid, read before
    the fork), exit at once if it has died already, before the request took effect."""
    if PRCTL is not None:
        PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent is not None and os.getppid() != parent:
        os._exit(1)
