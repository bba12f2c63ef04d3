"""A case in the database as a deal file again, to edit in the template and re-import.

Only what a deal file can hold is written (the field declarations decide), so exporting a
case and importing the result changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from screener.deals.fields import (
    ASSET_FIELDS,
    CASE_FIELDS,
    DEAL_FIELDS,
    OWNERSHIP_FIELDS,
    PARTY_FIELDS,
    Field,
)
from screener.deals.validate import TransactionData
from screener.deals.writer import write_csv_folder, write_json, write_xlsx
from screener.models import Case


def _values(obj: Any, fields: tuple[Field, ...]) -> dict[str, Any]:
    """Set values only: None, empty lists and empty mappings are what a blank cell means."""
    found = {}
    for spec in fields:
        value = getattr(obj, spec.target, None)
        if value is None or value == [] or value == {}:
            continue
        found[spec.target] = value
    return found


def transaction_of(case: Case) -> TransactionData:
    transaction = case.transaction
    asset = transaction.target if transaction else None
    return TransactionData(
        case=_values(case, CASE_FIELDS),
        deal=_values(transaction, DEAL_FIELDS) if transaction else {},
        asset=_values(asset, ASSET_FIELDS) if asset else {},
        parties=[_values(p, PARTY_FIELDS) for p in case.parties],
        ownership=[_values(e, OWNERSHIP_FIELDS) for e in case.ownership_links],
    )


def export_cases(cases: list[Case], out: Path) -> None:
    """Write by the extension of `out`: .xlsx, .json, or (no extension) a CSV folder."""
    transactions = [transaction_of(case) for case in cases]
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(transactions, out)
    elif suffix == ".json":
        write_json(transactions, out)
    elif suffix == "":
        write_csv_folder(transactions, out)
    else:
        raise ValueError(f"{out}: expected a .xlsx or .json file, or a folder name for CSV")
