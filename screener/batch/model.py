"""The values that travel through a batch: queries in, hits out.

Plain frozen dataclasses so they pickle cheaply between the worker processes and the parent,
and so nothing in a result can change after the batch has been screened.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from screener.matching.phrase import phrase_match


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
    database row, which the window needs to open the side-by-side view. `why` is the
    scorer's technical account (with figures); `features` are the scored features, kept so
    `reason` can say in sentences, in the reader's language, what a reviewer signs.
    """

    source: str
    entry_id: str
    name: str
    score: float
    why: str
    list_entry_id: int
    matched_name: str = ""
    features: tuple[Mapping[str, Any], ...] = ()
    # every list the hit's listed entity was hit on ('OFAC-SDN 6384', ...), when several:
    # set by `screener.batch.entities.group_by_entity`, which keeps one hit per entity
    memberships: tuple[str, ...] = ()

    def reason(self, query_name: str, lang: str = "en") -> str:
        """The match in sentences without figures (screener.matching.phrase)."""
        if not self.features:
            return self.why
        return phrase_match(query_name, self.matched_name or self.name, self.features, lang)


@dataclass(frozen=True)
class BatchResult:
    query: BatchQuery
    hits: tuple[BatchHit, ...]

    @property
    def alerts(self) -> bool:
        return bool(self.hits)


@dataclass(frozen=True)
class BatchCounts:
    """What a batch's audit record counts of its results (screener/batch/record.py): small,
    so a helper process can record the batch without being sent every result."""

    names: int
    alerting: int
    hits: int

    @classmethod
    def of(cls, results: Sequence[BatchResult]) -> BatchCounts:
        return cls(
            names=len(results),
            alerting=sum(1 for result in results if result.alerts),
            hits=sum(len(result.hits) for result in results),
        )


class BatchCancelled(Exception):
    """The user stopped the batch: no result exists, nothing was written."""


class UnknownSource(ValueError):
    """`--lists` names a source that has no active version in the database."""


class EngineUnavailable(RuntimeError):
    """No active list version exists: there is nothing to screen against."""
