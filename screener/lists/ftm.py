"""OpenSanctions FollowTheMoney entities (JSON lines, one entity per line).

Which entities become entries: every Person, Company, Organization, LegalEntity, Vessel and
Airplane, not only those with `target: true`. In the zala sample all 3 non-target companies
are Russian-register (ext_ru_egrul) subsidiaries that a sanctioned person owns 100 % or
75 % of; they are exactly what the 50 % rule blocks, and dropping them would leave those
ownership edges pointing at nothing. They are kept apart: `list_name` is "related (not
listed)", no programme, and `data["target"]` is False, so screening can tell a designation
from a company that is only owned by one.

Relationship entities become links: Ownership (asset owned by owner, with the percentage
when given), Directorship (organisation controlled by director), Family/Associate (linked).
An edge with an end date is history, so its relation is prefixed `former_`: the sample has
several Zakharov -> LLC CST stakes (51 %, 50 %, 48 %) of which only the open one is current.
Sanction entities give the programmes of the entity they point at; Address entities fill
in the addresses that `addressEntity` refers to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from sys import intern
from typing import Any

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
    Reread,
)
from screener.lists.countries import country_code
from screener.lists.json_lines import FileStamp, json_objects
from screener.lists.json_publication import JsonPublication
from screener.lists.reading import head_text
from screener.lists.scripts import is_non_latin, script_of

ENTITY_TYPES = {
    "Person": "person",
    "Company": "organization",
    "Organization": "organization",
    "LegalEntity": TYPE_NOT_STATED,  # FtM's word for "person or organisation, not said"
    "PublicBody": "organization",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
# schema -> (subject property, object property, relation)
LINK_SCHEMAS = {
    "Ownership": ("asset", "owner", "ownership"),
    "Directorship": ("organization", "director", "control"),
    "Family": ("person", "relative", "linked_to"),
    "Associate": ("person", "associate", "linked_to"),
    "UnknownLink": ("object", "subject", "linked_to"),
    "Representation": ("client", "agent", "linked_to"),
    "Membership": ("organization", "member", "linked_to"),
}
IDENTIFIER_PROPERTIES = {
    "leiCode": "lei",
    "imoNumber": "imo",
    "registrationNumber": "registration",
    "ogrnCode": "registration",
    "innCode": "tax_id",
    "taxNumber": "tax_id",
    "kppCode": "registration",
    "passportNumber": "passport",
    "idNumber": "national_id",
    "swiftBic": "swift",
    "permId": "perm_id",
    "uniqueEntityId": "unique_entity_id",
    "mmsi": "mmsi",
    "callSign": "call_sign",
    "icaoCode": "icao",
}


class FollowTheMoneyParser:
    format_name = "ftm-json"

    def detect(self, path: Path) -> bool:
        return _PUBLICATION.claims(path)

    def parse(self, path: Path) -> ParsedList:
        """Check every line and gather the cross-references; entries and links come later.

        The first pass refuses any bad line before the database is touched and keeps only
        what entries and links borrow from other lines (sanctions, addresses, captions);
        `entries` and `links` re-read the file when walked, so a file of a million entities
        is never in memory as entities (issue 19).
        """
        files = _PUBLICATION.files_to_parse(path)
        refs = _References()
        for file in files:
            refs.read(file)
        return ParsedList(
            source_name="OpenSanctions-FtM",
            format=self.format_name,
            publisher="OpenSanctions",
            files=files,
            entries=Reread(lambda: refs.entries(files), refs.entry_count),
            links=Reread(lambda: refs.links(files), refs.link_count),
            publisher_date=refs.latest or None,
            regime="other",
        )


OTHER, ENTRY, LINK = 0, 1, 2  # what a line holds, noted on the first pass


@dataclass(frozen=True, slots=True)
class _Sanction:
    """What an entry borrows from a Sanction entity: programmes, dates, the authority."""

    program_ids: tuple[str, ...]  # programId, else program when it is a name (_TAG_LENGTH)
    listed: tuple[str, ...]  # listingDate then startDate
    authority: str
    program: str
    start: str
    end: str

    @classmethod
    def of(cls, entity: dict[str, Any]) -> _Sanction:
        # interned: a full collection repeats a few hundred programmes, authorities and dates
        # over a million sanctions, and each line's JSON makes its own copy of the text
        return cls(
            tuple(map(intern, _props(entity, "programId") or _program_names(entity))),
            tuple(map(intern, _props(entity, "listingDate") + _props(entity, "startDate"))),
            intern(", ".join(_props(entity, "authority"))),
            intern(", ".join(_props(entity, "program"))),
            intern(", ".join(_props(entity, "startDate") or _props(entity, "listingDate"))),
            intern(", ".join(_props(entity, "endDate"))),
        )


def _program_names(entity: dict[str, Any]) -> list[str]:
    """A Sanction's `program` wording where it has no programme id, when it is a name.

    Most publishers' wording is a name ("UKRAINE-EO13660"); Japan's Ministry of Finance
    gives a paragraph of its notice (over 200 characters), which as an entry's programme
    tag was printed in full in every regime's explanation of the memo. The wording stays in
    `data["sanctions"]` with the entry."""
    return [text for text in _props(entity, "program") if len(text) <= _TAG_LENGTH]


_TAG_LENGTH = 60


class _References:
    """The first pass: every line checked, and what other lines will need from it.

    A complete walk of the entries drops the sanctions and addresses, one of the links drops
    the captions: the loader walks each once and then relinks every list, whose facts are
    the import's peak (a million entries: the first pass holds ~400 MB). Walking again reads
    the first pass again.
    """

    def __init__(self) -> None:
        self.dropped: set[int] = set()  # ENTRY, LINK: what a completed walk let go
        self.kinds: dict[Path, bytearray] = {}  # per file, line number -> OTHER/ENTRY/LINK
        self.stamps: dict[Path, FileStamp] = {}
        self.sanctions: dict[str, list[_Sanction]] = {}  # by the entity they designate
        self.addresses: dict[str, tuple[str, str | None, str | None]] = {}  # full, city, country
        self.captions: dict[str, str] = {}
        self.entry_count = 0
        self.link_count = 0
        self.latest = ""

    def read(self, path: Path) -> None:
        self.stamps[path] = FileStamp.of(path)
        kinds = self.kinds[path] = bytearray()
        for number, entity in json_objects(path):
            _check_entity(path, number, entity)
            schema = entity["schema"]
            kind = OTHER
            if schema in ENTITY_TYPES:
                if not _has_name(entity):
                    raise ListFormatError(
                        path, f"line {number}", "name", f"entity {entity['id']} has no name"
                    )
                kind = ENTRY
                self.entry_count += 1
            elif schema in LINK_SCHEMAS:
                _percentage(path, number, entity)
                kind = LINK
                self.link_count += _link_count(entity)
            elif schema == "Sanction":
                sanction = _Sanction.of(entity)
                for target in _props(entity, "entity"):
                    self.sanctions.setdefault(target, []).append(sanction)
            elif schema == "Address":
                full = (_props(entity, "full") or [""])[0]
                if full:
                    country = next(iter(_props(entity, "country")), None)
                    city = next(iter(_props(entity, "city")), None)
                    self.addresses[entity["id"]] = (full, city, country_code(country))
            if kind != LINK and schema != "Sanction":
                caption = str(entity.get("caption") or "")
                if caption:
                    self.captions[entity["id"]] = caption
            self.latest = max(
                self.latest, entity.get("last_change") or entity.get("last_seen") or ""
            )
            if kind != OTHER:
                kinds.extend(bytes(number + 1 - len(kinds)))
                kinds[number] = kind

    def _lines(self, files: list[Path], kind: int) -> Iterator[tuple[Path, int, dict[str, Any]]]:
        for path in files:
            stamp, kinds = self.stamps[path], self.kinds[path]
            stamp.check(path)
            for number, entity in json_objects(path, _lines_of(kinds, kind)):
                _check_entity(path, number, entity)
                yield path, number, entity
            stamp.check(path)

    def entries(self, files: list[Path]) -> Iterator[ParsedEntry]:
        self._restore(files, ENTRY)
        for path, number, entity in self._lines(files, ENTRY):
            yield _entry(path, number, entity, self)
        self.sanctions, self.addresses = {}, {}
        self.dropped.add(ENTRY)

    def links(self, files: list[Path]) -> Iterator[ParsedLink]:
        self._restore(files, LINK)
        for path, number, entity in self._lines(files, LINK):
            yield from _links(path, number, entity, self.captions)
        self.captions = {}
        self.dropped.add(LINK)

    def _restore(self, files: list[Path], kind: int) -> None:
        """Read the first pass again if a completed walk dropped what this walk needs."""
        if kind not in self.dropped:
            return
        for file in files:
            self.stamps[file].check(file)
        self.dropped.clear()
        self.sanctions, self.addresses, self.captions = {}, {}, {}
        self.entry_count = self.link_count = 0
        for file in files:
            self.read(file)


def _looks_like_ftm(path: Path) -> bool:
    first = head_text(path).lstrip().splitlines()[:1]
    return (
        bool(first)
        and first[0].startswith("{")
        and all(key in first[0] for key in ('"schema"', '"properties"', '"id"'))
    )


_PUBLICATION = JsonPublication("FtM JSON lines", (".json", ".jsonl", ".ijson"), _looks_like_ftm)


def _lines_of(kinds: bytearray, kind: int) -> Callable[[int], bool]:
    last = len(kinds)
    return lambda number: number < last and kinds[number] == kind


def _check_entity(path: Path, number: int, entity: dict[str, Any]) -> None:
    for field_name in ("id", "schema"):
        if not entity.get(field_name):
            raise ListFormatError(path, f"line {number}", field_name, "missing")
    if not isinstance(entity.get("properties", {}), dict):
        raise ListFormatError(path, f"line {number}", "properties", "not an object")


def _props(entity: dict[str, Any], name: str) -> list[str]:
    # asked about 45 times an entity, mostly for properties it lacks: answer those at once
    # (a third of the parse of a large file went into building empty lists)
    values = entity.get("properties", _NONE).get(name)
    if not values or not isinstance(values, list):
        return []
    return [text for text in (str(v).strip() for v in values) if text]


_NONE: dict[str, Any] = {}


def _entry(path: Path, line: int, entity: dict[str, Any], refs: _References) -> ParsedEntry:
    names = _names(entity)
    if not names:
        raise ListFormatError(path, f"line {line}", "name", f"entity {entity['id']} has no name")
    sanctions = refs.sanctions.get(entity["id"], [])
    is_target = bool(entity.get("target"))
    countries = [
        c
        for prop in ("country", "nationality", "citizenship", "jurisdiction", "flag")
        for c in (country_code(v) for v in _props(entity, prop))
        if c
    ]
    programs = [p for s in sanctions for p in s.program_ids]
    return ParsedEntry(
        entry_key=entity["id"],
        entity_type=ENTITY_TYPES[entity["schema"]],
        primary_name=names[0].name,
        list_name="sanctioned" if is_target else "related (not listed)",
        names=names,
        identifiers=_identifiers(entity),
        addresses=_addresses(entity, refs.addresses),
        dates=_dates(entity),
        programs=list(dict.fromkeys(programs)) if is_target else [],
        countries=list(dict.fromkeys(countries)),
        remarks="\n".join(_props(entity, "notes")),
        listed_on=min((d for s in sanctions for d in s.listed), default=None),
        data=_extra(entity, sanctions),
    )


def _has_name(entity: dict[str, Any]) -> bool:
    """Whether `_names` finds any, without building them (the first pass asks for each)."""
    caption = str(entity.get("caption") or "").strip()
    return bool(caption and caption != entity.get("schema")) or any(
        _props(entity, prop) for prop in ("name", "alias", "weakAlias", "previousName")
    )


def _names(entity: dict[str, Any]) -> list[ParsedName]:
    """The caption first, then every other name; FtM lists all scripts in one `name`."""
    caption = str(entity.get("caption") or "").strip()
    all_names = _props(entity, "name")
    primary = caption if caption and caption != entity.get("schema") else (all_names[:1] or [""])[0]
    names: list[ParsedName] = []
    seen: set[str] = set()
    for value, kind, strength in (
        [(primary, "primary", "strong")]
        + [(n, "aka", "strong") for n in all_names + _props(entity, "alias")]
        + [(n, "aka", "weak") for n in _props(entity, "weakAlias")]
        + [(n, "fka", "strong") for n in _props(entity, "previousName")]
    ):
        if value and value not in seen:
            seen.add(value)
            names.append(
                ParsedName(
                    value, kind, strength, script_of(value), is_original_script=is_non_latin(value)
                )
            )
    return names


def _identifiers(entity: dict[str, Any]) -> list[ParsedIdentifier]:
    return [
        ParsedIdentifier(id_type, value, note=prop)
        for prop, id_type in IDENTIFIER_PROPERTIES.items()
        for value in _props(entity, prop)
    ]


def _addresses(
    entity: dict[str, Any], known: dict[str, tuple[str, str | None, str | None]]
) -> list[ParsedAddress]:
    found: dict[str, ParsedAddress] = {}
    for ref in _props(entity, "addressEntity"):
        if ref in known:
            full, city, country = known[ref]
            found.setdefault(full, ParsedAddress(full, city=city, country=country))
    for full in _props(entity, "address"):
        found.setdefault(full, ParsedAddress(full))
    return list(found.values())


def _dates(entity: dict[str, Any]) -> list[ParsedDate]:
    return [
        ParsedDate(kind, value)
        for prop, kind in (("birthDate", "birth"), ("incorporationDate", "incorporation"))
        for value in _props(entity, prop)
    ]


def _extra(entity: dict[str, Any], sanctions: list[_Sanction]) -> dict[str, object]:
    extra: dict[str, object] = {
        "target": bool(entity.get("target")),
        "schema": entity["schema"],
        "datasets": entity.get("datasets", []),
        "referents": entity.get("referents", []),
    }
    for prop in ("position", "topics", "gender", "birthPlace", "legalForm", "status", "website"):
        if _props(entity, prop):
            extra[prop] = _props(entity, prop)
    if sanctions:
        extra["sanctions"] = [
            {"authority": s.authority, "program": s.program, "start": s.start, "end": s.end}
            for s in sanctions
        ]
    return extra


def _link_count(entity: dict[str, Any]) -> int:
    subject_prop, object_prop, _ = LINK_SCHEMAS[entity["schema"]]
    return len(_props(entity, subject_prop)) * len(_props(entity, object_prop))


def _links(
    path: Path, line: int, entity: dict[str, Any], captions: dict[str, str]
) -> list[ParsedLink]:
    subject_prop, object_prop, relation = LINK_SCHEMAS[entity["schema"]]
    subjects, objects = _props(entity, subject_prop), _props(entity, object_prop)
    if not subjects or not objects:
        return []  # a half edge carries no relation worth screening
    if _props(entity, "endDate"):
        relation = f"former_{relation}"
    percentage = _percentage(path, line, entity)
    return [
        ParsedLink(
            subject_key=subject,
            relation=relation,
            object_key=obj,
            object_name=captions.get(obj),
            percentage=percentage,
            source_text=_describe(entity),
        )
        for subject in subjects
        for obj in objects
    ]


def _percentage(path: Path, line: int, entity: dict[str, Any]) -> float | None:
    values = _props(entity, "percentage")
    if not values:
        return None
    text = values[0].rstrip("%").strip().replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ListFormatError(
            path, f"line {line}", "percentage", f"{values[0]!r} is not a number"
        ) from None


def _describe(entity: dict[str, Any]) -> str:
    parts = [entity["schema"]]
    for prop in ("role", "relationship", "percentage", "sharesCount", "startDate", "endDate"):
        values = _props(entity, prop)
        if values:
            parts.append(f"{prop}: {', '.join(values)}")
    parts.append(f"id: {entity['id']}")
    return "; ".join(parts)


PARSER = FollowTheMoneyParser()
