"""Reading what has been imported: sources, versions, and entries by name.

The CLI's `lists show`/`lists diff` and the Lists window read through here, so they agree
on what "the latest version" and "version 3" mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session, selectinload

from screener import audit
from screener.lists.entity_links import relink
from screener.models import EntryLink, EntryName, ListEntry, ListSource, ListVersion


def list_sources(session: Session) -> list[dict[str, Any]]:
    """Every source, its versions newest first, with dates and counts."""
    sources = session.execute(
        select(ListSource).options(selectinload(ListSource.versions)).order_by(ListSource.name)
    ).scalars()
    return [
        {
            "name": source.name,
            "publisher": source.publisher,
            "regime": source.regime,
            "versions": [version_info(v) for v in sorted(source.versions, key=lambda v: -v.id)],
        }
        for source in sources
    ]


def version_info(version: ListVersion) -> dict[str, Any]:
    return {
        "id": version.id,
        "label": version.label,
        "format": version.format,
        "publisher_date": version.publisher_date,
        "imported_at": version.imported_at,
        "imported_by": version.imported_by,
        "entry_count": version.entry_count,
        "counts": version.counts,
        "is_active": version.is_active,
        "content_hash": version.content_hash,
        "file_checksums": version.file_checksums,
    }


def versions_of(session: Session, source_name: str) -> list[ListVersion]:
    """The source's versions, oldest first; LookupError naming the known sources if absent."""
    source = session.execute(
        select(ListSource).where(ListSource.name == source_name)
    ).scalar_one_or_none()
    if source is None:
        known = ", ".join(
            session.execute(select(ListSource.name).order_by(ListSource.name)).scalars()
        )
        raise LookupError(f"no list source {source_name!r}; known: {known or 'none imported yet'}")
    return sorted(source.versions, key=lambda v: v.id)


def resolve_version(
    session: Session, source_name: str, from_ref: str | None, to_ref: str | None
) -> tuple[int, int]:
    """(from, to) version ids; `to` defaults to the latest, `from` to the one before `to`."""
    versions = versions_of(session, source_name)
    if not versions:
        raise LookupError(f"{source_name} has no versions")
    to_version = _find(versions, to_ref, source_name) if to_ref else versions[-1]
    if from_ref:
        from_version = _find(versions, from_ref, source_name)
    else:
        earlier = [v for v in versions if v.id < to_version.id]
        if not earlier:
            raise LookupError(
                f"{source_name} has no version before v{to_version.id}; import another or pass --from"
            )
        from_version = earlier[-1]
    return from_version.id, to_version.id


def _find(versions: list[ListVersion], ref: str, source_name: str) -> ListVersion:
    plain = ref.lstrip("vV")
    for version in versions:
        if plain.isdigit() and version.id == int(plain):
            return version
    for version in versions:
        if version.label == ref:
            return version
    known = ", ".join(f"v{v.id} ({v.label})" for v in versions)
    raise LookupError(f"{source_name} has no version {ref!r}; known: {known}")


@dataclass
class EntryRow:
    id: int
    entry_key: str
    primary_name: str
    entity_type: str
    list_name: str
    programs: list[str]
    countries: list[str]


ENTRY_ORDER = ("name", "type", "list", "programmes", "countries", "key")


def search_entries(
    session: Session,
    version_id: int,
    text: str = "",
    limit: int = 500,
    *,
    order: str = "name",
    descending: bool = False,
) -> list[EntryRow]:
    """Entries of a version whose key or any name contains `text` (case-insensitive).

    Sorted in the query, over every matching entry, before the first `limit` are taken: a
    window showing 500 of 1,003 entries "sorted by name" must show the first 500 of all
    1,003 in that order, not 500 arbitrary ones re-sorted.
    """
    query = select(ListEntry).where(ListEntry.version_id == version_id)
    needle = text.strip().lower()
    if needle:
        # SQLite's lower() folds ASCII only: also match the text as typed (Cyrillic, CJK)
        pattern, as_typed = f"%{needle}%", f"%{text.strip()}%"
        named = select(EntryName.entry_id).where(
            or_(func.lower(EntryName.name).like(pattern), EntryName.name.like(as_typed))
        )
        query = query.where(
            or_(
                func.lower(ListEntry.primary_name).like(pattern),
                ListEntry.entry_key == text.strip(),
                ListEntry.id.in_(named),
            )
        )
    column = {
        "name": ListEntry.primary_name,
        "type": ListEntry.entity_type,
        "list": ListEntry.list_name,
        "programmes": cast(ListEntry.programs, String),
        "countries": cast(ListEntry.countries, String),
        "key": ListEntry.entry_key,
    }.get(order, ListEntry.primary_name)
    first = column.desc() if descending else column.asc()
    query = query.order_by(first, ListEntry.primary_name, ListEntry.id).limit(limit)
    return [
        EntryRow(
            e.id,
            e.entry_key,
            e.primary_name,
            e.entity_type,
            e.list_name,
            list(e.programs),
            list(e.countries),
        )
        for e in session.execute(query).scalars()
    ]


def entry_detail(session: Session, entry_id: int) -> ListEntry | None:
    """One entry with its names, identifiers, addresses and dates loaded."""
    return session.execute(
        select(ListEntry)
        .options(
            selectinload(ListEntry.names),
            selectinload(ListEntry.identifiers),
            selectinload(ListEntry.addresses),
            selectinload(ListEntry.dates),
        )
        .where(ListEntry.id == entry_id)
    ).scalar_one_or_none()


def entry_links(session: Session, version_id: int, entry_key: str) -> list[EntryLink]:
    """Ownership and 'linked to' records in which the entry is either end."""
    return list(
        session.execute(
            select(EntryLink)
            .where(
                EntryLink.version_id == version_id,
                or_(EntryLink.subject_key == entry_key, EntryLink.object_key == entry_key),
            )
            .order_by(EntryLink.id)
        ).scalars()
    )


def use_version(session: Session, version_id: int) -> ListVersion:
    """Make `version_id` the version of its source that screening uses (a roll-back, say).

    Runs in the caller's unit of work and is audited: which list version a decision used
    must be traceable, so switching it is a recorded act.
    """
    version = session.get(ListVersion, version_id)
    if version is None:
        raise LookupError(f"no list version {version_id}")
    for sibling in session.execute(
        select(ListVersion).where(ListVersion.source_id == version.source_id)
    ).scalars():
        sibling.is_active = sibling.id == version_id
    session.flush()
    relink(session, source=version.source.name)  # the links this version supports
    audit.record(
        session,
        "list.use_version",
        "list_version",
        version_id,
        details={"source": version.source.name, "label": version.label},
    )
    return version
