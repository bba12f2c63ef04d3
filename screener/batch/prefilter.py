"""An upper bound on the engine's score, cheap enough to skip most full scorings in a batch.

In a batch nearly every candidate the index proposes scores far below the threshold (a
negative shares 'mohammed' with forty list names), yet the engine's token alignment costs a
few hundred microseconds per pair in Python. This module bounds the score from above with
vectorised work, and only pairs whose bound reaches the threshold are scored for real, so
every reported score is still the engine's own.

The bound follows the scoring (screener/matching/algorithm.py, alignment.py):
- qualifiers only lower a score, and the name evidence is the strongest weighted name
  feature, so the score is at most the largest of the name features times its weight;
- the alignment score is earned / (paired weight + penalty x left-over weight), with earned
  at most the paired weight, so with P the weight of every word that *could* find a partner
  and L the rest, it is at most P / (P + min_penalty x L);
- a word could find a partner when its spelling similarity (OSA) to a word of the other name
  reaches the lower token floor, when both share a consonant skeleton, when one is a single
  letter or a run of initials, or when two adjacent words together resemble the other's word;
- name_joined is computed exactly (one vectorised Levenshtein call);
- name_phonetic is bounded by its weight when the names share a skeleton; name_original_script
  by the same word bound over the words in their own script;
- the qualifiers that read only the records (kind, years, countries) are the same for every
  name of an entry, so they are computed exactly and subtracted from the entry's bound.
An equal identifier decides a match whatever the names, so a query with identifiers is never
pre-filtered. `BOUND_FEATURES` lists the name features this bound knows; if the engine gains
another one, `bound_is_valid` says so and the batch falls back to scoring every candidate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from screener.matching.algorithm import FEATURES
from screener.matching.alignment import MERGE_SIMILARITY
from screener.matching.config import MatchConfig
from screener.matching.features import PairContext
from screener.matching.rarity import TokenRarity
from screener.matching.records import MatchRecord
from screener.names import NameForm

BOUND_FEATURES = frozenset(
    {
        "name_exact",
        "name_token_overlap",
        "name_original_script",
        "name_joined",
        "name_phonetic",
        "name_initials",
    }
)
MIN_KEY = 3  # token_similarity grants the phonetic floor only to skeletons this long


# Qualifiers that read only the two records (kind, years, countries), never the name pair:
# the same for every name of an entry, so they lower the entry's bound exactly.
ENTRY_QUALIFIERS = frozenset({"kind_mismatch", "year_disjoint", "country_mismatch"})


def entry_qualifiers(query: MatchRecord, candidate: MatchRecord, config: MatchConfig) -> float:
    """The sum of weight x score of the record-level qualifiers (zero or negative)."""
    unused: Any = None  # these qualifiers read neither the alignment nor the rarity
    ctx = PairContext(
        query, candidate, query.names[0], candidate.names[0], unused, None, config, unused, False
    )
    total = 0.0
    for feature in FEATURES:
        if feature.qualifier and feature.name in ENTRY_QUALIFIERS:
            weight = config.weight(feature.name, feature.weight)
            if weight < 0:
                total += weight * feature.func(ctx).score
    return total


def bound_is_valid() -> bool:
    """True while every score-raising feature of the engine is one this bound accounts for."""
    raising = {f.name for f in FEATURES if not f.qualifier and not f.decisive}
    return raising <= BOUND_FEATURES


@dataclass(frozen=True, slots=True)
class PreparedName:
    """One name's words as the bound reads them, computed once per index name."""

    tokens: tuple[str, ...]
    keys: tuple[str, ...]
    weights: tuple[float, ...]
    joins: tuple[str, ...]  # adjacent words run together: joins[i] = tokens[i] + tokens[i+1]
    joined: str
    script: str
    phonetic: frozenset[str]
    initials: tuple[str, ...]  # 2-3 consonant words that may stand for several words
    total_weight: float
    original: PreparedName | None = None  # the words in their own script, for non-Latin names


def prepare(form: NameForm, rarity: TokenRarity) -> PreparedName:
    original = None
    if form.script != "latin" and form.original_tokens:
        original = _prepare_words(form.original_tokens, form.original_tokens, form, rarity)
    return replace(_prepare_words(form.tokens, form.phonetic, form, rarity), original=original)


def _prepare_words(
    tokens: tuple[str, ...], keys: tuple[str, ...], form: NameForm, rarity: TokenRarity
) -> PreparedName:
    """Keys are the phonetic skeletons for romanised words, the words themselves in their
    own script (as alignment.align does with original_script=True)."""
    weights = tuple(rarity.weight(t) for t in tokens)
    return PreparedName(
        tokens=tokens,
        keys=keys,
        weights=weights,
        joins=tuple(a + b for a, b in zip(tokens, tokens[1:], strict=False)),
        joined=form.joined,
        script=form.script,
        phonetic=form.phonetic_set,
        initials=tuple(t for t in tokens if 2 <= len(t) <= 3 and _consonants_only(t)),
        total_weight=sum(weights),
    )


def _consonants_only(text: str) -> bool:
    return text.isalpha() and not any(v in text for v in "aeiouy")


class ScoreBound:
    """Upper bounds of the engine score for a query against many index names at once.

    The index names' words are turned into integer arrays once (`NameTables`), so a query
    costs a few numpy operations over its few dozen candidates instead of a Python loop over
    every pair of words. Names with a run of initials ('jsc', 'md') use the per-name loop.
    """

    def __init__(self, config: MatchConfig, forms: Sequence[NameForm], rarity: TokenRarity) -> None:
        weights = {f.name: config.weight(f.name, f.weight) for f in FEATURES}
        self.w_align = max(weights["name_token_overlap"], weights["name_initials"], 0.0)
        self.w_exact = max(weights["name_exact"], 0.0)
        self.w_original = max(weights["name_original_script"], 0.0)
        self.w_joined = max(weights["name_joined"], 0.0)
        self.w_phonetic = max(weights["name_phonetic"], 0.0)
        self.floor = min(config.token_floor, config.short_token_floor)
        self.penalty = min(
            config.extra_token_penalty,
            config.extra_token_penalty_organization,
            config.substitution_penalty,
        )
        self.credit_base = config.credit_base
        self.credit_power = 1.0 / config.fuzz_exponent
        self.sound_alike = config.phonetic_similarity
        self.initial = config.initial_similarity
        self.forms = forms
        self.tables = NameTables(forms, rarity, original_script=False)
        self.original_tables = NameTables(forms, rarity, original_script=True)

    def bounds(self, queries: Sequence[PreparedName], ids: np.ndarray) -> np.ndarray:
        """The bound for each index name id in `ids`, over every name of the query."""
        best = np.zeros(len(ids), dtype=np.float64)
        gathered = self.tables.gather(ids)
        for query in queries:
            np.maximum(best, self._bounds_one(query, ids, gathered), out=best)
        return best

    def _bounds_one(self, query: PreparedName, ids: np.ndarray, g: Gathered) -> np.ndarray:
        names = [self.forms[i] for i in ids.tolist()]
        joined = process.cdist(
            [query.joined], [n.joined for n in names], scorer=Levenshtein.normalized_similarity
        )[0]
        out = self.w_joined * joined
        out[joined >= 1.0] = max(self.w_exact, self.w_joined)
        align = self._align_bounds(query, self.tables, g)
        out = np.maximum(out, self.w_align * align)
        if self.w_phonetic > out.min(initial=1.0):  # else no name can gain from sounding alike
            q_keys = np.array([self.tables.key_id(k) for k in query.keys], dtype=np.int64)
            sounds = (q_keys[:, None] == g.all_keys[None, :]).any(axis=0)
            sounding_names = (sounds.astype(np.float32) @ g.owner) > 0
            out = np.where(sounding_names, np.maximum(out, self.w_phonetic), out)
        if query.script != "latin" and query.original is not None:
            same = np.array(
                [n.script == query.script and bool(n.original_tokens) for n in names], dtype=bool
            )
            if same.any():
                out[same] = np.maximum(
                    out[same], self.w_original * self._original(query, ids[same])
                )
        return out

    def _original(self, query: PreparedName, ids: np.ndarray) -> np.ndarray:
        """The word bound over the names as written in their own script."""
        assert query.original is not None
        g = self.original_tables.gather(ids)
        return self._align_bounds(query.original, self.original_tables, g)

    def _align_bounds(self, query: PreparedName, tables: NameTables, g: Gathered) -> np.ndarray:
        """The alignment bound of `query` against every gathered name (module docstring)."""
        strings = [tables.vocabulary[i] for i in g.unique.tolist()]
        similarity = process.cdist(
            [*query.tokens, *query.joins],
            strings,
            scorer=OSA.normalized_similarity,
            score_cutoff=self.floor,
            dtype=np.float32,
        )
        nq = len(query.tokens)
        merges = similarity[nq:] >= MERGE_SIMILARITY  # two query words run together
        word_similarity = similarity[:nq][:, g.token_columns]  # query word x candidate word
        q_keys = np.array([tables.key_id(k) for k in query.keys], dtype=np.int64)
        q_first = np.array([ord(t[0]) for t in query.tokens], dtype=np.int64)
        q_single = np.array([len(t) == 1 for t in query.tokens])
        same_key = (q_keys[:, None] == g.keys[None, :]) & (q_keys[:, None] >= 0)
        initial = (q_single[:, None] | g.single[None, :]) & (q_first[:, None] == g.first[None, :])
        # What each possible pair of words can earn (alignment.token_similarity and _credit).
        credit = np.where(word_similarity > 0, self._credit(word_similarity), 0.0)
        sounding = self._credit(np.maximum(word_similarity, self.sound_alike))
        credit = np.where(same_key, np.maximum(credit, sounding), credit)
        credit = np.where(initial, np.maximum(credit, self.initial), credit)
        pairs = credit > 0
        joined_words = merges[:, g.token_columns]  # query join x candidate word
        c_mark = np.asarray(pairs.any(axis=0) | joined_words.any(axis=0), dtype=bool)
        c_credit = np.where(joined_words.any(axis=0), 1.0, credit.max(axis=0, initial=0.0))
        q_mark = (pairs.astype(np.float32) @ g.owner) > 0  # query word x candidate name
        q_credit = np.maximum.reduceat(credit, g.starts, axis=1)
        if len(query.joins):
            joined_hit = (joined_words.astype(np.float32) @ g.owner) > 0
            for rows in (slice(None, -1), slice(1, None)):
                q_mark[rows] |= joined_hit
                q_credit[rows] = np.where(joined_hit, 1.0, q_credit[rows])
        if len(g.join_columns):
            spelled = (
                similarity[:nq][:, g.join_columns] >= MERGE_SIMILARITY
            )  # query word x two candidate words run together
            spelled_any = spelled.any(axis=0)
            for offset in (0, 1):
                c_mark[g.join_left[spelled_any] + offset] = True
                c_credit[g.join_left[spelled_any] + offset] = 1.0
            spelled_names = (spelled.astype(np.float32) @ g.join_owner) > 0
            q_mark |= spelled_names
            q_credit = np.where(spelled_names, 1.0, q_credit)
        for run in query.initials:
            letters = np.array([ord(x) for x in set(run)], dtype=np.int64)
            starts = np.isin(g.first, letters)
            c_mark |= starts
            c_credit = np.where(starts, 1.0, c_credit)
            row = query.tokens.index(run)
            q_mark[row] |= (starts.astype(np.float32) @ g.owner) > 0
            q_credit[row] = np.where(q_mark[row], 1.0, q_credit[row])
        if (g.initial_letters[:, 0] >= 0).any():  # candidate words that read as initials
            stands_for = (q_first[:, None, None] == g.initial_letters[None, :, :]).any(axis=2)
            used = stands_for.any(axis=0)
            c_mark |= used
            c_credit = np.where(used, 1.0, c_credit)
            spelled_out = (stands_for.astype(np.float32) @ g.owner) > 0
            q_mark |= spelled_out
            q_credit = np.where(spelled_out, 1.0, q_credit)
        c_credit = c_credit * c_mark
        q_credit = q_credit * q_mark
        q_weights = np.asarray(query.weights, dtype=np.float64)
        paired = (c_mark * g.weights) @ g.owner + q_weights @ q_mark
        earned = (c_credit * g.weights) @ g.owner + q_weights @ q_credit
        every = query.total_weight + g.totals
        # earned / (paired + penalty * (every - paired)), maximised over which marked words
        # really pair (see the module docstring); earned <= paired word for word.
        pen = self.penalty
        rest = earned if pen <= 1.0 else paired
        with np.errstate(divide="ignore", invalid="ignore"):
            align = np.where(earned > 0, earned / (pen * every + (1.0 - pen) * rest), 0.0)
        return np.minimum(align, 1.0)

    def _credit(self, similarity: np.ndarray) -> np.ndarray:
        """What a fuzzy partner of this spelling similarity earns (alignment._credit)."""
        share = np.maximum(similarity.astype(np.float64) - self.credit_base, 0.0)
        credit = (share / (1.0 - self.credit_base)) ** self.credit_power
        return np.where(similarity >= 1.0, 1.0, credit)


@dataclass(frozen=True, slots=True)
class Gathered:
    """The words of a set of candidate names, flattened, with one-hot owner matrices."""

    unique: np.ndarray  # vocabulary ids of every distinct word and join
    token_columns: np.ndarray  # per candidate word: its column in `unique`
    join_columns: np.ndarray  # per candidate join: its column in `unique`
    join_left: np.ndarray  # per candidate join: the flat index of its first word
    owner: np.ndarray  # candidate word x candidate name, 1 where the name holds the word
    starts: np.ndarray  # per candidate name: the flat index of its first word
    join_owner: np.ndarray  # candidate join x candidate name
    weights: np.ndarray
    keys: np.ndarray
    all_keys: np.ndarray
    long_key: np.ndarray
    first: np.ndarray
    single: np.ndarray
    totals: np.ndarray
    initial_letters: np.ndarray  # per candidate word: its letters if it reads as initials


class NameTables:
    """Every index name's words as integers, in flat arrays with per-name offsets."""

    def __init__(
        self, forms: Sequence[NameForm], rarity: TokenRarity, original_script: bool
    ) -> None:
        """Straight from the index's prepared names: the words as `alignment` reads them
        (romanised with their phonetic keys, or as written in a non-Latin script with the
        words themselves as keys), each word weighed once per distinct word."""
        self.vocabulary: list[str] = []
        self._ids: dict[str, int] = {}
        self._keys: dict[str, int] = {}
        token_ids: list[int] = []
        join_ids: list[int] = []
        keys: list[int] = []
        token_start = [0]
        join_start = [0]
        initial_rows: list[tuple[int, str]] = []
        word_id, key_id = self._word_id, self._key_id
        for form in forms:
            if original_script and form.script != "latin" and form.original_tokens:
                tokens = form.original_tokens
                sounds: tuple[str, ...] = tokens
            else:
                tokens, sounds = form.tokens, form.phonetic
            for token in tokens:
                if 2 <= len(token) <= 3 and _consonants_only(token):
                    initial_rows.append((len(token_ids), token))
                token_ids.append(word_id(token))
            join_ids.extend(word_id(a + b) for a, b in zip(tokens, tokens[1:], strict=False))
            keys.extend(key_id(k) for k in sounds)
            token_start.append(len(token_ids))
            join_start.append(len(join_ids))
        self.token_start = np.asarray(token_start, dtype=np.int64)
        self.join_start = np.asarray(join_start, dtype=np.int64)
        self.token_ids = np.asarray(token_ids, dtype=np.int64)
        self.join_ids = np.asarray(join_ids, dtype=np.int64)
        self.keys = np.asarray(keys, dtype=np.int64)
        vocabulary_weights = np.asarray([rarity.weight(w) for w in self.vocabulary])
        vocabulary_first = np.asarray([ord(w[0]) for w in self.vocabulary], dtype=np.int64)
        vocabulary_single = np.asarray([len(w) == 1 for w in self.vocabulary], dtype=bool)
        self.weights = vocabulary_weights[self.token_ids] if len(token_ids) else np.zeros(0)
        self.first = vocabulary_first[self.token_ids] if len(token_ids) else np.zeros(0, np.int64)
        self.single = vocabulary_single[self.token_ids] if len(token_ids) else np.zeros(0, bool)
        key_long = np.zeros(len(self._keys), dtype=bool)
        for key, number in self._keys.items():
            key_long[number] = len(key) >= MIN_KEY
        self.long_key = key_long[self.keys] if len(keys) else np.zeros(0, bool)
        self.totals = (
            np.add.reduceat(self.weights, self.token_start[:-1])
            if len(token_ids)
            else np.zeros(len(forms))
        )
        empty = self.token_start[:-1] == self.token_start[1:]
        self.totals[empty] = 0.0
        # The letters of each word that reads as initials ('jc'), -1 elsewhere: such a word
        # may stand for the other name's words starting with those letters.
        letters = np.full((len(token_ids), 3), -1, dtype=np.int64)
        for row, token in initial_rows:
            letters[row, : len(token)] = [ord(x) for x in token]
        self.initial_letters = letters

    def _word_id(self, text: str) -> int:
        found = self._ids.get(text)
        if found is None:
            found = self._ids[text] = len(self.vocabulary)
            self.vocabulary.append(text)
        return found

    def _key_id(self, key: str) -> int:
        return self._keys.setdefault(key, len(self._keys))

    def key_id(self, key: str) -> int:
        """A query's key: -1 when no index name has it (it can then equal nothing)."""
        return self._keys.get(key, -1)

    def gather(self, ids: np.ndarray) -> Gathered:
        t_flat, t_owner, t_starts = _ranges(self.token_start, ids)
        j_flat, j_owner, _ = _ranges(self.join_start, ids)
        j_left = t_starts[j_owner] + (j_flat - self.join_start[ids][j_owner])
        words = self.token_ids[t_flat]
        joins = self.join_ids[j_flat]
        unique, inverse = np.unique(np.concatenate([words, joins]), return_inverse=True)
        owner = np.zeros((len(words), len(ids)), dtype=np.float32)
        owner[np.arange(len(words)), t_owner] = 1.0
        join_owner = np.zeros((len(joins), len(ids)), dtype=np.float32)
        join_owner[np.arange(len(joins)), j_owner] = 1.0
        keys = self.keys[t_flat]
        return Gathered(
            unique=unique,
            token_columns=inverse[: len(words)],
            join_columns=inverse[len(words) :],
            join_left=j_left.astype(np.int64),
            owner=owner,
            starts=t_starts,
            join_owner=join_owner,
            weights=self.weights[t_flat],
            keys=np.where(self.long_key[t_flat], keys, -2),
            all_keys=keys,
            long_key=self.long_key[t_flat],
            first=self.first[t_flat],
            single=self.single[t_flat],
            totals=self.totals[ids],
            initial_letters=self.initial_letters[t_flat],
        )


def _ranges(start: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flat positions of the slices start[i]:start[i+1] for each i in ids, their owner
    (0..len(ids)-1) and where each owner's run begins in the flat result."""
    lengths = start[ids + 1] - start[ids]
    local_starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    owner = np.repeat(np.arange(len(ids)), lengths)
    flat = np.arange(int(lengths.sum()), dtype=np.int64) - local_starts[owner] + start[ids][owner]
    return flat, owner, local_starts
