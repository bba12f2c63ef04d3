"""Writing validated transactions to the database, one Case each, in one unit of work.

A case id seen before is updated in place and the field-level differences go to the audit
log, so re-importing a corrected file never duplicates a case and every change is visible.
Parties and edges that a previous import brought in and the new file no longer holds are
removed; ones added by an analyst or pulled from a list are kept (the keys a file brought are
remembered in `Transaction.extra["imported"]`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from screener import audit
from screener.audit_state import state_of
from screener.deals.fields import (
    ASSET_FIELDS,
    CASE_FIELDS,
    DEAL_FIELDS,
    OWNERSHIP_FIELDS,
    PARTY_FIELDS,
    Field,
)
from screener.deals.issues import DealFileError, Issue
from screener.deals.validate import DealFile, TransactionData, validate_deal_file
from screener.models import Case, OwnershipLink, Party, TargetAsset, Transaction
from screener.store import Store

IMPORTED_KEY = "imported"


@dataclass
class CaseImport:
    case_id: str
    outcome: str  # created | updated | unchanged
    changes: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ImportResult:
    file: str
    cases: list[CaseImport]
    warnings: list[Issue]

    @property
    def case_ids(self) -> list[str]:
        return [c.case_id for c in self.cases]


# (done, total, stage): total is 0 while the amount of work is not known yet
ProgressCallback = Callable[[int, int, str], None]
PROGRESS_EVERY = 500  # rows between reports: often enough to move, rarely enough to be free


def _no_progress(_done: int, _total: int, _stage: str) -> None:
    return None


class _Rows:
    """Counts parties and edges written, reporting every PROGRESS_EVERY of them."""

    def __init__(self, total: int, on_progress: ProgressCallback) -> None:
        self.done, self.total, self.on_progress = 0, total, on_progress

    def advance(self) -> None:
        self.done += 1
        if self.done % PROGRESS_EVERY == 0:
            self.on_progress(self.done, self.total, "parties and ownership")


def import_deal_file(
    store: Store, path: str | Path, on_progress: ProgressCallback = _no_progress
) -> ImportResult:
    """Validate `path` and write every transaction, or raise DealFileError and write nothing.

    A file with 100,000 parties takes minutes, so `on_progress` hears each stage and every
    PROGRESS_EVERY parties and edges.
    """
    path = Path(path).resolve()
    on_progress(0, 0, f"reading and checking {path.name}")
    deal_file = validate_deal_file(path)
    if deal_file.errors:
        raise DealFileError(deal_file.issues)
    total = sum(len(t.parties) + len(t.ownership) for t in deal_file.transactions)

    def write(session: Session) -> list[CaseImport]:
        rows = _Rows(total, on_progress)  # from zero again if a raced import runs twice
        on_progress(0, total, "parties and ownership")
        cases = [
            import_transaction(session, t, deal_file, advance=rows.advance)
            for t in deal_file.transactions
        ]
        on_progress(total, total, "saving to the database")
        return cases

    cases = store.write(write)  # run again if another officer's import raced this one
    return ImportResult(str(deal_file.path), cases, deal_file.warnings)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _assign(
    obj: Any,
    values: dict[str, Any],
    fields: tuple[Field, ...],
    label: str,
    changes: list[dict[str, Any]],
    *,
    skip: tuple[str, ...] = (),
    blank_keeps: bool = False,
) -> None:
    """Set every declared field (blank means default/None) and note what differs.

    With `blank_keeps`, a blank cell leaves the current value alone: used for case-level
    fields (assignee, summary, dates) that reviewers also edit in the app.
    """
    for spec in fields:
        attribute = spec.target
        if attribute in skip or (blank_keeps and attribute not in values):
            continue
        new = values.get(attribute, _default(obj, attribute))
        old = getattr(obj, attribute, None)
        if old != new:
            changes.append(
                {"object": label, "field": spec.name, "old": _plain(old), "new": _plain(new)}
            )
            setattr(obj, attribute, new)


def _default(obj: Any, attribute: str) -> Any:
    """What a blank cell means: the column's default (False, [] ...) or None."""
    column = type(obj).__table__.columns[attribute]
    if column.default is None:
        return None
    arg = column.default.arg  # type: ignore[attr-defined]
    return arg({}) if callable(arg) else arg


def import_transaction(
    session: Session,
    data: TransactionData,
    deal_file: DealFile,
    advance: Callable[[], None] = lambda: None,
) -> CaseImport:
    case = session.get(Case, data.case_id)
    created = case is None
    links_before = {link.id for link in case.ownership_links} if case is not None else set()
    if case is None:
        case = Case(id=data.case_id, title=data.case["title"])
        session.add(case)
    changes: list[dict[str, Any]] = []
    _assign(case, data.case, CASE_FIELDS, "case", changes, skip=("id",), blank_keeps=not created)
    case.source_file = str(deal_file.path)
    transaction = case.transaction or Transaction()
    case.transaction = transaction
    _assign(transaction, data.deal, DEAL_FIELDS, "deal", changes)
    asset = transaction.target or TargetAsset()
    transaction.target = asset
    _assign(asset, data.asset, ASSET_FIELDS, "asset", changes)
    previous = (transaction.extra or {}).get(IMPORTED_KEY, {})
    _sync_parties(case, data, previous, changes, advance)
    _sync_edges(case, data, previous, changes, advance)
    transaction.extra = dict(transaction.extra or {}) | {
        IMPORTED_KEY: {
            "file": str(deal_file.path),
            "format": deal_file.format,
            "parties": sorted(p["key"] for p in data.parties),
            "edges": sorted([e["holder_key"], e["held_key"]] for e in data.ownership),
        }
    }
    session.flush()
    state = state_of(
        [case, *case.ownership_links],
        removed=[
            ("ownership_link", link_id)
            for link_id in links_before - {link.id for link in case.ownership_links}
        ],
    )
    if created:
        audit.record(
            session,
            "case.imported",
            "case",
            case.id,
            case_id=case.id,
            details={
                "file": str(deal_file.path),
                "format": deal_file.format,
                "parties": len(data.parties),
                "edges": len(data.ownership),
            }
            | state,
        )
        return CaseImport(case.id, "created")
    if changes:
        audit.record(
            session,
            "case.updated_from_file",
            "case",
            case.id,
            case_id=case.id,
            details={"file": str(deal_file.path), "format": deal_file.format, "changes": changes}
            | state,
        )
        return CaseImport(case.id, "updated", changes)
    return CaseImport(case.id, "unchanged")


def _sync_parties(
    case: Case,
    data: TransactionData,
    previous: dict[str, Any],
    changes: list[dict[str, Any]],
    advance: Callable[[], None],
) -> None:
    existing = {p.key: p for p in case.parties}
    wanted = {p["key"] for p in data.parties}
    for values in data.parties:
        advance()
        party = existing.get(values["key"])
        label = f"party {values['key']}"
        if party is None:
            party = Party(key=values["key"], name=values["name"])
            case.parties.append(party)
            changes.append({"object": label, "field": "*", "old": None, "new": "added"})
            _assign(party, values, PARTY_FIELDS, label, [])
        else:
            _assign(party, values, PARTY_FIELDS, label, changes)
    for key in set(previous.get("parties", [])) - wanted:
        if key in existing:
            case.parties.remove(existing[key])
            changes.append(
                {"object": f"party {key}", "field": "*", "old": "present", "new": "removed"}
            )


def _sync_edges(
    case: Case,
    data: TransactionData,
    previous: dict[str, Any],
    changes: list[dict[str, Any]],
    advance: Callable[[], None],
) -> None:
    existing = {(e.holder_key, e.held_key): e for e in case.ownership_links}
    wanted = {(e["holder_key"], e["held_key"]) for e in data.ownership}
    for values in data.ownership:
        advance()
        pair = (values["holder_key"], values["held_key"])
        label = f"edge {pair[0]} -> {pair[1]}"
        edge = existing.get(pair)
        if edge is None:
            edge = OwnershipLink(holder_key=pair[0], held_key=pair[1])
            case.ownership_links.append(edge)
            changes.append({"object": label, "field": "*", "old": None, "new": "added"})
            _assign(edge, values, OWNERSHIP_FIELDS, label, [])
        else:
            _assign(edge, values, OWNERSHIP_FIELDS, label, changes)
    for holder, held in {tuple(p) for p in previous.get("edges", [])} - wanted:
        edge = existing.get((holder, held))
        if edge is not None:
            case.ownership_links.remove(edge)
            changes.append(
                {
                    "object": f"edge {holder} -> {held}",
                    "field": "*",
                    "old": "present",
                    "new": "removed",
                }
            )


def describe_issues(issues: list[Issue]) -> str:
    return "\n".join(str(i) for i in issues)
