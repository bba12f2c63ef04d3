"""Persist a `ParsedList` as one ListVersion, in the caller's unit of work.

Rows go in with executemany (`session.execute(insert(table), rows)`), not as ORM objects:
the 2024 SDN file alone has ~15,000 entries and ~60,000 child rows, and one object per row
is an order of magnitude slower. The version's `content_hash` is computed from the file
checksums, so a second import of identical files is recognised before anything is written.
The new version's listed-entity links are brought in step in the same unit of work
(`screener.lists.entity_links.relink`), so it keeps exactly the links it supports.

Entries and links are walked once, in batches of BATCH, and never gathered: a parser of a
large file (FtM, issue 19) hands them over lazily, so memory stays bounded by a batch.
Counts by type and duplicate keys are therefore found as the entries go in; a duplicate
raises inside the unit of work, which rolls back everything written before it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.orm import Session

from screener import audit
from screener.identity import current_user
from screener.lists.base import ListFormatError, ParsedEntry, ParsedLink, ParsedList
from screener.lists.entity_links import relink
from screener.models import (
    EntryAddress,
    EntryDate,
    EntryIdentifier,
    EntryLink,
    EntryName,
    ListEntry,
    ListSource,
    ListVersion,
    utcnow,
)
from screener.store import import_page_cache

BATCH = 2000

ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


class ImportCancelled(Exception):
    """Raised inside the unit of work so that a cancelled import rolls back completely."""


KEY_LIMIT = 120  # String(120) in screener.models for entry and link keys


def _no_progress(_done: int, _total: int, _stage: str) -> None:
    return None


def _never() -> bool:
    return False


@dataclass
class LoadResult:
    source_name: str
    version_id: int
    created: bool  # False: identical files were imported before; nothing was added
    label: str
    format: str
    content_hash: str
    entry_count: int
    counts: dict[str, int] = field(default_factory=dict)
    link_count: int = 0  # relationships between its entries (owner, parent, linked to)
    entity_links: int = 0  # its entries' links to other lists' entries of the same entity
    publisher_date: str | None = None
    file_checksums: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def checksums_of(files: Iterable[Path]) -> dict[str, str]:
    """File name -> SHA-256 of its bytes, for every file the parser read."""
    return {path.name: file_sha256(path) for path in sorted(files, key=lambda p: p.name)}


def content_hash_of(parsed_format: str, checksums: dict[str, str]) -> str:
    """One digest over the format and every file's bytes; renaming a file does not change it."""
    digest = hashlib.sha256(parsed_format.encode("utf-8"))
    for checksum in sorted(checksums.values()):
        digest.update(checksum.encode("ascii"))
    return digest.hexdigest()


def load_parsed_list(
    session: Session,
    parsed: ParsedList,
    *,
    source_name: str | None = None,
    label: str | None = None,
    on_progress: ProgressCallback = _no_progress,
    is_cancelled: CancelCheck = _never,
) -> LoadResult:
    """Write `parsed` as the new active version of its source, or find the identical one.

    Runs in the caller's session and never commits: the caller's unit of work decides.
    """
    with import_page_cache(session):
        return _load(
            session,
            parsed,
            name=source_name or parsed.source_name,
            label=label,
            on_progress=on_progress,
            is_cancelled=is_cancelled,
        )


def _load(
    session: Session,
    parsed: ParsedList,
    *,
    name: str,
    label: str | None,
    on_progress: ProgressCallback,
    is_cancelled: CancelCheck,
) -> LoadResult:
    checksums = checksums_of(parsed.files)
    digest = content_hash_of(parsed.format, checksums)
    source = _source(session, name, parsed)
    existing = session.execute(
        select(ListVersion).where(
            ListVersion.source_id == source.id, ListVersion.content_hash == digest
        )
    ).scalar_one_or_none()
    if existing is not None:
        return _result(name, existing, created=False, link_count=_link_count(session, existing))
    version = _new_version(session, source, parsed, digest, checksums, label)
    total = len(parsed.entries)
    written = _Written(parsed)
    for done in _insert_entries(session, version.id, written.walk(parsed.entries)):
        if is_cancelled():
            raise ImportCancelled(f"import of {name} cancelled")
        on_progress(done, total, "writing entries")
    total = written.count
    version.counts = dict(sorted(written.types.items()))
    version.entry_count = total
    session.flush()
    link_count = _insert_links(session, version.id, parsed, lambda: _stop_if(is_cancelled, name))
    if is_cancelled():
        raise ImportCancelled(f"import of {name} cancelled")
    session.execute(
        update(ListVersion)
        .where(ListVersion.source_id == source.id, ListVersion.id != version.id)
        .values(is_active=False)
    )
    on_progress(total, total, "linking entries across lists")
    linked = relink(session, source=name)  # only this list's links can change
    audit.record(
        session,
        "list.import",
        "list_version",
        version.id,
        details={
            "source": name,
            "format": parsed.format,
            "label": version.label,
            "content_hash": digest,
            "files": checksums,
            "entries": total,
            "counts": version.counts,
            "links": link_count,
            "publisher_date": parsed.publisher_date,
            "entity_links": linked.links,
        },
    )
    on_progress(total, total, "done")
    result = _result(name, version, created=True, link_count=link_count)
    result.entity_links = linked.links
    return result


def _stop_if(is_cancelled: CancelCheck, name: str) -> None:
    if is_cancelled():
        raise ImportCancelled(f"import of {name} cancelled")


def _source(session: Session, name: str, parsed: ParsedList) -> ListSource:
    source = session.execute(select(ListSource).where(ListSource.name == name)).scalar_one_or_none()
    if source is None:
        source = ListSource(name=name, publisher=parsed.publisher, regime=parsed.regime)
        session.add(source)
        session.flush()
    return source


class _Written:
    """Counts by type, and a refusal of a key seen twice, taken as entries go by."""

    def __init__(self, parsed: ParsedList) -> None:
        self.files = ", ".join(p.name for p in parsed.files)
        self.types: Counter[str] = Counter()
        self.count = 0
        self._seen: set[str] = set()

    def walk(self, entries: Iterable[ParsedEntry]) -> Iterator[ParsedEntry]:
        for entry in entries:
            self.count += 1
            if entry.entry_key in self._seen:
                raise ListFormatError(
                    self.files,
                    f"entry {self.count}",
                    "entry_key",
                    f"{entry.entry_key!r} appears twice",
                )
            self._seen.add(entry.entry_key)
            self.types[entry.entity_type] += 1
            yield entry


def _new_version(
    session: Session,
    source: ListSource,
    parsed: ParsedList,
    digest: str,
    checksums: dict[str, str],
    label: str | None,
) -> ListVersion:
    imported_at = utcnow()
    version = ListVersion(
        source_id=source.id,
        label=_clip(label or parsed.publisher_date or imported_at.strftime("%Y-%m-%d %H:%M"), 120),
        format=parsed.format,
        content_hash=digest,
        file_checksums=checksums,
        publisher_date=parsed.publisher_date,
        imported_at=imported_at,
        imported_by=current_user(session),
        counts={},  # filled in once the entries are written (`_Written`)
        entry_count=len(parsed.entries),
        is_active=True,
    )
    session.add(version)
    session.flush()
    return version


def _batches(items: Iterable[Any]) -> Iterator[list[Any]]:
    walk = iter(items)
    while batch := list(islice(walk, BATCH)):
        yield batch


def _insert_entries(
    session: Session, version_id: int, entries: Iterable[ParsedEntry]
) -> Iterator[int]:
    """Insert entries batch by batch, then their children; yields the count written so far."""
    done = 0
    for batch in _batches(entries):
        session.execute(insert(_table(ListEntry)), [_entry_row(version_id, e) for e in batch])
        ids = _entry_ids(session, version_id, [stored_key(e.entry_key) for e in batch])
        _insert_children(session, batch, ids)
        done += len(batch)
        yield done


def _entry_ids(session: Session, version_id: int, keys: list[str]) -> dict[str, int]:
    rows = session.execute(
        select(ListEntry.entry_key, ListEntry.id).where(
            ListEntry.version_id == version_id, ListEntry.entry_key.in_(keys)
        )
    )
    return {key: entry_id for key, entry_id in rows}


def _entry_row(version_id: int, entry: ParsedEntry) -> dict[str, Any]:
    return {
        "version_id": version_id,
        "entry_key": stored_key(entry.entry_key),
        "list_name": _clip(entry.list_name, 120),
        "entity_type": _clip(entry.entity_type, 20),
        "primary_name": _clip(entry.primary_name, 600),
        "programs": entry.programs,
        "countries": entry.countries,
        "remarks": entry.remarks,
        "listed_on": _clip_opt(entry.listed_on, 32),
        "data": entry.data
        if stored_key(entry.entry_key) == entry.entry_key
        else {**entry.data, "published_key": entry.entry_key},
        "content_hash": entry_hash(entry),
    }


def _table(model: Any) -> Table:
    """The Core table: plain executemany, skipping the ORM's per-row bulk bookkeeping."""
    return cast(Table, model.__table__)


def entry_hash(entry: ParsedEntry) -> str:
    """Equal to `entry.content_hash()`, without `dataclasses.asdict`'s deep copies.

    asdict() costs about half of a 15,000-entry import; the parsed dataclasses are flat,
    so their `__dict__`s serialise to the same JSON.
    """
    payload = dict(entry.__dict__)
    for name in ("names", "identifiers", "addresses", "dates"):
        payload[name] = [item.__dict__ for item in payload[name]]
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _insert_children(session: Session, batch: list[ParsedEntry], ids: dict[str, int]) -> None:
    names: list[dict[str, Any]] = []
    identifiers: list[dict[str, Any]] = []
    addresses: list[dict[str, Any]] = []
    dates: list[dict[str, Any]] = []
    for entry in batch:
        entry_id = ids[stored_key(entry.entry_key)]
        names.extend(
            {
                "entry_id": entry_id,
                "name": _clip(n.name, 600),
                "kind": n.kind,
                "strength": n.strength,
                "script": n.script,
                "is_original_script": n.is_original_script,
            }
            for n in entry.names
        )
        identifiers.extend(
            {
                "entry_id": entry_id,
                "id_type": _clip(i.id_type, 60),
                "value": _clip(i.value, 200),
                "country": _clip_opt(i.country, 60),
                "note": _clip_opt(i.note, 300),
            }
            for i in entry.identifiers
        )
        addresses.extend(
            {
                "entry_id": entry_id,
                "full": a.full,
                "city": _clip_opt(a.city, 200),
                "country": _clip_opt(a.country, 100),
            }
            for a in entry.addresses
        )
        dates.extend(
            {"entry_id": entry_id, "kind": d.kind, "value": _clip(d.value, 40)} for d in entry.dates
        )
    for model, rows in (
        (EntryName, names),
        (EntryIdentifier, identifiers),
        (EntryAddress, addresses),
        (EntryDate, dates),
    ):
        if rows:
            session.execute(insert(_table(model)), rows)


def _insert_links(
    session: Session, version_id: int, parsed: ParsedList, check: Callable[[], None]
) -> int:
    count = 0
    for batch in _batches(parsed.links):
        check()
        session.execute(insert(_table(EntryLink)), [_link_row(version_id, link) for link in batch])
        count += len(batch)
    return count


def _link_row(version_id: int, link: ParsedLink) -> dict[str, Any]:
    return {
        "version_id": version_id,
        "subject_key": stored_key(link.subject_key),
        "object_key": None if link.object_key is None else stored_key(link.object_key),
        "object_name": _clip_opt(link.object_name, 600),
        "relation": _clip(link.relation, 60),
        "percentage": link.percentage,
        "percentage_min": link.percentage_min,
        "percentage_max": link.percentage_max,
        "source_text": link.source_text,
    }


def _link_count(session: Session, version: ListVersion) -> int:
    return session.execute(
        select(func.count()).select_from(EntryLink).where(EntryLink.version_id == version.id)
    ).scalar_one()


def _result(name: str, version: ListVersion, *, created: bool, link_count: int) -> LoadResult:
    return LoadResult(
        source_name=name,
        version_id=version.id,
        created=created,
        label=version.label,
        format=version.format,
        content_hash=version.content_hash,
        entry_count=version.entry_count,
        counts=dict(version.counts),
        link_count=link_count,
        publisher_date=version.publisher_date,
        file_checksums=dict(version.file_checksums),
    )


def stored_key(key: str) -> str:
    """The key as the 120-character column holds it: itself, or a unique shortening.

    A publisher id longer than the column cannot be cut plainly: the cut key would not be
    found again when looked up whole, and two ids sharing their first 119 characters would
    become one. Long ids keep their first 103 characters and a digest of the whole id, so
    every id maps to one stored key and distinct ids stay distinct; the entry's data keeps
    the published id (`published_key`).
    """
    if len(key) <= KEY_LIMIT:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"{key[: KEY_LIMIT - 17]}~{digest}"


def _clip(text: str, limit: int) -> str:
    """Column limits hold on PostgreSQL; over-long publisher text is cut, marked with '…'."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip_opt(text: str | None, limit: int) -> str | None:
    return None if text is None else _clip(text, limit)
