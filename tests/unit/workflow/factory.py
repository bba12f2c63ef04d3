"""Test objects for the workflow: a case with parties, a list version with entries, matches.

Rows are written through the real models into the real store (SQLite here), never mocked.
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
    EntryName,
    ListEntry,
    ListSource,
    ListVersion,
    MatchResult,
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
    **fields: Any,
) -> Case:
    case = Case(
        id=case_id or f"CASE-{next(_ids)}",
        title="Sale of a rare-earth separation plant",
        status=status,
        jurisdictions=fields.pop("jurisdictions", ["US"]),
        **fields,
    )
    session.add(case)
    for spec in parties or [{"key": "acq", "name": "Northern Minerals Holding Ltd"}]:
        session.add(Party(case=case, **{"country_incorporation": "AU", **spec}))
    session.flush()
    return case


def entry_hash(fields: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def make_version(session: Session, source_name: str = "OFAC SDN", label: str = "v1") -> ListVersion:
    source = session.query(ListSource).filter_by(name=source_name).one_or_none()
    if source is None:
        source = ListSource(name=source_name, publisher="OFAC", regime="US")
        session.add(source)
    version = ListVersion(
        source=source,
        label=label,
        format="test",
        content_hash=hashlib.sha256(f"{source_name}{label}{next(_ids)}".encode()).hexdigest(),
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
        entity_type="organization",
        primary_name=name,
        content_hash=entry_hash(content),
        **fields,
    )
    entry.names.append(EntryName(name=name))
    session.add(entry)
    session.flush()
    return entry


def make_match(
    session: Session, case: Case, entry: ListEntry, party_key: str = "acq", score: float = 0.81
) -> MatchResult:
    party = next(p for p in case.parties if p.key == party_key)
    match = MatchResult(
        case=case,
        party_key=party_key,
        list_entry_id=entry.id,
        list_version_id=entry.version_id,
        source_name=entry.version.source.name,
        entry_key=entry.entry_key,
        query_name=party.name,
        matched_name=entry.primary_name,
        score=score,
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
