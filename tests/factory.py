"""Test objects for every test: cases, parties, links, list versions, entries, matches.

Rows are written through the real models into the real store (SQLite here), never mocked.
Keyword arguments set any column, so a test states only what it is about.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from typing import Any

from sqlalchemy.orm import Session

from screener.models import (
    Case,
    CaseStatus,
    EntryLink,
    EntryName,
    ListEntry,
    ListSource,
    ListVersion,
    MatchResult,
    OwnershipLink,
    Party,
    utcnow,
)

_ids = itertools.count(1)


def make_case(
    session: Session,
    case_id: str | None = None,
    *,
    status: str = CaseStatus.IN_REVIEW,
    parties: list[dict[str, Any]] | None = None,
    links: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> Case:
    case = Case(
        id=case_id or f"CASE-{next(_ids)}",
        title=fields.pop("title", "Sale of a rare-earth separation plant"),
        status=status,
        jurisdictions=fields.pop("jurisdictions", ["US"]),
        **fields,
    )
    session.add(case)
    for spec in parties or [{"key": "acq", "name": "Northern Minerals Holding Ltd"}]:
        session.add(Party(case=case, **{"country_incorporation": "AU", **spec}))
    for spec in links or ():
        session.add(OwnershipLink(case=case, **spec))
    session.flush()
    return case


def make_link(
    session: Session, case_id: str, holder: str, held: str, **fields: Any
) -> OwnershipLink:
    link = OwnershipLink(case_id=case_id, holder_key=holder, held_key=held, **fields)
    session.add(link)
    return link


def entry_hash(fields: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def make_version(
    session: Session, source_name: str = "OFAC SDN", label: str | None = "v1", **fields: Any
) -> ListVersion:
    source = session.query(ListSource).filter_by(name=source_name).one_or_none()
    if source is None:
        source = ListSource(name=source_name, publisher="OFAC", regime="US")
        session.add(source)
    version = ListVersion(
        source=source,
        label=label,
        format=fields.pop("format", "test"),
        content_hash=fields.pop(
            "content_hash",
            hashlib.sha256(f"{source_name}{label}{next(_ids)}".encode()).hexdigest(),
        ),
        **fields,
    )
    session.add(version)
    session.flush()
    return version


def make_entry(
    session: Session, version: ListVersion, entry_key: str, name: str, **fields: Any
) -> ListEntry:
    content = {"name": name, **fields}
    entry = ListEntry(
        version=version,
        entry_key=entry_key,
        entity_type=fields.pop("entity_type", "organization"),
        primary_name=name,
        content_hash=fields.pop("content_hash", entry_hash(content)),
        **fields,
    )
    entry.names.append(EntryName(name=name))
    session.add(entry)
    session.flush()
    return entry


def make_entry_link(session: Session, entry: ListEntry, relation: str, **fields: Any) -> EntryLink:
    link = EntryLink(
        version_id=entry.version_id, subject_key=entry.entry_key, relation=relation, **fields
    )
    session.add(link)
    session.flush()
    return link


def confirm_listing(
    session: Session,
    case: Case | str,
    party_key: str,
    source_name: str,
    entry_key: str,
    name: str,
    **entry_fields: Any,
) -> ListEntry:
    """The party confirmed as `entry_key` in a new version of the list."""
    version = make_version(session, source_name, label=None)
    entry = make_entry(session, version, entry_key, name, **entry_fields)
    make_match(session, case, entry, party_key, score=1.0, status="confirmed")
    return entry


def make_match(
    session: Session,
    case: Case | str,
    entry: ListEntry,
    party_key: str = "acq",
    score: float = 0.81,
    **fields: Any,
) -> MatchResult:
    case = case if isinstance(case, Case) else session.get_one(Case, case)
    party = next(p for p in case.parties if p.key == party_key)
    match = MatchResult(
        case=case,
        party_key=party_key,
        list_entry_id=entry.id,
        list_version_id=entry.version_id,
        source_name=entry.version.source.name,
        entry_key=entry.entry_key,
        query_name=fields.pop("query_name", party.name),
        matched_name=fields.pop("matched_name", entry.primary_name),
        score=score,
        **fields,
    )
    session.add(match)
    session.flush()
    return match


def mark_screened(session: Session, case: Case, *, assessed: bool = True) -> None:
    """Record the case as screened against every active list now (and assessed after it),
    as `screen_case` and `assess_case` would: a case is signed only after both."""
    from screener.models import Assessment
    from screener.workflow.screening import record_screened
    from screener.workflow.screening_state import active_versions

    if not active_versions(session):
        make_version(session)  # screening needs a list to search
    now = utcnow()
    for party in case.parties:
        record_screened(party, list(active_versions(session)), now)
    if assessed:
        session.add(Assessment(case=case, pack_hash="test", tier="Low", created_at=utcnow()))
    session.flush()
