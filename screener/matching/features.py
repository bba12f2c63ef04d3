"""One function per matching signal; each docstring is the sentence the reviewer reads.

Every feature takes the `PairContext` of a query and a candidate (the best pair of their
names already aligned) and returns a `FeatureResult` with its score in [0, 1] and the
values it compared, so the explanation in the memo shows what was compared, not only how
much it weighed. Name features raise a score; qualifiers (mismatches) lower it; an equal
identifier decides it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from screener.matching.alignment import Alignment, Unit
from screener.matching.config import MatchConfig
from screener.matching.rarity import TokenRarity
from screener.matching.records import MatchRecord
from screener.names import PERSON, NameForm

YEAR_TOLERANCE = 1


@dataclass(frozen=True, slots=True)
class FeatureResult:
    name: str
    score: float
    values: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "score": round(self.score, 4), "values": self.values}


@dataclass(slots=True)
class PairContext:
    query: MatchRecord
    candidate: MatchRecord
    query_name: NameForm
    candidate_name: NameForm
    alignment: Alignment
    original_alignment: Alignment | None
    config: MatchConfig
    rarity: TokenRarity


def _pairs(alignment: Alignment) -> list[list[Any]]:
    return [[q.text, c.text, round(s, 3)] for q, c, s in alignment.pairs]


def _left(units: list[Unit]) -> list[str]:
    return [u.text for u in units]


def name_exact(ctx: PairContext) -> FeatureResult:
    """The names are the same words once case, accents, punctuation, order and legal form are set aside."""
    q, c = ctx.query_name, ctx.candidate_name
    equal = sorted(q.tokens) == sorted(c.tokens) or q.joined == c.joined
    return FeatureResult(
        "name_exact", 1.0 if equal else 0.0, {"query": q.romanised, "candidate": c.romanised}
    )


def name_token_overlap(ctx: PairContext) -> FeatureResult:
    """The names share their words in any order, allowing typos and spelling variants; rare words count more than common ones like 'trading' or 'al'."""
    a = ctx.alignment
    return FeatureResult(
        "name_token_overlap",
        a.score,
        {
            "pairs": _pairs(a),
            "only_in_query": _left(a.query_left),
            "only_in_candidate": _left(a.candidate_left),
            "weights": {u.text: round(u.weight, 2) for u, _, _ in a.pairs}
            | {u.text: round(u.weight, 2) for u in a.query_left},
        },
    )


def name_original_script(ctx: PairContext) -> FeatureResult:
    """Written in the same non-Latin script, the names share their words as originally written."""
    a = ctx.original_alignment
    if a is None:
        return FeatureResult("name_original_script", 0.0, {"script": ctx.query_name.script})
    return FeatureResult(
        "name_original_script",
        a.score,
        {
            "script": ctx.query_name.script,
            "pairs": _pairs(a),
            "only_in_query": _left(a.query_left),
            "only_in_candidate": _left(a.candidate_left),
        },
    )


def name_joined(ctx: PairContext) -> FeatureResult:
    """Read as one string without spaces, the names are spelt nearly alike (catches words run together or split)."""
    q, c = ctx.query_name.joined, ctx.candidate_name.joined
    return FeatureResult(
        "name_joined", Levenshtein.normalized_similarity(q, c), {"query": q, "candidate": c}
    )


def name_phonetic(ctx: PairContext) -> FeatureResult:
    """The names sound alike: their words share consonant skeletons (Mahmoud / Mahmood, Selenskyj / Zelenskyy)."""
    q, c = ctx.query_name, ctx.candidate_name
    rarity = ctx.rarity
    remaining = list(zip(c.phonetic, c.tokens, strict=True))
    earned = total = 0.0
    for key, token in zip(q.phonetic, q.tokens, strict=True):
        weight = rarity.weight(token)
        total += weight
        for index, (other_key, _other) in enumerate(remaining):
            if other_key == key and len(key) >= 3:
                earned += weight
                remaining.pop(index)
                break
    total += sum(rarity.weight(t) for _, t in remaining)
    score = 2 * earned / (total + earned) if total else 0.0
    return FeatureResult(
        "name_phonetic", score, {"query": list(q.phonetic), "candidate": list(c.phonetic)}
    )


def name_initials(ctx: PairContext) -> FeatureResult:
    """Where one name gives only initials, they are the first letters of the other name's words."""
    pairs = ctx.alignment.pairs
    initials = [
        (q.text, c.text)
        for q, c, _ in pairs
        if q.initials or c.initials or len(q.text) == 1 or len(c.text) == 1
    ]
    if not initials or ctx.alignment.query_left or ctx.alignment.candidate_left:
        return FeatureResult("name_initials", 0.0, {"initials": initials})
    return FeatureResult("name_initials", ctx.alignment.score, {"initials": initials})


def identifier_match(ctx: PairContext) -> FeatureResult:
    """Both carry the same identifier (LEI, IMO number, registration or passport number)."""
    shared = {v for _, v in ctx.query.identifiers} & {v for _, v in ctx.candidate.identifiers}
    return FeatureResult("identifier_match", 1.0 if shared else 0.0, {"shared": sorted(shared)})


def legal_form_mismatch(ctx: PairContext) -> FeatureResult:
    """The legal forms belong to different kinds of company (a GmbH is not an AG)."""
    from screener.names import load_rules

    family = load_rules().legal_form_family
    q = {family[f] for f in ctx.query_name.legal_forms} - {"generic"}
    c = {family[f] for f in ctx.candidate_name.legal_forms} - {"generic"}
    mismatch = bool(q and c and not q & c)
    values = {
        "query": sorted(ctx.query_name.legal_forms),
        "candidate": sorted(ctx.candidate_name.legal_forms),
    }
    return FeatureResult("legal_form_mismatch", 1.0 if mismatch else 0.0, values)


def country_mismatch(ctx: PairContext) -> FeatureResult:
    """The countries given for the two (nationality, incorporation, address) have none in common."""
    q, c = ctx.query.countries, ctx.candidate.countries
    mismatch = bool(q and c and not q & c)
    return FeatureResult(
        "country_mismatch", 1.0 if mismatch else 0.0, {"query": sorted(q), "candidate": sorted(c)}
    )


def name_country_mismatch(ctx: PairContext) -> FeatureResult:
    """The names themselves name different countries ('... (Spain)' against '... (Netherlands)')."""
    q, c = ctx.query_name.countries, ctx.candidate_name.countries
    if q == c:
        score = 0.0
    elif q and c:
        score = 0.0 if q & c else 1.0
    else:
        score = 0.5
    return FeatureResult(
        "name_country_mismatch", score, {"query": sorted(q), "candidate": sorted(c)}
    )


def year_disjoint(ctx: PairContext) -> FeatureResult:
    """The years of birth or incorporation differ by more than a year."""
    q, c = ctx.query.years, ctx.candidate.years
    disjoint = bool(q and c) and min(abs(a - b) for a in q for b in c) > YEAR_TOLERANCE
    return FeatureResult(
        "year_disjoint", 1.0 if disjoint else 0.0, {"query": sorted(q), "candidate": sorted(c)}
    )


def kind_mismatch(ctx: PairContext) -> FeatureResult:
    """One is a person and the other an organisation or vessel."""
    q, c = ctx.query.kind, ctx.candidate.kind
    mismatch = bool(q and c and q != c and PERSON in (q, c))
    return FeatureResult("kind_mismatch", 1.0 if mismatch else 0.0, {"query": q, "candidate": c})
