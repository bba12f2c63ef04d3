"""One function per matching signal; each docstring is the sentence the reviewer reads.

Every feature takes the `PairContext` of a query and a candidate (the best pair of their
names already aligned) and returns a `FeatureResult` with its score in [0, 1] and the
values it compared, so the explanation in the memo shows what was compared, not only how
much it weighed. Name features raise a score; qualifiers (mismatches) lower it; an equal
identifier decides it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from screener.matching.alignment import Alignment, Unit, is_initial, words_of
from screener.matching.config import MatchConfig
from screener.matching.rarity import TokenRarity
from screener.matching.records import MatchRecord
from screener.names import PERSON, NameForm, load_rules

YEAR_TOLERANCE = 1
_NOT_EXPLAINED: dict[str, Any] = {}


@dataclass(slots=True)
class FeatureResult:
    name: str
    score: float
    values: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "score": round(self.score, 4), "values": self.values}


_ZEROS: dict[str, FeatureResult] = {}


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

    explain: bool = True

    def result(
        self, name: str, score: float, values: Callable[[], dict[str, Any]]
    ) -> FeatureResult:
        """A feature's result; the compared values are gathered only when explaining."""
        if self.explain:
            return FeatureResult(name, score, values())
        if score == 0.0:
            zero = _ZEROS.get(name)
            if zero is None:
                zero = _ZEROS[name] = FeatureResult(name, 0.0, _NOT_EXPLAINED)
            return zero  # shared: results are never changed after they are made
        return FeatureResult(name, score, _NOT_EXPLAINED)

    def alignment_units(self, form: NameForm) -> tuple[Unit, ...]:
        """The weighted words of one of the two names (cached on the name)."""
        return form.cache[(self.rarity, False)].units  # type: ignore[attr-defined,no-any-return]


def _pairs(alignment: Alignment) -> list[list[Any]]:
    return [[q.text, c.text, round(s, 3)] for q, c, s in alignment.pairs]


def _left(units: list[Unit]) -> list[str]:
    return [u.text for u in units]


def name_exact(ctx: PairContext) -> FeatureResult:
    """The names are the same words once case, accents, punctuation, order and legal form are set aside."""
    q, c = ctx.query_name, ctx.candidate_name
    equal = q.sorted_tokens == c.sorted_tokens or q.joined == c.joined
    return ctx.result(
        "name_exact",
        1.0 if equal else 0.0,
        lambda: {"query": q.romanised, "candidate": c.romanised},
    )


def name_token_overlap(ctx: PairContext) -> FeatureResult:
    """The names share their words in any order, allowing typos and spelling variants; rare words count more than common ones like 'trading' or 'al'."""
    a = ctx.alignment
    return ctx.result("name_token_overlap", a.score, lambda: _alignment_values(a))


def _alignment_values(a: Alignment) -> dict[str, Any]:
    return {
        "pairs": _pairs(a),
        "only_in_query": _left(a.query_left),
        "only_in_candidate": _left(a.candidate_left),
        "weights": {u.text: round(u.weight, 2) for u, _, _ in a.pairs}
        | {u.text: round(u.weight, 2) for u in a.query_left + a.candidate_left},
    }


def name_original_script(ctx: PairContext) -> FeatureResult:
    """Written in the same non-Latin script, the names share their words as originally written."""
    a = ctx.original_alignment
    script = ctx.query_name.script
    if a is None:
        return ctx.result("name_original_script", 0.0, lambda: {"script": script})
    return ctx.result(
        "name_original_script", a.score, lambda: {"script": script} | _alignment_values(a)
    )


def name_joined(ctx: PairContext) -> FeatureResult:
    """Read as one string without spaces, the names are spelt nearly alike (catches words run together or split)."""
    q, c = ctx.query_name.joined, ctx.candidate_name.joined
    score = Levenshtein.normalized_similarity(q, c)
    return ctx.result("name_joined", score, lambda: {"query": q, "candidate": c})


def name_phonetic(ctx: PairContext) -> FeatureResult:
    """The names sound alike: their words share consonant skeletons (Mahmoud / Mahmood, Selenskyj / Zelenskyy)."""
    q, c = ctx.query_name, ctx.candidate_name
    qw, cw = words_of(q, ctx.rarity), words_of(c, ctx.rarity)
    common = qw.sounds.keys() & cw.sounds.keys()
    score = 0.0
    if common:
        earned = sum(qw.sounds[k] + cw.sounds[k] for k in common)
        total = qw.total_weight + cw.total_weight
        score = min(1.0, earned / total) if total else 0.0
    return ctx.result(
        "name_phonetic", score, lambda: {"query": list(q.phonetic), "candidate": list(c.phonetic)}
    )


def name_initials(ctx: PairContext) -> FeatureResult:
    """Where one name gives only initials, they are the first letters of the other name's words."""
    a = ctx.alignment
    if not (
        words_of(ctx.query_name, ctx.rarity).has_initials
        or words_of(ctx.candidate_name, ctx.rarity).has_initials
    ):
        return ctx.result("name_initials", 0.0, lambda: {"initials": []})
    initials = [(q.text, c.text) for q, c, _ in a.pairs if is_initial(q, c)]
    score = a.score if initials and not (a.query_left or a.candidate_left) else 0.0
    return ctx.result("name_initials", score, lambda: {"initials": initials})


def single_word_name(ctx: PairContext) -> FeatureResult:
    """A person's name of one word is compared with a name of several: only one name part can agree."""
    q, c = ctx.query_name.tokens, ctx.candidate_name.tokens
    fired = PERSON in (ctx.query.kind, ctx.candidate.kind) and ((len(q) == 1) != (len(c) == 1))
    return ctx.result(
        "single_word_name", 1.0 if fired else 0.0, lambda: {"query": len(q), "candidate": len(c)}
    )


def weak_alias(ctx: PairContext) -> FeatureResult:
    """The name that matched is one the list itself marks as a weak, low-quality alias."""
    fired = bool(ctx.candidate.weak_names or ctx.query.weak_names) and (
        ctx.candidate_name.original in ctx.candidate.weak_names
        or ctx.query_name.original in ctx.query.weak_names
    )
    name = ctx.candidate_name.original
    return ctx.result("weak_alias", 1.0 if fired else 0.0, lambda: {"candidate": name})


def identifier_match(ctx: PairContext) -> FeatureResult:
    """Both carry the same identifier (LEI, IMO number, registration or passport number)."""
    shared: set[str] = set()
    if ctx.query.identifiers and ctx.candidate.identifiers:
        shared = {v for _, v in ctx.query.identifiers} & {v for _, v in ctx.candidate.identifiers}
    return ctx.result(
        "identifier_match", 1.0 if shared else 0.0, lambda: {"shared": sorted(shared)}
    )


def legal_form_mismatch(ctx: PairContext) -> FeatureResult:
    """The legal forms belong to different kinds of company (a GmbH is not an AG)."""
    q_forms, c_forms = ctx.query_name.legal_forms, ctx.candidate_name.legal_forms
    mismatch = False
    if q_forms and c_forms and q_forms != c_forms:
        family = load_rules().legal_form_family
        q = set().union(*(family[f] for f in q_forms)) - {"generic"}
        c = set().union(*(family[f] for f in c_forms)) - {"generic"}
        mismatch = bool(q and c and not q & c)
    return ctx.result(
        "legal_form_mismatch", 1.0 if mismatch else 0.0, lambda: _sides(q_forms, c_forms)
    )


def _sides(q: frozenset[str], c: frozenset[str]) -> dict[str, Any]:
    return {"query": sorted(q), "candidate": sorted(c)}


def country_mismatch(ctx: PairContext) -> FeatureResult:
    """The countries given for the two (nationality, incorporation, address) have none in common."""
    q, c = ctx.query.countries, ctx.candidate.countries
    mismatch = bool(q and c and not q & c)
    return ctx.result("country_mismatch", 1.0 if mismatch else 0.0, lambda: _sides(q, c))


def name_country_mismatch(ctx: PairContext) -> FeatureResult:
    """The names themselves name different countries ('... (Spain)' against '... (Netherlands)')."""
    q, c = ctx.query_name.countries, ctx.candidate_name.countries
    if q == c:
        score = 0.0
    elif q and c:
        score = 0.0 if q & c else 1.0
    else:
        score = 0.5
    return ctx.result("name_country_mismatch", score, lambda: _sides(q, c))


def year_disjoint(ctx: PairContext) -> FeatureResult:
    """The years of birth or incorporation differ by more than a year."""
    q, c = ctx.query.years, ctx.candidate.years
    disjoint = bool(q and c) and min(abs(a - b) for a in q for b in c) > YEAR_TOLERANCE
    return ctx.result("year_disjoint", 1.0 if disjoint else 0.0, lambda: _sides(q, c))  # type: ignore[arg-type]


def kind_mismatch(ctx: PairContext) -> FeatureResult:
    """One is a person and the other an organisation or vessel."""
    q, c = ctx.query.kind, ctx.candidate.kind
    mismatch = bool(q and c and q != c and PERSON in (q, c))
    return ctx.result(
        "kind_mismatch", 1.0 if mismatch else 0.0, lambda: {"query": q, "candidate": c}
    )
