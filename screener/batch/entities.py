"""One hit per listed entity per name in a batch report.

A name matching a person on the SDN list, the CSL's copy of that entry and the UN list
would otherwise be three hits of equal score, and a report tripling its hit count. The
engines score list entries; this step, pure, folds a name's hits on one listed entity
(`screener.lists.resolve.EntityMap`, from the live links) into the best-scoring one, which
names every membership that hit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from screener.batch.model import BatchHit, BatchResult
from screener.lists.resolve import EntityMap, EntryRef


def group_hits(hits: Sequence[BatchHit], entities: EntityMap) -> tuple[BatchHit, ...]:
    """Best first in, best first out: each entity's best hit, with its memberships."""
    groups: dict[EntryRef, list[BatchHit]] = {}
    for hit in hits:
        groups.setdefault(entities.entity_of((hit.source, hit.entry_id)), []).append(hit)
    return tuple(
        group[0]
        if len(group) == 1
        else replace(
            group[0],
            memberships=tuple(sorted(f"{h.source} {h.entry_id}" for h in group)),
        )
        for group in groups.values()
    )


def hit_refs(results: Iterable[BatchResult]) -> set[EntryRef]:
    """The entries hit more than once for a name: only their entities need looking up."""
    return {(h.source, h.entry_id) for r in results if len(r.hits) > 1 for h in r.hits}


def group_by_entity(results: Iterable[BatchResult], entities: EntityMap) -> list[BatchResult]:
    """Every result with its hits folded by listed entity (the input order kept)."""
    return [
        result if len(result.hits) < 2 else replace(result, hits=group_hits(result.hits, entities))
        for result in results
    ]
