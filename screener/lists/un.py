"""UN Security Council Consolidated List (scsanctions.un.org XML, sc-sanctions.xsd).

One INDIVIDUAL or ENTITY element is one entry, keyed by REFERENCE_NUMBER (`CDi.001`,
`QDe.004`): the UN's permanent reference, quoted in every resolution, so it is stable
across versions. The sanctions committee (`UN_LIST_TYPE`: Al-Qaida, DPRK, ...) is the
programme. Individuals grade aliases Good/Low, entities a.k.a./f.k.a.: both vocabularies
map onto our kind and strength. Birth dates are kept as published (year only, a from/to
range '1973/1974', approximate '1966~'), never completed to a full date.
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
from screener.lists.countries import country_code
from screener.lists.reading import head_text
from screener.lists.scripts import script_of
from screener.lists.xmlread import XmlRecords, children, text_of

if TYPE_CHECKING:  # the type only: every parse goes through defusedxml
    from xml.etree.ElementTree import Element


SOURCE_NAME = "UN-SC"

# (QUALITY value) -> (kind, strength). Individuals: Good/Low; entities: a.k.a./f.k.a.
_ALIAS_QUALITY = {
    "good": ("aka", "strong"),
    "low": ("aka", "weak"),
    "a.k.a.": ("aka", "strong"),
    "f.k.a.": ("fka", "strong"),
    "": ("aka", "strong"),
}

_DOCUMENT_TYPES = {
    "passport": "passport",
    "national identification number": "national_id",
    "identification number": "national_id",
    "tax identification number": "tax_id",
    "birth certificate": "birth_certificate",
    "driving license": "driving_licence",
    "other": "other",
}


class UNConsolidatedParser:
    format_name = "un-xml"

    def detect(self, path: Path) -> bool:
        return path.is_file() and "<CONSOLIDATED_LIST" in head_text(path)

    def parse(self, path: Path) -> ParsedList:
        records = XmlRecords(path, {"INDIVIDUAL", "ENTITY"})
        entries = [_entry(path, records, tag, elem) for tag, elem in records]
        if records.root_tag != "CONSOLIDATED_LIST":
            raise ListFormatError(
                path, "root element", "CONSOLIDATED_LIST", f"found <{records.root_tag}>"
            )
        return ParsedList(
            source_name=SOURCE_NAME,
            format=self.format_name,
            publisher="United Nations Security Council",
            files=[path],
            entries=entries,
            publisher_date=records.root_attrib.get("dateGenerated"),
            regime="un",
        )


def _entry(path: Path, records: XmlRecords, tag: str, elem: Element) -> ParsedEntry:
    reference = text_of(elem, "REFERENCE_NUMBER")
    if not reference:
        raise ListFormatError(path, records.where(tag), "REFERENCE_NUMBER", "missing or empty")
    is_person = tag == "INDIVIDUAL"
    primary, *other_spellings = _names_in(_primary_name(elem, is_person)) or [""]
    if not primary:
        raise ListFormatError(
            path, f"{records.where(tag)} ({reference})", "FIRST_NAME", "no name given"
        )
    nationalities = [v for v in _values(elem, "NATIONALITY") if v]
    addresses = _addresses(elem, "INDIVIDUAL_ADDRESS" if is_person else "ENTITY_ADDRESS")
    countries = _codes(nationalities + [a.country or "" for a in addresses])
    entry = ParsedEntry(
        entry_key=reference,
        entity_type="person" if is_person else "organization",
        primary_name=primary,
        list_name=text_of(elem, "UN_LIST_TYPE"),
        names=[ParsedName(primary, script=script_of(primary))]
        + [ParsedName(name, kind="aka", script=script_of(name)) for name in other_spellings]
        + _original_script_names(elem)
        + _aliases(elem, "INDIVIDUAL_ALIAS" if is_person else "ENTITY_ALIAS"),
        identifiers=_documents(elem),
        addresses=addresses,
        dates=_birth_dates(elem),
        programs=[p for p in [text_of(elem, "UN_LIST_TYPE")] if p],
        countries=countries,
        remarks=text_of(elem, "COMMENTS1"),
        listed_on=text_of(elem, "LISTED_ON") or None,
        data=_extra(elem, nationalities),
    )
    return entry


def _primary_name(elem: Element, is_person: bool) -> str:
    parts = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
    names = [" ".join(text_of(elem, part).split()) for part in parts]
    return " ".join(name for name in names if name)


def _original_script_names(elem: Element) -> list[ParsedName]:
    names = []
    for node in children(elem, "NAME_ORIGINAL_SCRIPT"):
        text = text_of(node)
        if text:
            names.append(
                ParsedName(text, kind="aka", script=script_of(text), is_original_script=True)
            )
    return names


def _aliases(elem: Element, tag: str) -> list[ParsedName]:
    names = []
    for alias in children(elem, tag):
        kind, strength = _ALIAS_QUALITY.get(text_of(alias, "QUALITY").lower(), ("aka", "strong"))
        # 169 empty placeholders <QUALITY/><ALIAS_NAME/> in the 2026 file give no name
        for name in _names_in(text_of(alias, "ALIAS_NAME")):
            names.append(ParsedName(name, kind=kind, strength=strength, script=script_of(name)))
    return names


def _names_in(text: str) -> list[str]:
    """The names in one name field. The UN sometimes publishes several spellings in one
    field joined by ';' ('Javad Rahigi; Jawad Rahigi; Jawad Rahiqi': 27 aliases and one
    entity's name in the 2026 file); kept joined they are one long name that meets none of
    its spellings. '&' never separates: 'CHANG AN SHIPPING & TECHNOLOGY' is one name."""
    return [" ".join(part.split()) for part in text.split(";") if part.strip()]


def _documents(elem: Element) -> list[ParsedIdentifier]:
    documents = []
    for doc in children(elem, "INDIVIDUAL_DOCUMENT"):
        number = text_of(doc, "NUMBER")
        if not number:
            continue
        published_type = text_of(doc, "TYPE_OF_DOCUMENT")
        notes = [text_of(doc, "TYPE_OF_DOCUMENT2"), text_of(doc, "NOTE")]
        issued = text_of(doc, "DATE_OF_ISSUE")
        if issued:
            notes.append(f"issued {issued}")
        country = text_of(doc, "ISSUING_COUNTRY") or text_of(doc, "COUNTRY_OF_ISSUE")
        documents.append(
            ParsedIdentifier(
                id_type=_DOCUMENT_TYPES.get(published_type.lower(), "other"),
                value=number,
                country=country_code(country) or (country or None),
                note="; ".join(n for n in [published_type, *notes] if n) or None,
            )
        )
    return documents


def _addresses(elem: Element, tag: str) -> list[ParsedAddress]:
    addresses = []
    for node in children(elem, tag):
        fields = ["STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"]
        parts = [" ".join(text_of(node, f).split()) for f in fields]
        note = text_of(node, "NOTE")
        full = ", ".join(p for p in parts if p)
        if note:
            full = f"{full} ({note})" if full else note
        if not full:
            continue
        country = text_of(node, "COUNTRY")
        addresses.append(
            ParsedAddress(
                full=full,
                city=text_of(node, "CITY") or None,
                country=country_code(country) or (country or None),
            )
        )
    return addresses


def _birth_dates(elem: Element) -> list[ParsedDate]:
    dates = []
    for node in children(elem, "INDIVIDUAL_DATE_OF_BIRTH"):
        value = _published_date(node)
        if value and text_of(node, "TYPE_OF_DATE") == "APPROXIMATELY":
            value += "~"  # EDTF 'approximate', as screener.lists.dates writes it
        if value:
            dates.append(ParsedDate("birth", value))
    return dates


def _published_date(node: Element) -> str:
    """'1971-03-02', '1966', or '1973/1974' for BETWEEN; '' when only a note is given."""
    exact = text_of(node, "DATE")
    if exact:
        return exact
    year = text_of(node, "YEAR")
    if year:
        return year
    start, end = text_of(node, "FROM_YEAR"), text_of(node, "TO_YEAR")
    if start and end:
        return f"{start}/{end}"
    return start or end


def _values(elem: Element, tag: str) -> list[str]:
    return [text_of(v) for node in children(elem, tag) for v in children(node, "VALUE")]


def _codes(names: list[str]) -> list[str]:
    codes: list[str] = []
    for name in names:
        code = country_code(name)
        if code and code not in codes:
            codes.append(code)
    return codes


def _extra(elem: Element, nationalities: list[str]) -> dict[str, object]:
    """What the UN publishes beyond our common fields, kept for the entry view and memo."""
    extra: dict[str, object] = {"dataid": text_of(elem, "DATAID")}
    for key, tag in (("designations", "DESIGNATION"), ("titles", "TITLE")):
        values = [v for v in _values(elem, tag) if v]
        if values:
            extra[key] = values
    if nationalities:
        extra["nationalities"] = nationalities
    updated = [v for v in _values(elem, "LAST_DAY_UPDATED") if v]
    if updated:
        extra["last_updated"] = updated
    gender = text_of(elem, "GENDER")
    if gender:
        extra["gender"] = gender
    birth = _birth_details(elem)
    if birth:
        extra["birth_dates_published"] = birth
    places = _birth_places(elem)
    if places:
        extra["birth_places"] = places
    return extra


def _birth_details(elem: Element) -> list[dict[str, str]]:
    """TYPE_OF_DATE (EXACT / APPROXIMATELY / BETWEEN) and notes, which a bare value loses."""
    details = []
    for node in children(elem, "INDIVIDUAL_DATE_OF_BIRTH"):
        detail = {
            "type": text_of(node, "TYPE_OF_DATE"),
            "value": _published_date(node),
            "note": text_of(node, "NOTE"),
        }
        if any(detail.values()):
            details.append({k: v for k, v in detail.items() if v})
    return details


def _birth_places(elem: Element) -> list[str]:
    places = []
    for node in children(elem, "INDIVIDUAL_PLACE_OF_BIRTH"):
        parts = [text_of(node, f) for f in ("CITY", "STATE_PROVINCE", "COUNTRY")]
        place = ", ".join(p for p in parts if p)
        if place:
            places.append(place)
    return places


PARSER = UNConsolidatedParser()
