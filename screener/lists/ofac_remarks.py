"""OFAC's Remarks field, split into the facts it carries.

The legacy CSV (and the CSL's copy of OFAC rows) packs birth dates, passports, registration
numbers, weak aliases and 'Linked To:' links into one free-text field separated by '; '.
Screening needs them typed: an IMO number or LEI settles a match that a name alone cannot.
Each item keeps its published label as the identifier's `note`, so nothing is lost when our
type vocabulary is coarser than OFAC's.

In sdn.csv the a.k.a.s inside Remarks are OFAC's *weak* (low-quality) aliases; the strong
ones are in alt.csv. Items that are not recognised stay in `remarks`, which is kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from screener.lists.base import ParsedDate, ParsedEntry, ParsedIdentifier, ParsedLink, ParsedName
from screener.lists.dates import normalise_date

# Published label -> our identifier type. Longer labels are tried first.
ID_LABELS: dict[str, str] = {
    "Passport": "passport",
    "Diplomatic Passport": "passport",
    "Travel Document Number": "passport",
    "National ID No.": "national_id",
    "Cedula No.": "national_id",
    "Identification Number": "national_id",
    "Personal ID Card": "national_id",
    "C.U.R.P.": "national_id",
    "D.N.I.": "national_id",
    "Electoral Registry No.": "national_id",
    "National Foreign ID Number": "national_id",
    "Turkish Identification Number": "national_id",
    "Numero de Identidad": "national_id",
    "Kenyan ID No.": "national_id",
    "Refugee ID Card": "national_id",
    "Residency Number": "national_id",
    "Birth Certificate Number": "birth_certificate",
    "Tax ID No.": "tax_id",
    "R.F.C.": "tax_id",
    "V.A.T. Number": "tax_id",
    "Italian Fiscal Code": "tax_id",
    "NIT #": "tax_id",
    "RUC #": "tax_id",
    "Registration Number": "registration",
    "Business Registration Number": "registration",
    "Business Registration": "registration",
    "Registration ID": "registration",
    "Public Registration Number": "registration",
    "Commercial Registry Number": "registration",
    "Company Number": "registration",
    "UK Company Number": "registration",
    "Folio Mercantil No.": "registration",
    "C.R. No.": "registration",
    "Trade License No.": "registration",
    "Chamber of Commerce Number": "registration",
    "Istanbul Chamber of Comm. No.": "registration",
    "Dubai Chamber of Commerce Membership No.": "registration",
    "Central Registration System Number": "registration",
    "Business Number": "registration",
    "Enterprise Number": "registration",
    "Certificate of Incorporation Number": "registration",
    "Government Gazette Number": "registration",
    "Economic Register Number (CBLS)": "registration",
    "Registered Charity No.": "registration",
    "Unified Social Credit Code (USCC)": "registration",
    "United Social Credit Code Certificate (USCCC)": "registration",
    "Legal Entity Number": "lei",
    "LE Number": "lei",
    "Vessel Registration Identification": "imo",
    "Identification Number IMO": "imo_company",
    "Company Number IMO": "imo_company",
    "MMSI": "mmsi",
    "SWIFT/BIC": "swift",
    "Aircraft Tail Number": "aircraft_tail",
    "Previous Aircraft Tail Number": "aircraft_tail",
    "Aircraft Manufacturer's Serial Number (MSN)": "aircraft_msn",
    "Aircraft Serial Identification": "aircraft_msn",
    "Aircraft Mode S Transponder Code": "aircraft_mode_s",
    "D-U-N-S Number": "duns",
    "Chinese Commercial Code": "chinese_commercial_code",
    "Email Address": "email",
    "Website": "website",
    "Phone Number": "phone",
    "Telephone No.": "phone",
}
_LABELS_BY_FIRST_WORD: dict[str, list[str]] = {}
for _label in sorted(ID_LABELS, key=len, reverse=True):
    _LABELS_BY_FIRST_WORD.setdefault(_label.split(" ", 1)[0], []).append(_label)

_ALIAS = re.compile(r"^(a|f|n)\.k\.a\.,?\s+'(.+)'$", re.IGNORECASE)
_DATE_ITEMS = {
    "DOB": "birth",
    "alt. DOB": "birth",
    "Organization Established Date": "incorporation",
    "alt. Organization Established Date": "incorporation",
}
_COUNTRY_ITEMS = ("nationality ", "alt. nationality ", "citizen ", "alt. citizen ")
_VALUE_TAIL = re.compile(
    r"^(?P<value>.+?)(?:\s+\((?P<country>[^()]+)\))?(?P<note>\s+(?:issued|expires|expired)\b.*)?$"
)
_GENERIC_ID = re.compile(
    r"^(?P<label>[A-Z][A-Za-z.'/ -]*?(?:Number|No\.|ID|Code))\s+(?P<rest>\S*\d.*)$"
)


@dataclass
class RemarkFacts:
    names: list[ParsedName] = field(default_factory=list)
    identifiers: list[ParsedIdentifier] = field(default_factory=list)
    dates: list[ParsedDate] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    places_of_birth: list[str] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # relation, name, text
    extra: dict[str, list[str]] = field(default_factory=dict)


def split_items(remarks: str) -> list[str]:
    text = remarks.strip()
    if text.startswith("(") and text.endswith(")"):  # the classic XML wraps remarks in ()
        text = text[1:-1].strip()
    text = text[:-1] if text.endswith(".") else text
    return [item.strip() for item in text.split("; ") if item.strip()]


def parse_remarks(remarks: str) -> RemarkFacts:
    facts = RemarkFacts()
    for item in split_items(remarks):
        _parse_item(item, facts)
    return facts


def _parse_item(item: str, facts: RemarkFacts) -> None:
    if alias := _ALIAS.match(item):
        kind = alias.group(1).lower() + "ka"
        facts.names.append(ParsedName(alias.group(2).strip(), kind=kind, strength="weak"))
        return
    if item.startswith("Linked To: "):
        facts.links.append(("linked_to", item.removeprefix("Linked To: ").strip(), item))
        return
    if item.startswith("Owned or Controlled By: "):
        target = item.removeprefix("Owned or Controlled By: ").strip()
        facts.links.append(("owned_or_controlled_by", target, item))
        return
    if item.startswith("POB "):
        facts.places_of_birth.append(item.removeprefix("POB ").strip())
        return
    if item.startswith("Gender "):
        facts.extra.setdefault("gender", []).append(item.removeprefix("Gender ").strip())
        return
    for prefix in _COUNTRY_ITEMS:
        if item.startswith(prefix):
            facts.countries.append(item.removeprefix(prefix).strip())
            return
    for label, kind in _DATE_ITEMS.items():
        if item.startswith(label + " "):
            facts.dates.append(ParsedDate(kind, normalise_date(item.removeprefix(label + " "))))
            return
    identifier = digital_currency(item) or parse_identifier(item)
    if identifier is not None:
        facts.identifiers.append(identifier)
    elif item.startswith(("Additional Sanctions Information", "Secondary sanctions risk")):
        facts.extra.setdefault("sanctions_information", []).append(item)


def parse_identifier(item: str) -> ParsedIdentifier | None:
    """'Passport A123 (Egypt) issued 01 Jan 2010' -> passport A123, country Egypt, note."""
    text = item.removeprefix("alt. ")
    for label in _LABELS_BY_FIRST_WORD.get(text.split(" ", 1)[0], ()):
        if text.startswith(label + " "):
            return _identifier(ID_LABELS[label], label, text[len(label) + 1 :])
    generic = _GENERIC_ID.match(text)
    if generic:
        return _identifier("other", generic.group("label"), generic.group("rest"))
    return None


def _identifier(id_type: str, label: str, rest: str) -> ParsedIdentifier | None:
    rest = rest.strip()
    if id_type == "imo":
        rest = rest.removeprefix("IMO ").strip()
    match = _VALUE_TAIL.match(rest)
    if not match or not match.group("value").strip():
        return None
    note = label + (match.group("note") or "")
    if id_type == "other":
        note = label
    return ParsedIdentifier(
        id_type=id_type,
        value=match.group("value").strip(),
        country=match.group("country"),
        note=note.strip(),
    )


def digital_currency(item: str) -> ParsedIdentifier | None:
    """'Digital Currency Address - XBT 1A2b...' -> crypto address with its currency."""
    match = re.match(r"^(?:alt\. )?Digital Currency Address - (\w+) (\S+)$", item)
    if not match:
        return None
    return ParsedIdentifier(
        "crypto", match.group(2), note=f"Digital Currency Address - {match.group(1)}"
    )


def names_to_keys(entries: list[ParsedEntry]) -> dict[str, str]:
    """Upper-cased name -> entry key: primary names first, then strong aliases.

    'Linked To:' names the counterparty as printed, usually its primary name, sometimes a
    former or alternative one; a weak alias is too vague to pin a link on.
    """
    keys: dict[str, str] = {}
    for entry in entries:
        keys.setdefault(entry.primary_name.upper(), entry.entry_key)
    for entry in entries:
        for name in entry.names:
            if name.strength == "strong":
                keys.setdefault(name.name.upper(), entry.entry_key)
    return keys


def links_for(
    subject_key: str, facts: RemarkFacts, keys_by_name: dict[str, str]
) -> list[ParsedLink]:
    """ParsedLinks, resolving the named counterparty to an entry of the same list if one exists."""
    links = []
    for relation, name, text in facts.links:
        # The last remark's full stop was cut as a sentence end; it may belong to 'CO.'.
        for candidate in (name, name + "."):
            if candidate.upper() in keys_by_name:
                name = candidate
                break
        links.append(
            ParsedLink(
                subject_key=subject_key,
                relation=relation,
                object_key=keys_by_name.get(name.upper()),
                object_name=name,
                source_text=text,
            )
        )
    return links
