"""EU Financial Sanctions Files, XML export (namespace http://eu.europa.eu/fpi/fsd/export).

The EU's own machine-readable list: one `sanctionEntity` per subject with `nameAlias`,
`citizenship`, `birthdate`, `identification`, `address` and `regulation` children, all
values in attributes. The EU reference number (`EU.27.28`) is the entry key because it is
what the EU and other lists quote; the numeric `logicalId` is the fallback. The first name
alias is the primary name (the FSF has no separate flag for it); `strong="false"` marks a
weak alias. Birth dates keep their precision: a year, a month, a range or `circa`.
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
from screener.lists.reading import head_text
from screener.lists.scripts import is_non_latin, script_of
from screener.lists.xmlread import XmlRecords, children, text_of

if TYPE_CHECKING:  # the type only: every parse goes through defusedxml
    from xml.etree.ElementTree import Element


NAMESPACE = "http://eu.europa.eu/fpi/fsd/export"
SUBJECT_TYPES = {"person": "person", "enterprise": "organization", "vessel": "vessel"}
IDENTIFICATION_TYPES = {
    "passport": "passport",
    "id": "national_id",
    "regnumber": "registration",
    "fiscalcode": "tax_id",
    "swiftbic": "swift",
    "imo": "imo",
    "ssn": "national_id",
    "birthcert": "birth_certificate",
    "drivinglicence": "driving_licence",
}


class EUFinancialSanctionsParser:
    format_name = "eu-fsf-xml"

    def detect(self, path: Path) -> bool:
        head = head_text(path) if path.is_file() else ""
        return NAMESPACE in head and "<export" in head

    def parse(self, path: Path) -> ParsedList:
        records = XmlRecords(path, {"sanctionEntity"})
        entries = [_entry(path, records, elem) for _, elem in records]
        if records.root_tag != "export":
            raise ListFormatError(path, "root element", "export", f"found <{records.root_tag}>")
        return ParsedList(
            source_name="EU-FSF",
            format=self.format_name,
            publisher="European Commission (Financial Sanctions Files)",
            files=[path],
            entries=entries,
            publisher_date=records.root_attrib.get("generationDate"),
            regime="eu",
        )


def _entry(path: Path, records: XmlRecords, elem: Element) -> ParsedEntry:
    where = records.where("sanctionEntity")
    key = elem.get("euReferenceNumber") or elem.get("logicalId") or ""
    if not key:
        raise ListFormatError(path, where, "euReferenceNumber", "missing (and no logicalId)")
    subject = children(elem, "subjectType")
    code = subject[0].get("code", "") if subject else ""
    entity_type = SUBJECT_TYPES.get(code)
    if entity_type is None:
        raise ListFormatError(path, f"{where} ({key})", "subjectType", f"unknown code {code!r}")
    names = _names(elem)
    if not names:
        raise ListFormatError(path, f"{where} ({key})", "nameAlias", "no wholeName given")
    regulations = children(elem, "regulation")
    citizenships = [_country(c) for c in children(elem, "citizenship")]
    addresses = [_address(a) for a in children(elem, "address")]
    return ParsedEntry(
        entry_key=key,
        entity_type=entity_type,
        primary_name=names[0].name,
        list_name="EU FSF",
        names=names,
        identifiers=[
            _identification(i) for i in children(elem, "identification") if i.get("number")
        ],
        addresses=[a for a in addresses if a.full],
        dates=[d for d in (_birthdate(b) for b in children(elem, "birthdate")) if d],
        programs=list(
            dict.fromkeys(r.get("programme", "") for r in regulations if r.get("programme"))
        ),
        countries=list(
            dict.fromkeys(c for c in citizenships + [a.country for a in addresses] if c)
        ),
        remarks="\n".join(text_of(r) for r in children(elem, "remark") if text_of(r)),
        listed_on=min((r.get("publicationDate", "") for r in regulations), default="") or None,
        data=_extra(elem, regulations),
    )


def _names(elem: Element) -> list[ParsedName]:
    names: list[ParsedName] = []
    for alias in children(elem, "nameAlias"):
        whole = " ".join((alias.get("wholeName") or "").split())
        if not whole:
            continue
        kind = "aka" if names else "primary"
        strength = "weak" if alias.get("strong") == "false" else "strong"
        names.append(
            ParsedName(
                whole, kind, strength, script_of(whole), is_original_script=is_non_latin(whole)
            )
        )
    return names


def _country(node: Element) -> str | None:
    code = (node.get("countryIso2Code") or "").upper()
    return code if len(code) == 2 and code.isalpha() else None


def _identification(node: Element) -> ParsedIdentifier:
    code = node.get("identificationTypeCode", "")
    flags = [
        f
        for f in ("diplomatic", "knownExpired", "knownFalse", "reportedLost")
        if node.get(f) == "true"
    ]
    note = "; ".join(v for v in [node.get("identificationTypeDescription", ""), *flags] if v)
    return ParsedIdentifier(
        id_type=IDENTIFICATION_TYPES.get(code, code or "other"),
        value=node.get("number", "").strip(),
        country=_country(node),
        note=note or None,
    )


def _address(node: Element) -> ParsedAddress:
    parts = [node.get(f, "") for f in ("street", "poBox", "zipCode", "city", "region", "place")]
    country = node.get("countryDescription", "") if _country(node) else ""
    full = ", ".join(p.strip() for p in [*parts, country] if p and p.strip())
    return ParsedAddress(full=full, city=node.get("city") or None, country=_country(node))


def _birthdate(node: Element) -> ParsedDate | None:
    """'1972-11-26', '1963-06', '1965', '1960/1962' or circa '1965~', as published."""
    date = _birth_value(node)
    if date and node.get("circa") == "true":
        date += "~"  # EDTF 'approximate', as screener.lists.dates writes it
    return ParsedDate("birth", date) if date else None


def _birth_value(node: Element) -> str | None:
    if node.get("birthdate"):
        return node.get("birthdate", "")
    year = node.get("year", "")
    month = node.get("monthOfYear", "")
    if year and month:
        return f"{int(year):04d}-{int(month):02d}"
    if year:
        return year
    start, end = node.get("yearRangeFrom", ""), node.get("yearRangeTo", "")
    if start and end:
        return f"{start}/{end}"
    return None


def _extra(elem: Element, regulations: list[Element]) -> dict[str, object]:
    extra: dict[str, object] = {"logical_id": elem.get("logicalId", "")}
    if elem.get("unitedNationId"):
        extra["un_reference"] = elem.get("unitedNationId")
    extra["regulations"] = [r.get("numberTitle", "") for r in regulations if r.get("numberTitle")]
    functions = [a.get("function") for a in children(elem, "nameAlias") if a.get("function")]
    if functions:
        extra["functions"] = list(dict.fromkeys(functions))
    return extra


PARSER = EUFinancialSanctionsParser()
