"""U.S. restricted lists published only as PDFs or statute text, in OpenSanctions' CSVs.

DoD's Section 1260H list, NDAA §154/§889/§5949/§1286 and BIS's MIEU list are not issued as
data files; OpenSanctions transcribes them by hand (see the folders' PROVENANCE.md). These
are therefore *transcriptions*: each entry says so in `data['transcribed_by']`.

Three layouts, recognised by their header row:
- DoD 1260H: one row per listing period. Only companies with an open period (no End date)
  are on the list today and become entries; their periods, previous names and parent
  company are kept. A parent named in 'Parent Name' becomes a 'subsidiary_of' link.
- NDAA sections: one row per company and report year (§1286 repeats names per report);
  rows with the same name are one entry with every report date.
- BIS MIEU: one row per agency.
One file is one source (US-DOD-1260H, US-NDAA-154, ...); a folder of several kinds is
imported as US-OTHER-RESTRICTED with each file's list kept apart in `list_name`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

from screener.lists.base import (
    TYPE_NOT_STATED,
    ListFormatError,
    ParsedEntry,
    ParsedLink,
    ParsedList,
    ParsedName,
)
from screener.lists.dates import normalise_date
from screener.lists.normalise import finish_entries
from screener.lists.reading import header_of, read_text, sniff_bytes

TRANSCRIBER = "OpenSanctions (github.com/opensanctions/opensanctions)"
DOD_COLUMNS = (
    "Name",
    "Clean Name",
    "Alias",
    "Previous Name",
    "Parent Name",
    "Note",
    "Start date",
    "End date",
)
NDAA_COLUMNS = (
    "schema",
    "name",
    "aliases",
    "program",
    "report-date",
    "start-date",
    "end-date",
    "country",
)
MIEU_COLUMNS = ("Type", "Name", "Alias", "Country", "Program", "Date", "End date")
SCHEMA_TYPES = {
    "company": "organization",
    "organization": "organization",
    "person": "person",
    "legalentity": TYPE_NOT_STATED,  # FtM's "person or organisation, not said"
}


def _kind(path: Path) -> str | None:
    head = sniff_bytes(path, 1024).decode("utf-8", errors="replace").lstrip("\ufeff")
    first = head.splitlines()[0] if head else ""
    try:
        header = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return None
    for kind, columns in (("dod", DOD_COLUMNS), ("ndaa", NDAA_COLUMNS), ("mieu", MIEU_COLUMNS)):
        if all(c in header for c in columns):
            return kind
    return None


def _files(path: Path) -> list[tuple[Path, str]]:
    candidates = [path] if path.is_file() else sorted(p for p in path.iterdir() if p.is_file())
    found = []
    for candidate in candidates:
        kind = _kind(candidate) if candidate.suffix.lower() in (".csv", ".txt", "") else None
        if kind:
            found.append((candidate, kind))
    return found


def _rows(file: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    text = read_text(file, columns=required)
    reader = csv.DictReader(text.splitlines(keepends=True), strict=True)
    missing = [c for c in required if c not in header_of(file, reader)]
    if missing:
        raise ListFormatError(
            file,
            "line 1 (header)",
            missing[0],
            f"missing {'column' if len(missing) == 1 else 'columns'}: {', '.join(missing)}",
        )
    rows = []
    try:
        for row in reader:
            if None in row or None in row.values():
                raise ListFormatError(
                    file,
                    f"line {reader.line_num}",
                    required[-1],
                    "wrong number of cells (truncated?)",
                )
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    except csv.Error as exc:
        # DictReader.line_num lags behind a line that failed; its inner reader's does not
        raise ListFormatError(
            file, f"line {reader.reader.line_num}", "?", f"bad CSV: {exc}"
        ) from None
    return rows


def _split_aliases(cell: str, separator: str) -> list[str]:
    return [a.strip() for a in cell.split(separator) if a.strip()]


def _section_name(program: str) -> str:
    """'Section 154 of the ... NDAA for FY2024' -> 'NDAA §154'."""
    match = re.search(r"Section (\d+)", program)
    return f"NDAA §{match.group(1)}" if match else program[:120]


class _Read:
    """Entries and links of one file; the key is the name as printed (no id in these files)."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.entries: dict[str, ParsedEntry] = {}
        self.links: list[ParsedLink] = []

    def dod(self) -> str:
        periods: dict[str, list[dict[str, str]]] = {}
        rows = _rows(self.file, DOD_COLUMNS)
        for line, row in rows:
            name = row["Clean Name"] or row["Name"].rstrip("*").strip()
            if not name:
                raise ListFormatError(self.file, f"line {line}", "Clean Name", "empty")
            periods.setdefault(name, []).append(row)
        for name, company_rows in periods.items():
            if not any(not r["End date"] for r in company_rows):
                continue  # removed from the list in a later edition: not listed today
            entry = ParsedEntry(
                entry_key=name,
                entity_type="organization",
                primary_name=name,
                list_name="DoD 1260H",
                names=[ParsedName(name)],
                programs=["DoD 1260H"],
                listed_on=min(
                    normalise_date(r["Start date"]) for r in company_rows if r["Start date"]
                )
                or None,
                data={
                    "transcribed_by": TRANSCRIBER,
                    "listing_periods": [
                        {"start": r["Start date"], "end": r["End date"], "printed_as": r["Name"]}
                        for r in company_rows
                    ],
                },
            )
            for row in company_rows:
                for alias in _split_aliases(row["Alias"], ","):
                    _add_name(entry, ParsedName(alias, kind="aka"))
                for previous in _split_aliases(row["Previous Name"], ";"):
                    _add_name(entry, ParsedName(previous, kind="fka"))
                if row["Note"] and row["Note"] not in entry.remarks:
                    entry.remarks = "; ".join(p for p in (entry.remarks, row["Note"]) if p)
                if row["Parent Name"] and not any(
                    link.subject_key == entry.entry_key for link in self.links
                ):
                    self.links.append(
                        ParsedLink(
                            entry.entry_key,
                            "subsidiary_of",
                            object_name=row["Parent Name"],
                            source_text="Parent Name",
                        )
                    )
            self.entries[entry.entry_key] = entry
        return "US-DOD-1260H"

    def ndaa(self) -> str:
        list_name = ""
        for line, row in _rows(self.file, NDAA_COLUMNS):
            list_name = _section_name(row["program"])
            entry = self._entry(
                line, row["name"], SCHEMA_TYPES.get(row["schema"].lower()), list_name, row["schema"]
            )
            for alias in _split_aliases(row["aliases"], ";"):
                _add_name(entry, ParsedName(alias, kind="aka"))
            if row["country"] and row["country"] not in entry.countries:
                entry.countries.append(row["country"])
            reports = entry.data.setdefault("report_dates", [])
            assert isinstance(reports, list)
            if row["report-date"] and row["report-date"] not in reports:
                reports.append(row["report-date"])
            for field in ("start-date", "end-date", "authority", "reason", "notes", "source_url"):
                if row.get(field):
                    entry.data[field] = row[field]
            start = normalise_date(row["report-date"] or row["start-date"])
            if start and (entry.listed_on is None or start < entry.listed_on):
                entry.listed_on = start
        return "US-" + list_name.replace(" §", "-") if list_name else "US-NDAA"

    def mieu(self) -> str:
        for line, row in _rows(self.file, MIEU_COLUMNS):
            entry = self._entry(
                line, row["Name"], SCHEMA_TYPES.get(row["Type"].lower()), "BIS MIEU", row["Type"]
            )
            for alias in _split_aliases(row["Alias"], ";"):
                _add_name(entry, ParsedName(alias, kind="aka"))
            if row["Country"] and row["Country"] not in entry.countries:
                entry.countries.append(row["Country"])
            entry.listed_on = normalise_date(row["Date"]) or None
            if row["End date"]:
                entry.data["end_date"] = row["End date"]
        return "US-BIS-MIEU"

    def _entry(
        self, line: int, name: str, entity_type: str | None, list_name: str, schema: str
    ) -> ParsedEntry:
        if not name:
            raise ListFormatError(self.file, f"line {line}", "name", "empty")
        if entity_type is None:
            raise ListFormatError(
                self.file, f"line {line}", "schema", f"unknown entity type {schema!r}"
            )
        key = f"{list_name}:{name}"
        entry = self.entries.get(key)
        if entry is None:
            entry = ParsedEntry(
                entry_key=key,
                entity_type=entity_type,
                primary_name=name,
                list_name=list_name,
                names=[ParsedName(name)],
                programs=[list_name],
                data={"transcribed_by": TRANSCRIBER},
            )
            self.entries[key] = entry
        return entry


def _add_name(entry: ParsedEntry, name: ParsedName) -> None:
    if all(existing.name != name.name for existing in entry.names):
        entry.names.append(name)


READERS: dict[str, Callable[[_Read], str]] = {
    "dod": _Read.dod,
    "ndaa": _Read.ndaa,
    "mieu": _Read.mieu,
}


class UsRestrictedCsvParser:
    format_name = "us-restricted-csv"

    def detect(self, path: Path) -> bool:
        return bool(_files(path))

    def parse(self, path: Path) -> ParsedList:
        files = _files(path)
        if not files:
            raise ListFormatError(
                path, "line 1 (header)", "header", "no DoD 1260H / NDAA / BIS MIEU CSV found"
            )
        entries: list[ParsedEntry] = []
        links: list[ParsedLink] = []
        sources = set()
        for file, kind in files:
            read = _Read(file)
            sources.add(READERS[kind](read))
            entries.extend(read.entries.values())
            links.extend(read.links)
        finish_entries(entries)
        keys_by_name = {e.primary_name.upper(): e.entry_key for e in entries}
        for link in links:
            link.object_key = keys_by_name.get((link.object_name or "").upper())
        return ParsedList(
            source_name=sources.pop() if len(sources) == 1 else "US-OTHER-RESTRICTED",
            format=self.format_name,
            publisher="U.S. DoD / Congress (NDAA) / BIS, transcribed by OpenSanctions",
            files=[file for file, _kind in files],
            entries=entries,
            links=links,
            publisher_date=None,
            regime="us",
        )


PARSER = UsRestrictedCsvParser()
