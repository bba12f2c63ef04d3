"""Candidate names: the shortcuts in `MatchIndex.candidate_names` change no candidate.

The index reads the common keys of a query (a first name, 'trading') only for the names its
rarer keys brought, once those common keys could not lift a name by themselves to the share
it needs, and remembers each word's key numbers. The reference below sums every key's
postings for every name, as the index did before; both must give the same ids in the same
order for every query and share.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from screener.matching.alignment import ABJADS
from screener.matching.index import (
    CANDIDATE_NAMES,
    POSTING_BUDGET,
    EntrySource,
    MatchIndex,
    Query,
    _first_distinct,
    name_keys,
)
from screener.matching.records import MatchRecord

FIRST = ["Mohammed", "Ali", "John", "Maria", "Ivan", "Wei", "Ahmad", "Hassan", "Olga", "Chen"]
LAST = ["Smith", "Hussein", "Petrov", "Wang", "Garcia", "Khan", "Rahman", "Ivanova", "Lopez"]
COMPANY = ["Trading", "Company", "Shipping", "Group", "Holding", "Mining", "Rare", "Earth"]


def _entries() -> list[EntrySource]:
    rng = random.Random(5)
    entries = []
    for i in range(1500):
        if i % 3:
            words = [rng.choice(FIRST), rng.choice(FIRST), rng.choice(LAST), f"Zq{i % 97}x"]
            entries.append(EntrySource(f"P-{i}", [" ".join(words[: rng.randint(2, 4)])], "person"))
        else:
            words = [f"Kor{i % 53}vath", *rng.sample(COMPANY, 3)]
            entries.append(EntrySource(f"C-{i}", [" ".join(words)], "organization"))
    entries.append(EntrySource("A-1", ["محمد حسين"], "person"))
    return entries


def _reference(index: MatchIndex, record: MatchRecord, share: float) -> list[int]:
    """Every key's postings summed for every name (the index before its shortcuts)."""
    table = index.keys
    shared: set[int] = set()
    possible = 0.0
    for form in record.names:
        keys = name_keys(form)
        if form.script not in ABJADS:  # consonant skeletons are for names without vowels
            keys = {k for k in keys if not k.startswith("c")}
        own = {n for n in map(table.numbers.get, keys) if n is not None}
        possible = max(possible, sum(table.weights[n] for n in sorted(own)))
        shared |= own
    found = sorted(shared, key=lambda n: (table.lengths[n], n))
    totals: dict[int, float] = {}
    spent = 0
    for number in found:
        if spent and spent + table.lengths[number] > POSTING_BUDGET:
            break
        spent += table.lengths[number]
        for name in table.posting(number).tolist():
            totals[name] = totals.get(name, 0.0) + float(np.float32(table.weights[number]))
    unique = np.asarray(sorted(n for n, t in totals.items() if t >= share * possible), np.int32)
    if len(unique) <= CANDIDATE_NAMES:
        return unique.tolist()
    weight = np.asarray([totals[n] for n in unique.tolist()])
    order = (-weight).argsort(kind="stable")
    chosen = set(_first_distinct(index.name_group[unique[order]], CANDIDATE_NAMES).tolist())
    return [n for n in unique.tolist() if int(index.name_group[n]) in chosen]


@pytest.mark.parametrize("share", [0.35, 0.0, 0.6])
def test_the_shortcuts_find_what_summing_every_key_finds(share: float) -> None:
    index = MatchIndex.from_entries(_entries())
    rng = random.Random(11)
    queries = ["Mohammed Ali", "Korvath Trading Company", "محمد حسين", "Ivan", "Trading"]
    queries += [" ".join(rng.sample([*FIRST, *LAST, *COMPANY, "Zq5x"], 3)) for _ in range(150)]
    for text in queries:
        record = Query.of(text).record()
        for _ in range(2):  # the second time from the word memory
            assert index.candidate_names(record, min_share=share).tolist() == _reference(
                index, record, share
            ), text
