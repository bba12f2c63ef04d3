"""OFAC's Enhanced XML (SDN_ENHANCED / CONS_ENHANCED, usually zipped).

The richest OFAC edition: names in original scripts (Cyrillic, Chinese) as translations,
typed identity documents, dated features, and explicit relationship records ("Owned or
Controlled By", "Acting for or on behalf of") between entity ids, which become EntryLinks
with both ends resolved. Accepts the .zip as published, the XML inside it, or a folder
holding either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from screener.containers import ContainerError, SafeZip, is_zip, open_zip
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
from screener.lists.dates import normalise_date
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


ROOT = "sanctionsData"
MAX_XML_BYTES = 512 * 1024 * 1024  # a zip member larger than this is refused (zip bomb)
SCRIPTS = {
    "latin": "latin",
    "cyrillic": "cyrillic",
    "chinese simplified": "han",
    "chinese traditional": "han",
}


def _root_tag_of(data: bytes) -> str | None:
    match = re.search(
        rb"<(?:[\w.-]+:)?([A-Za-z_][\w.-]*)[\s>]",
        re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", data, flags=re.S),
    )
    return match.group(1).decode("ascii") if match else None


def _xml_member(archive: SafeZip) -> str | None:
    members = [m for m in archive.names() if m.lower().endswith(".xml")]
    return members[0] if len(members) == 1 else None


def _find_file(path: Path) -> Path | None:
    if path.is_file():
        return path
    for candidate in sorted(path.iterdir()):
        if candidate.is_file() and _looks_enhanced(candidate):
            return candidate
    return None


def _looks_enhanced(path: Path) -> bool:
    if is_zip(path):
        try:
            with open_zip(path) as archive:
                member = _xml_member(archive)
                if member is None:
                    return False
                with archive.open(member) as handle:
                    return _root_tag_of(handle.read(4096)) == ROOT
        except ContainerError:
            return False
    return _root_tag_of(sniff_bytes(path)) == ROOT


class OfacEnhancedXmlParser:
    format_name = "ofac-enhanced-xml"

    def detect(self, path: Path) -> bool:
        found = _find_file(path)
        return found is not None and _looks_enhanced(found)

    def parse(self, path: Path) -> ParsedList:
        file = _find_file(path)
        if file is None:
            raise ListFormatError(
                path, "folder", ROOT, "no OFAC Enhanced XML file or zip in the folder"
            )
        entries: list[ParsedEntry] = []
        links: list[ParsedLink] = []
        as_of: str | None = None
        try:
            with self._open(file) as (where, stream):
                for name, element in iter_elements(where, {"dataAsOf", "entity"}, stream):
                    if name == "dataAsOf":
                        as_of = (element.text or "").strip() or None
                        continue
                    ns = element.tag[: element.tag.index("}") + 1] if element.tag[:1] == "{" else ""
                    entry, entry_links = _Entity(where, ns, element, len(entries) + 1).parse()
                    entries.append(entry)
                    links.extend(entry_links)
        except ContainerError as exc:
            where_text = f"{exc.where}, after entity #{len(entries)}"
            raise ListFormatError(file, where_text, "zip", exc.problem) from None
        if not entries and as_of is None:
            raise ListFormatError(
                file,
                f"<{ROOT}>",
                "entities",
                "no <entity> elements: not an OFAC Enhanced XML document",
            )
        finish_entries(entries)
        sources = {short for e in entries for short in e.list_name.split("; ")}
        is_sdn = sources == {"SDN"}
        return ParsedList(
            source_name="OFAC-SDN" if is_sdn else "OFAC-CONSOLIDATED",
            format=self.format_name,
            publisher="U.S. Treasury, Office of Foreign Assets Control (OFAC)",
            files=[file],
            entries=entries,
            links=links,
            publisher_date=as_of[:10] if as_of else None,
            regime="ofac",
        )

    @staticmethod
    @contextmanager
    def _open(file: Path) -> Iterator[tuple[Path, IO[bytes]]]:
        """The XML stream, from the file or from the single .xml inside the zip."""
        if not is_zip(file):
            with file.open("rb") as handle:
                yield file, handle
            return
        with open_zip(file) as archive:
            member = _xml_member(archive)
            if member is None:
                raise ListFormatError(
                    file, "zip", "member", "the zip must hold exactly one .xml file"
                )
            if archive.size(member) > MAX_XML_BYTES:
                raise ListFormatError(
                    file, member, "size", "uncompressed size over 512 MiB refused"
                )
            with archive.open(member) as handle:
                yield Path(f"{file}!{member}"), cast(IO[bytes], handle)


class _Entity:
    """One <entity>: reads its parts, naming the entity id in any error."""

    def __init__(self, file: Path, ns: str, element: ET.Element, position: int) -> None:
        self.file, self.ns, self.element = file, ns, element
        self.key = element.get("id") or ""
        self.where = f"<entity id={self.key!r}> (entity {position})"
        if not self.key:
            raise ListFormatError(file, f"<entity> number {position}", "id", "missing")

    def _all(self, path: str) -> list[ET.Element]:
        return self.element.findall("/".join(f"{self.ns}{p}" for p in path.split("/")))

    def _text(self, element: ET.Element, path: str) -> str:
        return (element.findtext("/".join(f"{self.ns}{p}" for p in path.split("/"))) or "").strip()

    def parse(self) -> tuple[ParsedEntry, list[ParsedLink]]:
        label = self._text(self.element, "generalInfo/entityType")
        kind = entity_type(label)
        if kind is None:
            raise ListFormatError(
                self.file, self.where, "generalInfo/entityType", f"unknown {label!r}"
            )
        names = self._names()
        primary = next(
            (n.name for n in names if n.kind == "primary" and not n.is_original_script),
            next((n.name for n in names if n.kind == "primary"), None),
        )
        if not primary:
            raise ListFormatError(self.file, self.where, "names/name", "no primary name")
        published = [(e.text or "").strip() for e in self._all("sanctionsLists/sanctionsList")]
        dates_published = [
            e.get("datePublished") or "" for e in self._all("sanctionsLists/sanctionsList")
        ]
        entry = ParsedEntry(
            entry_key=self.key,
            entity_type=kind,
            primary_name=primary,
            list_name=list_names(published),
            names=names,
            programs=[
                (e.text or "").strip() for e in self._all("sanctionsPrograms/sanctionsProgram")
            ],
            listed_on=min((d for d in dates_published if d), default=None),
            data={"lists": published},
        )
        self._addresses(entry)
        self._features(entry)
        self._documents(entry)
        return entry, self._relationships()

    def _names(self) -> list[ParsedName]:
        names: list[ParsedName] = []
        for name in self._all("names/name"):
            is_primary = self._text(name, "isPrimary") == "true"
            kind = "primary" if is_primary else alias_kind(self._text(name, "aliasType"))
            strength = "weak" if self._text(name, "isLowQuality") == "true" else "strong"
            for translation in name.findall(f"{self.ns}translations/{self.ns}translation"):
                full = self._text(translation, "formattedFullName")
                if not full:
                    continue
                script = SCRIPTS.get(
                    self._text(translation, "script").lower(),
                    self._text(translation, "script").lower() or None,
                )
                names.append(
                    ParsedName(
                        full,
                        kind=kind,
                        strength=strength,
                        script=script,
                        is_original_script=script not in (None, "latin"),
                    )
                )
        return names

    def _addresses(self, entry: ParsedEntry) -> None:
        for address in self._all("addresses/address"):
            country = self._text(address, "country") or None
            parts: dict[str, str] = {}
            for part in address.iter(f"{self.ns}addressPart"):
                parts.setdefault(self._text(part, "type"), self._text(part, "value"))
            full = ", ".join(v for v in (*parts.values(), country) if v)
            if full:
                entry.addresses.append(ParsedAddress(full, city=parts.get("CITY"), country=country))
            if country and country not in entry.countries:
                entry.countries.append(country)

    def _features(self, entry: ParsedEntry) -> None:
        other: dict[str, list[str]] = {}
        for feature in self._all("features/feature"):
            label = self._text(feature, "type")
            value = self._text(feature, "value")
            if not value:
                continue
            if label in DATE_FEATURES:
                entry.dates.append(ParsedDate(DATE_FEATURES[label], normalise_date(value)))
            elif label in COUNTRY_FEATURES:
                if value not in entry.countries:
                    entry.countries.append(value)
            elif label in PERSONAL_FEATURES:
                values = entry.data.setdefault(PERSONAL_FEATURES[label], [])
                assert isinstance(values, list)
                values.append(value)
            elif label in ID_FEATURES:
                entry.identifiers.append(ParsedIdentifier(ID_FEATURES[label], value, note=label))
            else:
                other.setdefault(label.rstrip(" :-"), []).append(value)
        if other:
            entry.data["features"] = other

    def _documents(self, entry: ParsedEntry) -> None:
        for document in self._all("identityDocuments/identityDocument"):
            label = self._text(document, "type")
            number = self._text(document, "documentNumber")
            if not number:
                raise ListFormatError(
                    self.file, self.where, "identityDocument/documentNumber", "empty"
                )
            entry.identifiers.append(
                ParsedIdentifier(
                    ID_LABELS.get(label, "other"),
                    number,
                    country=self._text(document, "issuingCountry") or None,
                    note=label,
                )
            )

    def _relationships(self) -> list[ParsedLink]:
        links: list[ParsedLink] = []
        for relationship in self._all("relationships/relationship"):
            label = self._text(relationship, "type")
            related = relationship.find(f"{self.ns}relatedEntity")
            if related is None or not related.get("entityId"):
                raise ListFormatError(
                    self.file, self.where, "relationship/relatedEntity", "missing entityId"
                )
            links.append(
                ParsedLink(
                    subject_key=self.key,
                    relation=_slug(label),
                    object_key=related.get("entityId"),
                    object_name=(related.text or "").strip() or None,
                    source_text=label,
                )
            )
        return links


def _slug(label: str) -> str:
    """'Owned or Controlled By' -> 'owned_or_controlled_by'."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")


PARSER = OfacEnhancedXmlParser()
