"""The look of a deal-file workbook: styled headers, notes, drop-downs and a README sheet.

Kept apart from the writer so the template a user fills in and an exported case look the
same, and both are built from the field declarations.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from screener.deals import fields as k
from screener.deals.fields import SHEETS, Field, sheet_columns

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
REQUIRED_FILL = PatternFill("solid", fgColor="8B2E2E")
HEADER_FONT = Font(bold=True, color="FFFFFF")
VALIDATED_ROWS = 500

KIND_LABELS = {
    k.TEXT: "text",
    k.INTEGER: "whole number",
    k.NUMBER: "number",
    k.PERCENT: "percent 0-100 (51 means 51 %)",
    k.BOOLEAN: "yes / no",
    k.DATE: "date YYYY-MM-DD",
    k.COUNTRY: "ISO 3166 alpha-2 country code",
    k.COUNTRIES: "country codes separated by ';'",
    k.CURRENCY: "ISO 4217 currency code",
    k.TEXT_LIST: "list separated by ';'",
    k.CHOICE: "one of the listed values",
    k.CHOICES: "listed values separated by ';'",
    k.IDENTIFIERS: "type=value pairs separated by ';'",
}


def describe(spec: Field, column: str, sheet: str) -> str:
    required = spec.required and not (sheet != "transaction" and column == "case_id")
    parts = [spec.description, f"Type: {KIND_LABELS[spec.kind]}."]
    if spec.choices:
        parts.append("Values: " + ", ".join(spec.choices) + ".")
    if required:
        parts.append("Required.")
    if sheet != "transaction" and column == "case_id":
        parts = [
            "case_id of the transaction this row belongs to (may be blank if the file "
            "holds one transaction)."
        ]
    return " ".join(parts)


def _header(sheet: Worksheet, name: str) -> None:
    columns = sheet_columns(name)
    for index, (column, spec) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column)
        required = spec.required and not (name != "transaction" and column == "case_id")
        cell.fill = REQUIRED_FILL if required else HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(vertical="center")
        cell.comment = Comment(describe(spec, column, name), "Screener", width=320, height=140)
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column) + 4)
        _validation(sheet, index, spec)
    sheet.freeze_panes = "B2"


def _validation(sheet: Worksheet, index: int, spec: Field) -> None:
    letter = get_column_letter(index)
    cells = f"{letter}2:{letter}{VALIDATED_ROWS}"
    if spec.kind == k.CHOICE:
        rule = DataValidation(
            type="list", formula1='"' + ",".join(spec.choices) + '"', allow_blank=True
        )
    elif spec.kind == k.BOOLEAN:
        rule = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
    elif spec.kind == k.PERCENT:
        rule = DataValidation(
            type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
        )
    else:
        if spec.kind == k.DATE:
            for row in range(2, VALIDATED_ROWS + 1):
                sheet.cell(row=row, column=index).number_format = "yyyy-mm-dd"
        return
    rule.error = describe(spec, "", sheet.title)[:250]
    rule.errorTitle = "Screener deal file"
    sheet.add_data_validation(rule)
    rule.add(cells)


def _readme(workbook: Workbook) -> None:
    sheet = workbook.create_sheet("README")
    sheet.append(
        [
            "Screener deal file. One row of 'transaction' per case; 'parties' and "
            "'ownership' rows name their case in case_id. Ownership describes the "
            "structure after closing. Red headers are required."
        ]
    )
    sheet.append([])
    sheet.append(
        ["sheet", "column", "required", "type", "allowed values", "description", "example"]
    )
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for name in SHEETS:
        for column, spec in sheet_columns(name):
            required = spec.required and not (name != "transaction" and column == "case_id")
            sheet.append(
                [
                    name,
                    column,
                    "yes" if required else "",
                    KIND_LABELS[spec.kind],
                    ", ".join(spec.choices),
                    spec.description,
                    spec.example,
                ]
            )
    for letter, width in zip("ABCDEFG", (14, 32, 9, 30, 40, 70, 28), strict=True):
        sheet.column_dimensions[letter].width = width


def build_workbook(rows: dict[str, list[list[Any]]]) -> Workbook:
    workbook = Workbook()
    default = workbook.active
    for name in SHEETS:
        sheet = workbook.create_sheet(name)
        for number, row in enumerate(rows.get(name, []), start=2):
            for column, value in enumerate(row, start=1):
                sheet.cell(row=number, column=column, value=value)
        _header(sheet, name)
    if default is not None:
        workbook.remove(default)
    _readme(workbook)
    return workbook
