"""Reading a batch file (CSV or XLSX) into validated queries, or into row-level errors.

A counterparty register is typed by hand, so every bad cell is reported with the file, the
row a spreadsheet shows and the column, and all of them at once (up to a limit): the user
fixes the file in one pass instead of one error per run. Nothing is screened from a file
that has any bad row, so a report never silently skips a party.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from screener.batch.identifiers import IDENTIFIER_COLUMNS, check_identifier
from screener.batch.model import BatchQuery
from screener.containers import ContainerError, open_workbook
from screener.file_kind import EMPTY, kind_of
from screener.headers import suggest_column
from screener.lists.base import ListFormatError
from screener.lists.countries import country_code
from screener.lists.reading import read_text
from screener.words import counted

SUPPORTED_SUFFIXES = (".csv", ".xlsx")
MAX_ERRORS_SHOWN = 20
MAX_NAME_LENGTH = 600

_TYPES = {
    "person": "person",
    "individual": "person",
    "company": "company",
    "organization": "company",
    "organisation": "company",
    "entity": "company",
    "legalentity": "company",
}
FILE = "file"  # the field of an error about the file as a whole
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_UNPADDED = re.compile(r"-(\d)(?=-|$)")  # 1969-7-6 -> 1969-07-06
_DATE_AND_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]")
KNOWN_COLUMNS = ("id", "name", "type", "country", "date", *IDENTIFIER_COLUMNS)
# Headers registers commonly use, read as our columns when the file has no column of that name.
COLUMN_ALIASES = {
    "full_name": "name",
    "party_name": "name",
    "entity_name": "name",
    "date_of_birth": "date",
    "birth_date": "date",
    "dob": "date",
    "nationality": "country",
}


@dataclass(frozen=True)
class RowError:
    file: str
    row: int | None  # None: the error is about the file or its header
    field: str
    problem: str
    line: int | None = None  # a text line, when the file could not be split into rows

    def __str__(self) -> str:
        if self.row is None and self.line is None and self.field == FILE:
            return f"{self.file}: {self.problem}"  # the file as a whole: empty, not a workbook
        if self.line is not None:
            where = f"line {self.line}"
        else:
            where = f"row {self.row}" if self.row is not None else "header"
        return f"{self.file}, {where}, field {self.field!r}: {self.problem}"


class BatchInputError(Exception):
    """The batch file cannot be screened; `errors` names every bad row and field.

    `header` is the file's first row when no column could be read as the name: the window
    then offers the column-mapping dialog instead of an error."""

    def __init__(
        self, errors: list[RowError], total: int | None = None, header: list[str] | None = None
    ) -> None:
        self.errors = errors
        self.header = header
        self.total = total if total is not None else len(errors)
        lines = [str(error) for error in errors[:MAX_ERRORS_SHOWN]]
        if self.total > len(lines):
            lines.append(f"... and {counted(self.total - len(lines), 'more bad row')}")
        super().__init__("\n".join(lines))


def read_batch(path: str | Path, columns: Mapping[str, str] | None = None) -> list[BatchQuery]:
    """The file's rows as queries, in file order; raises BatchInputError on any bad row.

    `columns` maps our columns (name, id, type, country, date, identifiers) to the file's
    headers, as the user chose them; without it the headers are read by their names."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise BatchInputError([RowError(path.name, None, FILE, _not_a_batch_file(path))])
    if not path.is_file():
        raise BatchInputError([RowError(path.name, None, FILE, "no such file")])
    rows = _xlsx_rows(path) if suffix == ".xlsx" else _csv_rows(path)
    return _validate(path.name, rows, columns)


def _not_a_batch_file(path: Path) -> str:
    kind = kind_of(path) if path.is_file() else None
    shown = f" (this one is {kind})" if kind and kind not in (EMPTY, "a text file") else ""
    return f"not a batch file: Screener reads a CSV file or an Excel workbook (.xlsx){shown}"


def _csv_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """(spreadsheet row number, cells); blank lines are skipped but keep their numbers."""
    try:
        text = read_text(path, encodings=("utf-8", "cp1252"), columns=_first_line_columns(path))
    except ListFormatError as exc:
        line = int(exc.where.split()[-1]) if exc.where.startswith("line ") else None
        raise BatchInputError(
            [RowError(path.name, None, exc.field_name, exc.problem, line=line)]
        ) from None
    dialect = _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    row_number = 0
    try:
        for cells in reader:
            row_number += 1
            yield row_number, list(cells)
    except csv.Error as exc:  # a line, not a row: a quoted cell may span several lines
        raise BatchInputError(
            [RowError(path.name, None, "?", f"not valid CSV ({exc})", line=reader.line_num)]
        ) from None


def _first_line_columns(path: Path) -> list[str]:
    """The header's column names, so an encoding error can name its field."""
    with path.open("rb") as handle:
        first = handle.readline().decode("latin-1").strip()
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [cell.strip().lower() for cell in first.split(delimiter)]


def _sniff(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Comma by default; semicolon or tab when the header plainly uses one (Excel exports)."""
    header = text.split("\n", 1)[0]
    for delimiter in (";", "\t"):
        if header.count(delimiter) > header.count(","):

            class Dialect(csv.excel):
                pass

            Dialect.delimiter = delimiter
            return Dialect
    return csv.excel


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    try:
        with open_workbook(path, shown_as=path.name) as workbook:
            yield from workbook.rows()
    except ContainerError as exc:
        raise BatchInputError([RowError(path.name, None, FILE, exc.described())]) from None


def _validate(
    file: str, rows: Iterable[tuple[int, list[Any]]], columns: Mapping[str, str] | None = None
) -> list[BatchQuery]:
    iterator = iter(rows)
    header = _header(file, iterator) if columns is None else _mapped_header(file, iterator, columns)
    errors: list[RowError] = []
    queries: list[BatchQuery] = []
    seen_ids: dict[str, int] = {}
    identifiers = [column for column in IDENTIFIER_COLUMNS if column in header]
    for number, cells in iterator:
        values = {
            name: (cell.strip() if (cell := cells[i]).__class__ is str else _cell(cell))
            if i < len(cells)
            else ""
            for name, i in header.items()
        }
        if not any(values.values()):
            continue
        query, row_errors = _query(file, number, values, identifiers)
        row_errors.extend(_duplicate_id(file, number, values, seen_ids))
        errors.extend(row_errors)
        if query is not None and not row_errors:
            queries.append(query)
    if errors:
        raise BatchInputError(errors[:MAX_ERRORS_SHOWN], total=len(errors))
    if not queries:
        raise BatchInputError([RowError(file, None, FILE, "the file has no rows to screen")])
    return queries


def _header(file: str, rows: Iterator[tuple[int, list[Any]]]) -> dict[str, int]:
    """Known column -> position; unknown columns (addresses, notes ...) are carried by no one."""
    first = next(rows, None)
    if first is None:
        raise BatchInputError([RowError(file, None, FILE, "the file is empty")])
    positions: dict[str, int] = {}
    columns = [_cell(cell).lower().replace(" ", "_") for cell in first[1]]
    for position, column in enumerate(columns):
        if column in positions and column in KNOWN_COLUMNS:
            raise BatchInputError([RowError(file, None, column, "the column appears twice")])
        if column in KNOWN_COLUMNS:
            positions[column] = position
    for position, column in enumerate(columns):
        canonical = COLUMN_ALIASES.get(column)
        if canonical is not None and canonical not in positions:
            positions[canonical] = position
    if "name" not in positions:
        raise BatchInputError(
            [RowError(file, None, "name", _no_name_column(first[1]))],
            header=[_cell(cell) for cell in first[1]],
        )
    return positions


def _mapped_header(
    file: str, rows: Iterator[tuple[int, list[Any]]], columns: Mapping[str, str]
) -> dict[str, int]:
    """Our column -> position, from the user's mapping; a mapped header must be in the file."""
    first = next(rows, None)
    if first is None:
        raise BatchInputError([RowError(file, None, FILE, "the file is empty")])
    headers = [_cell(cell) for cell in first[1]]
    positions: dict[str, int] = {}
    for ours, theirs in columns.items():
        if ours not in KNOWN_COLUMNS:
            raise BatchInputError([RowError(file, None, ours, "not a column Screener reads")])
        if theirs not in headers:
            raise BatchInputError(
                [RowError(file, None, ours, f"the chosen column '{theirs}' is not in the file")],
                header=headers,
            )
        positions[ours] = headers.index(theirs)
    if "name" not in positions:
        raise BatchInputError(
            [RowError(file, None, "name", "choose the column that holds the names")],
            header=headers,
        )
    return positions


def _no_name_column(header: list[Any]) -> str:
    """One error for the missing column, naming the one the user probably meant."""
    columns = [_cell(cell) for cell in header if _cell(cell)]
    problem = "a 'name' column is required in the first row"
    guess = suggest_column("name", columns)
    if guess is not None:
        return f"{problem}; the file has '{guess}': rename it to 'name'"
    if columns:
        return f"{problem}; it has: {', '.join(columns[:12])}"
    return problem


def _cell(value: Any) -> str:
    """A cell as text: Excel numbers lose a spurious '.0', Excel dates become ISO dates."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _query(
    file: str,
    row: int,
    values: dict[str, str],
    identifier_columns: Iterable[str] = IDENTIFIER_COLUMNS,
) -> tuple[BatchQuery | None, list[RowError]]:
    """The row as a query, or its errors. `identifier_columns`: those the file has."""
    errors: list[RowError] = []

    def bad(field: str, problem: str) -> None:
        errors.append(RowError(file, row, field, problem))

    name = " ".join(values["name"].split())
    if not name:
        bad("name", "the name is empty")
    elif len(name) > MAX_NAME_LENGTH:
        bad("name", f"the name is longer than {MAX_NAME_LENGTH} characters")
    party_type = _party_type(values.get("type", ""), bad)
    country = _country(values.get("country", ""), bad)
    when = _date(values.get("date", ""), bad)
    identifiers: dict[str, str] = {}
    for column in identifier_columns:
        raw = values.get(column, "")
        if raw:
            value, problem = check_identifier(column, raw)
            if problem:
                bad(column, problem)
            else:
                identifiers[column] = value
    if errors:
        return None, errors
    query = BatchQuery(
        row=row,
        id=values.get("id") or str(row),
        name=name,
        party_type=party_type,
        country=country,
        date=when,
        identifiers=identifiers,
    )
    return query, errors


def _party_type(raw: str, bad: Any) -> str | None:
    if not raw:
        return None
    party_type = _TYPES.get(raw.lower().replace(" ", "").replace("_", ""))
    if party_type is None:
        bad("type", f"{raw!r} is not 'person' or 'company'")
    return party_type


def _country(raw: str, bad: Any) -> str | None:
    if not raw:
        return None
    code = _country_code(raw)
    if code is None:
        bad("country", f"{raw!r} is not a country name or ISO 3166 code")
    return code.upper() if code else None


@lru_cache(maxsize=4096)
def _country_code(raw: str) -> str | None:
    """Registers repeat a few countries thousands of times: look each spelling up once."""
    return country_code(raw) or _country_by_fuzzy_name(raw)


def _country_by_fuzzy_name(raw: str) -> str | None:
    """Short forms of ISO names the publishers' table lacks ('Brunei' for Brunei Darussalam):
    the one country whose name starts with the text as a whole word. Not pycountry's
    search_fuzzy, which loads every subdivision of the world (a tenth of a second holding
    the interpreter lock, a visible freeze when the window is screening)."""
    text = raw.casefold().strip()
    if len(text) <= 3:
        return None
    found = {
        str(country.alpha_2)
        for country in pycountry.countries
        for name in (
            getattr(country, "name", ""),
            getattr(country, "official_name", ""),
            getattr(country, "common_name", ""),
        )
        if name
        and (name.casefold() + " ").startswith(text + " ")
        or name
        and name.casefold().startswith(text + ",")
    }
    return found.pop() if len(found) == 1 else None


def _date(raw: str, bad: Any) -> str | None:
    if not raw:
        return None
    if _is_calendar_date(raw):  # nearly every date a register gives, told at once
        return raw
    value = raw[:10] if _DATE_AND_TIME.match(raw) else raw
    if not _DATE.match(value):  # a date already padded has nothing to pad
        value = _UNPADDED.sub(lambda m: "-0" + m.group(1), value)
    if not _DATE.match(value):
        bad("date", f"{raw!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD")
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        bad("date", f"{raw!r} has no month {parts[1]}")
        return None
    if len(parts) == 3:
        try:
            date(*parts)
        except ValueError:
            bad("date", f"{raw!r} is not a calendar date")
            return None
    return value


def _is_calendar_date(raw: str) -> bool:
    """`raw` is YYYY-MM-DD in ASCII digits and a day of the calendar: what `_date` returns as
    it is, without its three patterns and its splitting (a tenth of reading a 10,000-row
    batch, before `screener screen` can fork its workers). Anything else goes the long way,
    which also words the error."""
    if len(raw) != 10 or raw[4] != "-" or raw[7] != "-" or not raw.isascii():
        return False
    year, month, day = raw[:4], raw[5:7], raw[8:]
    if not (year + month + day).isdigit():
        return False
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _duplicate_id(
    file: str, row: int, values: dict[str, str], seen: dict[str, int]
) -> list[RowError]:
    """Two rows with one id would make the report ambiguous; blank ids fall back to row numbers."""
    party_id = values.get("id", "")
    if not party_id:
        return []
    if party_id in seen:
        return [RowError(file, row, "id", f"{party_id!r} is already used in row {seen[party_id]}")]
    seen[party_id] = row
    return []
