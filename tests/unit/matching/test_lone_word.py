"""One-word names need a rare word to alert against a name of several words."""

from __future__ import annotations

import itertools

from screener.matching.index import EntrySource, MatchIndex, Query

WORDS = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda omicron sigma upsilon omega"
)


def _index() -> MatchIndex:
    words = WORDS.split()
    entries = [
        EntrySource("K1", ["KOREA SHIPPING CO"], "organization"),
        EntrySource("R1", ["ROTENBERG HOLDINGS LTD"], "organization"),
    ]
    pairs = itertools.permutations(words, 2)
    # 'korea' in 61 of 212 names: a common word on these lists
    entries += [
        EntrySource(f"K{n}", [f"KOREA {a} {b} CORPORATION"], "organization")
        for n, (a, b) in enumerate(itertools.islice(pairs, 60), start=2)
    ]
    entries += [
        EntrySource(f"X{n}", [f"{a} {b} LLC"], "organization")
        for n, (a, b) in enumerate(itertools.islice(itertools.permutations(words[::-1], 2), 150))
    ]
    return MatchIndex.from_entries(entries)


def test_a_common_word_alone_does_not_alert_but_a_rare_one_does() -> None:
    index = _index()
    assert index.rarity.weight("korea") < 0.7
    assert index.search(Query.of("Korea", "company")) == []
    assert [m.entry.entry_key for m in index.search(Query.of("Rotenberg", "company"))] == ["R1"]
    # with a second word the pair is judged on both, as before
    assert index.search(Query.of("Korea Shipping", "company"))[0].entry.entry_key == "K1"
