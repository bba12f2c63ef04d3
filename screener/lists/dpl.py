"""BIS Denied Persons List, `dpl.txt`: tab-separated, every field quoted, one row per order.

A person or firm appears once per address and denial order, so rows are grouped by name
(leading spaces and doubled blanks ignored) into one entry holding every address and every
order; screening one party against six copies of the same denial would only add noise.
The file has no id column, so the normalised name is the entry key; it has no date either,
so the publisher date is the latest `Last_Update` that is not in the future (the 2023 file
has a typo '3033-09-30'). The list does not say whether a name is a person or a firm, so
no entry has a type (`TYPE_NOT_STATED`): typing by legal form made "MAHAN AIRWAYS" and
"AZUR AIR" persons, out of reach of a company's query.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from screener.lists.base import (
    TYPE_NOT_STATED,
    ListFormatError,
    ParsedAddress,
    ParsedEntry,
    ParsedList,
    ParsedName,
)
from screener.lists.dates import normalise_date
from screener.lists.normalise import finish_entries
from screener.lists.reading import header_of, read_text, sniff_bytes

COLUMNS = (
    "Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date",
    "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation",
)  # fmt: skip
ORDER_FIELDS = (
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)


def entry_key_of(name: str) -> str:
    """The key of the entry holding NAME's orders: the name, blanks and case evened out.

    The CSL republishes these rows under ids of its own; its row's name finds the entry."""
    return " ".join(name.split()).upper()


class DplParser:
    format_name = "bis-dpl"

    def detect(self, path: Path) -> bool:
        return _find_file(path) is not None

    def parse(self, path: Path) -> ParsedList:
        file = _find_file(path)
        if file is None:
            raise ListFormatError(
                path,
                "content",
                "header",
                "no BIS dpl.txt (tab-separated, Name/Street_Address...) found",
            )
        text = read_text(file, columns=COLUMNS, delimiter="\t")
        reader = csv.DictReader(text.splitlines(keepends=True), delimiter="\t", strict=True)
        missing = [c for c in COLUMNS if c not in header_of(file, reader)]
        if missing:
            raise ListFormatError(
                file,
                "line 1 (header)",
                missing[0],
                f"missing {'column' if len(missing) == 1 else 'columns'}: {', '.join(missing)}",
            )
        entries: dict[str, ParsedEntry] = {}
        updates: list[str] = []
        try:
            for row in reader:
                if None in row or None in row.values():
                    raise ListFormatError(
                        file,
                        f"line {reader.line_num}",
                        "FR_Citation",
                        "wrong number of fields (truncated?)",
                    )
                _add_row(file, reader.line_num, row, entries)
                updates.append(row["Last_Update"].strip())
        except csv.Error as exc:
            raise ListFormatError(
                file, f"line {reader.reader.line_num}", "?", f"bad CSV: {exc}"
            ) from None  # DictReader.line_num lags behind a line that failed
        finish_entries(entries.values())
        today = date.today().isoformat()
        plausible = [u for u in updates if re.fullmatch(r"\d{4}-\d{2}-\d{2}", u) and u <= today]
        return ParsedList(
            source_name="US-BIS-DPL",
            format=self.format_name,
            publisher="U.S. Department of Commerce, Bureau of Industry and Security (BIS)",
            files=[file],
            entries=list(entries.values()),
            publisher_date=max(plausible) if plausible else None,
            regime="us",
        )


def _find_file(path: Path) -> Path | None:
    candidates = [path] if path.is_file() else sorted(p for p in path.iterdir() if p.is_file())
    for candidate in candidates:
        head = sniff_bytes(candidate, 512).decode("utf-8", errors="replace").lstrip("\ufeff")
        if head.startswith('"Name"\t"Street_Address"') or head.startswith("Name\tStreet_Address"):
            return candidate
    return None


def _add_row(file: Path, line: int, row: dict[str, str], entries: dict[str, ParsedEntry]) -> None:
    values = {k: (v or "").strip() for k, v in row.items()}
    name = " ".join(values["Name"].split())
    if not name:
        raise ListFormatError(file, f"line {line}", "Name", "empty")
    key = entry_key_of(name)
    entry = entries.get(key)
    if entry is None:
        entry = ParsedEntry(
            entry_key=key,
            entity_type=TYPE_NOT_STATED,
            primary_name=name,
            list_name="DPL",
            names=[ParsedName(name)],
            data={"orders": []},
        )
        entries[key] = entry
    city_state = " ".join(p for p in (values["City"], values["State"], values["Postal_Code"]) if p)
    full = ", ".join(p for p in (values["Street_Address"], city_state, values["Country"]) if p)
    address = ParsedAddress(full, city=values["City"] or None, country=values["Country"] or None)
    if full and address not in entry.addresses:
        entry.addresses.append(address)
    if values["Country"] and values["Country"] not in entry.countries:
        entry.countries.append(values["Country"])
    order = {field: values[field] for field in ORDER_FIELDS if values[field]}
    orders = entry.data["orders"]
    assert isinstance(orders, list)
    orders.append(order)
    effective = normalise_date(values["Effective_Date"])
    if effective and (entry.listed_on is None or effective < entry.listed_on):
        entry.listed_on = effective


PARSER = DplParser()
