"""The collector pauses: restored after the block, and what the block made frozen when asked."""

from __future__ import annotations

import gc

from screener.collector import collector_paused, collector_paused_then_frozen


def test_paused_inside_and_restored_after_even_when_the_block_raises() -> None:
    assert gc.isenabled()
    try:
        with collector_paused():
            assert not gc.isenabled()
            raise ValueError("the block failed")
    except ValueError:
        pass
    assert gc.isenabled()


def test_what_lives_on_is_frozen_and_a_disabled_collector_stays_disabled() -> None:
    frozen_before = gc.get_freeze_count()
    try:
        with collector_paused_then_frozen():
            kept = [[n] for n in range(1_000)]
        assert gc.get_freeze_count() >= frozen_before + len(kept)
        assert gc.isenabled()
        gc.disable()
        with collector_paused_then_frozen():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
