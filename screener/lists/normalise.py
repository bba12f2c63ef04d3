"""An entry's `countries` as ISO-3166 alpha-2 codes, whatever the publisher wrote.

OFAC writes 'Switzerland', the CSL 'CH', the UN 'Russian Federation': matching and the
regime rules compare codes, so every importer stores codes in `countries` (the same
convention as the UN/UK/EU importers, through `screener.lists.countries`). The published
text stays in the addresses; names that cannot be placed are kept in
`data['unplaced_countries']` rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable

from screener.lists.base import ParsedEntry
from screener.lists.countries import country_code


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
