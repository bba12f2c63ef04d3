"""Pausing Python's cyclic garbage collector around work that makes millions of objects.

The collector runs whenever allocations outnumber frees by a threshold, and every so often
walks every tracked object. Building a graph of a million ownership edges, or the status
of every party in it, allocates millions of small acyclic objects that reference counting
frees anyway; the collector then walks them again and again while they are being made
(measured: more than half of the 50 % rule over the whole 250k-entry graph, issue 19).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside; the collector's previous state is restored after.

    Only for code that makes no cyclic garbage of its own: what it makes is freed by
    reference counting as usual, and the next collection after the block catches the rest.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def collector_paused_then_frozen() -> Iterator[None]:
    """As `collector_paused`, then everything alive is moved out of the collector's reach.

    For what is made to live as long as the process (an index, a command's libraries):
    without `gc.freeze` the first collection after the block walks all of it again, and
    after a fork the collector's writes would copy pages the workers could have shared.
    Frozen before the collector is enabled again, so no collection runs in between.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
