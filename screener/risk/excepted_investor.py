"""Whether a party is a CFIUS excepted investor: the legal test of 31 CFR 800.219.

An excepted investor is not "a company from Australia, Canada, New Zealand or the UK". The
test asks, for the party and for each of its parents (800.221: a holder of 50 % or more of
the votes, or of the right to appoint half the board): incorporation and principal place of
business in an excepted foreign state or the US; 75 % of the board members and observers
nationals of such states; every holder of 10 % or more a qualifying person; the minimum
excepted ownership (800.233) held by qualifying persons; and no disqualifying record in the
five years before completion (800.219(b)).

The case records some of these facts and not others (board nationality, the five-year
record), so the answer has three values. A fact that fails the test makes the party
`not_excepted`, whatever its flag says (the reasons show the conflict); an explicit
`excepted_investor: no` is respected as `not_excepted`; an explicit yes, with no recorded
fact against it, stands for the facts the case does not hold and gives `excepted`; anything
else is `undetermined`, which no rule treats as excepted. Thresholds and citations come from
rules/reference/cfius-excepted-investor.yaml; the sentences from screener/risk/reason_texts.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from screener.models import OwnershipLink, Party
from screener.reference import ExceptedInvestorTest
from screener.risk.reason_texts import reason

EXCEPTED = "excepted"
NOT_EXCEPTED = "not_excepted"
UNDETERMINED = "undetermined"
US = "US"
PERSON_TYPES = ("person",)
PARENT_CONTROL_TYPES = ("board_majority", "board_appointment", "general_partner")


@dataclass(frozen=True)
class ExceptedVerdict:
    """The answer and why: failures (facts against) first, then the facts missing."""

    status: str
    reasons: tuple[str, ...] = ()

    @property
    def excepted(self) -> bool:
        return self.status == EXCEPTED


def _code(value: str | None) -> str:
    return (value or "").strip().upper()


def _votes(link: OwnershipLink) -> float:
    value = link.voting_pct if link.voting_pct is not None else link.equity_pct
    return value or 0.0


@dataclass
class _Findings:
    failures: list[str]
    missing: list[str]

    def fail(self, text: str) -> None:
        if text not in self.failures:
            self.failures.append(text)

    def lack(self, text: str) -> None:
        if text not in self.missing:
            self.missing.append(text)


class ExceptedInvestorTester:
    """Runs the 800.219 test over one case's parties and ownership links."""

    def __init__(
        self,
        parties: dict[str, Party],
        links: Iterable[OwnershipLink],
        excepted_states: Iterable[str],
        settings: ExceptedInvestorTest,
        violations: Iterable[str] = (),
    ) -> None:
        self.parties = parties
        self.owners: dict[str, list[OwnershipLink]] = {}
        for link in links:
            self.owners.setdefault(link.held_key, []).append(link)
        self.allowed = {_code(c) for c in excepted_states} | {US}
        self.excepted_states = sorted(_code(c) for c in excepted_states)
        self.settings = settings
        self.violations = tuple(v for v in violations if str(v).strip())

    def verdict(self, key: str) -> ExceptedVerdict:
        party = self.parties.get(key)
        if party is None:
            return ExceptedVerdict(UNDETERMINED, (reason("party_missing", key=key),))
        if party.excepted_investor is False:
            return ExceptedVerdict(
                NOT_EXCEPTED, (reason("recorded_not_excepted", name=party.name),)
            )
        findings = _Findings([], [])
        for subject in self._subject_and_parents(key):
            self._test(subject, findings)
        if self.violations:
            findings.lack(
                reason(
                    "violations_unplaced",
                    violations="; ".join(self.violations),
                    citation=self.settings.record_citation,
                )
            )
        if findings.failures:
            reasons = list(findings.failures)
            if party.excepted_investor:
                reasons.insert(0, reason("flagged_but_facts_fail", name=party.name))
            return ExceptedVerdict(NOT_EXCEPTED, tuple(reasons))
        if party.excepted_investor and not self.violations:
            return ExceptedVerdict(EXCEPTED, (reason("recorded_excepted", name=party.name),))
        return ExceptedVerdict(UNDETERMINED, tuple(findings.missing))

    def _subject_and_parents(self, key: str) -> list[str]:
        """The party and every parent above it (800.221), nearest first; cycles end."""
        order, seen = [key], {key}
        for current in order:
            for link in self.owners.get(current, []):
                is_parent = _votes(link) >= self.settings.parent_voting_pct or (
                    (link.control_type or "") in PARENT_CONTROL_TYPES
                )
                if is_parent and link.holder_key not in seen:
                    seen.add(link.holder_key)
                    order.append(link.holder_key)
        return order

    def _test(self, key: str, findings: _Findings) -> None:
        party = self.parties.get(key)
        if party is None:
            findings.lack(reason("parent_missing", key=key))
            return
        if party.excepted_investor is False:
            findings.fail(reason("recorded_not_excepted", name=party.name))
        if party.party_type in PERSON_TYPES:
            self._national(party, findings, "(a)(1)")
            return
        if party.is_government:
            state = _code(party.state_country or party.country_incorporation)
            if not state:
                findings.lack(reason("government_state_missing", name=party.name))
            elif state not in self.allowed:
                findings.fail(reason("government_not_excepted", name=party.name, state=state))
            return
        self._entity(party, findings)

    def _national(self, party: Party, findings: _Findings, paragraph: str) -> None:
        nationality = _code(party.nationality or party.country_incorporation)
        if not nationality:
            findings.lack(reason("nationality_missing", name=party.name, paragraph=paragraph))
        elif nationality not in self.allowed:
            findings.fail(
                reason(
                    "national_not_excepted",
                    name=party.name,
                    nationality=nationality,
                    paragraph=paragraph,
                )
            )

    def _entity(self, party: Party, findings: _Findings) -> None:
        name = party.name
        incorporation = _code(party.country_incorporation)
        head_office = _code(party.country_headoffice)
        if not incorporation:
            findings.lack(reason("incorporation_missing", name=name))
        elif incorporation not in self.allowed:
            findings.fail(reason("organised_outside", name=name, state=incorporation))
        if not head_office:
            findings.lack(reason("head_office_missing", name=name))
        elif head_office not in self.allowed:
            findings.fail(reason("head_office_outside", name=name, state=head_office))
        state = _code(party.state_country)
        if party.is_state_owned and state and state not in self.allowed:
            findings.fail(reason("state_owned_outside", name=name, state=state))
        findings.lack(reason("board_missing", name=name, pct=self.settings.board_share_pct))
        self._holders(party, findings)

    def _holders(self, party: Party, findings: _Findings) -> None:
        """(a)(3)(iv) each 10 % holder qualifies; (a)(3)(v) minimum excepted ownership."""
        links = self.owners.get(party.key, [])
        minimum = (
            self.settings.minimum_listed_pct if party.listed_company else self.settings.minimum_pct
        )
        qualifying = failing = 0.0
        for link in links:
            votes = _votes(link)
            verdict = self._holder_qualifies(link.holder_key)
            if verdict is True:
                qualifying += votes
            elif verdict is False:
                failing += votes
                if votes >= self.settings.holder_pct or (link.control_type or "none") != "none":
                    holder = self.parties[link.holder_key]
                    findings.fail(
                        reason("holder_fails", name=party.name, holder=holder.name, votes=votes)
                    )
            elif votes >= self.settings.holder_pct:
                findings.lack(
                    reason("holder_unknown", name=party.name, holder=link.holder_key, votes=votes)
                )
        if failing > 100.0 - minimum + 1e-9:
            findings.fail(
                reason("minimum_fails", name=party.name, failing=failing, minimum=minimum)
            )
        elif qualifying < minimum - 1e-9:
            findings.lack(
                reason("minimum_unknown", name=party.name, qualifying=qualifying, minimum=minimum)
            )

    def _holder_qualifies(self, key: str) -> bool | None:
        """A person, government or entity of an excepted state (or the US); None: unknown."""
        holder = self.parties.get(key)
        if holder is None or holder.party_type in ("dispersed", "other"):
            return None
        if holder.party_type in PERSON_TYPES:
            nationality = _code(holder.nationality or holder.country_incorporation)
            return None if not nationality else nationality in self.allowed
        if holder.is_government:
            state = _code(holder.state_country or holder.country_incorporation)
            return None if not state else state in self.allowed
        state = _code(holder.state_country)
        if holder.is_state_owned and state and state not in self.allowed:
            return False
        places = [_code(holder.country_incorporation), _code(holder.country_headoffice)]
        if any(place and place not in self.allowed for place in places):
            return False
        return None if not all(places) else True
