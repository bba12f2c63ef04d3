"""Build the candidate index from every active list version in the database.

Reads with a handful of column-only SELECTs (no ORM objects), since an index covers tens of
thousands of entries and is rebuilt whenever a list version is imported or switched off.
The result is the database-free `MatchIndex`; `index_signature` tells a caller whether a
kept index still reflects the active versions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from screener.matching.config import MatchConfig
from screener.matching.index import EntrySource, MatchIndex
from screener.matching.publisher_flags import (
    PUBLISHERS_BY_LINK,
    carry_publisher_flags,
)
from screener.models import (
    EntryAddress,
    EntryDate,
    EntryIdentifier,
    EntryName,
    ListedEntityLink,
    ListEntry,
    ListSource,
    ListVersion,
)
from screener.store import Store

DATE_KINDS = ("birth", "incorporation")


def index_signature(session: Session) -> tuple[int, ...]:
    """The ids of the active list versions: an index built for other ids is stale."""
    rows = session.execute(
        select(ListVersion.id).where(ListVersion.is_active.is_(True)).order_by(ListVersion.id)
    )
    return tuple(rows.scalars())


def build_index(
    session: Session,
    config: MatchConfig | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> MatchIndex:
    """An index over every entry of every active list version."""
    report = on_progress or (lambda _stage: None)
    report("reading list entries")
    entries = session.execute(
        select(
            ListEntry.id,
            ListEntry.version_id,
            ListEntry.entry_key,
            ListEntry.list_name,
            ListEntry.entity_type,
            ListEntry.primary_name,
            ListEntry.countries,
            ListEntry.programs,
            ListSource.name,
        )
        .join(ListVersion, ListEntry.version_id == ListVersion.id)
        .join(ListSource, ListVersion.source_id == ListSource.id)
        .where(ListVersion.is_active.is_(True))
        .order_by(ListEntry.id)
    ).all()
    active = select(ListEntry.id).join(ListVersion).where(ListVersion.is_active.is_(True))
    names = _grouped(
        session,
        select(EntryName.entry_id, EntryName.name)
        .where(EntryName.entry_id.in_(active), EntryName.strength != "weak")
        .order_by(EntryName.id),
    )
    weak = _grouped(
        session,
        select(EntryName.entry_id, EntryName.name)
        .where(EntryName.entry_id.in_(active), EntryName.strength == "weak")
        .order_by(EntryName.id),
    )
    dates = _grouped(
        session,
        select(EntryDate.entry_id, EntryDate.value).where(
            EntryDate.entry_id.in_(active), EntryDate.kind.in_(DATE_KINDS)
        ),
    )
    countries = _grouped(
        session,
        select(EntryAddress.entry_id, EntryAddress.country).where(
            EntryAddress.entry_id.in_(active), EntryAddress.country.is_not(None)
        ),
    )
    identifiers: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for entry_id, id_type, value in session.execute(
        select(EntryIdentifier.entry_id, EntryIdentifier.id_type, EntryIdentifier.value).where(
            EntryIdentifier.entry_id.in_(active)
        )
    ):
        identifiers[entry_id].append((id_type, value))
    carry_publisher_flags(entries, names, weak, _live_links(session))
    report(f"indexing {len(entries)} entries")
    sources = (
        EntrySource(
            entry_key=row.entry_key,
            names=[row.primary_name, *names.get(row.id, [])],
            entity_type=row.entity_type,
            source_name=row.name,
            list_name=row.list_name or "",
            entry_id=row.id,
            list_version_id=row.version_id,
            countries=[*(row.countries or []), *countries.get(row.id, [])],
            dates=dates.get(row.id, []),
            identifiers=identifiers.get(row.id, []),
            programs=list(row.programs or []),
            weak_names=weak.get(row.id, []),
        )
        for row in entries
    )
    return MatchIndex.from_entries(sources, config)


def _live_links(session: Session) -> list[tuple[int, int, str]]:
    """The entity links no reviewer undid, of the kinds that name a publisher's original."""
    rows = session.execute(
        select(
            ListedEntityLink.entry_a_id, ListedEntityLink.entry_b_id, ListedEntityLink.kind
        ).where(
            ListedEntityLink.undone_at.is_(None),
            ListedEntityLink.kind.in_(sorted(PUBLISHERS_BY_LINK)),
        )
    )
    return [(a, b, kind) for a, b, kind in rows]


def version_facts(session: Session) -> list[tuple[Any, ...]]:
    """Per active version: id, content hash, entry count and id range (the kept index's key)."""
    rows = session.execute(
        select(
            ListVersion.id,
            ListVersion.content_hash,
            func.count(ListEntry.id),
            func.min(ListEntry.id),
            func.max(ListEntry.id),
        )
        .outerjoin(ListEntry, ListEntry.version_id == ListVersion.id)
        .where(ListVersion.is_active.is_(True))
        .group_by(ListVersion.id, ListVersion.content_hash)
        .order_by(ListVersion.id)
    )
    return [tuple(row) for row in rows]


def kept_index(
    session: Session,
    config: MatchConfig | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> MatchIndex:
    """The index of the active list versions, read from the user's data directory when it
    was built before for exactly these versions (see screener/matching/index_store.py)."""
    from screener.matching.index_store import index_key, load_or_build, store_enabled

    if not store_enabled():
        return build_index(session, config, on_progress)
    key = index_key(version_facts(session))
    return load_or_build(key, lambda: build_index(session, config, on_progress), config)


def _grouped(session: Session, statement: object) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for entry_id, value in session.execute(statement):  # type: ignore[call-overload]
        if value:
            grouped[entry_id].append(value)
    return grouped


class IndexCache:
    """One index per database, rebuilt only when the set of active list versions changes.

    The desktop app's search box and Matches tab share it; building takes seconds, checking
    the signature a millisecond. Safe to call from worker threads.
    """

    def __init__(self) -> None:
        import threading

        self._lock = threading.Lock()
        self._built: dict[str, tuple[tuple[int, ...], MatchIndex]] = {}

    def get(
        self,
        store: Store,
        config: MatchConfig | None = None,
        on_progress: Callable[[str], None] | None = None,
    ) -> MatchIndex:
        with self._lock:
            with store.session() as session:
                signature = index_signature(session)
                kept = self._built.get(store.url)
                if kept is not None and kept[0] == signature:
                    return kept[1]
                index = kept_index(session, config, on_progress)
            self._built[store.url] = (signature, index)
            return index

    def cached(self, store: Store) -> MatchIndex | None:
        """The index built earlier for this database, current or not (never builds)."""
        kept = self._built.get(store.url)
        return kept[1] if kept else None


INDEX_CACHE = IndexCache()
