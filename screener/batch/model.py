"""The values that travel through a batch: queries in, hits out.

Plain frozen dataclasses so they pickle cheaply between the worker processes and the parent,
and so nothing in a result can change after the batch has been screened.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BatchQuery:
    """One row of the input file, validated.

    `row` is the row number a spreadsheet shows (the header is row 1), so messages and
    reports point at the same place the user sees.
    """

    row: int
    id: str
    name: str
    party_type: str | None = None  # person | company
    country: str | None = None  # ISO 3166-1 alpha-2, upper case
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    identifiers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class BatchHit:
    """A list entry that scored at or above the threshold for one query.

    `entry_id` is the publisher's key (stable across versions); `list_entry_id` is the
    database row, which the window needs to open the side-by-side view.
    """

    source: str
    entry_id: str
    name: str
    score: float
    why: str
    list_entry_id: int
    matched_name: str = ""
    # every list the hit's listed entity was hit on ('OFAC-SDN 6384', ...), when several:
    # set by `screener.batch.entities.group_by_entity`, which keeps one hit per entity
    memberships: tuple[str, ...] = ()


@dataclass(frozen=True)
class BatchResult:
    query: BatchQuery
    hits: tuple[BatchHit, ...]

    @property
    def alerts(self) -> bool:
        return bool(self.hits)


class BatchCancelled(Exception):
    """The user stopped the batch: no result exists, nothing was written."""
