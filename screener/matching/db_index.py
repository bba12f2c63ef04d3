"""Build the candidate index from every active list version in the database.

Reads with a handful of column-only SELECTs (no ORM objects) per chunk of entries, since an
index covers up to millions of entries and is rebuilt whenever a list version is imported or
switched off.
The result is the database-free `MatchIndex`; `index_signature` tells a caller whether a
kept index still reflects the active versions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import orjson
from sqlalchemy import Engine, Text, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from screener.matching import index_build
from screener.matching.config import MatchConfig
from screener.matching.index import EntrySource, MatchIndex
from screener.matching.index_store import KeptParts, index_from_parts
from screener.matching.publisher_flags import (
    PUBLISHERS_BY_LINK,
    REPUBLISHED,
    carry_publisher_flags,
    republished_copies,
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
    return index_from_parts(build_kept_parts(session, on_progress), config)


def build_kept_parts(
    session: Session, on_progress: Callable[[str], None] | None = None
) -> KeptParts:
    """The index over every entry of every active list version, in its kept form: entries
    read a chunk at a time, their names prepared on every core (matching/index_build.py)."""
    report = on_progress or (lambda _stage: None)
    report("reading list entries")
    reader = EntryReader(session)
    report(f"indexing {len(reader)} entries")
    return index_build.build_kept_read(
        reader.ranges(index_build.CHUNK_ENTRIES), reader.between, reopen=reader.reopener()
    )


def active_sources(session: Session) -> list[EntrySource]:
    """What the index needs of every entry of every active list version, in entry id order."""
    return [
        source
        for chunk in EntryReader(session).chunks(index_build.CHUNK_ENTRIES)
        for source in chunk
    ]


ACTIVE = ListVersion.is_active.is_(True)


class EntryReader:
    """The active entries in id order, read `size` entries at a time with a handful of
    column-only SELECTs over their id range, so that no more than a chunk of them is held.

    Alias flags carried from a publisher's entry to its copies (`carry_publisher_flags`)
    need both entries at once: they are worked out first, over the entries that can take
    part (keys naming a publisher, the publishers' own entries, linked entries).
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        # the versions active now: what a worker process reads later is read from them, even
        # should another version be switched on or off meanwhile
        self.versions = index_signature(session)
        ids = session.execute(  # in the transaction that read `versions`: the same ones
            select(ListEntry.id).join(ListVersion).where(ACTIVE).order_by(ListEntry.id)
        ).scalars()
        self.ids = np.fromiter(ids, dtype=np.int64)
        self.flagged = _carried_flags(session)

    def __len__(self) -> int:
        return len(self.ids)

    def ranges(self, size: int) -> list[tuple[int, int, int]]:
        """(lowest id, highest id, entries) of each chunk of `size` entries, in id order."""
        found = []
        for start in range(0, len(self.ids), size):
            stop = min(start + size, len(self.ids))
            found.append((int(self.ids[start]), int(self.ids[stop - 1]), stop - start))
        return found

    def chunks(self, size: int) -> Iterator[list[EntrySource]]:
        for low, high, _count in self.ranges(size):
            yield self.between(low, high)

    def reopener(self) -> Callable[[], None] | None:
        """What a forked process calls before it reads (`reopen`), or None where another
        process cannot read this database (SQLite in memory, a session on one connection)."""
        engine = self.session.get_bind()
        if not isinstance(engine, Engine):
            return None
        url = engine.url
        if url.get_backend_name() == "sqlite" and (
            url.database in (None, "", ":memory:") or url.query.get("mode") == "memory"
        ):
            return None
        return self.reopen

    def reopen(self) -> None:
        """In a forked process: a session on connections of its own. The parent's pooled
        connections are left as they are (closing them would close the parent's), as
        SQLAlchemy's `Engine.dispose(close=False)` is made for."""
        engine = self.session.get_bind()
        assert isinstance(engine, Engine)
        engine.dispose(close=False)
        self.session = Session(engine)

    def between(self, low: int, high: int) -> list[EntrySource]:
        """The entries of the reader's versions with ids from `low` to `high`.

        Each SELECT asks for the id range alone, and rows of other versions are dropped
        here: asked for the versions too, SQLite walked the (version, key) index through
        every entry of the version for each chunk, a read that grew with the square of the
        list. Entries of other versions inside a range are few (a version's entries are
        written together, their ids in one run)."""
        session = self.session
        chosen = frozenset(self.versions)
        entries = session.execute(
            select(
                ListEntry.id,
                ListEntry.version_id,
                ListEntry.entry_key,
                ListEntry.list_name,
                ListEntry.entity_type,
                ListEntry.primary_name,
                # as stored (JSON text on SQLite): orjson reads it at several times json's pace
                type_coerce(ListEntry.countries, Text).label("countries"),
                type_coerce(ListEntry.programs, Text).label("programs"),
                ListSource.name,
            )
            .join(ListVersion, ListEntry.version_id == ListVersion.id)
            .join(ListSource, ListVersion.source_id == ListSource.id)
            .where(ListEntry.id.between(low, high))
            .order_by(ListEntry.id)
        ).all()
        names = _grouped(
            session,
            select(EntryName.entry_id, EntryName.name)
            .where(EntryName.entry_id.between(low, high))
            .where(EntryName.strength != "weak")
            .order_by(EntryName.id),
        )
        weak = _grouped(
            session,
            select(EntryName.entry_id, EntryName.name)
            .where(EntryName.entry_id.between(low, high))
            .where(EntryName.strength == "weak")
            .order_by(EntryName.id),
        )
        dates = _grouped(
            session,
            select(EntryDate.entry_id, EntryDate.value)
            .where(EntryDate.entry_id.between(low, high))
            .where(EntryDate.kind.in_(DATE_KINDS))
            .order_by(EntryDate.id),
        )
        countries = _grouped(
            session,
            select(EntryAddress.entry_id, EntryAddress.country)
            .where(EntryAddress.entry_id.between(low, high))
            .where(EntryAddress.country.is_not(None))
            .order_by(EntryAddress.id),
        )
        identifiers: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for entry_id, id_type, value in session.execute(
            select(EntryIdentifier.entry_id, EntryIdentifier.id_type, EntryIdentifier.value)
            .where(EntryIdentifier.entry_id.between(low, high))
            .order_by(EntryIdentifier.id)
        ):
            identifiers[entry_id].append((id_type, value))
        sources = []
        for row in entries:
            if row.version_id not in chosen:
                continue
            carried = self.flagged.get(row.id)
            strong, weak_names = carried or (names.get(row.id, []), weak.get(row.id, []))
            sources.append(
                EntrySource(
                    entry_key=row.entry_key,
                    names=[row.primary_name, *strong],
                    entity_type=row.entity_type,
                    source_name=row.name,
                    list_name=row.list_name or "",
                    entry_id=row.id,
                    list_version_id=row.version_id,
                    countries=[*_json_list(row.countries), *countries.get(row.id, [])],
                    dates=dates.get(row.id, []),
                    identifiers=identifiers.get(row.id, []),
                    programs=_json_list(row.programs),
                    weak_names=weak_names,
                )
            )
        return sources


def _carried_flags(session: Session) -> dict[int, tuple[list[str], list[str]]]:
    """Copy entry id -> its (strong, weak) names once the publisher's flags are carried over
    (`carry_publisher_flags`), read over the only entries that can be copies or originals."""
    links = _live_links(session)
    linked = sorted({a for a, _b, _kind in links} | {b for _a, b, _kind in links})
    publishers = {*REPUBLISHED.values(), *(p for ps in PUBLISHERS_BY_LINK.values() for p in ps)}
    columns = select(ListEntry.id, ListEntry.entry_key, ListEntry.primary_name, ListSource.name)
    columns = columns.join(ListVersion, ListEntry.version_id == ListVersion.id).join(
        ListSource, ListVersion.source_id == ListSource.id
    )
    named = or_(
        ListSource.name.in_(sorted(publishers)),
        *(ListEntry.entry_key.startswith(prefix) for prefix in REPUBLISHED),
    )
    rows = {
        row.id: row for row in session.execute(columns.where(ACTIVE, named).order_by(ListEntry.id))
    }
    for part in _parts(linked):
        rows.update(
            (row.id, row) for row in session.execute(columns.where(ACTIVE, ListEntry.id.in_(part)))
        )
    entries = [rows[i] for i in sorted(rows)]
    copies = republished_copies(entries, links)
    if not copies:
        return {}
    involved = sorted({entry for pair in copies for entry in pair})
    names: dict[int, list[str]] = defaultdict(list)
    weak: dict[int, list[str]] = defaultdict(list)
    for part in _parts(involved):
        for entry_id, name, strength in session.execute(
            select(EntryName.entry_id, EntryName.name, EntryName.strength)
            .where(EntryName.entry_id.in_(part))
            .order_by(EntryName.id)
        ):
            if name:
                (weak if strength == "weak" else names)[entry_id].append(name)
    carry_publisher_flags(entries, names, weak, links)
    return {copy: (names.get(copy, []), weak.get(copy, [])) for copy, _publisher in copies}


def _parts(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


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
    return load_or_build(key, lambda: build_kept_parts(session, on_progress), config)


def _json_list(value: object) -> list[Any]:
    """A JSON list column's value: text where the driver hands it back unparsed (SQLite),
    already a list where it parses JSON itself (psycopg)."""
    if value is None:
        return []
    if isinstance(value, str | bytes):
        value = orjson.loads(value)
    return list(value) if isinstance(value, list) else []


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
