"""Party keys numbered through 64-bit hashes of the keys, checked against the keys themselves.

A whole list's graph has 2.6 million stake ends naming 1.5 million parties. Numbering them
with a hash table of Python strings (pandas' factorize of objects, an Index over the keys
for the seeds) follows a pointer to a string at every probe; at 1M those strings no longer
fit in the caches, and each step cost 5-6x for 4x the keys (issue 19). Here each key is read
once, in order, to hash it; the numbering and every later lookup are over 8-byte integers.
A hash shared by two different keys would merge two parties, so every repeated key is
compared with the key its number stands for, and on any difference the keys are numbered by
the strings themselves: `of` always gives the numbers `pd.factorize` gives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd


def key_hashes(keys: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each key (an object array of str), for use within one process.

    Python's own str hash: a key keeps it once computed, so a key already looked up in a
    dict (or hashed here before) is not read again, and it is computed in one C loop. It
    is salted per process, which is why the numbers are never stored."""
    return np.fromiter(map(hash, keys), dtype=np.int64, count=len(keys)).view(np.uint64)


@dataclass(eq=False)
class KeyNumbers:
    """Keys numbered 0..n-1 in order of first appearance (`distinct[number]` is the key).

    `hashes[number]` is that key's hash when no two distinct keys share one (None if two
    did: lookups then go through the keys themselves)."""

    distinct: np.ndarray  # object array of str
    hashes: np.ndarray | None
    hash_keys: Callable[[np.ndarray], np.ndarray] = key_hashes
    _by_hash: pd.Index | None = field(default=None, repr=False)
    _by_key: pd.Index | None = field(default=None, repr=False)

    @classmethod
    def of(
        cls, keys: np.ndarray, hash_keys: Callable[[np.ndarray], np.ndarray] = key_hashes
    ) -> tuple[np.ndarray, KeyNumbers]:
        """Each key's number (int64) and the numbering, as `pd.factorize(keys)` numbers."""
        keys = np.asarray(keys, dtype=object)
        hashes = hash_keys(keys)
        codes, distinct_hashes = pd.factorize(hashes)
        del hashes  # 22 MB at 1M entries, let go before the arrays below are made
        codes = codes.astype(np.int64, copy=False)  # intp already: no copy of 2.7M numbers
        first = _first_appearances(codes)
        distinct = keys[first]
        if not _all_equal(distinct, codes, keys, first):  # two keys, one hash
            codes, uniques = pd.factorize(keys)
            return codes.astype(np.int64), cls(np.asarray(uniques, dtype=object), None, hash_keys)
        return codes, cls(distinct, np.asarray(distinct_hashes, dtype=np.uint64), hash_keys)

    def __len__(self) -> int:
        return len(self.distinct)

    def renumbered(self, codes: np.ndarray) -> tuple[np.ndarray, KeyNumbers]:
        """`codes` (some of this numbering's numbers) numbered afresh, as `of` would number
        their keys: when some keys are dropped, without hashing the rest again."""
        fresh, old = pd.factorize(codes)
        old = np.asarray(old, dtype=np.int64)
        hashes = None if self.hashes is None else self.hashes[old]
        return fresh.astype(np.int64), KeyNumbers(self.distinct[old], hashes, self.hash_keys)

    @classmethod
    def of_merged(
        cls,
        keys: np.ndarray,
        same_as: Mapping[str, str],
        hash_keys: Callable[[np.ndarray], np.ndarray] = key_hashes,
    ) -> tuple[np.ndarray, KeyNumbers]:
        """Each key's number and the numbering after every key found in `same_as` is
        replaced by its value: the parties `of([same_as.get(k, k) for k in keys])` numbers
        (the numbers may come in another order).

        An LEI and the list entry that carries it are one party. Replacing the keys first
        cost a dict lookup per stake end, 2.6M at 1M entries, at 10x for 4x the stakes (issue
        19). Here the `same_as` keys and values are numbered with the others, in the same
        pass, and each replaced key's number is sent to its value's number, once (a value
        that is itself replaced keeps its own party, as `get` does not look twice)."""
        keys = np.asarray(keys, dtype=object)
        aliases = np.fromiter(same_as, dtype=object, count=len(same_as))
        targets = np.fromiter(same_as.values(), dtype=object, count=len(same_as))
        codes, numbering = cls.of(np.concatenate((keys, aliases, targets)), hash_keys)
        return cls._merged(codes, numbering, len(keys), len(same_as))

    @classmethod
    def of_ends(
        cls,
        holder: Sequence[str],
        held: Sequence[str],
        same_as: Mapping[str, str],
        hash_keys: Callable[[np.ndarray], np.ndarray] = key_hashes,
    ) -> tuple[np.ndarray, KeyNumbers]:
        """`of_merged` of the stake ends holder, held, holder, held... edge by edge (the
        order `OwnershipGraph.add` meets them in), from the two columns.

        The ends and the `same_as` keys and values are put in one array as they are read,
        rather than the ends first and all of them again beside the others, and that array
        is let go once numbered: at 1M entries it is 2.7M references (22 MB, each key's
        count raised and lowered once more), memory a first run takes fresh from the
        system (issue 19)."""
        codes, numbering = cls.of(_ends_and(holder, held, same_as), hash_keys)
        if not same_as:
            return codes, numbering
        return cls._merged(codes, numbering, 2 * len(holder), len(same_as))

    @classmethod
    def _merged(
        cls, codes: np.ndarray, numbering: KeyNumbers, ends: int, aliases: int
    ) -> tuple[np.ndarray, KeyNumbers]:
        """The ends' parties, from the numbers of `ends` keys, then `aliases` keys replaced
        and the `aliases` keys replacing them."""
        into = np.arange(len(numbering), dtype=np.int64)
        into[codes[ends : ends + aliases]] = codes[ends + aliases :]
        used = np.zeros(len(numbering), dtype=bool)
        used[into[codes[:ends]]] = True  # a replaced key, or a value no end names, is no party
        compact = np.cumsum(used) - 1
        hashes = None if numbering.hashes is None else numbering.hashes[used]
        # each number's party, composed over the 1.6M numbers before the 2.6M ends are read
        return compact[into][codes[:ends]], cls(numbering.distinct[used], hashes, numbering.hash_keys)

    def numbers_of(self, keys: np.ndarray) -> np.ndarray:
        """Each key's number, -1 for a key not numbered here."""
        keys = np.asarray(keys, dtype=object)
        if self.hashes is None:
            return self._exact(keys)
        if self._by_hash is None:
            self._by_hash = pd.Index(self.hashes)
        found = np.asarray(self._by_hash.get_indexer(pd.Index(self.hash_keys(keys))), dtype=np.int64)
        hit = found >= 0
        if not bool(np.all(self.distinct[found[hit]] == keys[hit])):  # a hash met by chance
            return self._exact(keys)
        return found

    def _exact(self, keys: np.ndarray) -> np.ndarray:
        if self._by_key is None:
            self._by_key = pd.Index(self.distinct, dtype=object)
        return np.asarray(self._by_key.get_indexer(pd.Index(keys, dtype=object)), dtype=np.int64)


def _ends_and(holder: Sequence[str], held: Sequence[str], same_as: Mapping[str, str]) -> np.ndarray:
    """holder, held, holder, held... edge by edge, then `same_as`'s keys, then its values."""
    size, aliases = len(holder), len(same_as)
    every = np.empty(2 * size + 2 * aliases, dtype=object)
    every[0 : 2 * size : 2] = holder
    every[1 : 2 * size : 2] = held
    every[2 * size : 2 * size + aliases] = list(same_as)
    every[2 * size + aliases :] = list(same_as.values())
    return every


def _first_appearances(codes: np.ndarray) -> np.ndarray:
    """Where each number first appears: numbers appear in order 0, 1, 2..., so a position
    holds a first appearance exactly when its number exceeds every number before it.

    A block of positions at a time, the greatest number so far carried from one to the
    next: the running greatest of 2.7M numbers was 22 MB a first run takes fresh from the
    system at 1M entries (issue 19)."""
    found = [np.zeros(0, dtype=np.int64)]
    greatest = -1
    for start in range(0, len(codes), _BLOCK):
        block = codes[start : start + _BLOCK]
        running = np.maximum.accumulate(block)  # the greatest up to and with each position
        np.maximum(running, greatest, out=running)
        first = np.empty(len(block), dtype=bool)
        first[0] = block[0] > greatest
        np.greater(block[1:], running[:-1], out=first[1:])
        found.append(np.flatnonzero(first) + start)
        greatest = int(running[-1])
    return np.concatenate(found)


def _all_equal(distinct: np.ndarray, codes: np.ndarray, keys: np.ndarray, first: np.ndarray) -> bool:
    """Whether every key is the key its number stands for. A first appearance is that key
    itself, so only the repeats are compared: at 1M, 1.1M string comparisons of 2.6M.

    A block of positions at a time: the keys gathered for a comparison are then a few
    hundred kB that stay in the caches and are used again, not three arrays of 9 MB a
    first run takes fresh from the system at 1M (issue 19)."""
    repeat = np.ones(len(keys), dtype=bool)
    repeat[first] = False
    for start in range(0, len(keys), _BLOCK):
        block = slice(start, start + _BLOCK)
        again = repeat[block]
        if not bool(np.all(distinct[codes[block][again]] == keys[block][again])):
            return False
    return True


_BLOCK = 1 << 15
