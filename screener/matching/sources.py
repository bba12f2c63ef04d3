"""Index entries straight from parsed list files, for benchmarks and batch runs without a database.

The lists are read together, not one by one: an entry another list republishes (the CSL's
`SDN:<id>` rows, an OFAC, UK or EU entry citing a UN reference number) carries the
publisher's weak/strong alias flags here exactly as the database index gives it
(`publisher_flags.carry_publisher_flags`, over the links `lists.resolve.find_links` finds in
the same files), so one entry's alias scores the same whichever path read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from screener.lists.base import ParsedEntry, ParsedList
from screener.lists.detect import parser_for
from screener.lists.resolve import (
    CSL_SOURCE,
    EntryFacts,
    IdentifierFact,
    find_links,
    un_references,
)
from screener.matching.index import EntrySource
from screener.matching.publisher_flags import PUBLISHERS_BY_LINK, carry_publisher_flags

DATE_KINDS = ("birth", "incorporation")


class _Row(NamedTuple):
    """What `carry_publisher_flags` reads of an entry (as db_index's rows give it)."""

    id: int
    entry_key: str
    name: str  # the publishing source
    primary_name: str


def sources_from_parsed(parsed: ParsedList) -> Iterator[EntrySource]:
    """One list on its own: the flags as this publisher gives them."""
    yield from sources_from_lists([parsed])


def sources_from_lists(lists: Sequence[ParsedList]) -> Iterator[EntrySource]:
    """Every entry of these lists, republished entries carrying their publisher's flags."""
    entries = [(parsed.source_name, entry) for parsed in lists for entry in parsed.entries]
    names: dict[int, list[str]] = {}
    weak: dict[int, list[str]] = {}
    for n, (_, entry) in enumerate(entries):
        names[n] = [x.name for x in entry.names if x.strength != "weak"]
        weak[n] = [x.name for x in entry.names if x.strength == "weak"]
    if len(lists) > 1:
        rows = [
            _Row(n, e.entry_key, source, e.primary_name) for n, (source, e) in enumerate(entries)
        ]
        carry_publisher_flags(rows, names, weak, _publisher_links(entries))
    for n, (source, entry) in enumerate(entries):
        yield EntrySource(
            entry_key=entry.entry_key,
            names=[entry.primary_name, *names[n]],
            weak_names=weak[n],
            entity_type=entry.entity_type,
            source_name=source,
            list_name=entry.list_name,
            countries=[*entry.countries, *(a.country for a in entry.addresses if a.country)],
            dates=[d.value for d in entry.dates if d.kind in DATE_KINDS],
            identifiers=[(i.id_type, i.value) for i in entry.identifiers],
            programs=list(entry.programs),
        )


def _publisher_links(entries: Sequence[tuple[str, ParsedEntry]]) -> list[tuple[int, int, str]]:
    """(entry a, entry b, kind) of the links that name a publisher's original, found by the
    linker the database uses (`lists.resolve`), over the entries' positions."""
    facts = [_facts(n, source, entry) for n, (source, entry) in enumerate(entries)]
    # Only entries that can take part in such a link go to the linker (its identifier
    # evidence, which compares names, is the costly part and carries no flags).
    facts = [f for f in facts if f.source in _PUBLISHERS or _republishes(f)]
    return [
        (link.a, link.b, link.kind) for link in find_links(facts) if link.kind in PUBLISHERS_BY_LINK
    ]


_PUBLISHERS = frozenset().union(*PUBLISHERS_BY_LINK.values())


def _republishes(fact: EntryFacts) -> bool:
    return (fact.source == CSL_SOURCE and ":" in fact.entry_key) or bool(un_references(fact))


def _facts(n: int, source: str, entry: ParsedEntry) -> EntryFacts:
    """What the linker reads of an entry, as `lists.entity_links.linkable_facts` reads it stored."""
    un_reference = entry.data.get("un_reference")
    referents = entry.data.get("referents")
    return EntryFacts(
        entry_id=n,
        source=source,
        entry_key=entry.entry_key,
        entity_type=entry.entity_type,
        names=[entry.primary_name, *(x.name for x in entry.names if x.name != entry.primary_name)],
        identifiers=[IdentifierFact(i.id_type, i.value, i.country) for i in entry.identifiers],
        remarks=entry.remarks if source.startswith("OFAC") else "",
        referents=[str(r) for r in referents] if isinstance(referents, list) else [],
        un_reference=un_reference if isinstance(un_reference, str) else None,
    )


def sources_from_paths(paths: Iterable[Path]) -> Iterator[EntrySource]:
    """Parse each list file or folder (format detected from content) into index entries."""
    yield from sources_from_lists([parser_for(path).parse(path) for path in paths])
