"""What every list parser produces, independent of the publisher's format.

A parser reads files and yields `ParsedEntry` and `ParsedLink` objects; `screener.lists.load`
writes them as one ListVersion inside one unit of work. Parsers never touch the database,
so each format can be tested on its own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class ListFormatError(Exception):
    """Bad input: names the file, the line/row/element and the field."""

    def __init__(self, file: str | Path, where: str, field_name: str, problem: str) -> None:
        self.file = str(file)
        self.where = where
        self.field_name = field_name
        self.problem = problem
        place = [self.file] + ([where] if where else []) + [f"field {field_name!r}"] * bool(field_name)
        super().__init__(f"{', '.join(place)}: {problem}")


# What a publisher that does not say whether a name is a person or an organisation gets:
# the matcher lets an entry of unknown kind meet every query (rules/matching/schemas.yaml),
# where a guess ("organization" for the CSL's untyped lists, a person for a DPL name with no
# legal form) kept a person's query from the ITAR-debarred person and a company's query
# from "MAHAN AIRWAYS".
TYPE_NOT_STATED = "unknown"


def type_shown(entity_type: str, lang: str = "en") -> str:
    """An entry's type as a reader is shown it: 'not stated' where the publisher says none."""
    if entity_type != TYPE_NOT_STATED:
        return entity_type
    return "記載なし" if lang == "ja" else "not stated"


@dataclass
class ParsedName:
    name: str
    kind: str = "primary"  # primary | aka | fka | nka
    strength: str = "strong"  # strong | weak
    script: str | None = None  # latin, cyrillic, han, kana, arabic ...
    is_original_script: bool = False


@dataclass
class ParsedIdentifier:
    id_type: str  # lei, imo, registration, passport, national_id, tax_id, swift, ...
    value: str
    country: str | None = None
    note: str | None = None


@dataclass
class ParsedAddress:
    full: str
    city: str | None = None
    country: str | None = None


@dataclass
class ParsedDate:
    kind: str  # birth | incorporation | listed
    value: str  # as published, partial kept partial: '1965', '1965-06', '1960/1962'


@dataclass
class ParsedEntry:
    entry_key: str
    entity_type: str  # person | organization | vessel | aircraft | unknown (TYPE_NOT_STATED)
    primary_name: str
    list_name: str = ""
    names: list[ParsedName] = field(default_factory=list)
    identifiers: list[ParsedIdentifier] = field(default_factory=list)
    addresses: list[ParsedAddress] = field(default_factory=list)
    dates: list[ParsedDate] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    remarks: str = ""
    listed_on: str | None = None
    data: dict[str, object] = field(default_factory=dict)

    def content_hash(self) -> str:
        """A digest of every field: equal digests mean the publisher changed nothing."""
        payload = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class ParsedLink:
    subject_key: str  # the entry that is owned / controlled / linked
    relation: str  # owned_or_controlled_by | linked_to | ownership | consolidated_by ...
    object_key: str | None = None
    object_name: str | None = None
    percentage: float | None = None
    percentage_min: float | None = None
    percentage_max: float | None = None
    source_text: str = ""


class SizedIterable(Protocol[T_co]):
    """What the loader needs of entries and links: to walk them, and how many there are."""

    def __iter__(self) -> Iterator[T_co]: ...

    def __len__(self) -> int: ...


class Reread(Generic[T]):
    """Items made afresh by every walk (re-reading the file), never all in memory at once.

    A list of a million parsed entries is several GB of objects; a parser of a large
    format returns this instead, counted on its first pass so progress has a total.
    """

    def __init__(self, produce: Callable[[], Iterator[T]], count: int) -> None:
        self._produce = produce
        self._count = count

    def __iter__(self) -> Iterator[T]:
        return self._produce()

    def __len__(self) -> int:
        return self._count


@dataclass
class ParsedList:
    """The result of parsing one file or multi-file set."""

    source_name: str  # e.g. 'OFAC-SDN', 'US-CSL', 'UN-SC', 'UK-OFSI'
    format: str
    publisher: str
    files: list[Path]
    entries: SizedIterable[ParsedEntry]
    links: SizedIterable[ParsedLink] = field(default_factory=list)
    publisher_date: str | None = None
    regime: str | None = None  # ofac | eu | uk | un | bis | dod | other


class ListParser(Protocol):
    format_name: str

    def detect(self, path: Path) -> bool: ...

    def parse(self, path: Path) -> ParsedList: ...
