"""Index entries straight from a parsed list file, for benchmarks and batch runs without a database."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from screener.lists.base import ParsedList
from screener.lists.detect import parser_for
from screener.matching.index import EntrySource

DATE_KINDS = ("birth", "incorporation")


def sources_from_parsed(parsed: ParsedList) -> Iterator[EntrySource]:
    for entry in parsed.entries:
        yield EntrySource(
            entry_key=entry.entry_key,
            names=[entry.primary_name, *(n.name for n in entry.names if n.strength != "weak")],
            weak_names=[n.name for n in entry.names if n.strength == "weak"],
            entity_type=entry.entity_type,
            source_name=parsed.source_name,
            list_name=entry.list_name,
            countries=[*entry.countries, *(a.country for a in entry.addresses if a.country)],
            dates=[d.value for d in entry.dates if d.kind in DATE_KINDS],
            identifiers=[(i.id_type, i.value) for i in entry.identifiers],
            programs=list(entry.programs),
        )


def sources_from_paths(paths: Iterable[Path]) -> Iterator[EntrySource]:
    """Parse each list file or folder (format detected from content) into index entries."""
    for path in paths:
        yield from sources_from_parsed(parser_for(path).parse(path))
