"""Worker pools: how many workers, and how they start.

Both pools in Screener (batch screening and building the index) do CPU work in Python, one
process per core the process may use, and fork on Linux so a worker starts at once with the
parent's modules and data shared copy-on-write; macOS and Windows spawn, where forking a
process that has loaded system frameworks is unsafe.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def default_workers() -> int:
    """Every core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def start_method() -> str:
    """Fork on Linux (shared memory, no pickling); spawn where fork is unsafe (macOS)."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"
