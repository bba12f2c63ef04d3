"""Tabular batch reports as CSV or XLSX, with spreadsheet formulas neutralised.

Names come from lists and counterparty files nobody here controls; a cell starting with
'=', '+', '-', '@' (or a tab / carriage return) is run as a formula by Excel and LibreOffice
(CSV injection, OWASP). Such text gets a leading apostrophe so it is shown, never run.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """UTF-8 with a byte-order mark so Excel opens accents and CJK names correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else neutralise(v) for v in row])


def write_xlsx(
    path: Path, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for name in header:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    workbook.save(path)
