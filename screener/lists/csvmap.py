"""Any CSV or XLSX list, read through a column mapping the user picks.

Client watch-lists, a regulator's spreadsheet or a consultant's export have no fixed
layout, so the user says which column holds the key, the name, the aliases and so on
(`ColumnMapping`), and can save that choice under a name (the ColumnProfile table) to reuse
it on the next edition of the same file. Rows that share a key are one entry (a file with
one row per alias still gives one entry per subject). Without a key column the key is
derived from the type and name, which stays stable as long as the publisher keeps the name;
row numbers would not be stable across editions.

This format is never auto-detected: any CSV would match, so the user chooses it explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener import audit
from screener.containers import ContainerError, is_zip, open_workbook
from screener.lists.base import (
    TYPE_NOT_STATED,
    ListFormatError,
    ParsedAddress,
    ParsedDate,
    ParsedEntry,
    ParsedIdentifier,
    ParsedList,
    ParsedName,
)
from screener.lists.countries import country_code
from screener.lists.dates import normalise_date
from screener.lists.load import LoadResult, load_parsed_list
from screener.lists.reading import csv_rows
from screener.lists.scripts import is_non_latin, script_of
from screener.models import ColumnProfile
from screener.store import Store

FORMAT_NAME = "csv-mapped"
TYPE_SYNONYMS = {
    "person": "person",
    "individual": "person",
    "natural person": "person",
    "p": "person",
    "i": "person",
    "organization": "organization",
    "organisation": "organization",
    "entity": "organization",
    "company": "organization",
    "legal entity": "organization",
    "business": "organization",
    "e": "organization",
    "o": "organization",
    "vessel": "vessel",
    "ship": "vessel",
    "v": "vessel",
    "aircraft": "aircraft",
    "airplane": "aircraft",
    "plane": "aircraft",
    "a": "aircraft",
}
ENTITY_TYPES = ("person", "organization", "vessel", "aircraft")
DEFAULT_TYPES = (TYPE_NOT_STATED, *ENTITY_TYPES)  # for rows whose type is not given
# Our fields a user can map, in the order the dialog shows them: (field, label, multi-column).
MAPPABLE_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("entry_key", "Entry key (stable id)", False),
    ("name", "Primary name", False),
    ("aliases", "Aliases", True),
    ("entity_type", "Type", False),
    ("countries", "Countries", True),
    ("dob", "Birth / incorporation date", False),
    ("programme", "Programme", False),
    ("addresses", "Addresses", True),
    ("remarks", "Remarks", True),
)
IDENTIFIER_TYPES = (
    "lei",
    "registration",
    "tax_id",
    "passport",
    "national_id",
    "imo",
    "swift",
    "other",
)


@dataclass
class ColumnMapping:
    """Which column of the file feeds which of our fields; columns are header names."""

    name: str
    entry_key: str | None = None
    aliases: list[str] = field(default_factory=list)
    entity_type: str | None = None
    # a file without a type column, or a blank cell: persons and organisations alike meet it,
    # as for the publishers that do not say (screener.lists.base.TYPE_NOT_STATED)
    default_type: str = TYPE_NOT_STATED
    countries: list[str] = field(default_factory=list)
    dob: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)  # id_type -> column
    programme: str | None = None
    addresses: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    separator: str = ";"
    sheet: str | None = None
    header_row: int = 1
    source_name: str = "CUSTOM"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ColumnMapping:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})

    def columns_used(self) -> list[tuple[str, str]]:
        """(our field, column) for every mapped column, for header checks and the preview."""
        used: list[tuple[str, str]] = [("name", self.name)]
        for field_name in ("entry_key", "entity_type", "dob", "programme"):
            column = getattr(self, field_name)
            if column:
                used.append((field_name, column))
        for field_name in ("aliases", "countries", "addresses", "remarks"):
            used.extend((field_name, c) for c in getattr(self, field_name))
        used.extend((f"identifiers.{t}", c) for t, c in self.identifiers.items())
        return used


# --- reading the table ---------------------------------------------------------------------


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm") or is_zip(path)


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheets ([] for a CSV)."""
    if not is_workbook(path):
        return []
    try:
        with open_workbook(path) as workbook:
            return workbook.sheetnames
    except ContainerError as exc:
        raise ListFormatError(path, exc.where, "xlsx", exc.problem) from None


def table_rows(path: Path, sheet: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) for a CSV or one sheet of a workbook."""
    if not is_workbook(path):
        yield from csv_rows(path)
        return
    try:
        with open_workbook(path) as workbook:
            if sheet and sheet not in workbook.sheetnames:
                raise ListFormatError(path, "workbook", "sheet", f"no sheet named {sheet!r}")
            for number, row in workbook.rows(sheet):
                yield number, [_text(v) for v in row]
    except ContainerError as exc:
        raise ListFormatError(path, exc.where, "xlsx", exc.problem) from None


def _text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def preview(
    path: Path, sheet: str | None = None, header_row: int = 1, limit: int = 10
) -> tuple[list[str], list[list[str]]]:
    """The header and the first `limit` data rows, for the mapping dialog."""
    header: list[str] = []
    rows: list[list[str]] = []
    for number, cells in table_rows(path, sheet):
        if number < header_row:
            continue
        if number == header_row:
            header = [c.strip() for c in cells]
            continue
        if any(cells):
            rows.append(cells)
        if len(rows) >= limit:
            break
    return header, rows


# --- parsing -------------------------------------------------------------------------------


class MappedTableParser:
    """A parser bound to one mapping; `detect` never claims a file (see module docstring)."""

    format_name = FORMAT_NAME

    def __init__(self, mapping: ColumnMapping) -> None:
        self.mapping = mapping

    def detect(self, path: Path) -> bool:
        return False

    def parse(self, path: Path) -> ParsedList:
        mapping = self.mapping
        rows = table_rows(path, mapping.sheet)
        columns = _header(path, rows, mapping)
        entries: dict[str, ParsedEntry] = {}
        where = "row" if is_workbook(path) else "line"
        for number, cells in rows:
            values = {
                col: (cells[i].strip() if i < len(cells) else "") for col, i in columns.items()
            }
            if not any(values.values()):
                continue
            entry = _entry(path, f"{where} {number}", values, mapping)
            if entry.entry_key in entries:
                _merge(entries[entry.entry_key], entry)
            else:
                entries[entry.entry_key] = entry
        return ParsedList(
            source_name=mapping.source_name,
            format=FORMAT_NAME,
            publisher="",
            files=[path],
            entries=list(entries.values()),
            regime="other",
        )


def _header(
    path: Path, rows: Iterator[tuple[int, list[str]]], mapping: ColumnMapping
) -> dict[str, int]:
    where = "row" if is_workbook(path) else "line"
    for number, cells in rows:
        if number < mapping.header_row:
            continue
        header = [c.strip() for c in cells]
        positions = {name: i for i, name in reversed(list(enumerate(header))) if name}
        for our_field, column in mapping.columns_used():
            if column not in positions:
                raise ListFormatError(
                    path, f"{where} {number} (header)", our_field, f"column {column!r} not found"
                )
        return positions
    raise ListFormatError(
        path, f"{where} {mapping.header_row}", "header", "the file has no header row"
    )


def _split(value: str, separator: str) -> list[str]:
    if not value:
        return []
    parts = value.split(separator) if separator else [value]
    return [" ".join(p.split()) for p in parts if p.strip()]


def _entry(path: Path, where: str, values: dict[str, str], mapping: ColumnMapping) -> ParsedEntry:
    sep = mapping.separator
    name = " ".join(values[mapping.name].split())
    if not name:
        raise ListFormatError(path, where, mapping.name, "the name is empty")
    entity_type = _entity_type(path, where, values, mapping)
    key = values.get(mapping.entry_key, "") if mapping.entry_key else ""
    if mapping.entry_key and not key:
        raise ListFormatError(path, where, mapping.entry_key, "the entry key is empty")
    aliases = [a for c in mapping.aliases for a in _split(values[c], sep) if a != name]
    countries = [v for c in mapping.countries for v in _split(values[c], sep)]
    return ParsedEntry(
        entry_key=key or f"{entity_type}:{name.casefold()}",
        entity_type=entity_type,
        primary_name=name,
        list_name=mapping.source_name,
        names=[_name(name, "primary")] + [_name(a, "aka") for a in dict.fromkeys(aliases)],
        identifiers=[
            ParsedIdentifier(id_type, value)
            for id_type, column in mapping.identifiers.items()
            for value in _split(values[column], sep)
        ],
        addresses=[ParsedAddress(a) for c in mapping.addresses for a in _split(values[c], sep)],
        dates=[
            ParsedDate("birth" if entity_type == "person" else "incorporation", normalise_date(d))
            for d in (_split(values[mapping.dob], sep) if mapping.dob else [])
        ],
        programs=_split(values[mapping.programme], sep) if mapping.programme else [],
        countries=list(dict.fromkeys(c for c in (country_code(v) for v in countries) if c)),
        remarks="\n".join(values[c] for c in mapping.remarks if values[c]),
        data={"unplaced_countries": [v for v in countries if not country_code(v)]}
        if any(not country_code(v) for v in countries)
        else {},
    )


def _name(text: str, kind: str) -> ParsedName:
    return ParsedName(text, kind, script=script_of(text), is_original_script=is_non_latin(text))


def _entity_type(path: Path, where: str, values: dict[str, str], mapping: ColumnMapping) -> str:
    if not mapping.entity_type:
        return mapping.default_type
    raw = values[mapping.entity_type]
    if not raw:
        return mapping.default_type
    found = TYPE_SYNONYMS.get(raw.strip().lower())
    if found is None:
        raise ListFormatError(
            path,
            where,
            mapping.entity_type,
            f"unknown type {raw!r}; expected one of {', '.join(ENTITY_TYPES)}",
        )
    return found


def _merge(into: ParsedEntry, other: ParsedEntry) -> None:
    """A second row with the same key adds its names and facts to the first."""
    known = {n.name for n in into.names}
    into.names.extend(
        ParsedName(n.name, "aka", n.strength, n.script, n.is_original_script)
        for n in other.names
        if n.name not in known
    )
    for attribute in ("identifiers", "addresses", "dates", "programs", "countries"):
        present = getattr(into, attribute)
        present.extend(v for v in getattr(other, attribute) if v not in present)
    if other.remarks and other.remarks not in into.remarks:
        into.remarks = "\n".join(r for r in (into.remarks, other.remarks) if r)


# --- saved profiles ------------------------------------------------------------------------


def save_profile(store: Store, name: str, mapping: ColumnMapping) -> None:
    """Create or replace the profile `name`; audited like every other change."""
    name = name.strip()
    if not name:
        raise ValueError("A profile needs a name.")

    def save(session: Session) -> None:
        profile = session.execute(select(ColumnProfile).where(ColumnProfile.name == name)).scalar()
        action = "column_profile.update" if profile else "column_profile.create"
        if profile is None:
            profile = ColumnProfile(name=name)
            session.add(profile)
        profile.mapping = mapping.to_dict()
        session.flush()
        audit.record(session, action, "column_profile", name, details=mapping.to_dict())

    store.write(save)  # two officers saving one new name: the second updates the first's


def load_profile(store: Store, name: str) -> ColumnMapping | None:
    with store.session() as session:
        profile = session.execute(select(ColumnProfile).where(ColumnProfile.name == name)).scalar()
        return ColumnMapping.from_dict(dict(profile.mapping)) if profile else None


def profile_names(store: Store) -> list[str]:
    with store.session() as session:
        return list(
            session.execute(select(ColumnProfile.name).order_by(ColumnProfile.name)).scalars()
        )


# --- importing -----------------------------------------------------------------------------


def import_mapped(
    store: Store,
    path: str | Path,
    mapping: ColumnMapping,
    *,
    label: str | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> LoadResult:
    """Parse with `mapping` and store the result as one version, in one unit of work."""
    target = Path(path).expanduser()
    parsed = MappedTableParser(mapping).parse(target)
    kwargs: dict[str, Any] = {"source_name": mapping.source_name, "label": label or target.name}
    if on_progress is not None:
        kwargs["on_progress"] = on_progress
    if is_cancelled is not None:
        kwargs["is_cancelled"] = is_cancelled
    return store.write(lambda session: load_parsed_list(session, parsed, **kwargs))
