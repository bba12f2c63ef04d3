"""One function per matching signal; each docstring is the sentence the reviewer reads.

Every feature takes the `PairContext` of a query and a candidate (the best pair of their
names already aligned) and returns a `FeatureResult` with its score in [0, 1] and the
values it compared, so the explanation in the memo shows what was compared, not only how
much it weighed. Name features raise a score; qualifiers (mismatches) lower it; an equal
identifier decides it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Levenshtein

from screener.matching.alignment import (
    HAN,
    HANGUL,
    Alignment,
    Unit,
    Words,
    is_initial,
    spelt_close,
    words_of,
)
from screener.matching.config import MatchConfig
from screener.matching.katakana import KANA_ALIKE
from screener.matching.korean import KOREAN_READING, reading_similarity
from screener.matching.pinyin import read_otherwise
from screener.matching.rarity import TokenRarity
from screener.matching.records import MatchRecord
from screener.names import PERSON, NameForm, load_rules

# Names whose words are compared syllable by syllable: Chinese read as pinyin, Korean.
SYLLABIC = frozenset({HAN, HANGUL, KOREAN_READING})

YEAR_TOLERANCE = 1


Layout = Callable[..., dict[str, Any]]


class FeatureResult(tuple):  # type: ignore[type-arg]
    """A feature's score and the values it compared: (name, score, layout, compared).

    The compared values are kept as the objects themselves (names, word sets, the
    alignment), with the function that lays them out as the dictionary a reviewer reads;
    the dictionary is made when `values` is read (the stored features, the explanation),
    not for each of the candidates scored. The compared objects are never changed once
    scored, so `values` is the same whenever it is read. A tuple, because a feature result
    is made for every feature of every pair and a tuple is the cheapest object to make.
    """

    __slots__ = ()

    def __new__(
        cls,
        name: str,
        score: float,
        values: dict[str, Any] | None = None,
        layout: Layout | None = None,
        compared: tuple[Any, ...] = (),
    ) -> FeatureResult:
        if layout is None:
            return _made(cls, (name, score, None, values or {}))
        return _made(cls, (name, score, layout, compared))

    @property
    def name(self) -> str:
        return self[0]  # type: ignore[no-any-return]

    @property
    def score(self) -> float:
        return self[1]  # type: ignore[no-any-return]

    @property
    def values(self) -> dict[str, Any]:
        layout = self[2]
        if layout is None:
            return self[3]  # type: ignore[no-any-return]
        return layout(*self[3])  # type: ignore[no-any-return]

    def as_dict(self) -> dict[str, Any]:
        return {"name": self[0], "score": round(self[1], 4), "values": self.values}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FeatureResult):
            return NotImplemented
        return (self[0], self[1], self.values) == (other[0], other[1], other.values)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"FeatureResult(name={self[0]!r}, score={self[1]!r}, values={self.values!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its values laid out: small, and readable without the compared objects."""
        return (FeatureResult, (self[0], self[1], self.values))


_made = tuple.__new__


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
    _words: tuple[Words, Words] | None = None

    def words(self) -> tuple[Words, Words]:
        """The weighted words of both names, looked up once for the features that read them."""
        found = self._words
        if found is None:
            found = self._words = self.alignment.words or (
                words_of(self.query_name, self.rarity),
                words_of(self.candidate_name, self.rarity),
            )
        return found

    def alignment_units(self, form: NameForm) -> tuple[Unit, ...]:
        """The weighted words of one of the two names (cached on the name)."""
        return form.cache[(self.rarity, False)].units  # type: ignore[attr-defined,no-any-return]


def _pairs(alignment: Alignment) -> list[list[Any]]:
    """[word, word, similarity], and the characters read otherwise when another reading of
    a Chinese name's character pairs them ('ceng', 'zeng', 0.85, '曾')."""
    return [_pair(q, c, s) for q, c, s in alignment.pairs]


def _pair(q: Unit, c: Unit, similarity: float) -> list[Any]:
    pair: list[Any] = [q.text, c.text, round(similarity, 3)]
    if (q.pinyin or c.pinyin) and (read := read_otherwise(q.text, q.han, c.text, c.han)):
        pair.append(read)
    elif bool(q.hangul) != bool(c.hangul) and q.text != c.text:
        # a Korean name's reading and the list's spelling: 'yongbom' and 'yongpom' are two
        # readings of 용범, not letters apart
        hangul, latin = (q.hangul, c.text) if q.hangul else (c.hangul, q.text)
        if reading_similarity(latin, hangul, 1.0) == 1.0:
            pair.append(hangul)
    elif bool(q.kana) != bool(c.kana) and similarity >= KANA_ALIKE:
        # プーチン and Putin: the katakana, and that it is how Japanese writes the word
        pair += [q.kana or c.kana, "katakana", c.text if q.kana else q.text]
    return pair


def _left(units: list[Unit]) -> list[str]:
    return [u.text for u in units]


def _both(query: Any, candidate: Any) -> dict[str, Any]:
    return {"query": query, "candidate": candidate}


def _both_sorted(query: Any, candidate: Any) -> dict[str, Any]:
    return {"query": sorted(query), "candidate": sorted(candidate)}


def _romanised(query: NameForm, candidate: NameForm) -> dict[str, Any]:
    return {"query": query.romanised, "candidate": candidate.romanised}


def _lengths(query: tuple[str, ...], candidate: tuple[str, ...]) -> dict[str, Any]:
    return {"query": len(query), "candidate": len(candidate)}


def _phonetic(query: NameForm, candidate: NameForm) -> dict[str, Any]:
    return {"query": list(query.phonetic), "candidate": list(candidate.phonetic)}


def name_exact(ctx: PairContext) -> FeatureResult:
    """The names are the same words once case, accents, punctuation, order and legal form are set aside."""
    q, c = ctx.query_name, ctx.candidate_name
    equal = q.sorted_tokens == c.sorted_tokens or q.joined == c.joined
    return _made(FeatureResult, ("name_exact", 1.0 if equal else 0.0, _romanised, (q, c)))  # type: ignore[no-any-return]


def name_token_overlap(ctx: PairContext) -> FeatureResult:
    """The names share their words in any order, allowing typos and spelling variants; rare words count more than common ones like 'trading' or 'al'."""
    a = ctx.alignment
    return _made(FeatureResult, ("name_token_overlap", a.score, _alignment_values, (a,)))  # type: ignore[no-any-return]


def _alignment_values(a: Alignment) -> dict[str, Any]:
    return {
        "pairs": _pairs(a),
        "only_in_query": _left(a.query_left),
        "only_in_candidate": _left(a.candidate_left),
        "weights": {u.text: round(u.weight, 2) for u, _, _ in a.pairs}
        | {u.text: round(u.weight, 2) for u in a.query_left + a.candidate_left},
    }


def _script_values(script: str, a: Alignment | None) -> dict[str, Any]:
    return {"script": script} if a is None else {"script": script} | _alignment_values(a)


def name_original_script(ctx: PairContext) -> FeatureResult:
    """Written in the same non-Latin script, the names share their words as originally written."""
    a = ctx.original_alignment
    score = 0.0 if a is None else a.score
    compared = (ctx.query_name.script, a)
    return _made(FeatureResult, ("name_original_script", score, _script_values, compared))  # type: ignore[no-any-return]


def name_joined(ctx: PairContext) -> FeatureResult:
    """Read as one string without spaces, the names are spelt nearly alike (catches words run together or split)."""
    q, c = ctx.query_name.joined, ctx.candidate_name.joined
    if q == c:
        score = 1.0
    elif not SYLLABIC.isdisjoint((ctx.query_name.script, ctx.candidate_name.script)) and (
        PERSON in (ctx.query.kind, ctx.candidate.kind)
    ):
        # a Chinese or Korean person's name read syllable by syllable: one letter apart is
        # another character ('yingzhao' is not 'yinzhao', 'younghwan park' not Young Han
        # PARK); words run together are compared by `pinyin` and `korean`
        score = 0.0
    else:
        score = Levenshtein.normalized_similarity(q, c)
    return _made(FeatureResult, ("name_joined", score, _both, (q, c)))  # type: ignore[no-any-return]


def name_phonetic(ctx: PairContext) -> FeatureResult:
    """The names sound alike: words spelt close also share their Metaphone code (Mahmoud / Mahmood, Selenskyj / Zelenskyy)."""
    qw, cw = ctx.words()
    common = qw.sounds.keys() & cw.sounds.keys()
    score = 0.0
    if common:
        common = {k for k in common if _spelt_alike(k, qw.units, cw.units, ctx.config)}
    if common:
        earned = sum(qw.sounds[k] + cw.sounds[k] for k in common)
        total = qw.total_weight + cw.total_weight
        score = min(1.0, earned / total) if total else 0.0
    compared = (ctx.query_name, ctx.candidate_name)
    return _made(FeatureResult, ("name_phonetic", score, _phonetic, compared))  # type: ignore[no-any-return]


def _spelt_alike(
    key: str, query: tuple[Unit, ...], candidate: tuple[Unit, ...], config: MatchConfig
) -> bool:
    """Some word of each side with this sound key is also spelt close to the other (sound is
    evidence beside spelling, never instead of it: alignment.spelt_close)."""
    for a in query:
        if a.key != key:
            continue
        for b in candidate:
            if b.key == key and (
                a.text == b.text
                or spelt_close(a, b, Levenshtein.normalized_similarity(a.text, b.text), config)
            ):
                return True
    return False


def _initials(initials: list[tuple[str, str]]) -> dict[str, Any]:
    return {"initials": initials}


def name_initials(ctx: PairContext) -> FeatureResult:
    """Where one name gives only initials, they are the first letters of the other name's words."""
    qw, cw = ctx.words()
    if not (qw.has_initials or cw.has_initials):
        return _made(FeatureResult, ("name_initials", 0.0, _initials, ([],)))  # type: ignore[no-any-return]
    a = ctx.alignment
    initials = [(q.text, c.text) for q, c, _ in a.pairs if is_initial(q, c)]
    score = a.score if initials and not (a.query_left or a.candidate_left) else 0.0
    return _made(FeatureResult, ("name_initials", score, _initials, (initials,)))  # type: ignore[no-any-return]


def single_word_name(ctx: PairContext) -> FeatureResult:
    """A person's name of one word is compared with a name of several: only one name part can agree."""
    q, c = ctx.query_name.tokens, ctx.candidate_name.tokens
    fired = PERSON in (ctx.query.kind, ctx.candidate.kind) and ((len(q) == 1) != (len(c) == 1))
    return _made(FeatureResult, ("single_word_name", 1.0 if fired else 0.0, _lengths, (q, c)))  # type: ignore[no-any-return]


def _lone_word(word: str, weight: float) -> dict[str, Any]:
    return {"word": word, "rarity_weight": round(weight, 3)}


def lone_common_word(ctx: PairContext) -> FeatureResult:
    """A one-word name meets a name of several words through that word alone, and the word is common on the lists (a one-word name needs a rare word to alert)."""
    q, c = ctx.query_name.tokens, ctx.candidate_name.tokens
    score, word, weight = 0.0, "", 1.0
    if (len(q) == 1) != (len(c) == 1):
        word = q[0] if len(q) == 1 else c[0]
        weight = ctx.rarity.weight(word)
        score = max(0.0, 1.0 - weight)
    return _made(FeatureResult, ("lone_common_word", score, _lone_word, (word, weight)))  # type: ignore[no-any-return]


def _candidate_name(name: str) -> dict[str, Any]:
    return {"candidate": name}


def weak_alias(ctx: PairContext) -> FeatureResult:
    """The name that matched is one the list itself marks as a weak, low-quality alias."""
    name = ctx.candidate_name.original
    q, c = ctx.query, ctx.candidate
    fired = bool(c.weak_names or q.weak_names) and (
        name in c.weak_names or ctx.query_name.original in q.weak_names
    )
    return _made(FeatureResult, ("weak_alias", 1.0 if fired else 0.0, _candidate_name, (name,)))  # type: ignore[no-any-return]


def _shared(shared: frozenset[str]) -> dict[str, Any]:
    return {"shared": sorted(shared)}


_NONE_SHARED: frozenset[str] = frozenset()


def identifier_match(ctx: PairContext) -> FeatureResult:
    """Both carry the same identifier (LEI, IMO number, registration or passport number)."""
    shared = _NONE_SHARED
    if ctx.query.identifiers and ctx.candidate.identifiers:
        shared = frozenset(
            {v for _, v in ctx.query.identifiers} & {v for _, v in ctx.candidate.identifiers}
        )
    return _made(FeatureResult, ("identifier_match", 1.0 if shared else 0.0, _shared, (shared,)))  # type: ignore[no-any-return]


def legal_form_mismatch(ctx: PairContext) -> FeatureResult:
    """The legal forms belong to different kinds of company (a GmbH is not an AG)."""
    q_forms, c_forms = ctx.query_name.legal_forms, ctx.candidate_name.legal_forms
    mismatch = False
    if q_forms and c_forms and q_forms != c_forms:
        family = load_rules().legal_form_family
        q = set().union(*(family[f] for f in q_forms)) - {"generic"}
        c = set().union(*(family[f] for f in c_forms)) - {"generic"}
        mismatch = bool(q and c and not q & c)
    score = 1.0 if mismatch else 0.0
    return _made(FeatureResult, ("legal_form_mismatch", score, _both_sorted, (q_forms, c_forms)))  # type: ignore[no-any-return]


def country_mismatch(ctx: PairContext) -> FeatureResult:
    """The countries given for the two (nationality, incorporation, address) have none in common."""
    q, c = ctx.query.countries, ctx.candidate.countries
    mismatch = bool(q and c and not q & c)
    return _made(
        FeatureResult, ("country_mismatch", 1.0 if mismatch else 0.0, _both_sorted, (q, c))
    )  # type: ignore[no-any-return]


def name_country_mismatch(ctx: PairContext) -> FeatureResult:
    """The names themselves name different countries ('... (Spain)' against '... (Netherlands)')."""
    q, c = ctx.query_name.countries, ctx.candidate_name.countries
    if q == c:
        score = 0.0
    elif q and c:
        score = 0.0 if q & c else 1.0
    else:
        score = 0.5
    return _made(FeatureResult, ("name_country_mismatch", score, _both_sorted, (q, c)))  # type: ignore[no-any-return]


def year_disjoint(ctx: PairContext) -> FeatureResult:
    """The years of birth or incorporation differ by more than a year."""
    q, c = ctx.query.years, ctx.candidate.years
    disjoint = bool(q and c) and min(abs(a - b) for a in q for b in c) > YEAR_TOLERANCE
    return _made(FeatureResult, ("year_disjoint", 1.0 if disjoint else 0.0, _both_sorted, (q, c)))  # type: ignore[no-any-return]


def kind_mismatch(ctx: PairContext) -> FeatureResult:
    """One is a person and the other an organisation or vessel."""
    q, c = ctx.query.kind, ctx.candidate.kind
    mismatch = bool(q and c and q != c and PERSON in (q, c))
    return _made(FeatureResult, ("kind_mismatch", 1.0 if mismatch else 0.0, _both, (q, c)))  # type: ignore[no-any-return]
