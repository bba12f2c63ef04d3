"""OFAC's classic XML (`sdnList` schema: sdn.xml, consolidated.xml).

One <sdnEntry> per party with typed child lists (akaList with a.k.a./f.k.a. and strong/weak
category, idList, addressList, dateOfBirthList ...). The info element is spelled
`publshInformation` by OFAC; its Publish_Date (MM/DD/YYYY) is the version's publisher date.
`idList` mixes real identifiers with notes ('Additional Sanctions Information -'); only
labels known as identifiers become identifiers, the rest is kept in `data`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from screener.lists.base import (
    ListFormatError,
    ParsedAddress,
    ParsedDate,
    ParsedEntry,
    ParsedIdentifier,
    ParsedList,
    ParsedName,
)
from screener.lists.dates import normalise_date
from screener.lists.normalise import finish_entries
from screener.lists.ofac_csv import CONS_LIST_BY_PROGRAM
from screener.lists.ofac_remarks import (
    ID_LABELS,
    RemarkFacts,
    links_for,
    names_to_keys,
    parse_remarks,
)
from screener.lists.ofac_vocabulary import ALIAS_KINDS, entity_type
from screener.lists.reading import sniff_bytes
from screener.lists.xmlread import iter_elements

if TYPE_CHECKING:  # the type only: every parse goes through defusedxml
    import xml.etree.ElementTree as ET


ROOT = "sdnList"
EXTRA_ID_LABELS = {
    "SWIFT/BIC": "swift",
    "Website": "website",
    "Email Address": "email",
    "MMSI": "mmsi",
}
COUNTRY_LABELS = {"Nationality of Registration"}
VESSEL_FIELDS = {
    "callSign": "Call_Sign",
    "vesselType": "Vess_type",
    "vesselFlag": "Vess_flag",
    "vesselOwner": "Vess_owner",
    "tonnage": "Tonnage",
    "grossRegisteredTonnage": "GRT",
}


def _find_file(path: Path) -> Path | None:
    candidates = [path] if path.is_file() else sorted(p for p in path.iterdir() if p.is_file())
    return next((p for p in candidates if b"<sdnList" in sniff_bytes(p, 1024)), None)


def _person_name(last: str, first: str) -> str:
    return f"{last}, {first}" if first and last else (last or first)


class OfacSdnListXmlParser:
    format_name = "ofac-sdnlist-xml"

    def detect(self, path: Path) -> bool:
        return _find_file(path) is not None

    def parse(self, path: Path) -> ParsedList:
        file = _find_file(path)
        if file is None:
            raise ListFormatError(path, "content", ROOT, "no OFAC sdnList XML document found")
        parsed: list[tuple[ParsedEntry, RemarkFacts]] = []
        published = ""
        reader: _Reader | None = None
        for name, element in iter_elements(file, {"Publish_Date", "sdnEntry"}):
            if name == "Publish_Date":
                published = normalise_date(element.text or "")
                continue
            if reader is None:
                reader = _Reader(
                    file,
                    element.tag[: element.tag.index("}") + 1]
                    if element.tag.startswith("{")
                    else "",
                )
            parsed.append(reader.entry(element, len(parsed) + 1))
        if reader is None:
            raise ListFormatError(
                file, f"<{ROOT}>", "sdnEntry", "no entries: not an sdnList document"
            )
        entries = [entry for entry, _facts in parsed]
        finish_entries(entries)
        keys_by_name = names_to_keys(entries)
        links = [
            link
            for entry, facts in parsed
            for link in links_for(entry.entry_key, facts, keys_by_name)
        ]
        return ParsedList(
            source_name="OFAC-SDN" if reader.is_sdn else "OFAC-CONSOLIDATED",
            format=self.format_name,
            publisher="U.S. Treasury, Office of Foreign Assets Control (OFAC)",
            files=[file],
            entries=entries,
            links=links,
            publisher_date=published or None,
            regime="ofac",
        )


class _Reader:
    def __init__(self, file: Path, ns: str) -> None:
        self.file, self.ns = file, ns
        self.is_sdn = file.name.lower().startswith("sdn")

    def text(self, element: ET.Element, path: str) -> str:
        return (element.findtext("/".join(self.ns + p for p in path.split("/"))) or "").strip()

    def all(self, element: ET.Element, path: str) -> list[ET.Element]:
        return element.findall("/".join(self.ns + p for p in path.split("/")))

    def entry(self, element: ET.Element, position: int) -> tuple[ParsedEntry, RemarkFacts]:
        key = self.text(element, "uid")
        where = f"<sdnEntry> {position} (uid {key or '?'})"
        if not key:
            raise ListFormatError(self.file, where, "uid", "missing")
        label = self.text(element, "sdnType")
        kind = entity_type(label)
        if kind is None:
            raise ListFormatError(self.file, where, "sdnType", f"unknown {label.lower()!r}")
        primary = _person_name(self.text(element, "lastName"), self.text(element, "firstName"))
        if not primary:
            raise ListFormatError(self.file, where, "lastName", "empty name")
        remarks = self.text(element, "remarks")
        facts = parse_remarks(remarks)
        programs = [(p.text or "").strip() for p in self.all(element, "programList/program")]
        entry = ParsedEntry(
            entry_key=key,
            entity_type=kind,
            primary_name=primary,
            list_name=_list_name(programs, self.is_sdn),
            names=[ParsedName(primary), *self._akas(element, where), *facts.names],
            identifiers=list(facts.identifiers),
            dates=list(facts.dates),
            programs=programs,
            countries=list(facts.countries),
            remarks=remarks,
            data={},
        )
        title = self.text(element, "title")
        if title:
            entry.data["Title"] = title
        self._ids(element, entry)
        self._addresses(element, entry)
        self._personal(element, entry)
        for tag, column in VESSEL_FIELDS.items():
            value = self.text(element, f"vesselInfo/{tag}")
            if value:
                entry.data[column] = value
        flag = entry.data.get("Vess_flag")
        if isinstance(flag, str) and flag not in entry.countries:
            entry.countries.append(flag)
        return entry, facts

    def _akas(self, element: ET.Element, where: str) -> list[ParsedName]:
        names = []
        for aka in self.all(element, "akaList/aka"):
            kind = ALIAS_KINDS.get(self.text(aka, "type").lower())
            if kind is None:
                raise ListFormatError(
                    self.file, where, "aka/type", f"unknown {self.text(aka, 'type')!r}"
                )
            name = _person_name(self.text(aka, "lastName"), self.text(aka, "firstName"))
            strength = "weak" if self.text(aka, "category").lower() == "weak" else "strong"
            names.append(ParsedName(name, kind=kind, strength=strength))
        return names

    def _ids(self, element: ET.Element, entry: ParsedEntry) -> None:
        notes: dict[str, list[str]] = {}
        for item in self.all(element, "idList/id"):
            label, number = self.text(item, "idType"), self.text(item, "idNumber")
            id_type = ID_LABELS.get(label) or EXTRA_ID_LABELS.get(label)
            if label == "Vessel Registration Identification":
                number = number.removeprefix("IMO ").strip()
            if id_type and number:
                note_parts = [label] + [
                    f"{word} {self.text(item, tag)}"
                    for tag, word in (("issueDate", "issued"), ("expirationDate", "expires"))
                    if self.text(item, tag)
                ]
                entry.identifiers.append(
                    ParsedIdentifier(
                        id_type,
                        number,
                        country=self.text(item, "idCountry") or None,
                        note=" ".join(note_parts),
                    )
                )
            elif label in COUNTRY_LABELS and number:
                entry.countries.append(number)
            elif label == "Organization Established Date":
                entry.dates.append(ParsedDate("incorporation", normalise_date(number)))
            elif number:
                notes.setdefault(label.rstrip(" :-"), []).append(number)
        if notes:
            entry.data["features"] = notes

    def _addresses(self, element: ET.Element, entry: ParsedEntry) -> None:
        for address in self.all(element, "addressList/address"):
            parts = [
                self.text(address, tag)
                for tag in (
                    "address1",
                    "address2",
                    "address3",
                    "city",
                    "stateOrProvince",
                    "postalCode",
                    "country",
                )
            ]
            full = ", ".join(p for p in parts if p)
            country = self.text(address, "country") or None
            if full:
                entry.addresses.append(
                    ParsedAddress(full, city=self.text(address, "city") or None, country=country)
                )
            if country and country not in entry.countries:
                entry.countries.append(country)

    def _personal(self, element: ET.Element, entry: ParsedEntry) -> None:
        for item in self.all(element, "dateOfBirthList/dateOfBirthItem"):
            value = self.text(item, "dateOfBirth")
            if value:
                entry.dates.append(ParsedDate("birth", normalise_date(value)))
        places = [
            self.text(i, "placeOfBirth")
            for i in self.all(element, "placeOfBirthList/placeOfBirthItem")
        ]
        if any(places):
            entry.data["places_of_birth"] = [p for p in places if p]
        for path in ("nationalityList/nationality", "citizenshipList/citizenship"):
            for item in self.all(element, path):
                country = self.text(item, "country")
                if country and country not in entry.countries:
                    entry.countries.append(country)


def _list_name(programs: list[str], is_sdn: bool) -> str:
    """The classic XML has no list element; in the consolidated file the programs say which."""
    if is_sdn:
        return "SDN"
    for prefix, name in CONS_LIST_BY_PROGRAM:
        if any(p.startswith(prefix) for p in programs):
            return name
    return "Consolidated (non-SDN)"


PARSER = OfacSdnListXmlParser()
