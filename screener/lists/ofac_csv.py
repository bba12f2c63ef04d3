"""OFAC's legacy CSV set: sdn.csv + add.csv + alt.csv + sdn_comments.csv (and cons_* twins).

No header row, `-0- ` (with a trailing space, unquoted) for an empty cell, a Ctrl-Z byte at
the end, Remarks cut at 1,000 characters and continued in the comments file mid-word. Each
file's role is recognised from its content (column count and shape), so a renamed file still
imports; the `cons_` prefix only tells the non-SDN consolidated list from the SDN list,
because both use the same layout.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from screener.lists.base import (
    ListFormatError,
    ParsedAddress,
    ParsedEntry,
    ParsedList,
    ParsedName,
)
from screener.lists.normalise import finish_entries
from screener.lists.ofac_remarks import RemarkFacts, links_for, names_to_keys, parse_remarks
from screener.lists.reading import read_text, sniff_bytes

EMPTY = "-0-"
SDN_COLUMNS = (
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
)
ADD_COLUMNS = ("ent_num", "add_num", "address", "city_state_postal", "country", "add_remarks")
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
COMMENT_COLUMNS = ("ent_num", "remarks_continuation")
ROLE_COLUMNS = {
    "sdn": SDN_COLUMNS,
    "add": ADD_COLUMNS,
    "alt": ALT_COLUMNS,
    "comments": COMMENT_COLUMNS,
}

ENTITY_TYPES = {
    "individual": "person",
    "vessel": "vessel",
    "aircraft": "aircraft",
    "": "organization",
}
ALIAS_KINDS = {
    "aka": "aka",
    "fka": "fka",
    "nka": "nka",
    "a.k.a.": "aka",
    "f.k.a.": "fka",
    "n.k.a.": "nka",
}
VESSEL_FIELDS = ("Title", "Call_Sign", "Vess_type", "Tonnage", "GRT", "Vess_flag", "Vess_owner")

# The non-SDN consolidated CSV does not say which sub-list an entry is on; its program does.
CONS_LIST_BY_PROGRAM = (
    ("CMIC-", "NS-CMIC"),
    ("NS-PLC", "NS-PLC"),
    ("FSE-", "FSE"),
    ("UKRAINE-EO13662", "SSI"),
    ("CAPTA", "CAPTA"),
)


def cell(value: str) -> str:
    """The value of a cell, '' for OFAC's `-0- ` empty marker."""
    value = value.strip()
    return "" if value == EMPTY else value


def sniff_role(path: Path) -> str | None:
    """'sdn', 'add', 'alt' or 'comments' from the first row's shape, or None."""
    try:
        head = sniff_bytes(path).decode("ascii", errors="replace").lstrip("\ufeff")
    except OSError:
        return None
    first_line = head.splitlines()[0] if head.splitlines() else ""
    try:
        row = next(csv.reader([first_line]))
    except (csv.Error, StopIteration):
        return None
    if not row or not row[0].strip().isdigit():
        return None
    if len(row) == 12:
        return "sdn"
    if len(row) == 6 and row[1].strip().isdigit():
        return "add"
    if len(row) == 5 and row[1].strip().isdigit() and cell(row[2]).lower() in ALIAS_KINDS:
        return "alt"
    if len(row) == 2:
        return "comments"
    return None


@dataclass
class CsvSet:
    sdn: Path
    add: Path | None = None
    alt: Path | None = None
    comments: Path | None = None

    @property
    def files(self) -> list[Path]:
        return [p for p in (self.sdn, self.add, self.alt, self.comments) if p is not None]

    @property
    def is_consolidated(self) -> bool:
        return self.sdn.name.lower().startswith("cons")


def find_set(path: Path) -> CsvSet:
    if path.is_file():
        if sniff_role(path) != "sdn":
            raise ListFormatError(
                path, "row 1", "ent_num..Remarks", "not an OFAC sdn.csv/cons_prim.csv main file"
            )
        return CsvSet(sdn=path)
    roles: dict[str, list[Path]] = defaultdict(list)
    for candidate in sorted(path.iterdir()):
        if candidate.is_file() and candidate.suffix.lower() in (".csv", ".txt", ""):
            role = sniff_role(candidate) or _role_by_name(candidate)
            if role:
                roles[role].append(candidate)
            elif candidate.suffix.lower() == ".csv":
                raise ListFormatError(
                    candidate,
                    "row 1",
                    "ent_num",
                    "not recognised as an OFAC sdn/add/alt/comments file (damaged, or another "
                    "encoding?); the set is refused rather than imported without it",
                )
    if not roles.get("sdn"):
        found = ", ".join(sorted(p.name for ps in roles.values() for p in ps)) or "none"
        raise ListFormatError(
            path,
            "folder",
            "sdn.csv",
            f"no OFAC main file (sdn.csv or cons_prim.csv) in the set; found: {found}. "
            "add/alt/comments files cannot be imported without it",
        )
    if len(roles["sdn"]) > 1:
        names = ", ".join(p.name for p in roles["sdn"])
        raise ListFormatError(
            path, "folder", "sdn.csv", f"several main files ({names}): import one set"
        )
    return CsvSet(
        sdn=roles["sdn"][0],
        add=_one(path, roles, "add"),
        alt=_one(path, roles, "alt"),
        comments=_one(path, roles, "comments"),
    )


# OFAC's own file names: a member that keeps its name is read as that part of the set even
# when its content cannot be recognised, so damage is reported instead of the file skipped.
NAME_ROLES = {
    "sdn": "sdn",
    "cons_prim": "sdn",
    "add": "add",
    "cons_add": "add",
    "alt": "alt",
    "cons_alt": "alt",
    "sdn_comments": "comments",
    "cons_comments": "comments",
}


def _role_by_name(path: Path) -> str | None:
    return NAME_ROLES.get(path.stem.lower())


def _one(folder: Path, roles: dict[str, list[Path]], role: str) -> Path | None:
    found = roles.get(role, [])
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise ListFormatError(folder, "folder", role, f"several {role} files ({names})")
    return found[0] if found else None


def read_rows(path: Path, role: str) -> list[tuple[int, list[str]]]:
    """(row number, cells) for every row, checking the column count of each."""
    columns = ROLE_COLUMNS[role]
    text = read_text(path, columns=columns)
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(text.splitlines(), strict=True)
    try:
        for number, row in enumerate(reader, start=1):
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != len(columns):
                missing = columns[len(row)] if len(row) < len(columns) else f"column {len(row)}"
                raise ListFormatError(
                    path,
                    f"row {number}",
                    missing,
                    f"expected {len(columns)} columns, found {len(row)} (truncated file or wrong format?)",
                )
            if not row[0].strip().isdigit():
                raise ListFormatError(path, f"row {number}", "ent_num", f"not a number: {row[0]!r}")
            rows.append((number, row))
    except csv.Error as exc:
        raise ListFormatError(path, f"row {reader.line_num}", "?", f"bad CSV: {exc}") from None
    return rows


class OfacCsvParser:
    format_name = "ofac-csv"

    def detect(self, path: Path) -> bool:
        if path.is_dir():
            # add/alt alone are claimed too, so that parse() can say the main file is missing
            roles = {sniff_role(p) for p in path.iterdir() if p.is_file()}
            return bool(roles & {"sdn", "add", "alt"})
        return sniff_role(path) == "sdn"

    def parse(self, path: Path) -> ParsedList:
        files = find_set(path)
        continuations = self._continuations(files.comments)
        rows = read_rows(files.sdn, "sdn")
        _refuse_repeated_keys(files.sdn, rows)
        parsed = [self._entry(files, number, row, continuations) for number, row in rows]
        entries = [entry for entry, _facts in parsed]
        by_key = {entry.entry_key: entry for entry in entries}
        self._add_aliases(files.alt, by_key)
        self._add_addresses(files.add, by_key)
        finish_entries(entries)
        keys_by_name = names_to_keys(entries)
        links = [
            link
            for entry, facts in parsed
            for link in links_for(entry.entry_key, facts, keys_by_name)
        ]
        return ParsedList(
            source_name="OFAC-CONSOLIDATED" if files.is_consolidated else "OFAC-SDN",
            format=self.format_name,
            publisher="U.S. Treasury, Office of Foreign Assets Control (OFAC)",
            files=files.files,
            entries=entries,
            links=links,
            publisher_date=None,  # the legacy CSV carries no date
            regime="ofac",
        )

    def _continuations(self, path: Path | None) -> dict[str, str]:
        parts: dict[str, list[str]] = defaultdict(list)
        if path is not None:
            for _number, row in read_rows(path, "comments"):
                parts[row[0].strip()].append(row[1])
        return {key: "".join(texts) for key, texts in parts.items()}

    def _entry(
        self, files: CsvSet, number: int, row: list[str], continuations: dict[str, str]
    ) -> tuple[ParsedEntry, RemarkFacts]:
        values = dict(zip(SDN_COLUMNS, (cell(v) for v in row), strict=True))
        key = values["ent_num"]
        sdn_type = values["SDN_Type"].lower()
        if sdn_type not in ENTITY_TYPES:
            raise ListFormatError(
                files.sdn, f"row {number}", "SDN_Type", f"unknown type {sdn_type!r}"
            )
        remarks = values["Remarks"] + continuations.get(key, "")
        facts = parse_remarks(remarks)
        programs = [p.strip() for p in values["Program"].split("] [") if p.strip()]
        data: dict[str, object] = {f: values[f] for f in VESSEL_FIELDS if values[f]}
        if facts.places_of_birth:
            data["places_of_birth"] = facts.places_of_birth
        data.update(facts.extra)
        countries = list(
            dict.fromkeys(facts.countries + ([values["Vess_flag"]] if values["Vess_flag"] else []))
        )
        entry = ParsedEntry(
            entry_key=key,
            entity_type=ENTITY_TYPES[sdn_type],
            primary_name=values["SDN_Name"],
            list_name=self._list_name(files, programs),
            names=[ParsedName(values["SDN_Name"], kind="primary"), *facts.names],
            identifiers=facts.identifiers,
            dates=facts.dates,
            programs=programs,
            countries=countries,
            remarks=remarks,
            data=data,
        )
        return entry, facts

    @staticmethod
    def _list_name(files: CsvSet, programs: list[str]) -> str:
        if not files.is_consolidated:
            return "SDN"
        for prefix, list_name in CONS_LIST_BY_PROGRAM:
            if any(p.startswith(prefix) for p in programs):
                return list_name
        return "NS-MBS" if programs else "Consolidated (non-SDN)"

    @staticmethod
    def _add_aliases(path: Path | None, by_key: dict[str, ParsedEntry]) -> None:
        if path is None:
            return
        for number, row in read_rows(path, "alt"):
            values = [cell(v) for v in row]
            entry = _owner(path, number, values[0], by_key)
            kind = ALIAS_KINDS.get(values[2].lower())
            if kind is None:
                raise ListFormatError(path, f"row {number}", "alt_type", f"unknown {values[2]!r}")
            if not values[3]:
                raise ListFormatError(path, f"row {number}", "alt_name", "empty alias")
            entry.names.append(ParsedName(values[3], kind=kind, strength="strong"))

    @staticmethod
    def _add_addresses(path: Path | None, by_key: dict[str, ParsedEntry]) -> None:
        if path is None:
            return
        for number, row in read_rows(path, "add"):
            values = [cell(v) for v in row]
            entry = _owner(path, number, values[0], by_key)
            street, city, country = values[2], values[3], values[4]
            full = ", ".join(part for part in (street, city, country) if part)
            if full:
                entry.addresses.append(
                    ParsedAddress(full=full, city=city or None, country=country or None)
                )
            if country and country not in entry.countries:
                entry.countries.append(country)


def _refuse_repeated_keys(path: Path, rows: list[tuple[int, list[str]]]) -> None:
    """An ent_num twice in the main file, named with both rows (not the whole set's files)."""
    first_row: dict[str, int] = {}
    for number, row in rows:
        key = cell(row[0])
        if key in first_row:
            raise ListFormatError(
                path,
                f"row {number}",
                "ent_num",
                f"{key} appears twice (first on row {first_row[key]})",
            )
        first_row[key] = number


def _owner(path: Path, number: int, key: str, by_key: dict[str, ParsedEntry]) -> ParsedEntry:
    entry = by_key.get(key)
    if entry is None:
        raise ListFormatError(path, f"row {number}", "ent_num", f"{key} is not in the main file")
    return entry


PARSER = OfacCsvParser()
