"""The index's blocking keys: each key's posting list (the names bearing it) and its weight.

Eighty thousand keys kept as eighty thousand small numpy arrays in a dict cost some 20 MB and
a second to read back, in every batch worker. Here every posting list lives in one flat
array, each key numbered once (`numbers`), with the list's bounds in `offsets`: reading a
kept index is three array reads and one list of key strings, and a forked worker shares the
arrays without touching (and so copying) a page of them.

A key's weight is its inverse document frequency over the index's names,
log(1 + names / names bearing the key): common words such as 'al' or 'trading' decide little.
`postings` and `key_weight` give the old `dict` views for readers that want them.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True, eq=False)
class KeyTable:
    numbers: dict[str, int]  # key -> its number
    offsets: np.ndarray  # int64, len(numbers) + 1: key n's names are flat[offsets[n]:offsets[n+1]]
    flat: np.ndarray  # int32 name ids, ascending within each key
    lengths: list[int]  # names bearing key n
    weights: list[float]  # weight of key n
    # offsets as machine integers, for slicing one posting list without numpy scalars; an
    # array, not a list of ints: a forked batch worker reading a list's int writes its
    # reference count, copying the page it lives on (index_store._ints)
    starts: Sequence[int]

    @classmethod
    def from_lists(cls, postings: Mapping[str, Sequence[int]], names: int) -> KeyTable:
        """From key -> ascending name ids, as an index is built."""
        keys = list(postings)
        lengths = [len(postings[k]) for k in keys]
        offsets = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        flat = np.fromiter(
            (i for k in keys for i in postings[k]), dtype=np.int32, count=int(offsets[-1])
        )
        return cls.from_arrays(keys, offsets, flat, names)

    @classmethod
    def from_arrays(
        cls, keys: list[str], offsets: np.ndarray, flat: np.ndarray, names: int
    ) -> KeyTable:
        """From the kept arrays; ValueError if they do not fit together."""
        if len(offsets) != len(keys) + 1 or (len(keys) and int(offsets[-1]) != len(flat)):
            raise ValueError("postings do not match their keys")
        lengths_array = np.diff(offsets)
        if len(lengths_array) and int(lengths_array.min()) <= 0:
            raise ValueError("a key without names")
        if len(flat) and (int(flat.min()) < 0 or int(flat.max()) >= names):
            raise ValueError("a posting names no name")
        numbers = dict(zip(keys, range(len(keys)), strict=True))
        if len(numbers) != len(keys):
            raise ValueError("a key kept twice")
        lengths = lengths_array.tolist()
        # Keys share a few thousand posting lengths: each length's weight is worked out once
        # (this runs at every start of `screener screen`, before its workers start).
        total = max(names, 1)
        weight_of_length = {n: math.log(1 + total / n) for n in set(lengths)}
        weights = list(map(weight_of_length.__getitem__, lengths))
        offsets = offsets.astype(np.int64)
        starts = array("q")
        starts.frombytes(offsets.tobytes())
        return cls(numbers, offsets, flat.astype(np.int32), lengths, weights, starts)

    def posting(self, number: int) -> np.ndarray:
        return self.flat[self.starts[number] : self.starts[number + 1]]

    @property
    def postings(self) -> Mapping[str, np.ndarray]:
        return _Postings(self)

    @property
    def key_weight(self) -> Mapping[str, float]:
        return _Weights(self)


class _Postings(Mapping[str, np.ndarray]):
    def __init__(self, table: KeyTable) -> None:
        self._table = table

    def __getitem__(self, key: str) -> np.ndarray:
        return self._table.posting(self._table.numbers[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.numbers)

    def __len__(self) -> int:
        return len(self._table.numbers)


class _Weights(Mapping[str, float]):
    def __init__(self, table: KeyTable) -> None:
        self._table = table

    def __getitem__(self, key: str) -> float:
        return self._table.weights[self._table.numbers[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.numbers)

    def __len__(self) -> int:
        return len(self._table.numbers)
