"""What the 50 % rule says of a party under one regime, and the list entries it starts from.

Kept apart from the rule's walk (`screener.ownership.walk`) so that the walk, the table of
results and the report can all name these types without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass

LISTED = "listed"
OWNED = "owned"
CONTROLLED = "controlled"
CAUTION = "caution"
BLOCKED_STATUSES = (LISTED, OWNED, CONTROLLED)
_ENTRY = {"en": "entry", "ja": "エントリ"}  # "OFAC-SDN entry 9749 'LIMMT ...'"


@dataclass(frozen=True, slots=True)
class ListSeed:
    """A party confirmed as a list entry; `categories` decide which regimes it seeds."""

    party: str
    categories: frozenset[str]
    source: str
    entry_key: str
    entry_name: str = ""
    programs: tuple[str, ...] = ()
    basis: str = ""  # set when the party is blocked by an order, not by a list entry

    @property
    def by_order(self) -> bool:
        return bool(self.basis)

    def describe(self, lang: str = "en") -> str:
        if self.basis:
            return self.basis
        programs = f" [{', '.join(self.programs)}]" if self.programs else ""
        entry = _ENTRY.get(lang, _ENTRY["en"])
        return f"{self.source} {entry} {self.entry_key} {self.entry_name!r}{programs}".strip()


@dataclass(frozen=True, slots=True)
class Contribution:
    holder: str
    pct: float
    holder_status: str
    control_type: str | None = None
    group: int = 0


@dataclass(frozen=True, slots=True)
class PartyStatus:
    """One party's status under one regime, with the stakes and entries that explain it."""

    regime: str
    party: str
    status: str
    counted_pct: float = 0.0
    contributions: tuple[Contribution, ...] = ()
    entries: tuple[ListSeed, ...] = ()
    in_force: bool = True

    @property
    def is_blocked(self) -> bool:
        return self.status in BLOCKED_STATUSES
