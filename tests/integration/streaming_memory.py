"""How much a streaming parse holds against the rows it yields, for the importers' tests.

A streaming importer keeps little from its first pass and yields rows on the second; the
tests compare the peak of walking the rows with the peak of holding them all (tracemalloc).
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def walked_and_held_peaks(
    parse: Callable[[Path], Any], path: Path, rows: Callable[[Any], Iterable[Any]]
) -> tuple[int, int, int, int]:
    """(rows walked, rows held, peak while walking, peak while holding) of `rows(parse(path))`."""
    tracemalloc.start()
    walked = sum(1 for _ in rows(parse(path)))
    _, walked_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    held = list(rows(parse(path)))
    _, held_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return walked, len(held), walked_peak, held_peak
