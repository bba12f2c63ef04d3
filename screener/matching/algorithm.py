"""The scoring algorithm: a list of features, each with a weight, combined into [0, 1].

Name features are alternative views of the same evidence (shared words, the whole string,
sound, initials), so the name evidence is the strongest weighted one rather than their sum:
two views agreeing do not make a pair twice as likely. Qualifiers carry negative weights and
lower what the names raised (a different country, birth years apart, a person against a
company). A decisive feature (an equal identifier) sets the score to 1 whatever the names.
Weights can be overridden by feature name in the matching configuration.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from screener.matching import features as f
from screener.matching.alignment import Alignment, align
from screener.matching.config import MatchConfig, load_config
from screener.matching.features import FeatureResult, PairContext
from screener.matching.rarity import TokenRarity, default_rarity
from screener.matching.records import (
    COUNTRIES,
    IDENTIFIERS,
    WEAK_NAMES,
    YEARS,
    MatchRecord,
    RecordFacts,
    facts_held,
    make_record,
)
from screener.names import PERSON, NameForm

FeatureFunc = Callable[[PairContext], FeatureResult]


@dataclass(frozen=True)
class Feature:
    func: FeatureFunc
    weight: float
    qualifier: bool = False
    decisive: bool = False
    # Reads the alignment of the names (the costly part of a score). Every other feature is
    # computed before the names are aligned, for the bound that spares the alignment
    # (`score_records`); such a feature is handed no alignment and fails if it reads one.
    aligned: bool = False
    # The fact of the query (a `MatchRecord` field) the feature compares with the
    # candidate's: a query without it scores 0 on the feature whatever the candidate, so a
    # quick score does not compute it (`_quick_features`).
    compares: str | None = None

    def __post_init__(self) -> None:
        if self.compares is not None and self.compares not in _QUERY_FACTS:
            raise ValueError(f"{self.name} compares {self.compares!r}: not one of {_QUERY_FACTS}")

    @property
    def name(self) -> str:
        return self.func.__name__


# The facts of a query a feature may compare (`Feature.compares`).
_QUERY_FACTS = ("kind", "countries", "years", "identifiers")


FEATURES: tuple[Feature, ...] = (
    Feature(f.name_exact, 1.0),
    Feature(f.name_token_overlap, 1.0, aligned=True),
    Feature(f.name_original_script, 1.0, aligned=True),
    Feature(f.name_joined, 0.8),
    Feature(f.name_phonetic, 0.6, aligned=True),
    Feature(f.name_initials, 0.8, aligned=True),
    Feature(f.identifier_match, 1.0, decisive=True, compares="identifiers"),
    Feature(f.legal_form_mismatch, -0.3, qualifier=True),
    Feature(f.name_country_mismatch, -0.3, qualifier=True),
    Feature(f.country_mismatch, -0.1, qualifier=True, compares="countries"),
    Feature(f.year_disjoint, -0.15, qualifier=True, compares="years"),
    Feature(f.kind_mismatch, -0.2, qualifier=True, compares="kind"),
    Feature(f.single_word_name, -0.1, qualifier=True),
    Feature(f.lone_common_word, -0.8, qualifier=True),
    Feature(f.weak_alias, -0.1, qualifier=True),
)


@dataclass(slots=True)
class MatchScore:
    score: float
    is_alert: bool
    is_strong: bool
    query_name: str
    candidate_name: str
    features: tuple[FeatureResult, ...]
    weights: tuple[tuple[str, float], ...] = ()

    def features_json(self) -> list[dict[str, Any]]:
        weights = dict(self.weights)
        return [r.as_dict() | {"weight": weights.get(r.name, 0.0)} for r in self.features]


AlignmentCache = dict[tuple[int, int, bool], tuple[Alignment, Alignment | None, float]]


def best_name_pair(
    query: MatchRecord,
    candidate: MatchRecord,
    rarity: TokenRarity,
    config: MatchConfig,
    alignments: AlignmentCache | None = None,
) -> tuple[NameForm, NameForm, Alignment, Alignment | None, float]:
    """The pair of names (over all aliases and scripts) whose words align best.

    `alignments` (kept by the caller for one query) reuses the alignment of a name that
    several list entries share: the same person on five lists is aligned once.
    """
    best: tuple[NameForm, NameForm, Alignment, Alignment | None, float] | None = None
    person = PERSON in (query.kind, candidate.kind) or not (query.kind or candidate.kind)
    for qn in query.names:
        for cn in candidate.names:
            if alignments is None:
                known = _aligned(qn, cn, rarity, config, person)
            else:
                key = (id(qn), id(cn), person)
                kept = alignments.get(key)
                if kept is None:
                    kept = alignments[key] = _aligned(qn, cn, rarity, config, person)
                known = kept
            value = known[2]
            if best is None or value > best[4]:
                best = (qn, cn, known[0], known[1], value)
                if value >= 1.0:
                    return best
    if best is None:
        raise ValueError("a record without names cannot be scored")
    return best


def _aligned(
    qn: NameForm, cn: NameForm, rarity: TokenRarity, config: MatchConfig, person: bool
) -> tuple[Alignment, Alignment | None, float]:
    """The romanised alignment, the original-script one (same non-Latin script), the better score."""
    alignment = align(qn, cn, rarity, config, person=person)
    if qn.script == cn.script and qn.script != "latin":
        original = align(qn, cn, rarity, config, original_script=True, person=person)
        return alignment, original, max(alignment.score, original.score)
    return alignment, None, alignment.score


def score_records(
    query: MatchRecord,
    candidate: MatchRecord,
    *,
    config: MatchConfig | None = None,
    rarity: TokenRarity | None = None,
    features: Sequence[Feature] = FEATURES,
    explain: bool = True,
    alignments: AlignmentCache | None = None,
    min_score: float | None = None,
) -> MatchScore:
    """Score a pair of records.

    Every feature is evaluated and keeps the values it compared; they are laid out as the
    reviewer's dictionary only when read (`FeatureResult.values`, `features_json`).
    `explain=False` is for scoring many candidates before explaining the few kept: features
    that cannot change the outcome are not evaluated (a name feature whose weight is below the name score already reached, since
    name evidence is the maximum, or, with `min_score`, too low to reach it; qualifiers once
    the names alone stay below `min_score` or an identifier decided; a feature comparing a
    fact the query lacks, `_quick_features`). The score is the same, or below `min_score`
    whenever the full score is; the skipped features are absent from `features`.

    With `min_score`, the names are not even aligned when the pair cannot reach it: the
    features that do not read the alignment are computed first and combined, with the ones
    that do at their maximum, into the highest score the pair could have (`upper_bound`).
    Below `min_score` that bound is the score returned, with no features.
    """
    config = config or load_config()
    rarity = rarity or default_rarity()
    plan = _active_features(config, features if explain else _quick_features(features, query))
    if not explain and min_score is not None:
        bound = upper_bound(query, candidate, config, rarity, plan, min_score)
        if bound < min_score:
            return MatchScore(
                bound,
                bound >= config.review_threshold,
                bound >= config.strong_threshold,
                query.names[0].original,
                candidate.names[0].original,
                (),
                plan.weights,
            )
    qn, cn, alignment, original, _ = best_name_pair(query, candidate, rarity, config, alignments)
    ctx = PairContext(query, candidate, qn, cn, alignment, original, config, rarity, explain)
    active, weights = plan.active, plan.weights
    names_score = 0.0
    qualifiers = 0.0
    decided = False
    if explain:
        results = [func(ctx) for func in plan.funcs]
        for i, weight in plan.names:
            value = weight * results[i][1]  # [1]: the score (FeatureResult is a tuple)
            if value > names_score:
                names_score = value
        for i, weight in plan.qualifiers:
            value = results[i][1]
            if value:
                qualifiers += weight * value
        for i in plan.decisive:
            if results[i][1] >= 1.0:
                decided = True
    else:
        results = []
        # A name feature weighing less than `min_score` (less what the qualifiers could add)
        # cannot lift the pair to it, whatever it finds: at the review threshold, the sound of
        # the names (name_phonetic), read for every candidate on no list (issue 19).
        useless = -1.0 if min_score is None else min_score - plan.qualifiers_max - _MARGIN
        for func, weight, role in active:
            if role is _NAME:
                if weight <= names_score or weight < useless:
                    continue
            elif role is _QUALIFIER and (
                decided or (min_score is not None and names_score < min_score)
            ):
                continue
            result = func(ctx)
            results.append(result)
            value = result[1]  # the score (FeatureResult is a tuple)
            if not value:
                continue
            if role is _NAME:
                if weight * value > names_score:
                    names_score = weight * value
            elif role is _QUALIFIER:
                qualifiers += weight * value
            elif value >= 1.0:
                decided = True
    score = combined(names_score, qualifiers, decided)
    return MatchScore(
        score,
        score >= config.review_threshold,
        score >= config.strong_threshold,
        qn.original,
        cn.original,
        tuple(results),
        weights,
    )


_NO_FACTS: frozenset[Any] = frozenset()


def facts_read(query: MatchRecord) -> int:
    """Which of a candidate's facts beside its kind its score against `query` reads (bits),
    which `scored_facts` counts: a candidate holding none of these scores as the same
    candidate with no facts but its kind. A kept index then makes the candidate's record
    without reading the entry's facts (`index_store.KeptEntries.narrowed`): a batch row
    giving only a name and a type reads the weak names alone, which most entries lack."""
    return WEAK_NAMES | facts_held(query)


def scored_facts(query: MatchRecord, candidate: MatchRecord) -> RecordFacts:
    """The facts of `candidate` (laid out as `record_facts` lays them) that its score against
    `query` reads: candidates with the same names and equal such facts score the same.

    The features compare countries, years and identifiers only when the query has some
    (country_mismatch, year_disjoint, identifier_match; `facts_read` says which), so for a
    query without them any candidate's count as none; the kind and the weak names always
    count, the stated schema never (the index has kept out the schemas a query does not
    meet before scoring). In a million-entry list the same names come with many sets of
    facts: counted by all their facts, 3,000 batch rows giving a name and a type had 60,499
    candidates scored; counted by these, 41,560 (issue 19).
    A quick score leaves out the features comparing facts the query lacks
    (`_quick_features`), so such candidates also compare the same values. A feature that
    reads another fact of the candidate must count it here
    (tests/unit/matching/test_scored_facts.py changes each fact and compares the scores).
    """
    reads = facts_read(query)
    return (
        candidate.kind,
        candidate.countries if reads & COUNTRIES else _NO_FACTS,
        candidate.years if reads & YEARS else _NO_FACTS,
        candidate.identifiers if reads & IDENTIFIERS else _NO_FACTS,
        candidate.weak_names,
        None,
    )


def combined(names_score: float, qualifiers: float, decided: bool) -> float:
    """The score: the name evidence (its strongest feature) lowered by the qualifiers, in
    [0, 1]; 1 when a decisive feature fired. Rising with the name evidence and with each
    qualifier, which is what makes `upper_bound` a bound."""
    return 1.0 if decided else min(1.0, max(0.0, names_score + qualifiers))


def upper_bound(
    query: MatchRecord,
    candidate: MatchRecord,
    config: MatchConfig,
    rarity: TokenRarity,
    plan: _Plan,
    floor: float | None = None,
) -> float:
    """The highest score the pair could reach, from the features that need no alignment.

    For every pair of their names, each feature that does not read the alignment is computed
    as the score computes it, each one that does is set at its maximum (a feature scores in
    [0, 1]), and the values are combined by `combined`, the score's own combination. The
    score is that of one of these name pairs with its aligned features at some value, so it
    is at most the greatest of them. With a `floor`, only the answer against it is sought:
    a pair's qualifiers are read until its bound (the qualifiers not yet read at their
    maximum) falls below the floor, and the first pair reaching the floor ends the search.
    """
    if plan.aligned_decisive:
        return 1.0
    best = 0.0
    ctx = PairContext(query, candidate, None, None, None, None, config, rarity, False)  # type: ignore[arg-type]
    for qn in query.names:
        ctx.query_name = qn
        for cn in candidate.names:
            ctx.candidate_name = cn
            names_score = plan.aligned_names_max
            qualifiers = plan.qualifiers_max
            for func, weight, role in plan.unaligned:
                value = func(ctx)[1]  # the score (FeatureResult is a tuple)
                if role is _QUALIFIER:
                    if weight > 0.0:  # it was counted at its maximum
                        qualifiers -= weight
                    elif not value:
                        continue  # at its maximum, nothing lowered
                    qualifiers += weight * value
                    if floor is not None and combined(names_score, qualifiers, False) < floor:
                        break
                elif role is _NAME:
                    if weight * value > names_score:
                        names_score = weight * value
                elif value >= 1.0:
                    return 1.0  # decided: combined(..., True)
            bound = combined(names_score, qualifiers, False)
            if bound > best:
                best = bound
                if floor is not None and best >= floor:
                    return best
    return best


_NAME, _QUALIFIER, _DECISIVE = "name", "qualifier", "decisive"
# Rounding room for a weight compared with `min_score`: sums of weights round in the last bits.
_MARGIN = 1e-9
Active = tuple[tuple[FeatureFunc, float, str], ...]


@dataclass(frozen=True, slots=True)
class _Plan:
    """The features of one configuration, laid out for the scoring loop."""

    active: Active  # (function, configured weight, role) of each feature not weighted 0
    weights: tuple[tuple[str, float], ...]  # (name, weight) in the same order
    funcs: tuple[FeatureFunc, ...]
    names: tuple[tuple[int, float], ...]  # (position, weight) of the name features
    qualifiers: tuple[tuple[int, float], ...]
    decisive: tuple[int, ...]
    # For upper_bound: the features that need no alignment and can move the bound (decisive,
    # then name features above the aligned ones' maximum, then qualifiers), ...
    unaligned: Active
    aligned_names_max: float  # ...the most an aligned name feature can add (weight at score 1)
    qualifiers_max: float  # ...the most all qualifiers can add (their positive weights at 1)
    aligned_decisive: bool  # ...and whether a decisive feature reads the alignment (no bound)


_ACTIVE: dict[tuple[int, int], tuple[MatchConfig, Sequence[Feature], _Plan]] = {}
_ACTIVE_LAST: list[Any] = []  # the configuration used last: one identity check, no lookup


def _role(feature: Feature) -> str:
    if feature.decisive:
        return _DECISIVE
    return _QUALIFIER if feature.qualifier else _NAME


def _bounding(active: Active, aligned: set[FeatureFunc], names_max: float) -> Active:
    """The features upper_bound computes, in the order it reads them: decisive ones first
    (one firing ends it), name features that could raise the name evidence above the
    aligned ones' maximum, then the qualifiers."""
    free = [item for item in active if item[0] not in aligned]
    return (
        *[item for item in free if item[2] is _DECISIVE],
        *[item for item in free if item[2] is _NAME and item[1] > names_max],
        *[item for item in free if item[2] is _QUALIFIER],
    )


_QUICK: dict[tuple[int, tuple[bool, ...]], tuple[Sequence[Feature], Sequence[Feature]]] = {}


def _quick_features(features: Sequence[Feature], query: MatchRecord) -> Sequence[Feature]:
    """`features` less those comparing a fact `query` lacks (`Feature.compares`): they score
    0 whatever the candidate, so a quick score (explain=False) need not compute them, in
    the bound or after it; an explained one does, for the reviewer. A batch row giving a
    name and a type has no identifier, country or year to compare with a million
    candidates (issue 19)."""
    given = (bool(query.kind), bool(query.countries), bool(query.years), bool(query.identifiers))
    key = (id(features), given)
    found = _QUICK.get(key)
    if found is None or found[0] is not features:
        lacking = {fact for fact, present in zip(_QUERY_FACTS, given, strict=True) if not present}
        kept = tuple(f for f in features if f.compares not in lacking)
        found = _QUICK[key] = (features, features if len(kept) == len(features) else kept)
    return found[1]


def _active_features(config: MatchConfig, features: Sequence[Feature]) -> _Plan:
    """The features not weighted 0 with their configured weights (cached per config)."""
    last = _ACTIVE_LAST
    if last and last[0] is config and last[1] is features:
        return last[2]  # type: ignore[no-any-return]
    key = (id(config), id(features))
    cached = _ACTIVE.get(key)
    if cached is None or cached[0] is not config or cached[1] is not features:
        weighted = [(f, config.weight(f.name, f.weight)) for f in features]
        active = tuple((f.func, w, _role(f)) for f, w in weighted if w != 0.0)
        aligned = {f.func for f in features if f.aligned}
        names_max = max([0.0] + [w for func, w, r in active if r is _NAME and func in aligned])
        roles = [role for _, _, role in active]
        plan = _Plan(
            active=active,
            weights=tuple((f.name, w) for f, w in weighted if w != 0.0),
            funcs=tuple(func for func, _, _ in active),
            names=tuple((i, w) for i, (_, w, r) in enumerate(active) if r is _NAME),
            qualifiers=tuple((i, w) for i, (_, w, r) in enumerate(active) if r is _QUALIFIER),
            decisive=tuple(i for i, r in enumerate(roles) if r is _DECISIVE),
            unaligned=_bounding(active, aligned, names_max),
            aligned_names_max=names_max,
            qualifiers_max=sum(max(0.0, w) for _, w, r in active if r is _QUALIFIER),
            aligned_decisive=any(r is _DECISIVE and func in aligned for func, _, r in active),
        )
        cached = _ACTIVE[key] = (config, features, plan)
    _ACTIVE_LAST[:] = cached
    return cached[2]


def score_pair(
    name1: str,
    name2: str,
    schema: str | None = None,
    country1: str | None = None,
    country2: str | None = None,
    *,
    config: MatchConfig | None = None,
    rarity: TokenRarity | None = None,
    explain: bool = True,
) -> MatchScore:
    """Score two names (and optional countries) without any list loaded.

    `explain=False` (a file of pairs, where only the score is written) skips the features
    that cannot change the score; the score is the same (`score_records`)."""
    query = make_record([name1], schema, countries=[country1] if country1 else [])
    candidate = make_record([name2], schema, countries=[country2] if country2 else [])
    if not query.names or not candidate.names:
        return MatchScore(0.0, False, False, name1, name2, ())
    return score_records(query, candidate, config=config, rarity=rarity, explain=explain)
