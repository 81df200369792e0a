"""The benchmark's memory accounting (the timings themselves are never tested)."""

from __future__ import annotations

import os
import signal

from credcat.bench import MB, _tree_rss


def test_memory_a_forked_child_shares_counts_once_in_the_tree() -> None:
    shared = bytearray(200 * MB)
    for offset in range(0, len(shared), 4096):
        shared[offset] = 1
    child = os.fork()
    if child == 0:
        signal.pause()
        os._exit(0)
    try:
        tree = sum(_tree_rss(os.getpid()).values())
        assert 200 * MB < tree < 300 * MB  # counted twice as resident size, it would exceed 400 MB
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
