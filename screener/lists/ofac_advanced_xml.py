"""OFAC's Advanced XML (the SDN_ADVANCED schema, namespace http://www.un.org/sanctions/1.0).

Fully normalised: a party's names are NamePartValues whose type is found through
NamePartGroups, countries and document types are ids into ReferenceValueSets, addresses
live in a separate Locations section, listings in SanctionsEntries and ownership in
ProfileRelationships. This module first builds the lookup tables, then assembles each
DistinctParty into a ParsedEntry with the same field conventions as the legacy CSV
(individuals as 'LAST, First'), so versions of one source imported from different
editions compare field by field.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

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
from screener.lists.normalise import finish_entries
from screener.lists.ofac_lists import list_names
from screener.lists.ofac_remarks import ID_LABELS
from screener.lists.ofac_vocabulary import (
    COUNTRY_FEATURES,
    DATE_FEATURES,
    ID_FEATURES,
    PERSONAL_FEATURES,
    alias_kind,
    entity_type,
)
from screener.lists.reading import sniff_bytes
from screener.lists.xmlread import iter_elements

if TYPE_CHECKING:  # the type only: every parse goes through defusedxml
    import xml.etree.ElementTree as ET


ROOT = "Sanctions"
NS_MARK = b"http://www.un.org/sanctions/1.0"


class _Doc:
    """The document with its namespace and lookup tables (id -> label)."""

    def __init__(self, file: Path, values: ET.Element) -> None:
        self.file = file
        self.ns = _ns(values)
        self.refs: dict[str, dict[str, str]] = defaultdict(dict)
        for value_set in values:
            for item in value_set:
                kind = item.tag.removeprefix(self.ns)
                self.refs[kind][item.get("ID", "")] = (
                    (item.get("Description") or "")
                    if kind == "AreaCode"
                    else (item.text or "").strip()
                )
                if kind == "PartySubType":
                    self.refs["PartySubTypeParent"][item.get("ID", "")] = item.get(
                        "PartyTypeID", ""
                    )

    def q(self, path: str) -> str:
        return "/".join(f"{self.ns}{part}" for part in path.split("/"))

    def find(self, element: ET.Element, path: str) -> ET.Element | None:
        return element.find(self.q(path))

    def all(self, element: ET.Element, path: str) -> list[ET.Element]:
        return element.findall(self.q(path))

    def text(self, element: ET.Element, path: str) -> str:
        return (element.findtext(self.q(path)) or "").strip()

    def ref(self, kind: str, ref_id: str | None) -> str:
        return self.refs[kind].get(ref_id or "", "")


def _looks_advanced(path: Path) -> bool:
    head = sniff_bytes(path)
    return NS_MARK in head and b"<Sanctions" in head


class OfacAdvancedXmlParser:
    format_name = "ofac-advanced-xml"

    def detect(self, path: Path) -> bool:
        return _find_file(path) is not None

    def parse(self, path: Path) -> ParsedList:
        file = _find_file(path)
        if file is None:
            raise ListFormatError(path, "content", ROOT, "no OFAC Advanced XML document found")
        state = _Stream(file)
        for name, element in iter_elements(file, set(_Stream.SECTIONS), None):
            state.take(name, element)
        entries = state.entries()
        links = state.links
        finish_entries(entries)
        lists = {short for e in entries for short in e.list_name.split("; ")}
        return ParsedList(
            source_name="OFAC-SDN" if lists == {"SDN"} else "OFAC-CONSOLIDATED",
            format=self.format_name,
            publisher="U.S. Treasury, Office of Foreign Assets Control (OFAC)",
            files=[file],
            entries=entries,
            links=links,
            publisher_date=state.issued,
            regime="ofac",
        )


def _find_file(path: Path) -> Path | None:
    candidates = [path] if path.is_file() else sorted(p for p in path.iterdir() if p.is_file())
    return next((p for p in candidates if _looks_advanced(p)), None)


def _ns(element: ET.Element) -> str:
    return element.tag[: element.tag.index("}") + 1] if element.tag.startswith("{") else ""


def _date_of(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    ns = _ns(element)
    parts = [(element.findtext(ns + tag) or "").strip() for tag in ("Year", "Month", "Day")]
    if not parts[0]:
        return None
    return "-".join([parts[0]] + [p.zfill(2) for p in parts[1:] if p])


Listing = tuple[str, str | None, list[str]]


class _Stream:
    """The document's sections as they stream past; parties wait for their listings."""

    SECTIONS = (
        "DateOfIssue",
        "ReferenceValueSets",
        "Location",
        "IDRegDocument",
        "DistinctParty",
        "ProfileRelationship",
        "SanctionsEntry",
    )

    def __init__(self, file: Path) -> None:
        self.file = file
        self.doc: _Doc | None = None
        self.issued: str | None = None
        self.locations: dict[str, ParsedAddress] = {}
        self.documents: dict[str, list[ParsedIdentifier]] = defaultdict(list)
        self.parties: list[tuple[str, ParsedEntry]] = []
        self.listings: dict[str, list[Listing]] = defaultdict(list)
        self.links: list[ParsedLink] = []

    def take(self, name: str, element: ET.Element) -> None:
        if name == "DateOfIssue":
            self.issued = _date_of(element)
            return
        if name == "ReferenceValueSets":
            self.doc = _Doc(self.file, element)
            return
        doc = self.doc
        if doc is None:
            raise ListFormatError(
                self.file, f"<{name}>", "ReferenceValueSets", "missing before the data"
            )
        if name == "Location":
            self.locations[element.get("ID", "")] = _location(doc, element)
        elif name == "IDRegDocument":
            identity, identifier = _document(doc, element)
            self.documents[identity].append(identifier)
        elif name == "DistinctParty":
            party = _Party(doc, element, self.locations, self.documents)
            self.parties.append((party.profile_id, party.parse()))
        elif name == "ProfileRelationship":
            self.links.append(_relationship(doc, element))
        else:
            profile, listing = _listing(doc, element)
            self.listings[profile].append(listing)

    def entries(self) -> list[ParsedEntry]:
        if self.doc is None:
            raise ListFormatError(self.file, f"<{ROOT}>", "ReferenceValueSets", "missing")
        for profile_id, entry in self.parties:
            listings = self.listings.get(profile_id, [])
            entry.list_name = list_names([name for name, _d, _p in listings])
            entry.programs = list(dict.fromkeys(p for _n, _d, ps in listings for p in ps))
            entry.listed_on = min((d for _n, d, _p in listings if d), default=None)
            entry.data["lists"] = [name for name, _d, _p in listings]
        return [entry for _profile, entry in self.parties]


def _location(doc: _Doc, location: ET.Element) -> ParsedAddress:
    parts: dict[str, str] = {}
    for part in doc.all(location, "LocationPart"):
        label = doc.ref("LocPartType", part.get("LocPartTypeID"))
        value = doc.text(part, "LocationPartValue/Value")
        if value:
            parts[label] = value
    country_el = doc.find(location, "LocationCountry")
    country = doc.ref("Country", country_el.get("CountryID")) if country_el is not None else ""
    full = ", ".join([*parts.values(), country] if country else parts.values())
    return ParsedAddress(full, city=parts.get("CITY"), country=country or None)


def _document(doc: _Doc, document: ET.Element) -> tuple[str, ParsedIdentifier]:
    label = doc.ref("IDRegDocType", document.get("IDRegDocTypeID"))
    number = doc.text(document, "IDRegistrationNo")
    if not number:
        raise ListFormatError(
            doc.file, f"<IDRegDocument ID={document.get('ID')!r}>", "IDRegistrationNo", "empty"
        )
    country = doc.ref("Country", document.get("IssuedBy-CountryID")) or None
    identifier = ParsedIdentifier(
        ID_LABELS.get(label, "other"), number, country=country, note=label
    )
    return document.get("IdentityID", ""), identifier


def _listing(doc: _Doc, entry: ET.Element) -> tuple[str, Listing]:
    """(profile id, (list name, entry date, programs)) of one SanctionsEntry."""
    programs = [
        doc.text(m, "Comment")
        for m in doc.all(entry, "SanctionsMeasure")
        if m.get("SanctionsTypeID") == "1"
    ]
    listing = (
        doc.ref("List", entry.get("ListID")),
        _date_of(doc.find(entry, "EntryEvent/Date")),
        [p for p in programs if p],
    )
    return entry.get("ProfileID", ""), listing


def _relationship(doc: _Doc, relation: ET.Element) -> ParsedLink:
    label = doc.ref("RelationType", relation.get("RelationTypeID"))
    subject, target = relation.get("From-ProfileID"), relation.get("To-ProfileID")
    if not subject or not target:
        raise ListFormatError(
            doc.file,
            f"<ProfileRelationship ID={relation.get('ID')!r}>",
            "From/To-ProfileID",
            "missing",
        )
    return ParsedLink(
        subject_key=subject,
        relation=re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_"),
        object_key=target,
        source_text=label + (" (former)" if relation.get("Former") == "true" else ""),
    )


class _Party:
    def __init__(
        self,
        doc: _Doc,
        element: ET.Element,
        locations: dict[str, ParsedAddress],
        documents: dict[str, list[ParsedIdentifier]],
    ) -> None:
        self.doc, self.element = doc, element
        self.locations, self.documents = locations, documents
        self.key = element.get("FixedRef", "")
        profile = doc.find(element, "Profile")
        self.profile_id = profile.get("ID", "") if profile is not None else ""
        self.where = f"<DistinctParty FixedRef={self.key!r}>"

    def parse(self) -> ParsedEntry:
        doc = self.doc
        profile = doc.find(self.element, "Profile")
        if profile is None or not self.key:
            raise ListFormatError(doc.file, self.where, "Profile", "missing")
        entity_type = self._type(profile.get("PartySubTypeID"))
        names: list[ParsedName] = []
        identifiers: list[ParsedIdentifier] = []
        for identity in doc.all(profile, "Identity"):
            names.extend(self._names(identity, entity_type))
            identifiers.extend(self.documents.get(identity.get("ID", ""), []))
        primary = next((n.name for n in names if n.kind == "primary"), None)
        if not primary:
            raise ListFormatError(doc.file, self.where, "Identity/Alias", "no primary name")
        entry = ParsedEntry(
            entry_key=self.key,
            entity_type=entity_type,
            primary_name=primary,
            names=names,
            identifiers=identifiers,
        )
        for feature in doc.all(profile, "Feature"):
            self._feature(entry, feature)
        return entry

    def _type(self, subtype_id: str | None) -> str:
        subtype = self.doc.ref("PartySubType", subtype_id)
        kind = entity_type(subtype)
        if kind is not None:
            return kind
        parent = self.doc.ref("PartyType", self.doc.ref("PartySubTypeParent", subtype_id))
        kind = entity_type(parent)
        if kind is None:
            raise ListFormatError(
                self.doc.file, self.where, "PartySubTypeID", f"unknown {subtype_id!r}"
            )
        return kind

    def _names(self, identity: ET.Element, entity_type: str) -> list[ParsedName]:
        doc = self.doc
        group_types = {
            group.get("ID", ""): doc.ref("NamePartType", group.get("NamePartTypeID"))
            for group in doc.all(identity, "NamePartGroups/MasterNamePartGroup/NamePartGroup")
        }
        names = []
        for alias in doc.all(identity, "Alias"):
            label = doc.ref("AliasType", alias.get("AliasTypeID"))
            kind = "primary" if label == "Name" else alias_kind(label)
            strength = "weak" if alias.get("LowQuality") == "true" else "strong"
            for documented in doc.all(alias, "DocumentedName"):
                parts: dict[str, list[str]] = defaultdict(list)
                script = "Latin"
                for value in doc.all(documented, "DocumentedNamePart/NamePartValue"):
                    parts[group_types.get(value.get("NamePartGroupID", ""), "")].append(
                        (value.text or "").strip()
                    )
                    script = doc.ref("Script", value.get("ScriptID")) or script
                name = _compose(parts, entity_type)
                if name:
                    names.append(
                        ParsedName(
                            name,
                            kind=kind,
                            strength=strength,
                            script=script.lower(),
                            is_original_script=script.lower() != "latin",
                        )
                    )
        return names

    def _feature(self, entry: ParsedEntry, feature: ET.Element) -> None:
        doc = self.doc
        label = doc.ref("FeatureType", feature.get("FeatureTypeID"))
        for version in doc.all(feature, "FeatureVersion"):
            period = doc.find(version, "DatePeriod")
            location = doc.find(version, "VersionLocation")
            detail = doc.find(version, "VersionDetail")
            value = ""
            if detail is not None:
                value = (detail.text or "").strip() or doc.ref(
                    "DetailReference", detail.get("DetailReferenceID")
                )
            if label in DATE_FEATURES and period is not None:
                entry.dates.append(ParsedDate(DATE_FEATURES[label], _period(doc, period)))
            elif location is not None:
                address = self.locations.get(location.get("LocationID", ""))
                if address is not None and address.full:
                    entry.addresses.append(address)
                    if address.country and address.country not in entry.countries:
                        entry.countries.append(address.country)
            elif label in COUNTRY_FEATURES and value:
                entry.countries.append(value)
            elif label in PERSONAL_FEATURES and value:
                values = entry.data.setdefault(PERSONAL_FEATURES[label], [])
                assert isinstance(values, list)
                values.append(value)
            elif label in ID_FEATURES and value:
                entry.identifiers.append(ParsedIdentifier(ID_FEATURES[label], value, note=label))
            elif value:
                features = entry.data.setdefault("features", {})
                assert isinstance(features, dict)
                features.setdefault(label.rstrip(" :-"), []).append(value)


def _compose(parts: dict[str, list[str]], entity_type: str) -> str:
    """'LAST, First Middle' for people (as OFAC prints them), parts in order otherwise."""
    last = " ".join(parts.pop("Last Name", []))
    rest = " ".join(v for values in parts.values() for v in values)
    if entity_type == "person" and last:
        return f"{last}, {rest}" if rest else last
    return " ".join(p for p in (rest, last) if p)


def _period(doc: _Doc, period: ET.Element) -> str:
    """A DatePeriod as a date, a year/month, or a range, as precise as the period says."""
    start = _date_of(doc.find(period, "Start/From"))
    end = _date_of(doc.find(period, "End/To"))
    approximate = any(
        e.get("Approximate") == "true" for e in doc.all(period, "Start") + doc.all(period, "End")
    )
    value = start or ""
    if start and end and start != end:
        if start[:4] == end[:4] and start[5:] in ("01-01",) and end[5:] == "12-31":
            value = start[:4]
        elif start[:7] == end[:7] and start.endswith("-01"):
            value = start[:7]
        else:
            value = f"{start}/{end}"
    return f"{value}~" if approximate and value else value


PARSER = OfacAdvancedXmlParser()
