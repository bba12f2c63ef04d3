"""The ownership graph as integer ids and flat arrays, for rules run over a whole list.

A list's relationship graph has a million stakes and a million and a half parties; walking it
through dicts keyed by strings costs a hash and a probe at every step (issue 19: 6.5 s a
regime at 1M). Here every party is a number and every stake a position in two CSR layouts,
one by held party (owners, in the order `OwnershipGraph.owners_of` gives) and one by holder
(holdings, in `holdings_of` order), so the 50 % rule walks lists of ints. It is built once
and shared by every regime (`compact_of` keeps it on the graph until the graph changes).

Built from an `OwnershipGraph`, or straight from columns of stakes (`from_columns`, with
pandas doing the key -> id work) when a whole list's links never need to be objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from screener.collector import collector_paused
from screener.ownership.graph import OwnershipGraph
from screener.ownership.key_numbers import KeyNumbers


@dataclass(eq=False)
class CompactGraph:
    """Parties 0..n-1 (`keys`) and stakes in CSR order by held party and by holder.

    Owner positions i in own_start[x]:own_start[x+1] describe x's owners: holder
    `own_holder[i]`, stake measures `own_equity[i]` / `own_votes[i]` (the regime's
    `measure`), `own_control[i]` (code into `control_types`, 0 for none) and
    `own_joint[i]`. Holding positions j in hold_start[h]:hold_start[h+1] give the held
    party `hold_held[j]`. These are memoryviews of `arrays` (the numpy arrays, plus
    `own_held` and `hold_holder`, for the steps done a whole column at once) for the rule's
    walk, which indexes them one at a time: Python lists of them were a Python int object
    per stake, 8 lists of 1.3M at 1M entries, too much to stay in the caches (issue 19).
    """

    keys: Sequence[str] | np.ndarray  # a list, or an object array of str
    own_start: memoryview  # int32 (int64 past 2**31 stakes or parties), as the ids below
    own_holder: memoryview  # int32
    own_equity: memoryview  # float64
    own_votes: memoryview  # float64, shares_or_votes: the larger of equity and voting
    own_control: memoryview  # int32
    own_joint: memoryview  # bool
    hold_start: memoryview  # int32
    hold_held: memoryview  # int32
    control_types: list[str | None]  # code -> control type; code 0 is None
    arrays: dict[str, np.ndarray] = field(default_factory=dict, repr=False)  # the same, numpy
    revision: int = -1
    numbering: KeyNumbers | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def edge_count(self) -> int:
        return len(self.own_holder)

    def ids_of(self, keys: list[str] | np.ndarray) -> np.ndarray:
        """Party id of each key, -1 for a key the graph does not hold."""
        if self.numbering is None:
            self.numbering = KeyNumbers.of(np.array(self.keys, dtype=object))[1]
        return self.numbering.numbers_of(np.asarray(keys, dtype=object))

    @classmethod
    def from_graph(cls, graph: OwnershipGraph) -> CompactGraph:
        keys = list(graph.nodes)
        index = {key: number for number, key in enumerate(keys)}
        holders: list[int] = []
        helds: list[int] = []
        equity: list[float] = []
        votes: list[float] = []
        controls: list[str | None] = []
        joint: list[bool] = []
        for held, stakes in graph.owners.items():
            held_id = index[held]
            for stake in stakes.values():
                holders.append(index[stake.holder])
                helds.append(held_id)
                equity.append(stake.equity)
                votes.append(stake.shares_or_votes)
                controls.append(stake.control_type)
                joint.append(stake.joint_arrangement)
        # holdings in each holder's own order: the rule's walk visits held parties that way
        pairs = [
            (index[holder], index[held])
            for holder, stakes in graph.holdings.items()
            for held in stakes
        ]
        held_in_order = np.array([held for _, held in pairs], dtype=np.int64)
        return cls._assemble(
            keys,
            np.array(holders, dtype=np.int64),
            np.array(helds, dtype=np.int64),
            np.array(equity, dtype=np.float64),
            np.array(votes, dtype=np.float64),
            controls,
            np.array(joint, dtype=bool),
            (np.array([holder for holder, _ in pairs], dtype=np.int64), held_in_order),
            revision=graph.revision,
        )

    @classmethod
    def from_columns(
        cls,
        holder: Sequence[str],
        held: Sequence[str],
        equity_pct: Sequence[float | None],
        voting_pct: Sequence[float | None],
        control_type: Sequence[str | None],
        joint_arrangement: Sequence[bool] | None = None,
        same_as: Mapping[str, str] | None = None,
    ) -> CompactGraph:
        """The graph `OwnershipGraph.build([], stakes)` would hold, without a Holding each.

        Same rules: a self-holding is ignored, a repeated (holder, held) pair replaces the
        earlier one and goes last among its held party's owners and its holder's holdings.
        A holder or held key found in `same_as` stands for the party its value names (an
        LEI for the list entry that carries it), as if `same_as.get(key, key)` were given.
        """
        with collector_paused():
            return cls._from_columns(
                holder, held, equity_pct, voting_pct, control_type, joint_arrangement, same_as
            )

    @classmethod
    def _from_columns(
        cls,
        holder: Sequence[str],
        held: Sequence[str],
        equity_pct: Sequence[float | None],
        voting_pct: Sequence[float | None],
        control_type: Sequence[str | None],
        joint_arrangement: Sequence[bool] | None,
        same_as: Mapping[str, str] | None,
    ) -> CompactGraph:
        # node ids in the order OwnershipGraph.add meets them: holder then held, edge by edge
        codes, numbering = KeyNumbers.of_ends(holder, held, same_as or {})
        real = codes[0::2] != codes[1::2]
        rows = np.arange(len(holder))
        if not bool(real.all()):  # self-holdings are ignored: number only the others' keys
            codes, numbering = numbering.renumbered(codes[np.repeat(real, 2)])
            rows = rows[real]
        keep = _last_of_each_pair(codes[0::2], codes[1::2], len(numbering))
        holders, helds, rows = codes[0::2][keep], codes[1::2][keep], rows[keep]
        # The stakes' columns are made after the numbering, one at a time, and what is
        # done with is let go at once: at 1M entries each is 10-20 MB, and the build's
        # peak is memory a first run takes fresh from the system, at more cost than the
        # work done in it (issue 19).
        del codes, real, keep
        equity = np.array(equity_pct, dtype=np.float64)[rows]  # None -> nan
        votes = np.array(voting_pct, dtype=np.float64)[rows]
        held_equity = np.nan_to_num(np.where(np.isnan(equity), votes, equity), copy=False)
        np.maximum(np.nan_to_num(equity, copy=False), np.nan_to_num(votes, copy=False), out=votes)
        del equity  # votes: shares_or_votes, the larger of the two
        joint = np.zeros(len(rows), dtype=bool)
        if joint_arrangement is not None:
            joint = np.array(joint_arrangement, dtype=bool)[rows]
        controls = np.array(control_type, dtype=object)[rows]
        del rows
        return cls._assemble(
            numbering.distinct,
            holders,
            helds,
            held_equity,  # Holding.equity
            votes,
            controls,
            joint,
            (holders, helds),
            numbering=numbering,
        )

    @classmethod
    def _assemble(
        cls,
        keys: Sequence[str] | np.ndarray,
        holders: np.ndarray,
        helds: np.ndarray,
        equity: np.ndarray,
        votes: np.ndarray,
        controls: list[str | None] | np.ndarray,
        joint: np.ndarray,
        holdings: tuple[np.ndarray, np.ndarray],
        revision: int = -1,
        numbering: KeyNumbers | None = None,
    ) -> CompactGraph:
        """CSR both ways; `holdings` are (holder, held) pairs in each holder's order."""
        size = len(keys)
        holding_holders, holding_helds = holdings
        ids = _id_type(max(size, len(holders), len(holding_holders)))
        types, codes = _control_codes(controls)
        # Narrowed before they are put in order, and once when both layouts share a column:
        # the random reads of the ordering then cover half the bytes. One layout at a time,
        # its order let go before the next is made: at 1M entries the build's peak is
        # memory a first run takes fresh from the system (issue 19).
        narrow = _Narrowed(ids)
        by_held = stable_order(helds)  # keeps each held party's owner order
        arrays = {
            "own_start": _starts(helds, size, ids),
            "own_held": narrow(helds)[by_held],
            "own_holder": narrow(holders)[by_held],
            "own_equity": equity[by_held],
            "own_votes": votes[by_held],
            "own_control": codes.astype(ids)[by_held],
            "own_joint": joint[by_held],
        }
        del by_held, codes
        by_holder = stable_order(holding_holders)
        arrays["hold_start"] = _starts(holding_holders, size, ids)
        arrays["hold_holder"] = narrow(holding_holders)[by_holder]
        arrays["hold_held"] = narrow(holding_helds)[by_holder]
        return cls(
            keys=keys,
            own_start=arrays["own_start"].data,
            own_holder=arrays["own_holder"].data,
            own_equity=arrays["own_equity"].data,
            own_votes=arrays["own_votes"].data,
            own_control=arrays["own_control"].data,
            own_joint=arrays["own_joint"].data,
            hold_start=arrays["hold_start"].data,
            hold_held=arrays["hold_held"].data,
            control_types=types,
            arrays=arrays,
            revision=revision,
            numbering=numbering,
        )


class _Narrowed:
    """Columns of ids as `ids` (int32 while they fit), each column converted once."""

    def __init__(self, ids: type[np.signedinteger]) -> None:
        self._ids = ids
        self._done: list[tuple[np.ndarray, np.ndarray]] = []

    def __call__(self, column: np.ndarray) -> np.ndarray:
        for given, narrowed in self._done:
            if given is column:
                return narrowed
        narrowed = column.astype(self._ids, copy=False)
        self._done.append((column, narrowed))
        return narrowed


def _last_of_each_pair(holders: np.ndarray, helds: np.ndarray, size: int) -> np.ndarray:
    """Which stakes to keep: of a repeated (holder, held) pair only the last.

    By sorting the pairs as single integers (a hash table of pairs cost 7x for 4x the
    stakes); few pairs repeat, and only the stakes of those are sorted again, stably."""
    pairs = holders * max(size, 1)
    pairs += helds
    ordered = np.sort(pairs)
    repeated = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
    keep = np.ones(len(pairs), dtype=bool)
    if not len(repeated):
        return keep
    at = np.minimum(np.searchsorted(repeated, pairs), len(repeated) - 1)
    involved = np.flatnonzero(repeated[at] == pairs)
    _, last_reversed = np.unique(pairs[involved][::-1], return_index=True)
    keep[involved] = False
    keep[involved[len(involved) - 1 - last_reversed]] = True
    return keep


def stable_order(keys: np.ndarray) -> np.ndarray:
    """`np.argsort(keys, kind="stable")` for keys of non-negative ints: equal keys keep
    their positions' order.

    A radix sort, 16 bits at a time from the lowest (numpy sorts 16-bit keys stably by
    counting, in two passes over them): a stable sort by the high half of positions already
    in order by the low half is in order by both. Linear in the keys, and a third of the
    time of sorting each key packed with its position (which grew as n log n, issue 19).
    """
    if not len(keys) or int(keys.min()) < 0 or (largest := int(keys.max())) > _LOW:
        return np.argsort(keys, kind="stable")
    order = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    if largest <= 0xFFFF:
        return order
    high = (keys >> 16).astype(np.uint16)[order]
    return order[np.argsort(high, kind="stable")]


_LOW = 2**32 - 1


def _id_type(largest: int) -> type[np.signedinteger]:
    """int32 for party ids and positions while they fit: the rule's walk reads them one at
    a time at random, and half the bytes keep twice as many in the caches (issue 19)."""
    return np.int32 if largest < np.iinfo(np.int32).max else np.int64


def _starts(ids: np.ndarray, size: int, dtype: type[np.signedinteger]) -> np.ndarray:
    """Where each party's run begins when positions are put in order by `ids` (CSR).

    Summed into the result itself: at 1M entries the running sum, the result and its
    narrowed copy were each 6-13 MB that a first run takes fresh from the system, and
    fresh memory there cost more than the counting (issue 19)."""
    starts = np.zeros(size + 1, dtype=dtype)
    if len(ids):
        np.cumsum(np.bincount(ids, minlength=size), out=starts[1:])
    return starts


def _control_codes(
    controls: list[str | None] | np.ndarray,
) -> tuple[list[str | None], np.ndarray]:
    """Control types as small ints, 0 for none (a regime asks `code in its codes`).

    A list has a handful of control types: a table sized for them, not for every stake
    (32 MB at 1M entries, issue 19)."""
    codes, types = pd.factorize(
        np.asarray(controls, dtype=object), use_na_sentinel=True, size_hint=16
    )
    codes = codes.astype(np.int64, copy=False)
    codes += 1
    return [None, *(str(t) for t in types)], codes


def compact_of(graph: OwnershipGraph | CompactGraph) -> CompactGraph:
    """The graph's compact form, made once and kept until the graph changes."""
    if isinstance(graph, CompactGraph):
        return graph
    kept = graph.compact_cache
    if isinstance(kept, CompactGraph) and kept.revision == graph.revision:
        return kept
    with collector_paused():
        graph.compact_cache = CompactGraph.from_graph(graph)
    return graph.compact_cache
