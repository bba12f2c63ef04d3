"""What-if: how an assessment changes when the rules change, before anything is saved.

Reviewers question a rule by editing it and seeing the consequence on the open case: the
score, the tier, the outcomes, and which rules start or stop firing or change points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from screener.risk.engine import Assessment, evaluate
from screener.risk.facts import Facts
from screener.risk.packs import RulePack


@dataclass(frozen=True)
class PointsChange:
    rule_id: str
    before: float
    after: float


@dataclass(frozen=True)
class WhatIf:
    before: Assessment
    after: Assessment
    newly_firing: tuple[str, ...]
    no_longer_firing: tuple[str, ...]
    points_changed: tuple[PointsChange, ...]
    outcomes_added: tuple[str, ...]
    outcomes_removed: tuple[str, ...]

    @property
    def total_delta(self) -> float:
        return round(self.after.total - self.before.total, 4)

    @property
    def tier_changed(self) -> bool:
        return self.before.tier != self.after.tier

    @property
    def changed(self) -> bool:
        return bool(
            self.total_delta
            or self.tier_changed
            or self.newly_firing
            or self.no_longer_firing
            or self.points_changed
            or self.outcomes_added
            or self.outcomes_removed
        )


def compare(before: Assessment, after: Assessment) -> WhatIf:
    points_before = {hit.rule_id: hit.points for hit in before.hits}
    points_after = {hit.rule_id: hit.points for hit in after.hits}
    outcomes_before = {o.outcome for o in before.outcomes}
    outcomes_after = {o.outcome for o in after.outcomes}
    return WhatIf(
        before=before,
        after=after,
        newly_firing=tuple(r for r in points_after if r not in points_before),
        no_longer_firing=tuple(r for r in points_before if r not in points_after),
        points_changed=tuple(
            PointsChange(r, points_before[r], points_after[r])
            for r in points_after
            if r in points_before and points_before[r] != points_after[r]
        ),
        outcomes_added=tuple(sorted(outcomes_after - outcomes_before)),
        outcomes_removed=tuple(sorted(outcomes_before - outcomes_after)),
    )


def what_if(facts: Facts, current: Sequence[RulePack], edited: Sequence[RulePack]) -> WhatIf:
    """Score the same facts with the current and the edited packs."""
    return compare(evaluate(current, facts), evaluate(edited, facts))
