"""Scoring a case: evaluate packs over facts into an Assessment that explains itself.

Points are `score x weight` for each rule that fires (plus its extras that also hold),
summed per category and in total. The tier comes from the tier bands; a hard outcome
(prohibited, escalate, a mandatory filing ...) overrides the score and lifts the tier to the
pack's `hard_outcome_tier`, because no number of mitigating points can cancel a legal
obligation. Each hit carries the values of the facts its condition read, so the memo can
say *why* a rule fired, not only *that* it did. A hit also carries the rule's Japanese words
(title, rationale, the extras' notes) when the pack has them, so a Japanese memo printed years
later reads them from the stored hit, not from whatever the packs say then.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from screener.risk.conditions import fact_value
from screener.risk.facts import Facts
from screener.risk.packs import CATEGORIES, OUTCOMES, Rule, RulePack, packs_hash


class EvaluationError(RuntimeError):
    """A rule failed while evaluating (the message names pack and rule)."""


@dataclass(frozen=True)
class RuleHit:
    rule_id: str
    pack_id: str
    title: str
    category: str
    points: float
    outcomes: tuple[str, ...]
    notes: tuple[str, ...]
    facts: dict[str, Any]
    rationale: str
    source: str
    title_ja: str = ""
    rationale_ja: str = ""
    # One per note, in the same order; "" where that extra has no Japanese note.
    notes_ja: tuple[str, ...] = ()

    def record(self) -> dict[str, Any]:
        """The hit as stored with an assessment. Japanese fields are left out when the pack
        had none, so a hit scored before packs carried Japanese (stored without those keys)
        still reproduces exactly from its stored English-only pack."""
        data = asdict(self)
        for key in ("title_ja", "rationale_ja", "notes_ja"):
            if not any(data[key]):  # "" or a tuple of "" only
                del data[key]
        return data


@dataclass(frozen=True)
class OutcomeHit:
    outcome: str
    label: str
    rule_ids: tuple[str, ...]
    overrides_score: bool


@dataclass(frozen=True)
class PackRef:
    id: str
    version: str
    sha256: str
    source: str


@dataclass(frozen=True)
class Assessment:
    category_scores: dict[str, float]
    total: float
    score_tier: str
    tier: str
    outcomes: tuple[OutcomeHit, ...]
    hits: tuple[RuleHit, ...]
    packs: tuple[PackRef, ...]
    pack_hash: str
    rules_evaluated: int
    packs_not_in_force: tuple[str, ...] = field(default=())

    @property
    def fired_rule_ids(self) -> tuple[str, ...]:
        return tuple(hit.rule_id for hit in self.hits)

    @property
    def hard_outcomes(self) -> tuple[str, ...]:
        return tuple(o.outcome for o in self.outcomes if o.overrides_score)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["fired_rule_ids"] = list(self.fired_rule_ids)
        return data


def _in_force(pack: RulePack, on: date | None) -> bool:
    if on is None:
        return True
    return pack.effective_from <= on and (pack.effective_to is None or on <= pack.effective_to)


def _evaluate_rule(pack: RulePack, rule: Rule, facts: Facts) -> RuleHit | None:
    params = pack.parameters
    try:
        if not rule.when.holds(facts, params):
            return None
        extras = [extra for extra in rule.extras if extra.when.holds(facts, params)]
    except ValueError as exc:
        raise EvaluationError(f"{pack.source}: rule {rule.id}: {exc}") from None
    paths = {path for extra in extras for path in extra.when.paths} | set(rule.when.paths)
    points = (rule.score + sum(extra.score for extra in extras)) * rule.weight
    outcomes = rule.outcomes + tuple(o for extra in extras for o in extra.outcomes)
    noted = [extra for extra in extras if extra.note]
    return RuleHit(
        rule_id=rule.id,
        pack_id=pack.id,
        title=rule.title,
        category=rule.category,
        points=round(points, 4),
        outcomes=tuple(dict.fromkeys(outcomes)),
        notes=tuple(extra.note for extra in noted),
        facts={path: fact_value(facts, params, path) for path in sorted(paths)},
        rationale=rule.rationale,
        source=rule.source,
        title_ja=rule.title_ja,
        rationale_ja=rule.rationale_ja,
        notes_ja=tuple(extra.note_ja for extra in noted),
    )


def _as_of(facts: Facts) -> date | None:
    try:
        return date.fromisoformat(facts.as_of) if facts.as_of else None
    except ValueError:
        return None


def _strictest(candidates: Iterable[tuple[RulePack, str]]) -> str:
    """The highest tier, ranked within its own pack's bands (packs normally share bands)."""
    best_name, best_rank = "", -1.0
    for pack, name in candidates:
        rank = pack.tier_rank(name) / max(len(pack.tiers) - 1, 1)
        if rank > best_rank:
            best_name, best_rank = name, rank
    return best_name


def evaluate(packs: Sequence[RulePack], facts: Facts) -> Assessment:
    """Score `facts` with every enabled rule of the packs in force on `facts.as_of`."""
    as_of = _as_of(facts)
    active = [pack for pack in packs if _in_force(pack, as_of)]
    hits: list[tuple[RulePack, RuleHit]] = []
    evaluated = 0
    for pack in active:
        for rule in pack.rules:
            if not rule.enabled:
                continue
            evaluated += 1
            hit = _evaluate_rule(pack, rule, facts)
            if hit is not None:
                hits.append((pack, hit))
    hits.sort(key=lambda pair: CATEGORIES.index(pair[1].category))  # stable: pack order within
    scores = {category: 0.0 for category in CATEGORIES}
    for _pack, hit in hits:
        scores[hit.category] = round(scores.get(hit.category, 0.0) + hit.points, 4)
    total = round(sum(scores.values()), 4)
    score_tiers = [(pack, pack.tier_for(total)) for pack in active]
    score_tier = _strictest(score_tiers)
    outcome_rules: dict[str, list[str]] = {}
    overriding: dict[str, bool] = {}
    override_tiers: list[tuple[RulePack, str]] = []
    for pack, hit in hits:
        for outcome in hit.outcomes:
            outcome_rules.setdefault(outcome, []).append(hit.rule_id)
            is_hard = outcome in pack.hard_outcomes
            overriding[outcome] = overriding.get(outcome, False) or is_hard
            if is_hard:
                override_tiers.append((pack, pack.hard_outcome_tier))
    outcomes = tuple(
        OutcomeHit(name, OUTCOMES[name], tuple(outcome_rules[name]), overriding[name])
        for name in OUTCOMES
        if name in outcome_rules
    )
    tier = _strictest([*score_tiers, *override_tiers])
    return Assessment(
        category_scores=scores,
        total=total,
        score_tier=score_tier,
        tier=tier,
        outcomes=outcomes,
        hits=tuple(hit for _pack, hit in hits),
        packs=tuple(PackRef(p.id, p.version, p.sha256, p.source) for p in packs),
        pack_hash=packs_hash(packs),
        rules_evaluated=evaluated,
        packs_not_in_force=tuple(p.id for p in packs if all(p is not a for a in active)),
    )
