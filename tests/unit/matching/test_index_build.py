"""The index built in chunks on a pool of processes is the index one process builds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from screener.matching import index_build
from screener.matching.index import EntrySource, MatchIndex
from screener.matching.index_build import build_kept
from screener.matching.index_store import KeptEntries, index_from_parts, load_index, save_parts
from screener.matching.records import facts_held
from screener.matching.sources import sources_from_paths
from tests.unit.matching.test_index import ENTRIES
from tests.unit.matching.test_index_store import _same

UN_FILE = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "un-consolidated"
UN_FILE = UN_FILE / "UN_consolidated.xml"

# Names repeated across chunks (lists republish each other), an entry with no usable name
# in the middle, and the test index's entries.
SOURCES = [
    *ENTRIES[:3],
    EntrySource("BLANK", ["", "  "], "person", "TEST-LIST"),
    *ENTRIES[3:],
    EntrySource("C-1-COPY", ["Kestrel Rare Earth Separation Co., Ltd."], "organization", "CSL"),
    EntrySource("P-1-COPY", ["SELVIK, Borislav Timurovich"], "person", "CSL", dates=["1961"]),
]


def _identical(serial: MatchIndex, built: MatchIndex) -> None:
    """Equal as `_same` says, and numbered alike: keys, groups, names, entries."""
    _same(serial, built)
    assert list(serial.keys.numbers) == list(built.keys.numbers)
    assert np.array_equal(serial.keys.offsets, built.keys.offsets)
    assert np.array_equal(serial.keys.flat, built.keys.flat)
    assert [e.entry_key for e in serial.entries] == [e.entry_key for e in built.entries]
    assert serial.entity_types == built.entity_types
    assert np.array_equal(serial.entry_type, built.entry_type)
    assert isinstance(built.entries, KeptEntries)  # and which facts each entry holds
    assert list(built.entries._held) == [facts_held(e.record) for e in serial.entries]


@pytest.mark.parametrize("chunk", [1, 7, 10_000])
def test_chunks_prepared_here_make_the_serial_index(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_build, "CHUNK_ENTRIES", chunk)
    _identical(MatchIndex.from_entries(SOURCES), index_from_parts(build_kept(SOURCES)))


def test_chunks_prepared_by_a_pool_make_the_serial_index(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_build, "CHUNK_ENTRIES", 40)
    monkeypatch.setattr(index_build, "MIN_ENTRIES_FOR_POOL", 0)
    progress: list[tuple[int, int]] = []
    parts = build_kept(SOURCES, workers=2, on_progress=lambda *a: progress.append(a))
    _identical(MatchIndex.from_entries(SOURCES), index_from_parts(parts))
    assert progress[0] == (0, len(SOURCES)) and progress[-1] == (len(SOURCES), len(SOURCES))
    assert len(progress) == 2 + (len(SOURCES) - 1) // 40


def test_a_name_repeated_in_other_chunks_is_kept_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_build, "CHUNK_ENTRIES", 2)
    built = index_from_parts(build_kept(SOURCES))
    selvik = [f for f in built.name_forms if f.original == "SELVIK, Borislav Timurovich"]
    assert len(selvik) == 2 and selvik[0] is selvik[1]


def test_the_parts_are_what_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_build, "CHUNK_ENTRIES", 7)
    parts = build_kept(SOURCES)
    save_parts(parts, tmp_path, "k1")
    assert (tmp_path / "k1.json").read_bytes() == parts.data
    _identical(MatchIndex.from_entries(SOURCES), load_index(tmp_path, "k1"))


def test_a_real_list_built_by_a_pool_is_the_serial_index(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = list(sources_from_paths([UN_FILE]))
    monkeypatch.setattr(index_build, "CHUNK_ENTRIES", 97)
    monkeypatch.setattr(index_build, "MIN_ENTRIES_FOR_POOL", 0)
    serial = MatchIndex.from_entries(sources)
    built = index_from_parts(build_kept(sources, workers=2))
    _identical(serial, built)
    assert list(serial.name_forms) == list(built.name_forms)


def test_digests_are_numbered_in_the_order_they_first_appear() -> None:
    """The hash table's numbering of digests (by their first half, the second checked) is
    the sort's, repeats and all; two digests sharing only their first half stay apart."""
    from screener.matching.index_build import _first_seen, _sorted_first_seen

    rng = np.random.default_rng(7)
    distinct = rng.integers(0, 2**63, size=(500, 2), dtype=np.uint64)
    digests = distinct[rng.integers(0, 500, 3000)].copy().view("S16").reshape(-1)
    numbers = _first_seen(digests)
    assert numbers.dtype == np.int32
    assert np.array_equal(numbers, _sorted_first_seen(digests))
    assert numbers[0] == 0 and np.all(np.diff(np.maximum.accumulate(numbers)) <= 1)
    # same first 8 bytes, other last 8: two values, not one
    halves = np.array([[5, 1], [6, 1], [5, 2], [5, 1], [5, 2]], dtype=np.uint64)
    assert _first_seen(halves.view("S16").reshape(-1)).tolist() == [0, 1, 2, 0, 2]
    assert _first_seen(np.empty(0, dtype="S16")).tolist() == []


def test_first_appearances_of_numbers_in_order() -> None:
    from screener.matching.index_build import _first_appearances

    assert _first_appearances(np.array([0, 1, 0, 2, 1, 3, 3])).tolist() == [
        True, True, False, True, False, True, False,
    ]  # fmt: skip
    assert _first_appearances(np.empty(0, dtype=np.int32)).tolist() == []
