"""benchmarks/scale.py's batch baseline (issue 19): the brute force a user would write finds
a listed name as written, and its rate is set beside the batch's."""

from __future__ import annotations

import pytest

from benchmarks.batch_bruteforce import brute_force, load_names
from benchmarks.scale import _batch_baseline
from screener.lists.service import import_path
from screener.store import Store
from tests.conftest import SHARED_DATA


def test_the_brute_force_finds_a_listed_name_and_its_rate_is_set_beside_the_batch(
    store: Store,
) -> None:
    import_path(store, SHARED_DATA / "un-consolidated" / "UN_consolidated.xml")
    listed = load_names(store)
    assert len(listed.names) > 1000
    name = listed.names[7]
    found, seconds = brute_force([name, "Qwzx Vrrptk"], listed, None)
    assert found[0][0] == 100.0 and 7 in found[0][1]
    assert found[1][0] < 60.0
    assert seconds > 0
    figures = _batch_baseline(store, [name, "Qwzx Vrrptk"], batch=3000, batch_rate=1000.0)
    assert figures["baseline_names"] == 2
    assert figures["baseline_list_names"] == len(listed.names)
    # the whole batch's rate: the names processed once, then each scored as these were
    whole = figures["baseline_prepare_s"] + 3000 * figures["baseline_ms_per_name"] / 1000
    rate = figures["baseline_names_per_s"]
    assert rate == pytest.approx(3000 / whole, rel=0.1)
    assert figures["batch_vs_baseline"] == pytest.approx(1000.0 / rate, rel=0.01, abs=0.1)
