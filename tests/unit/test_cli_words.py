"""The commands' counts read as English: '1 party', '6 parties', never 'part(ies)'."""

from __future__ import annotations

from screener.cli.words import counted


def test_a_count_takes_the_singular_for_one_and_the_plural_otherwise() -> None:
    assert counted(1, "party", "parties") == "1 party"
    assert counted(6, "party", "parties") == "6 parties"
    assert counted(0, "match", "matches") == "0 matches"
    assert counted(2, "list version") == "2 list versions"
