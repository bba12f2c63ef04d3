"""Everything the memo prints, as plain frozen values: the one thing the layout reads.

`model` and `ownership_view` fill these in from the database; `render`, the section builders
and the diagram draw them and never touch the store, so a memo can be laid out (and tested)
from values alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from screener import __version__
from screener.lists.link_evidence import SameEntityEvidence
from screener.matching.phrase import phrase_match
from screener.risk.packs import in_language


@dataclass(frozen=True)
class OwnershipNode:
    key: str
    name: str
    party_type: str
    role: str
    country: str | None
    markers: tuple[str, ...]


@dataclass(frozen=True)
class OwnershipEdge:
    holder_key: str
    held_key: str
    equity_pct: float | None
    voting_pct: float | None
    control_type: str | None
    source: str
    confidence: str


@dataclass(frozen=True)
class StakeRow:
    name: str
    country: str | None
    effective_pct: float
    is_ultimate: bool
    status: str  # 'OFAC: owned; EU: owned'
    status_ja: str = ""  # 'OFAC: 所有による該当; ...'; "" in memo data kept before it

    def status_in(self, lang: str) -> str:
        return self.status_ja if lang == "ja" and self.status_ja else self.status


@dataclass(frozen=True)
class RegimeFinding:
    """One regime's verdict; `paths` are the engine's explanation lines, target first;
    `rule` the legal basis as it stood on the as-of date (threshold and aggregation)."""

    regime: str
    in_force: bool
    suspended_reason: str
    blocked: tuple[str, ...]
    paths: tuple[str, ...]
    rule: str = ""
    effect: str = "blocked"  # or "licence": Regime.effect
    title_ja: str = ""
    # the same lines and rule in Japanese (screener.ownership.words); "" / () in memo data
    # kept before them, which a Japanese memo then prints in English
    paths_ja: tuple[str, ...] = ()
    rule_ja: str = ""
    suspended_reason_ja: str = ""

    def title(self, lang: str) -> str:
        return self.title_ja if lang == "ja" and self.title_ja else self.regime

    def paths_in(self, lang: str) -> tuple[str, ...]:
        return self.paths_ja if lang == "ja" and self.paths_ja else self.paths

    def rule_in(self, lang: str) -> str:
        return self.rule_ja if lang == "ja" and self.rule_ja else self.rule

    def suspended_reason_in(self, lang: str) -> str:
        if lang == "ja" and self.suspended_reason_ja:
            return self.suspended_reason_ja
        return self.suspended_reason


@dataclass(frozen=True)
class OwnershipView:
    target_key: str | None
    nodes: tuple[OwnershipNode, ...]
    edges: tuple[OwnershipEdge, ...]
    stakes: tuple[StakeRow, ...] | None
    government_pct: float | None
    adversary_pct: float | None
    unresolved_pct: float | None
    regimes: tuple[RegimeFinding, ...]
    as_of: date | None = None
    error: str | None = None

    @property
    def has_graph(self) -> bool:
        return bool(self.edges)


@dataclass(frozen=True)
class Fact:
    """One labelled fact; `label` is a key of screener.memo.labels, `value` a raw value."""

    label: str
    value: Any


@dataclass(frozen=True)
class MemoMembership:
    """One list a listed entity is on, as the party's match against that list's entry."""

    source_name: str
    list_name: str
    entry_key: str
    programs: tuple[str, ...] = ()


@dataclass(frozen=True)
class MemoMatch:
    """A party's hit on one listed entity: the best-scoring membership, and all of them."""

    party_name: str
    source_name: str
    list_name: str
    entry_key: str
    matched_name: str
    score: float
    is_strong: bool
    explanation: str
    status: str
    programs: tuple[str, ...] = ()
    decision: str | None = None
    reason: str = ""
    decided_by: str | None = None
    decided_at: datetime | None = None
    changed_since_dismissed: tuple[str, ...] = ()
    query_name: str = ""
    features: tuple[dict[str, Any], ...] = ()  # as stored: the sentences are made from these
    memberships: tuple[MemoMembership, ...] = ()  # every list the entity was found on
    listing_ends: tuple[str, ...] = ()  # ISO end dates the lists give (a denial order's expiry)
    same_entity: tuple[SameEntityEvidence, ...] = ()  # why its memberships are one entity

    def why_in(self, lang: str) -> str:
        """Why the pair matched, in sentences a reviewer can sign (screener.matching.phrase);
        a match stored without its features has the scorer's explanation alone."""
        if not self.features:
            return self.explanation
        name = self.query_name or self.party_name
        return phrase_match(name, self.matched_name, self.features, lang)


@dataclass(frozen=True)
class MemoHit:
    """A rule hit as printed: `rationale` is the rule's rationale followed by its extras'
    notes; `title_ja` and `rationale_ja` are "" when the hit carries no Japanese (stored
    before the packs had it), and a Japanese memo then prints the English."""

    rule_id: str
    title: str
    category: str
    points: float | None
    outcome: str | None
    facts: tuple[tuple[str, Any], ...]  # (fact key or "", value as the engine saw it)
    source: str
    rationale: str
    title_ja: str = ""
    rationale_ja: str = ""

    def title_in(self, lang: str) -> str:
        return in_language(self.title, self.title_ja, lang)

    def rationale_in(self, lang: str) -> str:
        return in_language(self.rationale, self.rationale_ja, lang)


@dataclass(frozen=True)
class MemoAssessment:
    created_at: datetime
    created_by: str | None
    tier: str
    total_score: float
    category_scores: tuple[tuple[str, float], ...]
    outcomes: tuple[str, ...]
    hard_outcomes: tuple[str, ...]
    hits: tuple[MemoHit, ...]
    pack_hash: str
    packs: tuple[str, ...]
    reference_data: tuple[tuple[str, str, str], ...] = ()  # id, version, sha256


@dataclass(frozen=True)
class MemoNote:
    author: str
    created_at: datetime
    text: str


@dataclass(frozen=True)
class MemoSignOff:
    role: str
    user: str
    signed_at: datetime
    outcome: str | None
    comment: str
    dissent: str


@dataclass(frozen=True)
class MemoListVersion:
    source: str
    label: str
    publisher_date: str | None
    imported_at: datetime
    content_hash: str
    entry_count: int


@dataclass(frozen=True)
class MemoScreening:
    """The latest screening run of the case, from its audit record."""

    at: datetime
    actor: str
    parties: int
    matches: int


@dataclass(frozen=True)
class MemoClock:
    """A statutory clock as the workflow computes it (screener.workflow.clocks)."""

    title: str
    regime: str
    start: date | None
    due: date | None
    days_left: int | None
    state: str
    source: str


@dataclass(frozen=True)
class MemoObligation:
    """The case's next obligation (screener.workflow.obligation.next_obligation) as of the memo."""

    kind: str  # filing | review | none
    title: str
    due: date | None
    standing: str  # none | running | due_soon | overdue | met | late | closed
    days_left: int | None = None
    filed_on: date | None = None
    closed_on: date | None = None
    days_late: int = 0


@dataclass(frozen=True)
class MemoScreeningState:
    """Whether the case was screened against the lists active now and assessed since
    (screener.workflow.screening_state): a memo of an unscreened case says so first."""

    never_screened: bool
    unscreened: tuple[str, ...]
    newer_lists: tuple[str, ...]
    no_lists: bool
    assessed: str  # never | outdated | current

    @property
    def is_complete(self) -> bool:
        return (
            not (self.unscreened or self.newer_lists or self.no_lists)
            and self.assessed == "current"
        )


@dataclass(frozen=True)
class MemoFilingDue:
    """A filing a hard outcome requires: due `days` before the expected completion, or
    unknown (`due` None) when the completion date is not recorded."""

    outcome: str
    title: str
    due: date | None
    completion: date | None
    days: int
    citation: str


@dataclass(frozen=True)
class MemoMitigation:
    title: str
    description: str
    status: str | None


@dataclass(frozen=True)
class MemoData:
    case_id: str
    title: str
    status: str
    decision: str | None
    handling_marking: str
    jurisdictions: tuple[str, ...]
    assignee: str | None
    received_date: date | None
    filing_date: date | None
    filing_deadline: date | None
    clocks: tuple[MemoClock, ...]
    summary: str
    recommendation: str
    target_name: str | None
    transaction_facts: tuple[Fact, ...]
    target_facts: tuple[Fact, ...]
    filing_facts: tuple[Fact, ...]
    ownership: OwnershipView
    matches: tuple[MemoMatch, ...]
    screening: MemoScreening | None
    assessment: MemoAssessment | None
    mitigation: tuple[MemoMitigation, ...]
    notes: tuple[MemoNote, ...]
    sign_offs: tuple[MemoSignOff, ...]
    list_versions: tuple[MemoListVersion, ...]
    # The assessment's as-of date: every section reads the law, lists and ownership as of it
    # and says so. None when no assessment is recorded (the memo's date then stands in).
    as_of: date | None = None
    filing_dues: tuple[MemoFilingDue, ...] = ()
    obligation: MemoObligation | None = None
    screening_state: MemoScreeningState | None = None
    app_version: str = __version__
    # The audit log's head when the data was read ("record N sha256:H"): printed and exported
    # so a copy outside the database pins the log (`screener audit verify --anchor`).
    audit_head: str = ""
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))

    @property
    def party_names(self) -> dict[str, str]:
        """Party key -> name, for what the memo prints of facts and links by key."""
        return {n.key: n.name for n in self.ownership.nodes}

    def days_to_deadline(self) -> int | None:
        """The statutory clock as of the memo's date; negative once the deadline has passed.

        None when there is no deadline or the filing was made (the deadline is met).
        """
        if self.filing_deadline is None or self.filing_date is not None:
            return None
        return (self.filing_deadline - self.generated_at.date()).days
