"""The U.S. Consolidated Screening List CSV (trade.gov): thirteen lists of three departments.

Each row keeps its source list in `list_name` (SDN, Entity List, MEU, NS-CMIC, DPL, ...):
a hit on the Entity List means something else in law than a hit on the SDN list. The same
party can be on two lists (an OFAC ent_num under SDN and SSI), so the entry key is
'<list>:<_id>'. Multi-valued cells are joined with '; '; an `ids` item is
'country, number, type' or 'value, type', where the value itself may contain commas, so the
type is taken from the end and a country only from a leading two-letter code.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from screener.lists.base import (
    TYPE_NOT_STATED,
    ListFormatError,
    ParsedAddress,
    ParsedDate,
    ParsedEntry,
    ParsedIdentifier,
    ParsedLink,
    ParsedList,
    ParsedName,
)
from screener.lists.dates import normalise_date
from screener.lists.normalise import finish_entries
from screener.lists.ofac_remarks import ID_LABELS, names_to_keys, parse_remarks
from screener.lists.reading import header_of, read_text, sniff_bytes

REQUIRED = ("_id", "source", "type", "programs", "name", "addresses", "alt_names", "ids")
COLUMNS = (
    "_id", "source", "entity_number", "type", "programs", "name", "title", "addresses",
    "federal_register_notice", "start_date", "end_date", "standard_order", "license_requirement",
    "license_policy", "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage",
    "vessel_flag", "vessel_owner", "remarks", "source_list_url", "alt_names", "citizenships",
    "dates_of_birth", "nationalities", "places_of_birth", "source_information_url", "ids",
)  # fmt: skip
LIST_NAMES = {
    "SDN": "SDN",
    "EL": "Entity List",
    "MEU": "MEU",
    "CMIC": "NS-CMIC",
    "DPL": "DPL",
    "UVL": "Unverified List (UVL)",
    "DTC": "ITAR Debarred (DTC)",
    "ISN": "Nonproliferation Sanctions (ISN)",
    "SSI": "SSI",
    "PLC": "NS-PLC",
    "CAP": "CAPTA",
    "NS-MBS LIST": "NS-MBS",
    "FSE": "FSE",
}
ENTITY_TYPES = {
    "individual": "person",
    "entity": "organization",
    "vessel": "vessel",
    "aircraft": "aircraft",
}
EXTRA_ID_TYPES = {
    "SWIFT/BIC": "swift",
    "Website": "website",
    "Email Address": "email",
    "ISIN": "isin",
}
DATE_ID_TYPES = {"Organization Established Date": "incorporation"}
LISTING_ID_TYPES = ("Listing Date",)
DATA_FIELDS = (
    "title", "federal_register_notice", "start_date", "end_date", "standard_order",
    "license_requirement", "license_policy", "call_sign", "vessel_type", "gross_tonnage",
    "gross_registered_tonnage", "vessel_flag", "vessel_owner", "source_list_url",
    "source_information_url",
)  # fmt: skip
_ABBREVIATION = re.compile(r"\(([^()]+)\)[^()]*? - [^()]*$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def list_name_of(source: str) -> str:
    """'Entity List (EL) - Bureau of Industry and Security' -> 'Entity List'."""
    match = _ABBREVIATION.search(source)
    if match:
        return LIST_NAMES.get(match.group(1).strip().upper(), match.group(1).strip())
    return source.split(" - ")[0].strip()


def split_multi(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def parse_id(item: str) -> tuple[str | None, str, str]:
    """(country, value, type) from 'CN, 9111..., Unified Social Credit Code (USCC)'."""
    parts = [p.strip() for p in item.split(",")]
    if len(parts) < 2:
        return None, item.strip(), ""
    id_type = parts[-1]
    if len(parts) >= 3 and _COUNTRY_CODE.match(parts[0]):
        return parts[0], ", ".join(parts[1:-1]), id_type
    return None, ", ".join(parts[:-1]), id_type


class CslParser:
    format_name = "us-csl"

    def detect(self, path: Path) -> bool:
        file = _find_file(path)
        return file is not None

    def parse(self, path: Path) -> ParsedList:
        file = _find_file(path)
        if file is None:
            raise ListFormatError(
                path, "content", "header", "no Consolidated Screening List CSV found"
            )
        text = read_text(file, columns=COLUMNS)
        reader = csv.DictReader(text.splitlines(keepends=True), strict=True)
        missing = [c for c in REQUIRED if c not in header_of(file, reader)]
        if missing:
            raise ListFormatError(
                file,
                "row 1 (header)",
                missing[0],
                f"missing {'column' if len(missing) == 1 else 'columns'}: {', '.join(missing)}",
            )
        entries: dict[str, ParsedEntry] = {}
        try:
            for row in reader:
                number = reader.line_num
                if None in row.values() or None in row:
                    raise ListFormatError(
                        file,
                        f"line {number}",
                        "ids",
                        "fewer or more cells than the header (truncated?)",
                    )
                entry = _entry(file, number, row)
                first = entries.get(entry.entry_key)
                if first is None:
                    entries[entry.entry_key] = entry
                elif _same_party(first, entry):
                    # the publisher repeats a few rows (CAPTA 15268 twice in the 2022 file)
                    merged = first.data.setdefault("repeated_on_lines", [])
                    assert isinstance(merged, list)
                    merged.append(number)
                else:
                    raise ListFormatError(
                        file, f"line {number}", "_id", f"{entry.entry_key!r} used twice"
                    )
        except csv.Error as exc:
            raise ListFormatError(
                file, f"line {reader.reader.line_num}", "?", f"bad CSV: {exc}"
            ) from None  # DictReader.line_num lags behind a line that failed
        finish_entries(entries.values())
        return ParsedList(
            source_name="US-CSL",
            format=self.format_name,
            publisher="U.S. Department of Commerce, International Trade Administration (trade.gov)",
            files=[file],
            entries=list(entries.values()),
            links=_resolve([link for e in entries.values() for link in _links(e)], entries),
            publisher_date=None,  # the file carries no date; the newest start_date is not one
            regime="us",
        )


def _find_file(path: Path) -> Path | None:
    candidates = [path] if path.is_file() else sorted(p for p in path.iterdir() if p.is_file())
    for candidate in candidates:
        head = sniff_bytes(candidate, 512).decode("utf-8", errors="replace").lstrip("\ufeff")
        first = head.splitlines()[0] if head else ""
        if first.startswith("_id,source,"):
            return candidate
    return None


def _entry(file: Path, number: int, row: dict[str, str]) -> ParsedEntry:
    # optional columns a file lacks read as empty cells (REQUIRED ones were checked)
    values = dict.fromkeys(COLUMNS, "") | {k: (v or "").strip() for k, v in row.items()}
    if not values["name"]:
        raise ListFormatError(file, f"line {number}", "name", "empty")
    if not values["_id"]:
        raise ListFormatError(file, f"line {number}", "_id", "empty")
    list_name = list_name_of(values["source"])
    kind = values["type"].lower()
    # only the Treasury's lists give a type; BIS's and State's (Entity List, DPL, ITAR ...) leave
    # the cell empty, persons and firms alike
    entity_type = ENTITY_TYPES.get(kind) or (TYPE_NOT_STATED if not kind else None)
    if entity_type is None:
        raise ListFormatError(file, f"line {number}", "type", f"unknown {values['type']!r}")
    entry = ParsedEntry(
        entry_key=f"{list_name}:{values['_id']}",
        entity_type=entity_type,
        primary_name=values["name"],
        list_name=list_name,
        names=[ParsedName(values["name"])],
        programs=split_multi(values["programs"]),
        remarks=values["remarks"],
        listed_on=values["start_date"] or None,
        data={field: values[field] for field in DATA_FIELDS if values.get(field)},
    )
    entry.data["source"] = values["source"]
    for alias in split_multi(values["alt_names"]):
        entry.names.append(ParsedName(alias.removeprefix("and ").strip(), kind="aka"))
    _addresses(entry, values["addresses"])
    for field in ("nationalities", "citizenships"):
        for country in split_multi(values[field]):
            if country not in entry.countries:
                entry.countries.append(country)
    entry.dates.extend(
        ParsedDate("birth", normalise_date(d)) for d in split_multi(values["dates_of_birth"])
    )
    if values["places_of_birth"]:
        entry.data["places_of_birth"] = split_multi(values["places_of_birth"])
    _ids(entry, values["ids"])
    return entry


def _same_party(first: ParsedEntry, again: ParsedEntry) -> bool:
    return (first.primary_name, first.names, first.identifiers) == (
        again.primary_name,
        again.names,
        again.identifiers,
    )


def _links(entry: ParsedEntry) -> list[ParsedLink]:
    """'Linked To:' in an OFAC row's remarks; the counterparty is named, not keyed."""
    return [
        ParsedLink(entry.entry_key, relation, object_name=name, source_text=text)
        for relation, name, text in parse_remarks(entry.remarks).links
    ]


def _resolve(links: list[ParsedLink], entries: dict[str, ParsedEntry]) -> list[ParsedLink]:
    """Key each named counterparty to a row of the file where its name is unambiguous enough."""
    keys = names_to_keys(list(entries.values()))
    for link in links:
        name = (link.object_name or "").upper()
        link.object_key = keys.get(name) or keys.get(name + ".")
    return links


def _addresses(entry: ParsedEntry, cell: str) -> None:
    for address in split_multi(cell):
        parts = [p.strip() for p in address.split(",")]
        country = parts[-1] if _COUNTRY_CODE.match(parts[-1]) else None
        city = (
            parts[-3]
            if country and len(parts) >= 3
            else (parts[-2] if country and len(parts) == 2 else None)
        )
        entry.addresses.append(ParsedAddress(address, city=city, country=country))
        if country and country not in entry.countries:
            entry.countries.append(country)


def _ids(entry: ParsedEntry, cell: str) -> None:
    other: dict[str, list[str]] = {}
    for item in split_multi(cell):
        country, value, label = parse_id(item)
        if label in DATE_ID_TYPES:
            entry.dates.append(ParsedDate(DATE_ID_TYPES[label], normalise_date(value)))
        elif label.startswith(LISTING_ID_TYPES) and not entry.listed_on:
            entry.listed_on = normalise_date(value)
        elif label in ID_LABELS or label in EXTRA_ID_TYPES:
            id_type = ID_LABELS.get(label) or EXTRA_ID_TYPES[label]
            entry.identifiers.append(
                ParsedIdentifier(
                    id_type, value.removeprefix("IMO ").strip(), country=country, note=label
                )
            )
        elif label == "Gender":
            entry.data["gender"] = [value]
        else:
            other.setdefault(label or "?", []).append(
                value if not country else f"{country}, {value}"
            )
    if other:
        entry.data["ids"] = other


PARSER = CslParser()
