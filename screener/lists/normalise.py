"""The last step of every U.S. importer: the same conventions whatever the publisher wrote.

Countries: an entry's `countries` as ISO-3166 alpha-2 codes.

OFAC writes 'Switzerland', the CSL 'CH', the UN 'Russian Federation': matching and the
regime rules compare codes, so every importer stores codes in `countries` (the same
convention as the UN/UK/EU importers, through `screener.lists.countries`). The published
text stays in the addresses; names that cannot be placed are kept in
`data['unplaced_countries']` rather than guessed.

Scripts: every name says which writing system it is in (`screener.lists.scripts`), so the
OFAC CSV's names and the Enhanced XML's 'Latin' translations compare equal across formats,
and a name in Cyrillic or Han is flagged as original script for transliteration.
"""

from __future__ import annotations

from collections.abc import Iterable

from screener.lists.base import ParsedEntry
from screener.lists.countries import country_code
from screener.lists.scripts import script_of


def place_countries(entries: Iterable[ParsedEntry]) -> None:
    for entry in entries:
        codes: list[str] = []
        unplaced: list[str] = []
        for text in entry.countries:
            code = country_code(text)
            if code is None:
                unplaced.append(text)
            elif code not in codes:
                codes.append(code)
        entry.countries = codes
        if unplaced:
            entry.data["unplaced_countries"] = unplaced


def mark_scripts(entries: Iterable[ParsedEntry]) -> None:
    for entry in entries:
        for name in entry.names:
            if name.script is None:
                name.script = script_of(name.name)
                name.is_original_script = name.script not in (None, "latin")


def finish_entries(entries: Iterable[ParsedEntry]) -> None:
    """Country codes and name scripts, in place."""
    listed = list(entries)
    place_countries(listed)
    mark_scripts(listed)
