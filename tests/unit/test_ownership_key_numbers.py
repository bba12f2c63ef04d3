"""Party keys numbered through their hashes give exactly pandas' numbering of the strings,
also when two keys share a hash (issue 19)."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from screener.ownership.compact import _last_of_each_pair, stable_order
from screener.ownership.key_numbers import KeyNumbers, key_hashes


def keys(rng: random.Random, count: int, distinct: int) -> np.ndarray:
    pool = [f"K{rng.randrange(10**9)}-{n}" for n in range(distinct)]
    return np.array([rng.choice(pool) for _ in range(count)], dtype=object)


def first_letter(values: np.ndarray) -> np.ndarray:
    """A hash that most keys share: every collision path is taken."""
    return np.array([ord(str(v)[0]) for v in values], dtype=np.uint64)


@pytest.mark.parametrize("seed", range(5))
def test_numbers_are_pandas_numbers_of_the_strings(seed: int):
    rng = random.Random(seed)
    values = keys(rng, 3000, rng.choice([1, 30, 2500]))
    codes, numbering = KeyNumbers.of(values)
    expected, uniques = pd.factorize(values)
    assert codes.tolist() == expected.tolist()
    assert numbering.distinct.tolist() == list(uniques)
    assert numbering.hashes is not None
    assert numbering.hashes.tolist() == key_hashes(numbering.distinct).tolist()


def test_keys_sharing_a_hash_are_still_told_apart():
    values = np.array(["Alpha", "Apex", "Beta", "Alpha", "Bravo", "Apex"], dtype=object)
    codes, numbering = KeyNumbers.of(values, first_letter)
    assert codes.tolist() == [0, 1, 2, 0, 3, 1]
    assert numbering.distinct.tolist() == ["Alpha", "Apex", "Beta", "Bravo"]
    assert numbering.hashes is None  # lookups go through the keys themselves
    assert numbering.numbers_of(np.array(["Bravo", "Axe", "Apex"], dtype=object)).tolist() == [
        3,
        -1,
        1,
    ]


def test_a_looked_up_key_sharing_a_numbered_keys_hash_is_not_that_key():
    codes, numbering = KeyNumbers.of(np.array(["Alpha", "Beta"], dtype=object), first_letter)
    assert numbering.hashes is not None  # the numbered keys do not collide
    found = numbering.numbers_of(np.array(["Beta", "Axe", "Alpha", "Zulu"], dtype=object))
    assert found.tolist() == [1, -1, 0, -1]


def test_a_key_without_utf8_bytes_is_numbered_too():
    values = np.array(["A", "lone \ud800", "B", "lone \ud800"], dtype=object)
    codes, numbering = KeyNumbers.of(values)
    assert codes.tolist() == [0, 1, 2, 1]
    assert numbering.numbers_of(np.array(["lone \ud800", "C"], dtype=object)).tolist() == [1, -1]


def test_empty_keys():
    codes, numbering = KeyNumbers.of(np.array([], dtype=object))
    assert len(codes) == 0 and len(numbering) == 0
    assert numbering.numbers_of(np.array(["A"], dtype=object)).tolist() == [-1]


@pytest.mark.parametrize("seed", range(5))
def test_renumbering_some_keys_is_numbering_them_afresh(seed: int):
    rng = random.Random(10 + seed)
    values = keys(rng, 2000, 400)
    codes, numbering = KeyNumbers.of(values)
    kept = np.array([rng.random() < 0.6 for _ in values])
    fresh, renumbered = numbering.renumbered(codes[kept])
    expected, again = KeyNumbers.of(values[kept])
    assert fresh.tolist() == expected.tolist()
    assert renumbered.distinct.tolist() == again.distinct.tolist()
    assert renumbered.hashes is not None and again.hashes is not None
    assert renumbered.hashes.tolist() == again.hashes.tolist()


@pytest.mark.parametrize("seed", range(8))
def test_only_the_last_of_a_repeated_pair_is_kept(seed: int):
    rng = np.random.default_rng(seed)
    size = int(rng.choice([3, 50, 5000]))
    holders = rng.integers(0, size, 4000)
    helds = rng.integers(0, size, 4000)
    expected = ~pd.DataFrame({"a": holders, "b": helds}).duplicated(keep="last").to_numpy()
    assert _last_of_each_pair(holders, helds, size).tolist() == expected.tolist()


@pytest.mark.parametrize("seed", range(6))
def test_keys_numbered_with_their_replacements_are_the_replaced_keys_numbered(seed: int):
    rng = random.Random(40 + seed)
    values = keys(rng, 1500, 300)
    pool = sorted(set(values.tolist()))
    same_as = {rng.choice(pool): rng.choice(pool) for _ in range(60)}
    same_as.update({pool[0]: "NEW", pool[1]: "NEW", "ABSENT": pool[2], pool[3]: pool[3]})
    codes, numbering = KeyNumbers.of_merged(values, same_as)
    replaced = np.array([same_as.get(v, v) for v in values], dtype=object)
    assert numbering.distinct[codes].tolist() == replaced.tolist()
    assert sorted(numbering.distinct.tolist()) == sorted(set(replaced.tolist()))
    assert numbering.numbers_of(replaced).tolist() == codes.tolist()


def test_replacements_sharing_a_hash_are_told_apart():
    values = np.array(["Alpha", "Beta", "Bravo", "Alpha"], dtype=object)
    codes, numbering = KeyNumbers.of_merged(values, {"Beta": "Apex", "Alpha": "Axe"}, first_letter)
    assert numbering.distinct[codes].tolist() == ["Axe", "Apex", "Bravo", "Axe"]
    assert numbering.hashes is None
    codes, numbering = KeyNumbers.of_merged(values, {"Beta": "Apex"}, first_letter)
    assert numbering.distinct[codes].tolist() == ["Alpha", "Apex", "Bravo", "Alpha"]
    assert sorted(numbering.distinct.tolist()) == ["Alpha", "Apex", "Bravo"]


@pytest.mark.parametrize("seed", range(6))
def test_the_radix_sort_orders_as_a_stable_argsort(seed: int):
    rng = np.random.default_rng(seed)
    size = int(rng.choice([1, 7, 5000]))
    values = rng.integers(0, int(rng.choice([2, 50, 10**6, 2**32 - 1])), size)
    expected = np.argsort(values, kind="stable").tolist()
    assert stable_order(values).tolist() == expected
    if values.max() < 2**31:
        assert stable_order(values.astype(np.int32)).tolist() == expected
    wide = values + 2**40  # past 32 bits: the stable argsort itself
    assert stable_order(wide).tolist() == expected
    assert stable_order(np.zeros(0, dtype=np.int64)).tolist() == []


@pytest.mark.parametrize("block", [1, 3, 64, 1 << 15])
def test_first_appearances_and_repeats_are_found_across_blocks(block: int, monkeypatch):
    from screener.ownership import key_numbers

    monkeypatch.setattr(key_numbers, "_BLOCK", block)
    rng = random.Random(block)
    values = keys(rng, 700, 90)
    expected, uniques = pd.factorize(values)
    codes, numbering = KeyNumbers.of(values)
    assert codes.tolist() == expected.tolist()
    assert numbering.distinct.tolist() == list(uniques)
    first = key_numbers._first_appearances(codes)
    assert first.tolist() == sorted(values.tolist().index(key) for key in uniques)
    clash = np.array(["Alpha", "Beta", "Apex", "Bravo", "Alpha"] * 20, dtype=object)
    _, numbering = KeyNumbers.of(clash, first_letter)  # a clash found in any block
    assert numbering.hashes is None
