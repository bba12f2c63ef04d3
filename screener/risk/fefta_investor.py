"""Who is a foreign investor under FEFTA, and what the investor holds with related persons.

FEFTA art. 26(1) makes a foreign investor not only a non-resident or a foreign company but
also a Japanese company in which foreign investors hold 50 % or more of the votes, directly
or through companies that are themselves foreign investors, and a Japanese company whose
directors are mostly non-residents: a Japanese SPV of a foreign group is a foreign investor.
The 1 % threshold for listed shares counts the investor's shares and its voting rights
together with those of its closely related persons (the Cabinet Order's "specially related
persons": companies in the same >= 50 % group, and holders who agreed to act jointly).
Thresholds and citations come from rules/reference/fefta-foreign-investor.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from screener.models import OwnershipLink, Party
from screener.reference import FeftaInvestorTest

JAPAN = "JP"


def _code(value: str | None) -> str:
    return (value or "").strip().upper()


def _votes(link: OwnershipLink) -> float:
    value = link.voting_pct if link.voting_pct is not None else link.equity_pct
    return value or 0.0


def _equity(link: OwnershipLink) -> float:
    value = link.equity_pct if link.equity_pct is not None else link.voting_pct
    return value or 0.0


@dataclass(frozen=True)
class FeftaStatus:
    """Whether a party is a foreign investor, and the foreign-held share of its votes."""

    foreign: bool
    foreign_voting_pct: float
    reason: str


@dataclass(frozen=True)
class RelatedHoldings:
    """Shares and votes of the target held by the acquirer's closely related persons."""

    equity_pct: float = 0.0
    voting_pct: float = 0.0
    holders: tuple[str, ...] = ()


class FeftaInvestors:
    """Art. 26(1) for every party of one case, and the related persons of its acquirer."""

    def __init__(
        self, parties: dict[str, Party], links: Iterable[OwnershipLink], test: FeftaInvestorTest
    ) -> None:
        self.parties = parties
        self.links = list(links)
        self.test = test
        self.owners: dict[str, list[OwnershipLink]] = {}
        self.holdings: dict[str, list[OwnershipLink]] = {}
        for link in self.links:
            self.owners.setdefault(link.held_key, []).append(link)
            self.holdings.setdefault(link.holder_key, []).append(link)
        self._status: dict[str, FeftaStatus] = {}
        self._visiting: set[str] = set()

    def status(self, key: str) -> FeftaStatus:
        if key in self._status:
            return self._status[key]
        if key in self._visiting:  # a cross-holding: counted as domestic on the way round
            return FeftaStatus(False, 0.0, "cross-holding")
        self._visiting.add(key)
        try:
            result = self._evaluate(key)
        finally:
            self._visiting.discard(key)
        self._status[key] = result
        return result

    def _evaluate(self, key: str) -> FeftaStatus:
        party = self.parties.get(key)
        if party is None:
            return FeftaStatus(True, 0.0, "not described in the case: read as foreign")
        if party.party_type == "person":
            country = _code(party.nationality or party.country_incorporation)
            foreign = country != JAPAN
            return FeftaStatus(foreign, 0.0, f"individual ({country or 'country unknown'})")
        state = party.state_country if party.is_government else None
        incorporation = _code(party.country_incorporation or state)
        head_office = _code(party.country_headoffice)
        if incorporation != JAPAN:
            return FeftaStatus(
                True,
                0.0,
                f"organised in {incorporation or 'an unrecorded country'} (art. 26(1)(ii))",
            )
        if head_office and head_office != JAPAN:
            return FeftaStatus(True, 0.0, f"principal office in {head_office} (art. 26(1)(ii))")
        foreign_votes = sum(
            _votes(link)
            for link in self.owners.get(key, [])
            if self.status(link.holder_key).foreign
        )
        foreign_votes = min(100.0, foreign_votes)
        if foreign_votes >= self.test.foreign_voting_pct - 1e-9:
            return FeftaStatus(
                True,
                foreign_votes,
                f"Japanese company {foreign_votes:g} % of whose votes foreign investors hold "
                "(art. 26(1)(iii))",
            )
        if party.directors_nonresident_majority:
            return FeftaStatus(
                True,
                foreign_votes,
                "Japanese company with mostly non-resident directors (art. 26(1)(iv))",
            )
        return FeftaStatus(False, foreign_votes, "Japanese company")

    def related_holdings(self, acquirer: str, target: str) -> RelatedHoldings:
        """What the acquirer's closely related persons already hold of the target."""
        if not acquirer or not target:
            return RelatedHoldings()
        group = self._group(acquirer)
        joint = {link.holder_key for link in self.owners.get(target, []) if link.joint_arrangement}
        acquirer_joint = any(
            link.holder_key == acquirer and link.joint_arrangement
            for link in self.owners.get(target, [])
        )
        related = [
            link
            for link in self.owners.get(target, [])
            if link.holder_key != acquirer
            and (link.holder_key in group or (acquirer_joint and link.holder_key in joint))
        ]
        return RelatedHoldings(
            equity_pct=sum(_equity(link) for link in related),
            voting_pct=sum(_votes(link) for link in related),
            holders=tuple(sorted({link.holder_key for link in related})),
        )

    def _group(self, key: str) -> set[str]:
        """The acquirer's group: its >= 50 % parents up to the top, and all they hold >= 50 %."""
        threshold = self.test.related_group_pct - 1e-9
        tops, seen = [key], {key}
        for current in tops:
            for link in self.owners.get(current, []):
                if _votes(link) >= threshold and link.holder_key not in seen:
                    seen.add(link.holder_key)
                    tops.append(link.holder_key)
        group = set(tops)
        stack = list(tops)
        while stack:
            for link in self.holdings.get(stack.pop(), []):
                if _votes(link) >= threshold and link.held_key not in group:
                    group.add(link.held_key)
                    stack.append(link.held_key)
        return group
