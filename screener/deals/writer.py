"""Writing transactions as a deal file (JSON, XLSX or a CSV folder), and the blank template.

The same field declarations drive reading and writing, so a file written here reads back
to the same transactions; the template is a file with no rows plus a README sheet.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

from screener.cells import neutralise_cell
from screener.deals import fields as k
from screener.deals.fields import (
    ASSET_FIELDS,
    ASSET_PREFIX,
    CASE_FIELDS,
    DEAL_FIELDS,
    FORMAT_VERSION,
    OWNERSHIP_FIELDS,
    PARTY_FIELDS,
    SHEET_OWNERSHIP,
    SHEET_PARTIES,
    SHEET_TRANSACTION,
    SHEETS,
    Field,
    sheet_columns,
)
from screener.deals.validate import TransactionData


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _json_object(values: dict[str, Any], fields: tuple[Field, ...]) -> dict[str, Any]:
    return {f.name: _json_value(values[f.target]) for f in fields if f.target in values}


def to_json_document(transactions: list[TransactionData]) -> dict[str, Any]:
    items = []
    for t in transactions:
        item = _json_object(t.case, CASE_FIELDS) | _json_object(t.deal, DEAL_FIELDS)
        item["asset"] = _json_object(t.asset, ASSET_FIELDS)
        item["parties"] = [_json_object(p, PARTY_FIELDS) for p in t.parties]
        item["ownership"] = [_json_object(e, OWNERSHIP_FIELDS) for e in t.ownership]
        items.append(item)
    return {
        "format": "screener-deal-file",
        "format_version": FORMAT_VERSION,
        "transactions": items,
    }


def write_json(transactions: list[TransactionData], path: Path) -> None:
    text = json.dumps(to_json_document(transactions), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def _cell(value: Any, spec: Field) -> Any:
    """A typed value as a spreadsheet cell: lists joined by '; ', identifiers as type=value.

    Text is neutralised (a name like `=HYPERLINK(...)` gets a leading quote): the reader
    removes exactly that quote again, so the names round-trip.
    """
    if value is None:
        return None
    if spec.kind in k.LIST_KINDS:
        return neutralise_cell("; ".join(str(v) for v in value))
    if spec.kind == k.IDENTIFIERS:
        return neutralise_cell("; ".join(f"{key}={ident}" for key, ident in value.items()))
    if spec.kind == k.BOOLEAN:
        return "yes" if value else "no"
    return neutralise_cell(value)


def table_rows(transactions: list[TransactionData]) -> dict[str, list[list[Any]]]:
    """Sheet -> rows (without the header) in the tabular layout."""
    rows: dict[str, list[list[Any]]] = {sheet: [] for sheet in SHEETS}
    for t in transactions:
        merged = t.case | t.deal | {ASSET_PREFIX + a: v for a, v in t.asset.items()}
        row = []
        for column, spec in sheet_columns(SHEET_TRANSACTION):
            attribute = (
                ASSET_PREFIX + spec.target if column.startswith(ASSET_PREFIX) else spec.target
            )
            row.append(_cell(merged.get(attribute), spec))
        rows[SHEET_TRANSACTION].append(row)
        for sheet, items in ((SHEET_PARTIES, t.parties), (SHEET_OWNERSHIP, t.ownership)):
            for item in items:
                values = item | {"id": t.case_id}
                rows[sheet].append(
                    [_cell(values.get(s.target), s) for _, s in sheet_columns(sheet)]
                )
    return rows


def write_csv_folder(transactions: list[TransactionData], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rows = table_rows(transactions)
    for sheet in SHEETS:
        with (folder / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([name for name, _ in sheet_columns(sheet)])
            for row in rows[sheet]:
                writer.writerow(["" if v is None else _csv_text(v) for v in row])


def _csv_text(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_xlsx(transactions: list[TransactionData], path: Path) -> None:
    from screener.deals.xlsx_layout import build_workbook

    build_workbook(table_rows(transactions)).save(path)


def write_template(path: Path) -> None:
    """The blank template: headers, drop-downs, notes per column, and a README sheet."""
    write_xlsx([], path)


ALL_FIELD_GROUPS = {
    "case": CASE_FIELDS,
    "deal": DEAL_FIELDS,
    "asset": ASSET_FIELDS,
    "party": PARTY_FIELDS,
    "ownership": OWNERSHIP_FIELDS,
}
