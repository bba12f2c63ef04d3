"""UK OFSI Consolidated List of Financial Sanctions Targets (XLSX and CSV editions).

Both editions have the same layout: a preamble row `Last Updated | dd/mm/yyyy`, then the
header row, then one row per name variant of a target. Rows sharing a `Group ID` (OFSI's
permanent id for the target) are one entry; the group id is the entry key. Dates are text
`dd/mm/yyyy` with `00` for an unknown day or month, which we keep partial ('1994',
'1994-05') rather than inventing a day. Multi-valued cells enumerate `(1) ... (2) ...`;
`Other Information` carries tagged sub-fields such as `(IMO number):7408873` and
`(Parent company):...`, which become identifiers and ownership links.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path

from screener.containers import ContainerError, is_zip, open_zip
from screener.lists.base import (
    ListFormatError,
    ParsedAddress,
    ParsedDate,
    ParsedEntry,
    ParsedIdentifier,
    ParsedLink,
    ParsedList,
    ParsedName,
)
from screener.lists.countries import country_code, country_codes
from screener.lists.reading import csv_rows, head_text
from screener.lists.scripts import script_of
from screener.lists.uk_other_information import tagged_fields
from screener.lists.xlsx_rows import first_sheet_rows

SOURCE_NAME = "UK-OFSI"
REQUIRED_COLUMNS = ("Name 6", "Group Type", "Alias Type", "Regime", "Group ID")
NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
ADDRESS_COLUMNS = (
    "Address 1",
    "Address 2",
    "Address 3",
    "Address 4",
    "Address 5",
    "Address 6",
    "Post/Zip Code",
    "Country",
)
ENTITY_TYPES = {"individual": "person", "entity": "organization", "ship": "vessel"}
_DMY = re.compile(r"^(?:(\d{1,2})/)?(\d{1,2})/(\d{4})$")
_FIRST_TOKEN = re.compile(r"^\S+")
_ENUMERATION = re.compile(r"\(\d+\)\s*")


@dataclass
class _Row:
    number: int  # row (XLSX) or line (CSV) in the file, 1-based
    values: dict[str, str]


@dataclass
class _Group:
    rows: list[_Row] = field(default_factory=list)


class OFSIConsolidatedParser:
    format_name = "uk-ofsi"

    def detect(self, path: Path) -> bool:
        """Sniff the preamble and header text without reading the whole file."""
        if not path.is_file():
            return False
        if is_zip(path):
            head = _shared_strings_head(path)
            if head is not None:
                return "<t>Last Updated</t>" in head and "<t>Group ID</t>" in head
            try:
                preamble, header = _first_two_rows(path)
            except (ListFormatError, OSError):
                return False
            return bool(preamble) and preamble[0] == "Last Updated" and "Group ID" in header
        head = head_text(path)
        return head.startswith("Last Updated") and "Group ID" in head

    def parse(self, path: Path) -> ParsedList:
        rows = _read_rows(path)
        preamble = next(rows, (0, []))[1]
        header = next(rows, (0, []))[1]
        if not preamble or not header:
            raise ListFormatError(path, _where(path, 1), "Last Updated", "no header rows")
        _check_header(path, preamble, header)
        columns = [name.strip() for name in header]
        groups: dict[str, _Group] = {}
        for number, cells in rows:
            values = {col: _cell(cells, i) for i, col in enumerate(columns) if col}
            if not any(values.values()):
                continue
            group_id = values.get("Group ID", "")
            if not group_id:
                raise ListFormatError(path, _where(path, number), "Group ID", "empty")
            groups.setdefault(group_id, _Group()).rows.append(_Row(number, values))
        entries, links = [], []
        for group_id, group in groups.items():
            entry = _entry(path, group_id, group)
            entries.append(entry)
            links.extend(_links(group_id, group))
        return ParsedList(
            source_name=SOURCE_NAME,
            format=self.format_name,
            publisher="HM Treasury, Office of Financial Sanctions Implementation",
            files=[path],
            entries=entries,
            links=links,
            publisher_date=_published_date(_cell(preamble, 1)) or None,
            regime="uk",
        )


def _shared_strings_head(path: Path, size: int = 65_536) -> str | None:
    """The start of the workbook's string table, where the header strings come first."""
    try:
        with open_zip(path) as archive, archive.open("xl/sharedStrings.xml") as strings:
            return strings.read(size).decode("utf-8", errors="replace")
    except ContainerError:
        return None


def _first_two_rows(path: Path) -> tuple[list[str], list[str]]:
    rows = _read_rows(path)
    first = next(rows, (0, []))[1]
    second = next(rows, (0, []))[1]
    rows.close()
    return first, second


def _read_rows(path: Path) -> Generator[tuple[int, list[str]], None, None]:
    if is_zip(path):
        return _xlsx_rows(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise ListFormatError(
            path, "file", "xlsx", "not a complete XLSX workbook (truncated or another format)"
        )
    return _csv_rows(path)


def _xlsx_rows(path: Path) -> Generator[tuple[int, list[str]], None, None]:
    yield from first_sheet_rows(path)


def _csv_rows(path: Path) -> Generator[tuple[int, list[str]], None, None]:
    yield from csv_rows(path)


def _check_header(path: Path, preamble: list[str], header: list[str]) -> None:
    if not preamble or preamble[0].strip() != "Last Updated":
        raise ListFormatError(
            path, _where(path, 1), "Last Updated", "the first row is not the OFSI preamble"
        )
    present = {name.strip() for name in header}
    for column in REQUIRED_COLUMNS:
        if column not in present:
            raise ListFormatError(path, _where(path, 2) + " (header)", column, "column missing")


def _where(path: Path, number: int) -> str:
    return f"row {number}" if path.suffix.lower() in (".xlsx", ".xlsm") else f"line {number}"


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) and cells[index] else ""


def _published_date(text: str) -> str:
    """'10/04/2025' -> '2025-04-10'; '00/00/1994' -> '1994'; '00/05/1994', '05/1994' -> '1994-05'."""
    text = text.strip()
    match = _DMY.match(text)
    if not match:
        return text
    day, month, year = (int(g or 0) for g in match.groups())
    if month == 0:
        return f"{year:04d}"
    if day == 0:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _enumerated(text: str) -> list[str]:
    """'(1) Germany. (2) Morocco' -> ['Germany', 'Morocco']; plain text -> [text]."""
    if not text:
        return []
    parts = [p.strip(" .;,\n") for p in _ENUMERATION.split(text)]
    return [p for p in parts if p]


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _full_name(values: dict[str, str]) -> str:
    return " ".join(" ".join(values.get(c, "").split()) for c in NAME_COLUMNS if values.get(c))


def _entry(path: Path, group_id: str, group: _Group) -> ParsedEntry:
    first = group.rows[0]
    group_type = first.values.get("Group Type", "")
    entity_type = ENTITY_TYPES.get(group_type.lower())
    if entity_type is None:
        raise ListFormatError(
            path, _where(path, first.number), "Group Type", f"unknown value {group_type!r}"
        )
    names = _names(group)
    if not names:
        raise ListFormatError(path, _where(path, first.number), "Name 6", "no name in the group")
    nationalities = _unique([n for r in group.rows for n in _enumerated(_v(r, "Nationality"))])
    addresses = _addresses(group)
    info = tagged_fields(_v(first, "Other Information"))
    return ParsedEntry(
        entry_key=group_id,
        entity_type=entity_type,
        primary_name=names[0].name,
        list_name=group_type,
        names=names,
        identifiers=_identifiers(group, info),
        addresses=addresses,
        dates=[
            ParsedDate("birth", d)
            for d in _unique([_published_date(_v(r, "DOB")) for r in group.rows])
        ],
        programs=_unique([_v(r, "Regime") for r in group.rows]),
        countries=country_codes(nationalities + [a.country or "" for a in addresses]),
        remarks=_v(first, "Other Information"),
        listed_on=min((_published_date(_v(r, "Listed On")) for r in group.rows), default="")
        or None,
        data=_extra(group, info, nationalities),
    )


def _v(row: _Row, column: str) -> str:
    return row.values.get(column, "")


def _names(group: _Group) -> list[ParsedName]:
    """The first 'Primary name' row gives the primary name; every other row a variant."""
    ordered = sorted(group.rows, key=lambda r: _v(r, "Alias Type") != "Primary name")
    names: list[ParsedName] = []
    seen: set[tuple[str, str]] = set()
    for row in ordered:
        name = _full_name(row.values)
        kind, strength = _alias_kind(row, is_first=not names)
        for candidate in (ParsedName(name, kind, strength, script_of(name)), _original(row)):
            if candidate is None or not candidate.name:
                continue
            key = (candidate.name.casefold(), candidate.kind)
            if key not in seen:
                seen.add(key)
                names.append(candidate)
    return names


def _alias_kind(row: _Row, *, is_first: bool) -> tuple[str, str]:
    if is_first:
        return "primary", "strong"
    alias_type = _v(row, "Alias Type").lower()
    strength = "weak" if _v(row, "Alias Quality").lower().startswith("low") else "strong"
    return ("fka" if alias_type == "fka" else "aka"), strength


def _original(row: _Row) -> ParsedName | None:
    text = " ".join(_v(row, "Name Non-Latin Script").split())
    if not text:
        return None
    return ParsedName(text, kind="aka", script=script_of(text), is_original_script=True)


def _identifiers(group: _Group, info: dict[str, list[str]]) -> list[ParsedIdentifier]:
    found: list[ParsedIdentifier] = []
    for row in group.rows:
        for id_type, number_col, details_col in (
            ("passport", "Passport Number", "Passport Details"),
            ("national_id", "National Identification Number", "National Identification Details"),
        ):
            numbers = _enumerated(_v(row, number_col))
            details = _enumerated(_v(row, details_col))
            for i, number in enumerate(numbers):
                note = details[i] if len(details) == len(numbers) else _v(row, details_col)
                found.append(ParsedIdentifier(id_type, number, note=note or None))
    for tag, id_type in (
        ("UK Sanctions List Ref", "uk_sanctions_list_ref"),
        ("UN Ref", "un_reference"),
        ("IMO number", "imo"),
    ):
        for value in info.get(tag, []):
            token = _FIRST_TOKEN.match(value)
            if token:  # the reference is the first word; prose may follow it
                found.append(ParsedIdentifier(id_type, token.group(0).rstrip(".,;")))
    for value in info.get("Business Reg No", []):
        found.append(ParsedIdentifier("registration", value))
    unique: dict[tuple[str, str], ParsedIdentifier] = {}
    for identifier in found:
        unique.setdefault((identifier.id_type, identifier.value), identifier)
    return list(unique.values())


def _addresses(group: _Group) -> list[ParsedAddress]:
    addresses: dict[str, ParsedAddress] = {}
    for row in group.rows:
        parts = [" ".join(_v(row, c).split()) for c in ADDRESS_COLUMNS]
        full = ", ".join(p for p in parts if p)
        if full and full not in addresses:
            country = _v(row, "Country")
            addresses[full] = ParsedAddress(full, country=country_code(country) or country or None)
    return list(addresses.values())


_EXTRA_COLUMNS = {
    "titles": "Title",
    "positions": "Position",
    "towns_of_birth": "Town of Birth",
    "countries_of_birth": "Country of Birth",
    "non_latin_script_types": "Non-Latin Script Type",
    "non_latin_script_languages": "Non-Latin Script Language",
}
_EXTRA_TAGS = {
    "gender": "Gender",
    "phones": "Phone number",
    "emails": "Email address",
    "websites": "Website",
    "type_of_entity": "Type of entity",
    "subsidiaries": "Subsidiaries",
    "parent_company": "Parent company",
    "flag_of_ship": "Flag of ship",
    "previous_flags": "Previous flags",
    "type_of_ship": "Type of ship",
    "tonnage_of_ship": "Tonnage of ship",
    "length_of_ship": "Length of ship",
    "year_built": "Year built",
    "current_owners": "Current owners",
    "statement_of_reasons": "UK Statement of Reasons",
}


def _extra(
    group: _Group, info: dict[str, list[str]], nationalities: list[str]
) -> dict[str, object]:
    first = group.rows[0]
    extra: dict[str, object] = {"rows": len(group.rows)}
    if nationalities:
        extra["nationalities"] = nationalities
    for key, column in _EXTRA_COLUMNS.items():
        values = _unique([_v(r, column) for r in group.rows])
        if values:
            extra[key] = values
    for key, tag in _EXTRA_TAGS.items():
        if info.get(tag):
            extra[key] = info[tag]
    for key, column in (
        ("date_designated", "UK Sanctions List Date Designated"),
        ("last_updated", "Last Updated"),
    ):
        if _v(first, column):
            extra[key] = _published_date(_v(first, column))
    return extra


def _links(group_id: str, group: _Group) -> list[ParsedLink]:
    """`Parent company` and a ship's `Current owners` name who owns or controls the entry."""
    info = tagged_fields(_v(group.rows[0], "Other Information"))
    links = []
    for tag in ("Parent company", "Current owners"):
        for value in info.get(tag, []):
            for owner in _enumerated(value):
                links.append(
                    ParsedLink(
                        subject_key=group_id,
                        relation="owned_or_controlled_by",
                        object_name=owner,
                        source_text=f"({tag}):{value}",
                    )
                )
    return links


PARSER = OFSIConsolidatedParser()
