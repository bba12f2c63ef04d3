"""GLEIF golden-copy XML: LEI-CDF (entities), RR-CDF (relationships), reporting exceptions.

Entities are keyed by their LEI, the one identifier every regulator accepts for a legal
entity. Relationship records read child -> parent: StartNode is the child, EndNode the
parent or manager ("A IS_DIRECTLY_CONSOLIDATED_BY B"), so the link's subject is the child
and its object the parent; getting this backwards would make a subsidiary own its parent.
An INACTIVE relationship, or one whose period has ended, is prefixed `former_`. GLEIF
quantifiers are accounting-consolidation figures, not shareholdings: the percentage is kept
as published with the measurement method in source_text.

Reporting exceptions (why no parent was reported: NON_CONSOLIDATING, NO_KNOWN_PERSON, ...)
are facts about the entity, kept in `data["reporting_exceptions"]`. An exception for an LEI
that is not in the parsed entity file becomes a link without an object, relation
`reporting_exception`, so it is not lost when the files are imported separately.

A path may be one file or a folder holding any mix of the three (subfolders are not read).
Entity and relationship files (GLEIF's full LEI-CDF file has 2.7 million records) are never
held whole: checked on a first pass, then re-read each time the loader walks the entries or
the links, in one transaction as any import; a file changed in between is refused.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy as np

from screener.lists.base import (
    ListFormatError,
    ParsedAddress,
    ParsedDate,
    ParsedEntry,
    ParsedIdentifier,
    ParsedLink,
    ParsedList,
    ParsedName,
    Reread,
)
from screener.lists.countries import country_code
from screener.lists.json_lines import FileStamp
from screener.lists.reading import head_text
from screener.lists.scripts import is_non_latin, script_of
from screener.lists.xmlread import XmlRecords, child, children, text_of

if TYPE_CHECKING:  # the type only: every parse goes through defusedxml
    from xml.etree.ElementTree import Element


T = TypeVar("T")

NS_LEI = "http://www.gleif.org/data/schema/leidata/2016"
NS_RR = "http://www.gleif.org/data/schema/rr/2016"
NS_REPEX = "http://www.gleif.org/data/schema/repex/2016"
RELATION_NAMES = {
    "IS_DIRECTLY_CONSOLIDATED_BY": "directly_consolidated_by",
    "IS_ULTIMATELY_CONSOLIDATED_BY": "ultimately_consolidated_by",
    "IS_INTERNATIONAL_BRANCH_OF": "branch_of",
    "IS_FUND-MANAGED_BY": "fund_managed_by",
    "IS_SUBFUND_OF": "subfund_of",
    "IS_FEEDER_TO": "feeder_to",
}


class GLEIFParser:
    format_name = "gleif-xml"

    def detect(self, path: Path) -> bool:
        return bool(_gleif_files(path))

    def parse(self, path: Path) -> ParsedList:
        """Exceptions are read whole; entities and relationships are checked on a first pass
        and handed to the loader by re-reading their files (`_Entities`, `_Relationships`,
        issue 19): GLEIF's full LEI-CDF file has 2.7 million records."""
        files = _gleif_files(path)
        if not files:
            raise ListFormatError(path, "document", "namespace", "no GLEIF LEI, RR or repex XML")
        exceptions: dict[str, list[dict[str, str]]] = {}  # by LEI
        published: list[tuple[str, dict[str, str]]] = []  # as the files list them
        content_dates: list[str] = []
        entities = _Entities([file for file, kind in files if kind == "lei"])
        relationships = _Relationships([file for file, kind in files if kind == "rr"])
        for file, kind in files:
            if kind in ("lei", "rr"):
                content_dates.append((entities.dates | relationships.dates)[file])
            else:
                records = XmlRecords(file, {"Exception"})
                for _, elem in records:
                    lei, exception = _exception(file, records, elem)
                    exception = {k: v for k, v in exception.items() if v}
                    exceptions.setdefault(lei, []).append(exception)
                    published.append((lei, exception))
                content_dates.append(records.header.get("ContentDate", ""))
        relationships.check()
        entities.check(exceptions, relationships.parents)
        orphans = [
            ParsedLink(
                subject_key=lei,
                relation="reporting_exception",
                source_text=f"{exception.get('category', '')}: {exception.get('reason', '')}",
            )
            for lei, exception in published
            if lei not in entities.excepted
        ]
        return ParsedList(
            source_name="GLEIF",
            format=self.format_name,
            publisher="Global Legal Entity Identifier Foundation",
            files=[f for f, _ in files],
            entries=Reread(lambda: entities.entries(exceptions), len(entities)),
            links=Reread(
                lambda: relationships.links(entities.names, orphans),
                len(relationships) + len(orphans),
            ),
            publisher_date=max(content_dates, default="") or None,
            regime="other",
        )


class _TwoPasses(Generic[T]):
    """Records of several files read twice: once to check every record and find the keys
    restated, once (each time the records are walked) to hand them out, so a file of
    millions of records is never millions of objects in memory.

    Files are read in ContentDate order. A later record with the same key replaces the
    earlier one where the earlier one stood. The first pass keeps 8 bytes per record, a hash
    of its key; only if two hashes agree is the file read once more to keep the latest record
    of those keys, compared by the keys themselves.
    """

    tag = ""

    def __init__(self, files: list[Path]) -> None:
        self.dates = {file: _content_date(file, self.tag) for file in files}
        self.files = sorted(files, key=lambda file: self.dates[file])  # stable: as listed
        self.stamps = {file: FileStamp.of(file) for file in files}
        self.restated: set[int] = set()  # hashes of keys seen more than once
        self.latest: dict[Hashable, T] = {}
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def key(self, record: T) -> Hashable:
        raise NotImplementedError

    def make(self, path: Path, records: XmlRecords, elem: Element) -> T:
        raise NotImplementedError

    def seen(self, record: T) -> None:
        """What the first pass keeps of each record besides its key's hash."""

    def check(self) -> None:
        hashes = array("q")
        for record in self._read():
            hashes.append(hash(self.key(record)))
            self.seen(record)
        values, counts = np.unique(np.frombuffer(hashes, dtype=np.int64), return_counts=True)
        self.restated = set(values[counts > 1].tolist())
        self._count = len(hashes)
        if self.restated:
            restated = 0
            for record in self._read():
                key = self.key(record)
                if hash(key) in self.restated:
                    restated += 1
                    self.latest[key] = record
            self._count += len(self.latest) - restated

    def _walk(self) -> Iterator[T]:
        """Every record once, a restated one as its latest version where it first stood."""
        handed: set[Hashable] = set()
        for record in self._read():
            if self.restated:
                key = self.key(record)
                if hash(key) in self.restated:
                    if key in handed:
                        continue
                    handed.add(key)
                    record = self.latest[key]
            yield record

    def _read(self) -> Iterator[T]:
        for file in self.files:
            self.stamps[file].check(file)
            records = XmlRecords(file, {self.tag})
            for _, elem in records:
                yield self.make(file, records, elem)
            self.stamps[file].check(file)


class _Entities(_TwoPasses[ParsedEntry]):
    """LEI-CDF records, keyed by LEI. The first pass also keeps the legal names of the LEIs
    that relationships name as parents (a link carries its parent's name) and which LEIs
    have reporting exceptions (the others' exceptions become links of their own)."""

    tag = "LEIRecord"

    def __init__(self, files: list[Path]) -> None:
        super().__init__(files)
        self.names: dict[str, str] = {}
        self.excepted: set[str] = set()
        self._parents = np.zeros(0, dtype=np.int64)
        self._exceptions: dict[str, list[dict[str, str]]] = {}

    def key(self, record: ParsedEntry) -> Hashable:
        return record.entry_key

    def make(self, path: Path, records: XmlRecords, elem: Element) -> ParsedEntry:
        return _entry(path, records, elem)

    def check(  # type: ignore[override]
        self, exceptions: dict[str, list[dict[str, str]]], parents: np.ndarray
    ) -> None:
        """`parents`: sorted hashes of the LEIs relationships name as parents."""
        self._exceptions, self._parents = exceptions, parents
        super().check()
        self._parents = np.zeros(0, dtype=np.int64)

    def seen(self, record: ParsedEntry) -> None:
        lei = record.entry_key
        parents, hashed = self._parents, hash(lei)
        at = int(np.searchsorted(parents, hashed))
        if at < len(parents) and parents[at] == hashed:
            self.names[lei] = record.primary_name  # the latest record's, as it is handed out
        if lei in self._exceptions:
            self.excepted.add(lei)

    def entries(self, exceptions: dict[str, list[dict[str, str]]]) -> Iterator[ParsedEntry]:
        for entry in self._walk():
            if entry.entry_key in exceptions:
                entry.data = {
                    **entry.data,
                    "reporting_exceptions": [dict(e) for e in exceptions[entry.entry_key]],
                }
            yield entry


class _Relationships(_TwoPasses[ParsedLink]):
    """RR-CDF records, keyed by (child, type, parent); the first pass also keeps a hash of
    each parent LEI, so that only parents' names are kept from the entity files."""

    tag = "RelationshipRecord"

    def __init__(self, files: list[Path]) -> None:
        super().__init__(files)
        self._parents = array("q")

    @property
    def parents(self) -> np.ndarray:
        """Sorted hashes of the parents' LEIs (8 bytes a relationship while checking)."""
        return np.unique(np.frombuffer(self._parents, dtype=np.int64))

    def key(self, record: ParsedLink) -> Hashable:
        return _key(record)

    def make(self, path: Path, records: XmlRecords, elem: Element) -> ParsedLink:
        return _relationship(path, records, elem)

    def seen(self, record: ParsedLink) -> None:
        self._parents.append(hash(record.object_key))

    def links(self, names: dict[str, str], orphans: list[ParsedLink]) -> Iterator[ParsedLink]:
        for link in self._walk():
            if link.object_key and link.object_key in names:
                link.object_name = names[link.object_key]
            yield link
        yield from orphans


def _key(link: ParsedLink) -> tuple[str, str, str | None]:
    return link.subject_key, link.relation.removeprefix("former_"), link.object_key


def _content_date(file: Path, tag: str) -> str:
    """The header's ContentDate, read without reading the records after it."""
    records = XmlRecords(file, {tag})
    for _ in records:
        break
    return records.header.get("ContentDate", "")


def _kind(path: Path) -> str | None:
    head = head_text(path, 2048)
    for namespace, kind in ((NS_LEI, "lei"), (NS_RR, "rr"), (NS_REPEX, "repex")):
        if namespace in head:
            return kind
    return None


def _gleif_files(path: Path) -> list[tuple[Path, str]]:
    candidates = (
        sorted(p for p in path.iterdir() if p.suffix.lower() == ".xml") if path.is_dir() else [path]
    )
    found = []
    for candidate in candidates:
        kind = _kind(candidate) if candidate.is_file() else None
        if kind:
            found.append((candidate, kind))
    return found


def _entry(path: Path, records: XmlRecords, elem: Element) -> ParsedEntry:
    lei = text_of(elem, "LEI")
    if len(lei) != 20:
        raise ListFormatError(
            path, records.where("LEIRecord"), "LEI", f"{lei!r} is not a 20-character LEI"
        )
    entity = child(elem, "Entity")
    if entity is None:
        raise ListFormatError(path, f"{records.where('LEIRecord')} ({lei})", "Entity", "missing")
    legal_name = text_of(entity, "LegalName")
    if not legal_name:
        raise ListFormatError(path, f"{records.where('LEIRecord')} ({lei})", "LegalName", "empty")
    addresses = [
        a
        for a in (_address(child(entity, t)) for t in ("LegalAddress", "HeadquartersAddress"))
        if a
    ]
    jurisdiction = text_of(entity, "LegalJurisdiction")
    countries = [country_code(jurisdiction[:2])] + [a.country for a in addresses]
    registration = child(elem, "Registration")
    return ParsedEntry(
        entry_key=lei,
        entity_type="organization",
        primary_name=legal_name,
        list_name=text_of(entity, "EntityCategory") or "LEI",
        names=[
            ParsedName(
                legal_name,
                script=script_of(legal_name),
                is_original_script=is_non_latin(legal_name),
            )
        ]
        + _other_names(entity),
        identifiers=[ParsedIdentifier("lei", lei)] + _registration_number(entity),
        addresses=addresses,
        dates=[ParsedDate("incorporation", _day(text_of(entity, "EntityCreationDate")))]
        if text_of(entity, "EntityCreationDate")
        else [],
        countries=list(dict.fromkeys(c for c in countries if c)),
        data={
            "entity_status": text_of(entity, "EntityStatus"),
            "legal_jurisdiction": jurisdiction,
            "legal_form": text_of(child(entity, "LegalForm"), "EntityLegalFormCode"),
            "registration_status": text_of(registration, "RegistrationStatus"),
            "last_update": text_of(registration, "LastUpdateDate"),
            "managing_lou": text_of(registration, "ManagingLOU"),
        },
    )


def _other_names(entity: Element) -> list[ParsedName]:
    names = []
    for group, tag in (
        ("OtherEntityNames", "OtherEntityName"),
        ("TransliteratedOtherEntityNames", "TransliteratedOtherEntityName"),
    ):
        for node in _nested(entity, group, tag):
            name = text_of(node)
            if name:
                kind = "fka" if node.get("type") == "PREVIOUS_LEGAL_NAME" else "aka"
                names.append(
                    ParsedName(
                        name, kind, script=script_of(name), is_original_script=is_non_latin(name)
                    )
                )
    return names


def _nested(elem: Element, group: str, tag: str) -> list[Element]:
    """The `tag` children of `elem`'s `group` child: <Group><Tag/><Tag/></Group>."""
    container = child(elem, group)
    return children(container, tag) if container is not None else []


def _registration_number(entity: Element) -> list[ParsedIdentifier]:
    authority = child(entity, "RegistrationAuthority")
    number = text_of(authority, "RegistrationAuthorityEntityID")
    if not number:
        return []
    return [
        ParsedIdentifier(
            "registration", number, note=text_of(authority, "RegistrationAuthorityID") or None
        )
    ]


def _address(node: Element | None) -> ParsedAddress | None:
    if node is None:
        return None
    lines = [text_of(n) for n in node if text_of(n) and not n.tag.endswith(("Country", "Region"))]
    country = text_of(node, "Country")
    full = ", ".join(lines + ([country] if country else []))
    return (
        ParsedAddress(full, city=text_of(node, "City") or None, country=country or None)
        if full
        else None
    )


def _day(value: str) -> str:
    return value[:10] if "T00:00:00" in value else value


def _relationship(path: Path, records: XmlRecords, elem: Element) -> ParsedLink:
    where = records.where("RelationshipRecord")
    relationship = child(elem, "Relationship")
    if relationship is None:
        raise ListFormatError(path, where, "Relationship", "missing")
    child_lei = text_of(child(relationship, "StartNode"), "NodeID")
    parent_lei = text_of(child(relationship, "EndNode"), "NodeID")
    kind = text_of(relationship, "RelationshipType")
    for value, field_name in (
        (child_lei, "StartNode/NodeID"),
        (parent_lei, "EndNode/NodeID"),
        (kind, "RelationshipType"),
    ):
        if not value:
            raise ListFormatError(path, where, field_name, "missing")
    relation = RELATION_NAMES.get(kind, kind.lower())
    periods = _periods(relationship)
    if text_of(relationship, "RelationshipStatus") == "INACTIVE" or any(p["end"] for p in periods):
        relation = f"former_{relation}"
    percentage, quantifier_text = _quantifier(path, where, relationship)
    registration = child(elem, "Registration")
    source = [
        f"{child_lei} {kind} {parent_lei}",
        f"status {text_of(relationship, 'RelationshipStatus')}",
        *(f"period {p['start']}..{p['end']}" for p in periods),
        quantifier_text,
        f"last update {text_of(registration, 'LastUpdateDate')}",
    ]
    return ParsedLink(
        subject_key=child_lei,
        relation=relation,
        object_key=parent_lei,
        percentage=percentage,
        source_text="; ".join(s for s in source if s.strip()),
    )


def _periods(relationship: Element) -> list[dict[str, str]]:
    """The relationship's own periods; accounting or filing periods ending says nothing."""
    return [
        {"start": text_of(node, "StartDate"), "end": text_of(node, "EndDate")}
        for node in _nested(relationship, "RelationshipPeriods", "RelationshipPeriod")
        if text_of(node, "PeriodType") == "RELATIONSHIP_PERIOD"
    ]


def _quantifier(path: Path, where: str, relationship: Element) -> tuple[float | None, str]:
    for node in _nested(relationship, "RelationshipQuantifiers", "RelationshipQuantifier"):
        amount, units = text_of(node, "QuantifierAmount"), text_of(node, "QuantifierUnits")
        method = text_of(node, "MeasurementMethod")
        if units != "PERCENTAGE" or not amount:
            continue
        try:
            return float(amount), f"{method} {amount} {units}"
        except ValueError:
            raise ListFormatError(
                path, where, "QuantifierAmount", f"{amount!r} is not a number"
            ) from None
    return None, ""


def _exception(path: Path, records: XmlRecords, elem: Element) -> tuple[str, dict[str, str]]:
    lei = text_of(elem, "LEI")
    if not lei:
        raise ListFormatError(path, records.where("Exception"), "LEI", "missing")
    return lei, {
        "category": text_of(elem, "ExceptionCategory"),
        "reason": text_of(elem, "ExceptionReason"),
        "reference": text_of(elem, "ExceptionReference"),
    }


PARSER = GLEIFParser()
