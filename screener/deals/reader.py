"""Reading a deal file (XLSX, a CSV folder, or JSON) into raw records, one per row.

Readers only find rows and cells; they do not interpret values, so all three formats pass
through the same validator and report errors the same way. JSON is flattened to the
tabular layout (deal fields beside case fields, asset fields prefixed `asset_`), keeping the
JSON path of every value for messages.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from screener import safe_json
from screener.cells import restore_cell
from screener.containers import ContainerError, SafeWorkbook, open_workbook
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
    sheet_columns,
)
from screener.deals.issues import ERROR, WARNING, Issue
from screener.file_kind import EMPTY, kind_of
from screener.headers import suggest_column

JSON_FORMAT_NAME = "screener-deal-file"


@dataclass
class RawRecord:
    """One row of a sheet: header -> cell value as found, plus where it was found."""

    sheet: str
    row: int
    values: dict[str, Any]
    json_paths: dict[str, str] | None = None  # header -> JSON path, for JSON files only

    def json_path(self, column: str | None) -> str | None:
        if self.json_paths is None:
            return None
        if column is None:
            return self.json_paths.get("", "")
        return self.json_paths.get(column, self.json_paths.get("", "") + "." + column)


@dataclass
class RawDealFile:
    path: Path
    format: str
    records: dict[str, list[RawRecord]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    # (sheet, column) missing from a header: reported once there, not again in every row
    missing_columns: set[tuple[str, str]] = field(default_factory=set)

    def file_of(self, sheet: str) -> str:
        """The file a person opens to fix a problem: in a CSV folder, the sheet's own CSV
        file (parties.csv), never the folder."""
        if self.format == "csv" and sheet:
            return f"{sheet}.csv"
        return self.path.name

    def issue(
        self,
        severity: str,
        sheet: str,
        row: int | None,
        column: str | None,
        message: str,
        json_path: str | None = None,
    ) -> None:
        self.issues.append(
            Issue(severity, self.file_of(sheet), sheet, row, column, message, json_path)
        )


def read_deal_file(path: str | Path) -> RawDealFile:
    """Pick the reader by what `path` is: .xlsx, .json, a folder or one of its .csv files."""
    path = Path(path)
    if not path.exists():
        raw = RawDealFile(path, "unknown")
        raw.issue(ERROR, "", None, None, "file or folder not found")
        return raw
    suffix = path.suffix.lower()
    if path.is_file() and kind_of(path) == EMPTY:
        raw = RawDealFile(path, "unknown")
        raw.issue(ERROR, "", None, None, "the file is empty")
        return raw
    if suffix == ".csv" and path.is_file() and path.stem.lower() not in SHEETS:
        raw = RawDealFile(path, "unknown")
        raw.issue(
            ERROR,
            "",
            None,
            None,
            "a deal in CSV form is a folder holding transaction.csv, parties.csv and "
            "ownership.csv; this file is none of them",
        )
        return raw
    if path.is_dir() or suffix == ".csv":
        return read_csv_folder(path if path.is_dir() else path.parent)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix == ".json":
        return read_json(path)
    raw = RawDealFile(path, "unknown")
    raw.issue(
        ERROR,
        "",
        None,
        None,
        "not a deal file: Screener reads an Excel workbook (.xlsx), a JSON file or a folder "
        "of CSV files"
        + (f" (this one is {kind})" if (kind := kind_of(path)) and kind != "a text file" else ""),
    )
    return raw


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table_records(
    raw: RawDealFile, sheet: str, header: list[Any], rows: list[tuple[int, list[Any]]]
) -> None:
    """Check the header of one sheet and keep its non-empty rows.

    A quote that Screener's writer put before formula-like text is removed (`restore_cell`).
    """
    names = [str(h).strip() if not _blank(h) else "" for h in header]
    known = {name for name, _ in sheet_columns(sheet)}
    unknown = [name for name in names if name and name not in known]
    meant: set[str] = set()
    for name, spec in sheet_columns(sheet):
        needed = spec.required and not (sheet != SHEET_TRANSACTION and name == "case_id")
        if needed and name not in names:
            raw.missing_columns.add((sheet, name))
            guess = suggest_column(name, [c for c in unknown if c not in meant])
            message = "required column is missing from the header row"
            if guess is not None:
                meant.add(guess)
                message += f"; the file has '{guess}': rename it to '{name}'"
            raw.issue(ERROR, sheet, 1, name, message)
    for index, name in enumerate(names):
        if name and name not in known and name not in meant:
            raw.issue(WARNING, sheet, 1, name, "unknown column, ignored")
        elif name and name in known and names.index(name) != index:
            raw.issue(ERROR, sheet, 1, name, "column appears twice")
    records = raw.records.setdefault(sheet, [])
    for row_number, cells in rows:
        values = {
            names[i]: restore_cell(cell)
            for i, cell in enumerate(cells)
            if i < len(names) and names[i]
        }
        if all(_blank(v) for v in values.values()):
            continue
        records.append(RawRecord(sheet, row_number, values))


def read_xlsx(path: Path) -> RawDealFile:
    raw = RawDealFile(path, "xlsx")
    try:
        with open_workbook(path, shown_as=path.name) as workbook:
            _read_sheets(raw, workbook)
    except ContainerError as exc:
        raw.issue(ERROR, "", None, None, exc.described())
    return raw


def _read_sheets(raw: RawDealFile, workbook: SafeWorkbook) -> None:
    lower = {name.strip().lower(): name for name in workbook.sheetnames}
    for sheet in SHEETS:
        if sheet not in lower:
            severity = ERROR if sheet == SHEET_TRANSACTION else WARNING
            what = "required" if severity == ERROR else "expected"
            raw.issue(
                severity,
                sheet,
                None,
                None,
                f"{what} sheet '{sheet}' is missing (found: {', '.join(workbook.sheetnames)})",
            )
            continue
        rows = [cells for _number, cells in workbook.rows(lower[sheet])]
        if not rows:
            raw.issue(ERROR, sheet, 1, None, "sheet is empty: expected a header row")
            continue
        numbered = [(i + 2, list(r)) for i, r in enumerate(rows[1:])]
        _table_records(raw, sheet, list(rows[0]), numbered)


def read_csv_folder(folder: Path) -> RawDealFile:
    """A folder holding transaction.csv, parties.csv and ownership.csv (UTF-8)."""
    raw = RawDealFile(folder, "csv")
    for sheet in SHEETS:
        path = folder / f"{sheet}.csv"
        if not path.is_file():
            severity = ERROR if sheet == SHEET_TRANSACTION else WARNING
            raw.issue(severity, sheet, None, None, f"missing from the folder {folder}")
            continue
        reader = None
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle)
                rows = list(reader)
        except UnicodeDecodeError as exc:
            raw.issue(ERROR, sheet, None, None, f"not UTF-8 text ({exc.reason})")
            continue
        except csv.Error as exc:
            line = reader.line_num if reader is not None else 1
            raw.issue(ERROR, sheet, None, None, f"line {line}: not valid CSV ({exc})")
            continue
        if not rows:
            raw.issue(ERROR, sheet, None, None, "the file is empty: expected a header row")
            continue
        numbered = [(i + 2, list(r)) for i, r in enumerate(rows[1:])]
        _table_records(raw, sheet, rows[0], numbered)
    return raw


def read_json(path: Path) -> RawDealFile:
    raw = RawDealFile(path, "json")
    try:
        document = safe_json.load_file(path)
    except safe_json.JsonError as exc:
        where = f" at line {exc.line}, column {exc.column}" if exc.line and exc.column else ""
        raw.issue(ERROR, "", exc.line, None, f"{exc.message}{where}", "")
        return raw
    transactions = document.get("transactions") if isinstance(document, dict) else None
    if not isinstance(transactions, list):
        raw.issue(
            ERROR,
            "",
            None,
            "transactions",
            "expected an object with a 'transactions' list",
            "transactions",
        )
        return raw
    version = document.get("format_version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raw.issue(
            ERROR,
            "",
            None,
            "format_version",
            f"format_version {version!r} is not supported: expected {FORMAT_VERSION}",
            "format_version",
        )
    for key in document:
        if key not in ("format", "format_version", "transactions"):
            raw.issue(ERROR, "", None, key, "unknown property", key)
    for sheet in SHEETS:
        raw.records[sheet] = []
    for index, item in enumerate(transactions):
        _flatten_transaction(raw, index, item)
    return raw


_CASE_DEAL = {f.name for f in CASE_FIELDS + DEAL_FIELDS}
_ASSET = {f.name for f in ASSET_FIELDS}
_PARTY = {f.name for f in PARTY_FIELDS}
_EDGE = {f.name for f in OWNERSHIP_FIELDS}


def _object(raw: RawDealFile, value: Any, path: str, sheet: str, row: int) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raw.issue(ERROR, sheet, row, None, f"expected an object, found {type(value).__name__}", path)
    return {}


def _flatten_transaction(raw: RawDealFile, index: int, item: Any) -> None:
    base = f"transactions[{index}]"
    item = _object(raw, item, base, SHEET_TRANSACTION, index + 1)
    values: dict[str, Any] = {}
    # an asset field is named by where it belongs, given or missing (asset.name, not asset_name)
    paths: dict[str, str] = {"": base} | {ASSET_PREFIX + a: f"{base}.asset.{a}" for a in _ASSET}
    for key, value in item.items():
        if key in _CASE_DEAL:
            values[key] = value
            paths[key] = f"{base}.{key}"
        elif key == "asset":
            for akey, avalue in _object(
                raw, value, f"{base}.asset", SHEET_TRANSACTION, index + 1
            ).items():
                if akey not in _ASSET:
                    raw.issue(
                        ERROR,
                        SHEET_TRANSACTION,
                        index + 1,
                        akey,
                        "unknown property",
                        f"{base}.asset.{akey}",
                    )
                values[ASSET_PREFIX + akey] = avalue
                paths[ASSET_PREFIX + akey] = f"{base}.asset.{akey}"
        elif key not in ("parties", "ownership"):
            raw.issue(ERROR, SHEET_TRANSACTION, index + 1, key, "unknown property", f"{base}.{key}")
    raw.records[SHEET_TRANSACTION].append(RawRecord(SHEET_TRANSACTION, index + 1, values, paths))
    case_id = item.get("case_id")
    for sheet, known in ((SHEET_PARTIES, _PARTY), (SHEET_OWNERSHIP, _EDGE)):
        rows = item.get(sheet, [])
        if not isinstance(rows, list):
            raw.issue(ERROR, sheet, None, sheet, "expected a list", f"{base}.{sheet}")
            continue
        for number, row in enumerate(rows):
            where = f"{base}.{sheet}[{number}]"
            row = _object(raw, row, where, sheet, number + 1)
            for key in row:
                if key not in known:
                    raw.issue(ERROR, sheet, number + 1, key, "unknown property", f"{where}.{key}")
            row_paths = {"": where} | {k: f"{where}.{k}" for k in row}
            row_values = {"case_id": case_id} | {k: v for k, v in row.items() if k in known}
            raw.records[sheet].append(RawRecord(sheet, number + 1, row_values, row_paths))
