"""Counts read as English: '1 party', '6 parties', never 'part(ies)'."""

from __future__ import annotations

from screener.words import counted
from screener.workflow.signoff import Blocker


def test_a_count_takes_the_singular_for_one_and_the_plural_otherwise() -> None:
    assert counted(1, "party", "parties") == "1 party"
    assert counted(6, "party", "parties") == "6 parties"
    assert counted(0, "match", "matches") == "0 matches"
    assert counted(2, "list version") == "2 list versions"


def test_the_sign_off_refusals_count_in_english() -> None:
    """`screener case status` and a refused `case sign` printed "1 screening match(es) are
    still undecided" and "party(ies) were"."""
    assert Blocker("undecided", count=1).message == "1 screening match is still undecided."
    assert Blocker("undecided", count=4).message == "4 screening matches are still undecided."
    assert Blocker("unsure", count=1).message.startswith("1 match is marked unsure: ")
    assert Blocker("not_screened", count=1, names=("Acme",)).message == (
        "Not screened: 1 party was never screened or changed since (Acme); screen the case first."
    )
    assert "2 parties were never screened" in Blocker("not_screened", count=2).message
