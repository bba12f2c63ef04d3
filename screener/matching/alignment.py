"""Pairing the words of two names, in any order, with typo, phonetic and initial tolerance.

Every name feature reads one alignment, computed once per name pair: which word of the
query went with which word of the candidate, how alike they were, and which words were left
over. Left-over words cost differently: a word only one side has (a middle name, a dropped
'Europe') costs `extra_token_penalty`; words left on both sides are a substitution (Ahmed
for Yahya) and cost `substitution_penalty`. Words stuck together or split apart ('PolPot',
'Good Will') and initials ('J.C.' for Jean-Claude) are paired before the general pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import OSA, Levenshtein

from screener.matching.config import MatchConfig
from screener.matching.rarity import TokenRarity
from screener.names import NameForm

MERGE_SIMILARITY = 0.88


@dataclass(slots=True)
class Unit:
    """One word of a name, or adjacent words joined to meet the other side."""

    text: str
    key: str
    weight: float
    initials: bool = False


@dataclass(slots=True)
class Alignment:
    pairs: list[tuple[Unit, Unit, float]]
    query_left: list[Unit]
    candidate_left: list[Unit]
    score: float

    @property
    def matched_weight(self) -> float:
        return sum((q.weight + c.weight) / 2 for q, c, _ in self.pairs)


def token_similarity(a: Unit, b: Unit, config: MatchConfig) -> float:
    """1.0 equal; spelling similarity raised to `phonetic_similarity` when they sound alike."""
    x, y = a.text, b.text
    if x == y:
        return 1.0
    if x[0].isdigit() or y[0].isdigit():
        return 0.0
    if len(x) == 1 or len(y) == 1:
        return config.initial_similarity if x[0] == y[0] else 0.0
    similarity = OSA.normalized_similarity(x, y)
    if a.key == b.key and len(a.key) >= 3 and similarity < config.phonetic_similarity:
        similarity = config.phonetic_similarity
    return similarity


def _units(tokens: tuple[str, ...], keys: tuple[str, ...], rarity: TokenRarity) -> list[Unit]:
    return [Unit(t, k, rarity.weight(t)) for t, k in zip(tokens, keys, strict=True)]


def _join_adjacent(units: list[Unit], others: list[Unit]) -> list[Unit]:
    """Join two adjacent words when together they spell a word of the other name."""
    if len(units) < 2:
        return units
    other_texts = {o.text for o in others}
    out: list[Unit] = []
    index = 0
    while index < len(units):
        if index + 1 < len(units):
            first, second = units[index], units[index + 1]
            joined = first.text + second.text
            if first.text not in other_texts and second.text not in other_texts:
                for other in others:
                    if len(other.text) >= 4 and _spells(joined, other.text, first, second):
                        weight = max(first.weight, second.weight)
                        out.append(Unit(joined, other.key, weight))
                        index += 2
                        break
                else:
                    out.append(first)
                    index += 1
                continue
        out.append(units[index])
        index += 1
    return out


def _spells(joined: str, word: str, first: Unit, second: Unit) -> bool:
    """The joined words spell `word` better than either word alone does."""
    if abs(len(joined) - len(word)) > 2 or len(first.text) < 2 or len(second.text) < 2:
        return False
    similarity = Levenshtein.normalized_similarity(joined, word)
    if similarity < MERGE_SIMILARITY:
        return False
    alone = max(
        Levenshtein.normalized_similarity(first.text, word),
        Levenshtein.normalized_similarity(second.text, word),
    )
    return similarity > alone


def _initials_runs(units: list[Unit], others: list[Unit]) -> list[Unit]:
    """'jc' against Jean Claude: the run of initials becomes one unit for those words."""
    if len(others) < 2:
        return others
    initials = [u.text for u in units if 2 <= len(u.text) <= 3 and u.text.isalpha()]
    if not initials:
        return others
    out = list(others)
    for run in initials:
        for start in range(len(out) - len(run) + 1):
            window = out[start : start + len(run)]
            if all(len(w.text) > 1 for w in window) and "".join(w.text[0] for w in window) == run:
                weight = max(w.weight for w in window)
                out[start : start + len(run)] = [Unit(run, run, weight, initials=True)]
                break
    return out


def align(
    query: NameForm,
    candidate: NameForm,
    rarity: TokenRarity,
    config: MatchConfig,
    *,
    original_script: bool = False,
    person: bool = True,
) -> Alignment:
    """Pair the words of two names; `person` selects how much a one-sided extra word costs."""
    if original_script:
        q = _units(query.original_tokens, query.original_tokens, rarity)
        c = _units(candidate.original_tokens, candidate.original_tokens, rarity)
    else:
        q = _units(query.tokens, query.phonetic, rarity)
        c = _units(candidate.tokens, candidate.phonetic, rarity)
    q = _join_adjacent(q, c)
    c = _join_adjacent(c, q)
    c = _initials_runs(q, c)
    q = _initials_runs(c, q)
    return _greedy(q, c, config, person)


def _greedy(q: list[Unit], c: list[Unit], config: MatchConfig, person: bool) -> Alignment:
    floor = config.token_floor
    candidates: list[tuple[float, int, int]] = []
    for i, a in enumerate(q):
        for j, b in enumerate(c):
            if a.initials or b.initials:
                similarity = config.initial_similarity if a.text == b.text else 0.0
            else:
                similarity = token_similarity(a, b, config)
            if similarity >= floor or (similarity > 0 and _is_initial(a, b)):
                candidates.append((similarity, i, j))
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs: list[tuple[Unit, Unit, float]] = []
    for similarity, i, j in candidates:
        if i not in used_q and j not in used_c:
            used_q.add(i)
            used_c.add(j)
            pairs.append((q[i], c[j], similarity))
    query_left = [u for i, u in enumerate(q) if i not in used_q]
    candidate_left = [u for j, u in enumerate(c) if j not in used_c]
    return Alignment(
        pairs, query_left, candidate_left, _score(pairs, query_left, candidate_left, config, person)
    )


def _score(
    pairs: list[tuple[Unit, Unit, float]],
    query_left: list[Unit],
    candidate_left: list[Unit],
    config: MatchConfig,
    person: bool,
) -> float:
    """Weighted share of the two names that found a partner, fuzzy partners counting less."""
    if not pairs:
        return 0.0
    floor = config.token_floor
    earned = 0.0
    total = 0.0
    for a, b, similarity in pairs:
        weight = a.weight + b.weight
        earned += weight * _credit(a, b, similarity, floor, config)
        total += weight
    left_q = sum(u.weight for u in query_left)
    left_c = sum(u.weight for u in candidate_left)
    if left_q and left_c:
        penalty = config.substitution_penalty
    else:
        penalty = config.extra_token_penalty if person else config.extra_token_penalty_organization
    total += penalty * (left_q + left_c)
    return earned / total if total else 0.0


def _is_initial(a: Unit, b: Unit) -> bool:
    return a.initials or b.initials or len(a.text) == 1 or len(b.text) == 1


def _credit(a: Unit, b: Unit, similarity: float, floor: float, config: MatchConfig) -> float:
    """Equal words earn 1; an initial earns `initial_similarity`; typos earn on a curve."""
    if similarity >= 1.0 and not (a.initials or b.initials):
        return 1.0
    if _is_initial(a, b):
        return similarity
    base = config.credit_base
    share = max(similarity - base, 0.0) / (1 - base)
    return float(share ** (1 / config.fuzz_exponent))
