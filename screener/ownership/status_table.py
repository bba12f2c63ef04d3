"""A regime's results as a table: every party that is listed, owned, controlled or held with
caution, with the percentage its blocked holders carry.

The rows are ints and floats; a `PartyStatus` (with its contributions and list entries) is
made when someone asks for that party, and the rows are put in key order when someone first
walks them. Over a whole list's graph that is 700,000 rows a regime, of which a reviewer
opens a handful, and making every explanation up front cost more than the rule itself
(issue 19: 26 s for four regimes at 250k on a busy machine).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np

from screener.ownership.party_status import Contribution, PartyStatus
from screener.ownership.walk import CAUTION_CODE, NONE, STATUS_NAMES, Walk


class StatusTable(Mapping[str, PartyStatus]):
    """party key -> PartyStatus, read-only, iterated in key order like the dict it replaced."""

    def __init__(self, state: Walk, in_force: bool) -> None:
        self._state = state
        self._in_force = in_force
        self._ids, self._codes, self._counted = _rows(state)
        self._id_list: list[int] | None = None
        self._row: dict[str, int] | None = None
        self._sorted: list[int] | None = None
        self._made: dict[int, PartyStatus] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        key, ids = self._state.key, self._party_ids()
        return (key(ids[row]) for row in self._in_order())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._rows()

    def __getitem__(self, key: str) -> PartyStatus:
        return self._status(self._rows()[key])

    def values(self) -> Iterator[PartyStatus]:  # type: ignore[override]
        return map(self._status, self._in_order())

    def items(self) -> Iterator[tuple[str, PartyStatus]]:  # type: ignore[override]
        return ((status.party, status) for status in self.values())

    def blocked_count(self) -> int:
        """How many parties are listed, owned or controlled, without making their statuses."""
        return int(np.count_nonzero(self._codes != CAUTION_CODE))

    def _party_ids(self) -> list[int]:
        """The rows' party ids as ints, made when someone first walks the rows."""
        if self._id_list is None:
            self._id_list = self._ids.tolist()
        return self._id_list

    def _in_order(self) -> list[int]:
        if self._sorted is None:
            key, ids = self._state.key, self._party_ids()
            self._sorted = sorted(range(len(ids)), key=lambda row: key(ids[row]))
        return self._sorted

    def _rows(self) -> dict[str, int]:
        if self._row is None:
            key = self._state.key
            self._row = {key(party): row for row, party in enumerate(self._party_ids())}
        return self._row

    def _status(self, row: int) -> PartyStatus:
        made = self._made.get(row)
        if made is None:
            made = self._made[row] = self._make(row)
        return made

    def _make(self, row: int) -> PartyStatus:
        state, party = self._state, int(self._ids[row])
        positions = state.blocked_owners(party)
        groups = state.groups(positions) if positions else []
        graph = state.graph
        contributions = tuple(
            Contribution(
                graph.keys[graph.own_holder[i]],
                state.stakes[i],
                STATUS_NAMES[state.status[graph.own_holder[i]]],
                graph.control_types[graph.own_control[i]],
                group,
            )
            for i, group in zip(positions, groups, strict=True)
        )
        return PartyStatus(
            state.regime.id,
            state.key(party),
            STATUS_NAMES[self._codes[row]],
            float(self._counted[row]),
            contributions,
            state.entries(party),
            self._in_force,
        )


def _rows(state: Walk) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Blocked parties and everything they hold, kept if blocked or counted at caution level:
    party ids, status codes and counted %, as arrays (three lists of 700,000 Python ints and
    floats a regime at 1M entries cost more than the rest of this, and most are never read).

    `counted` is the best group's total of the blocked holders' stakes, added in owner
    order: with one group (aggregation "all", or one blocked holder) a bincount does that
    addition in the same order; parties with several groups get the walk's own totals.
    """
    graph, size = state.graph, len(state.graph.keys)
    arrays = graph.arrays
    status = np.frombuffer(bytes(state.status), dtype=np.uint8)
    blocked = status != NONE
    candidate = blocked.copy()
    candidate[arrays["hold_held"][blocked[arrays["hold_holder"]]]] = True
    by_holder = blocked[arrays["own_holder"]]
    stakes = np.where(by_holder, arrays[state.measure], 0.0)
    counted = np.zeros(len(status))
    counted[:size] = np.bincount(arrays["own_held"], stakes, size)
    if state.regime.aggregation != "all":
        several = np.bincount(arrays["own_held"], by_holder, size) > 1
        for party in np.flatnonzero(several & candidate[:size]).tolist():
            positions = state.blocked_owners(party)
            groups = state.groups(positions, in_key_order=False)
            counted[party] = max(state.totals(positions, groups).values())
    caution = state.regime.caution_from_pct - 1e-9
    kept = candidate & (blocked | ~(counted < caution))
    ids = np.flatnonzero(kept)
    codes = np.where(blocked[ids], status[ids], CAUTION_CODE)
    return ids, codes.astype(np.uint8), counted[ids]
