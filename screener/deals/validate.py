"""Checking a raw deal file and turning it into typed transactions.

Every problem is collected (not just the first) with its file, sheet, row and column, so a
user can fix a file in one pass. Errors block the import; warnings (an entity whose owners
add up to more than 100 %, an edge to a party the file does not describe) do not.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from screener.deals.fields import (
    ASSET_FIELDS,
    ASSET_PREFIX,
    CASE_FIELDS,
    DEAL_FIELDS,
    OWNERSHIP_FIELDS,
    PARTY_FIELDS,
    SHEET_OWNERSHIP,
    SHEET_PARTIES,
    SHEET_TRANSACTION,
    Field,
)
from screener.deals.issues import ERROR, WARNING, Issue
from screener.deals.reader import RawDealFile, RawRecord, read_deal_file
from screener.deals.values import BadValue, check_birth_date, coerce, is_blank

OVER_FULL_TOLERANCE = 0.01  # percentage points of rounding allowed above 100 %


@dataclass
class TransactionData:
    """One transaction ready to import: model attribute -> value per object."""

    case: dict[str, Any]
    deal: dict[str, Any]
    asset: dict[str, Any]
    parties: list[dict[str, Any]] = field(default_factory=list)
    ownership: list[dict[str, Any]] = field(default_factory=list)
    record: RawRecord | None = field(default=None, repr=False, compare=False)

    @property
    def case_id(self) -> str:
        return str(self.case["id"])


@dataclass
class DealFile:
    path: Path
    format: str
    transactions: list[TransactionData]
    issues: list[Issue]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]


class _Checker:
    """Holds the file being checked so each check can report where it looked."""

    def __init__(self, raw: RawDealFile) -> None:
        self.raw = raw
        self.issues = list(raw.issues)

    def report(self, severity: str, record: RawRecord, column: str | None, message: str) -> None:
        self.issues.append(
            Issue(
                severity,
                self.raw.file_of(record.sheet),
                record.sheet,
                record.row,
                column,
                message,
                record.json_path(column),
            )
        )

    def values(self, record: RawRecord, specs: list[tuple[str, Field]]) -> dict[str, Any]:
        """Typed values by model attribute; each bad or missing cell is reported."""
        typed: dict[str, Any] = {}
        for column, spec in specs:
            value = record.values.get(column)
            if is_blank(value):
                if spec.required and (record.sheet, column) not in self.raw.missing_columns:
                    self.report(
                        ERROR,
                        record,
                        column,
                        f"required value is missing ({spec.description.rstrip('.')})",
                    )
                continue
            try:
                typed[spec.target] = coerce(value, spec)
            except BadValue as exc:
                self.report(ERROR, record, column, str(exc))
        return typed


def validate_deal_file(path: str | Path) -> DealFile:
    """Read and check `path`; the result holds the transactions and every issue found."""
    raw = read_deal_file(path)
    checker = _Checker(raw)
    transactions = _transactions(checker, raw.records.get(SHEET_TRANSACTION, []))
    by_id = {t.case_id: t for t in transactions}
    single = transactions[0] if len(transactions) == 1 else None
    party_rows = _attach(
        checker, raw.records.get(SHEET_PARTIES, []), PARTY_FIELDS, by_id, single, "parties"
    )
    edge_rows = _attach(
        checker, raw.records.get(SHEET_OWNERSHIP, []), OWNERSHIP_FIELDS, by_id, single, "ownership"
    )
    for transaction in transactions:
        _check_parties(checker, transaction, party_rows)
        _check_edges(checker, transaction, edge_rows)
        _check_references(checker, transaction)
    if not raw.records.get(SHEET_TRANSACTION) and not any(i.is_error for i in checker.issues):
        checker.issues.append(
            Issue(
                ERROR,
                raw.file_of(SHEET_TRANSACTION),
                SHEET_TRANSACTION,
                None,
                None,
                "the file holds no transaction",
                "" if raw.format == "json" else None,
            )
        )
    return DealFile(raw.path, raw.format, transactions, checker.issues)


_TRANSACTION_SPECS = [(f.name, f) for f in CASE_FIELDS + DEAL_FIELDS]
_ASSET_SPECS = [(ASSET_PREFIX + f.name, f) for f in ASSET_FIELDS]


def _transactions(checker: _Checker, records: list[RawRecord]) -> list[TransactionData]:
    found: list[TransactionData] = []
    seen: dict[str, int] = {}
    for record in records:
        typed = checker.values(record, _TRANSACTION_SPECS)
        asset = checker.values(record, _ASSET_SPECS)
        case_id = typed.get("id")
        if case_id is None:
            continue
        if case_id in seen:
            checker.report(
                ERROR,
                record,
                "case_id",
                f"case {case_id!r} appears twice (first at row {seen[case_id]})",
            )
            continue
        seen[case_id] = record.row
        case = {f.target: typed[f.target] for f in CASE_FIELDS if f.target in typed}
        deal = {f.target: typed[f.target] for f in DEAL_FIELDS if f.target in typed}
        found.append(TransactionData(case, deal, asset, record=record))
    return found


def _attach(
    checker: _Checker,
    records: list[RawRecord],
    fields: tuple[Field, ...],
    by_id: dict[str, TransactionData],
    single: TransactionData | None,
    what: str,
) -> dict[str, list[tuple[RawRecord, dict[str, Any]]]]:
    """Typed rows grouped by the case they belong to (case_id may be blank if only one)."""
    grouped: dict[str, list[tuple[RawRecord, dict[str, Any]]]] = defaultdict(list)
    if not by_id:
        return grouped  # no transaction read: that error is reported once, not per row
    specs = [(f.name, f) for f in fields]
    for record in records:
        typed = checker.values(record, specs)
        raw_id = record.values.get("case_id")
        case_id = None if is_blank(raw_id) else str(coerce(raw_id, CASE_FIELDS[0]))
        if case_id is None and single is not None:
            case_id = single.case_id
        if case_id is None:
            checker.report(
                ERROR,
                record,
                "case_id",
                "required when the file holds several transactions: "
                "expected the case_id of a row in the transaction sheet",
            )
            continue
        if case_id not in by_id:
            checker.report(
                ERROR,
                record,
                "case_id",
                f"no transaction with case_id {case_id!r}: expected one of "
                f"{', '.join(sorted(by_id)) or '(none)'}",
            )
            continue
        grouped[case_id].append((record, typed))
    return grouped


def _check_parties(
    checker: _Checker,
    transaction: TransactionData,
    rows: dict[str, list[tuple[RawRecord, dict[str, Any]]]],
) -> None:
    seen: dict[str, int] = {}
    for record, party in rows.get(transaction.case_id, []):
        key = party.get("key")
        if key is None:
            continue
        if key in seen:
            checker.report(
                ERROR,
                record,
                "key",
                f"party key {key!r} is used twice in case {transaction.case_id!r} "
                f"(first at row {seen[key]}): expected unique keys",
            )
            continue
        seen[key] = record.row
        if "birth_date" in party:
            try:
                check_birth_date(party["birth_date"])
            except BadValue as exc:
                checker.report(ERROR, record, "birth_date", str(exc))
        transaction.parties.append(party)


def _check_edges(
    checker: _Checker,
    transaction: TransactionData,
    rows: dict[str, list[tuple[RawRecord, dict[str, Any]]]],
) -> None:
    keys = {p["key"] for p in transaction.parties}
    seen: dict[tuple[str, str], int] = {}
    owners_of: dict[str, list[tuple[RawRecord, dict[str, Any]]]] = defaultdict(list)
    for record, edge in rows.get(transaction.case_id, []):
        holder, held = edge.get("holder_key"), edge.get("held_key")
        if holder is None or held is None:
            continue
        if holder == held:
            checker.report(ERROR, record, "held", f"{holder!r} cannot hold itself")
            continue
        if (holder, held) in seen:
            checker.report(
                ERROR,
                record,
                "holder",
                f"edge {holder} -> {held} appears twice (first at row "
                f"{seen[(holder, held)]}): expected one row per holder and held",
            )
            continue
        seen[(holder, held)] = record.row
        if all(edge.get(f) in (None, "none") for f in ("equity_pct", "voting_pct", "control_type")):
            checker.report(
                ERROR, record, "equity_pct", "expected equity_pct, voting_pct or a control_type"
            )
            continue
        for column, key in (("holder", holder), ("held", held)):
            if key not in keys:
                checker.report(
                    WARNING,
                    record,
                    column,
                    f"party {key!r} is not in the parties sheet of case "
                    f"{transaction.case_id!r}; it is imported as an undescribed "
                    "party",
                )
        owners_of[held].append((record, edge))
        transaction.ownership.append(edge)
    for held, edges in owners_of.items():
        _check_total(checker, held, edges)


def _check_total(
    checker: _Checker, held: str, edges: list[tuple[RawRecord, dict[str, Any]]]
) -> None:
    for column in ("equity_pct", "voting_pct"):
        total = sum(e.get(column) or 0.0 for _, e in edges)
        if total > 100.0 + OVER_FULL_TOLERANCE:
            rows = ", ".join(str(r.row) for r, e in edges if e.get(column))
            checker.report(
                WARNING,
                edges[-1][0],
                column,
                f"owners of {held!r} hold {total:g} % in total (rows {rows}): "
                "expected at most 100 %",
            )


def _check_references(checker: _Checker, transaction: TransactionData) -> None:
    keys = {p["key"] for p in transaction.parties}
    record = transaction.record
    assert record is not None
    for column, attribute, source in (
        ("acquirer", "acquirer_key", transaction.deal),
        ("target_entity", "target_key", transaction.deal),
        ("seller", "seller_key", transaction.deal),
        (ASSET_PREFIX + "legal_entity", "legal_entity_key", transaction.asset),
    ):
        key = source.get(attribute)
        if key is not None and key not in keys:
            checker.report(
                ERROR,
                record,
                column,
                f"party {key!r} is not in the parties sheet: expected one of "
                f"{', '.join(sorted(keys)) or '(no parties)'}",
            )
