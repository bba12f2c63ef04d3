"""The ownership graph of a case: parties and the stakes between them, without a database.

Edges point holder -> held. A key used by an edge but not described as a party still
becomes a node (marked undescribed), so a gap in the file shows as a gap, not as an error.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from screener.collector import collector_paused

PERSON_LIKE = ("person", "government", "dispersed")


@dataclass(frozen=True, slots=True)
class PartyNode:
    key: str
    name: str = ""
    party_type: str = "company"
    country: str | None = None  # incorporation, or nationality for a person
    head_office: str | None = None
    is_government: bool = False
    is_state_owned: bool = False
    state_country: str | None = None
    listed_company: bool = False
    described: bool = True

    @property
    def label(self) -> str:
        return self.name or self.key

    @property
    def is_natural_end(self) -> bool:
        """A chain may end here without leaving anything unresolved."""
        return self.party_type in PERSON_LIKE or self.is_government

    @property
    def state(self) -> str | None:
        """The state this party belongs to, if it is a government or state-owned."""
        if self.is_government or self.is_state_owned:
            return self.state_country or self.country
        return None


@dataclass(frozen=True, slots=True)
class Holding:
    """`holder` holds `equity_pct` (and `voting_pct`) of `held`; percentages 0-100."""

    holder: str
    held: str
    equity_pct: float | None = None
    voting_pct: float | None = None
    control_type: str | None = None
    joint_arrangement: bool = False
    source: str = ""

    @property
    def equity(self) -> float:
        """The economic stake, falling back on the voting share when equity is unknown."""
        value = self.equity_pct if self.equity_pct is not None else self.voting_pct
        return value or 0.0

    @property
    def shares_or_votes(self) -> float:
        return max(self.equity_pct or 0.0, self.voting_pct or 0.0)

    @property
    def voting(self) -> float:
        value = self.voting_pct if self.voting_pct is not None else self.equity_pct
        return value or 0.0


_NO_STAKES: dict[str, Holding] = {}


@dataclass
class OwnershipGraph:
    """Stakes indexed both ways, by held then holder and by holder then held.

    Dicts, not lists, so that replacing a pair's stake costs the same for a fund holding
    ten thousand companies as for anyone else (a list made every add of a hub's stake
    walk all its others: quadratic in the hub's size, issue 19).
    """

    nodes: dict[str, PartyNode] = field(default_factory=dict)
    owners: dict[str, dict[str, Holding]] = field(default_factory=dict)  # held -> holder ->
    holdings: dict[str, dict[str, Holding]] = field(default_factory=dict)  # holder -> held ->
    # bumped by every change, so a kept compact form (screener.ownership.compact) is redone
    revision: int = field(default=0, compare=False)
    compact_cache: object = field(default=None, compare=False, repr=False)

    @classmethod
    def build(cls, parties: Iterable[PartyNode], stakes: Iterable[Holding]) -> OwnershipGraph:
        graph = cls()
        with collector_paused():
            for party in parties:
                graph.nodes[party.key] = party
            for stake in stakes:
                graph.add(stake)
        return graph

    def add(self, stake: Holding) -> None:
        """Add an edge; a self-holding is meaningless and ignored, a repeated pair replaces."""
        holder, held = stake.holder, stake.held
        if holder == held:
            return
        self.revision += 1
        for key in (holder, held):
            if key not in self.nodes:
                self.nodes[key] = PartyNode(key, key, described=False)
        owners = self.owners.setdefault(held, {})
        holdings = self.holdings.setdefault(holder, {})
        owners.pop(holder, None)  # a replaced stake goes last, as a new one would
        holdings.pop(held, None)
        owners[holder] = stake
        holdings[held] = stake

    def remove(self, holder: str, held: str) -> None:
        self.revision += 1
        self.owners.get(held, {}).pop(holder, None)
        self.holdings.get(holder, {}).pop(held, None)

    def owners_of(self, key: str) -> Collection[Holding]:
        return self.owners.get(key, _NO_STAKES).values()

    def holdings_of(self, key: str) -> Collection[Holding]:
        return self.holdings.get(key, _NO_STAKES).values()

    def edges(self) -> list[Holding]:
        return [stake for stakes in self.owners.values() for stake in stakes.values()]

    def owned_total(self, key: str) -> float:
        """Sum of the recorded equity stakes in `key`, percent."""
        return sum(s.equity for s in self.owners_of(key))

    def over_full(self, tolerance: float = 0.01) -> dict[str, float]:
        """Entities whose recorded owners hold more than 100 % between them."""
        totals = {key: self.owned_total(key) for key in self.owners}
        return {key: total for key, total in totals.items() if total > 100.0 + tolerance}

    def above(self, root: str) -> list[str]:
        """`root` and every party that holds it directly or indirectly."""
        seen = {root}
        order = [root]
        for key in order:
            for stake in self.owners_of(key):
                if stake.holder not in seen:
                    seen.add(stake.holder)
                    order.append(stake.holder)
        return order
