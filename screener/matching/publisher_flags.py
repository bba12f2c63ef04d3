"""One alias quality for one entry everywhere: a republished entry carries its publisher's flags.

The CSL republishes OFAC's SDN entries (`SDN:<id>`) without OFAC's weak/strong alias flags;
OFAC, the UK and the EU cite the UN's entries by reference number with flags of their own.
Whichever path reads the lists (the database index, `db_index.build_index`, or list files
read without a database, `sources.sources_from_paths`) calls `carry_publisher_flags`, so the
same entry's alias scores the same on every path. Pure: plain rows and dicts in, dicts changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

# Lists that republish another publisher's entry under a key naming it: the CSL's 'SDN:<id>'
# rows are OFAC's SDN entries (publisher source name, key prefix).
REPUBLISHED = {"SDN:": "OFAC-SDN"}
# Entity links (screener/lists/resolve.py) that say one entry is a copy of another's
# designation, and the sources that publish the original: a CSL row citing OFAC's entry
# ('source_id'), an OFAC, UK or EU entry citing a UN reference number ('un_reference').
PUBLISHERS_BY_LINK = {
    "source_id": frozenset({"OFAC-SDN", "OFAC-CONSOLIDATED"}),
    "un_reference": frozenset({"UN-SC"}),
}


def _same_name(name: str) -> str:
    return " ".join(name.casefold().split())


def republished_copies(
    entries: Sequence[Any], links: Iterable[tuple[int, int, str]] = ()
) -> list[tuple[int, int]]:
    """(copy entry id, publisher entry id) for every active entry that republishes another:
    by key (`REPUBLISHED`) and by the live entity links (entry a id, entry b id, kind)."""
    by_key = {(row.name, row.entry_key): row.id for row in entries}
    source_of = {row.id: row.name for row in entries}
    copies: set[tuple[int, int]] = set()
    for row in entries:
        for prefix, publisher in REPUBLISHED.items():
            if row.name != publisher and row.entry_key.startswith(prefix):
                original = by_key.get((publisher, row.entry_key[len(prefix) :]))
                if original is not None:
                    copies.add((row.id, original))
    for a, b, kind in links:
        publishers = PUBLISHERS_BY_LINK.get(kind, frozenset())
        a_publishes, b_publishes = source_of.get(a) in publishers, source_of.get(b) in publishers
        if a_publishes and not b_publishes and b in source_of:
            copies.add((b, a))
        elif b_publishes and not a_publishes and a in source_of:
            copies.add((a, b))
    return sorted(copies)


def carry_publisher_flags(
    entries: Sequence[Any],
    names: dict[int, list[str]],
    weak: dict[int, list[str]],
    links: Iterable[tuple[int, int, str]] = (),
) -> None:
    """One alias quality for one entry everywhere: where a list republishes an entry (the
    CSL's `SDN:<id>` rows carry OFAC's SDN entries without OFAC's weak/strong flags; OFAC,
    the UK and the EU cite the UN's entries by reference number with their own flags), an
    alias carries the publisher's flag in the copy too: weak where the publisher marks it
    weak, strong where the publisher gives it as a strong name. So the copy of a weak alias
    does not alert higher than the original, nor lower. Changes `names` and `weak` in place."""
    primary = {row.id: getattr(row, "primary_name", None) for row in entries}
    for copy, publisher in republished_copies(entries, links):
        weak_there = {_same_name(n) for n in weak.get(publisher, ())}
        strong_there = {
            _same_name(n) for n in [primary[publisher] or "", *names.get(publisher, ())]
        }
        own_strong, own_weak = names.get(copy, []), weak.get(copy, [])
        to_weak = [n for n in own_strong if _same_name(n) in weak_there]
        to_strong = [n for n in own_weak if _same_name(n) in strong_there - weak_there]
        if to_weak or to_strong:
            names[copy] = [n for n in own_strong if n not in to_weak] + to_strong
            weak[copy] = [n for n in own_weak if n not in to_strong] + to_weak
