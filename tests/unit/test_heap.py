"""Freed heap memory goes back to the system when asked (glibc), measured in the RSS."""

from __future__ import annotations

import platform

import pytest

from screener.heap import give_back_freed_memory


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(
    platform.libc_ver()[0] != "glibc",
    reason="glibc keeps freed memory in its heaps; other C libraries give it back themselves",
)
def test_memory_freed_below_a_live_block_is_given_back() -> None:
    blocks = [bytes(4096) for _ in range(24_000)]  # ~100 MB through malloc, not pymalloc
    pinned = bytes(4096)  # above them in the heap: the heap's top cannot simply shrink
    before = _rss_mb()
    del blocks
    kept = _rss_mb()
    assert before - kept < 50, "glibc kept what was freed (the case this is for)"
    assert give_back_freed_memory()
    assert kept - _rss_mb() > 60, (before, kept, _rss_mb())
    assert len(pinned) == 4096
