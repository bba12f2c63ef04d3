"""The candidate index: a query is scored against a few dozen list names, not all of them.

Every name of every active entry is cut into blocking keys: each word as written, its
Double Metaphone code (so Mahmoud meets Mahmood), its consonant skeleton (so Arabic,
Persian and Hebrew script meet their romanisations: 'mhmd' and 'mohammad'), its first and
last four letters (so a typo in the middle of a long word, or two words run together, still
shares a key), and its words in the original script. A query collects the names that share
its keys, each key counting by its rarity (inverse document frequency), reading the rarest
keys first and stopping once a budget of postings is spent, so common words such as 'al' or
'trading' cost little time and decide nothing. Names sharing under 35 % of the key
weight the query could share are dropped (one common first name in common is not a
candidate); the best-sharing distinct names, with every entry bearing them, go to scoring.

Posting lists are numpy arrays and entries are frozen records: the index pickles (or is
shared copy-on-write after a fork) for a multiprocessing pool, and needs no database.
Recall (the share of true matches that reach scoring) is measured by
benchmarks/match_quality.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, KeysView, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from screener.matching.algorithm import (
    AlignmentCache,
    MatchScore,
    facts_read,
    score_records,
    scored_facts,
)
from screener.matching.alignment import ABJADS
from screener.matching.config import MatchConfig, load_config
from screener.matching.key_table import KeyTable
from screener.matching.rarity import TokenRarity
from screener.matching.records import (
    MatchRecord,
    RecordFacts,
    make_record,
    new_record,
    record_facts,
)
from screener.matching.schemas import load_schema_table
from screener.names import PERSON, NameForm, consonant_skeleton, schema_kind

AFFIX = 4
MIN_AFFIX_WORD = 6
CANDIDATE_NAMES = 20
POSTING_BUDGET = 30000
# A candidate must share this part of the key weight the query could share (candidate_names).
# 0.35 rather than 0.25 halves the candidates of a name on no list (14.5 -> 8.4 entries over
# SDN + CSL + UN) and keeps every true dev pair but two, every damaged UN name, and 99.6 % of
# UN names with words run together or split (benchmarks/match_quality.py).
MIN_KEY_SHARE = 0.35
# Words whose key numbers an index remembers (a few MB); past this the memory starts afresh.
WORDS_REMEMBERED = 200_000


@dataclass(frozen=True, slots=True)
class EntrySource:
    """What the index needs from a list entry, whether it comes from the database or a file."""

    entry_key: str
    names: Sequence[str]
    entity_type: str = ""
    source_name: str = ""
    list_name: str = ""
    entry_id: int | None = None
    list_version_id: int | None = None
    countries: Sequence[str] = ()
    dates: Sequence[str] = ()
    identifiers: Sequence[tuple[str, str]] = ()
    programs: Sequence[str] = ()
    weak_names: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class IndexedEntry:
    entry_key: str
    primary_name: str
    entity_type: str
    source_name: str
    list_name: str
    entry_id: int | None
    list_version_id: int | None
    programs: tuple[str, ...]
    record: MatchRecord


@dataclass(slots=True)
class Query:
    """A name to screen, with whatever else is known about its bearer."""

    names: Sequence[str]
    schema: str | None = None
    countries: Sequence[str] = ()
    dates: Sequence[str] = ()
    identifiers: Sequence[tuple[str, str]] = ()

    @classmethod
    def of(cls, name: str, schema: str | None = None, **kwargs: object) -> Query:
        return cls([name], schema, **kwargs)  # type: ignore[arg-type]

    def record(self) -> MatchRecord:
        return make_record(
            self.names,
            self.schema,
            countries=self.countries,
            dates=self.dates,
            identifiers=self.identifiers,
        )


@dataclass(slots=True)
class Match:
    entry: IndexedEntry
    score: MatchScore

    @property
    def value(self) -> float:
        return self.score.score


def word_keys(token: str, phonetic: str, *, skeleton: bool = True) -> list[str]:
    """The blocking keys one word of a name brings (see the module docstring); the
    consonant skeleton's key (`skeleton_key`) is left out when `skeleton` is false."""
    keys = ["t" + token]
    if len(phonetic) >= 2:
        keys.append("p" + phonetic)
    if skeleton and (found := skeleton_key(token)) is not None:
        keys.append(found)  # Arabic, Persian, Hebrew script meet their romanisations
    if len(token) >= MIN_AFFIX_WORD:
        keys.append("a" + token[:AFFIX])
        keys.append("z" + token[-AFFIX:])
    return keys


def skeleton_key(token: str) -> str | None:
    """The word's consonant-skeleton key (it starts with 'c'), None when the skeleton is too
    short to say anything."""
    skeleton = consonant_skeleton(token)
    return "c" + skeleton if len(skeleton) >= 3 else None


def name_keys(form: NameForm) -> KeysView[str]:
    """The blocking keys of one name (see the module docstring), each once, in the order the
    name brings them. The order is the index's key numbering (keys are numbered as names
    first bear them), and the candidate lookup breaks ties between equally long postings by
    that number: a set's order would follow the process's string-hash seed, and two builds of
    one list could then choose different candidates at the posting budget."""
    keys: list[str] = []
    for token, phonetic in zip(form.tokens, form.phonetic, strict=True):
        keys += word_keys(token, phonetic)
    if form.script != "latin":
        keys += ["o" + token for token in form.original_tokens]
    if len(form.tokens) > 1 and len(form.joined) >= MIN_AFFIX_WORD:
        keys.append("a" + form.joined[:AFFIX])
        keys.append("z" + form.joined[-AFFIX:])
    return dict.fromkeys(keys).keys()


def indexed_entry(source: EntrySource) -> IndexedEntry | None:
    """A list entry as the index holds it, its names prepared for matching; None when none
    of its names survives preparation. Both index builds (`MatchIndex.from_entries` and the
    parallel `index_build`) take their entries from here, so they cannot differ on what an
    indexed entry is."""
    record = make_record(
        source.names,
        source.entity_type,
        countries=source.countries,
        dates=source.dates,
        identifiers=source.identifiers,
        weak_names=source.weak_names,
    )
    if not record.names:
        return None
    return IndexedEntry(
        entry_key=source.entry_key,
        primary_name=next((n for n in source.names if n and n.strip()), ""),
        entity_type=source.entity_type,
        source_name=source.source_name,
        list_name=source.list_name,
        entry_id=source.entry_id,
        list_version_id=source.list_version_id,
        programs=tuple(source.programs),
        record=record,
    )


@dataclass
class MatchIndex:
    entries: Sequence[IndexedEntry]
    name_entry: np.ndarray  # name id -> entry position
    name_forms: Sequence[NameForm]
    keys: KeyTable  # blocking key -> the names bearing it, and its weight
    rarity: TokenRarity
    config: MatchConfig = field(default_factory=load_config)
    # Names spelt alike share a group: the same person on five lists takes one candidate slot.
    name_group: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int32))
    # Entry position -> the number of its entity type in `entity_types`, so that a query's
    # schema keeps its candidates apart from incompatible entries (a company query never meets
    # a vessel: rules/matching/schemas.yaml) before any of those entries is read.
    entity_types: tuple[str, ...] = ()
    entry_type: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int16))
    _meets: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)
    # (word, its phonetic code) -> the numbers of its keys but the consonant skeleton's
    _word_numbers: dict[tuple[str, str], tuple[int, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if len(self.entry_type) != len(self.entries):
            self.entity_types, self.entry_type = type_numbers(e.entity_type for e in self.entries)

    @classmethod
    def from_entries(
        cls, sources: Iterable[EntrySource], config: MatchConfig | None = None
    ) -> MatchIndex:
        """Prepare every name once, weigh words by rarity over all names, build postings."""
        entries: list[IndexedEntry] = []
        owners: list[int] = []
        forms: list[NameForm] = []
        for source in sources:
            entry = indexed_entry(source)
            if entry is None:
                continue
            position = len(entries)
            entries.append(entry)
            record = entry.record
            for form in record.names:
                owners.append(position)
                forms.append(form)
        rarity = TokenRarity.from_token_lists(f.tokens for f in forms)
        postings_lists: dict[str, list[int]] = defaultdict(list)
        for name_id, form in enumerate(forms):
            for key in name_keys(form):
                postings_lists[key].append(name_id)
        groups: dict[tuple[str, ...], int] = {}
        name_group = [
            groups.setdefault(f.sorted_tokens + f.original_tokens, len(groups)) for f in forms
        ]
        entity_types, entry_type = type_numbers(e.entity_type for e in entries)
        return cls(
            entries=entries,
            entity_types=entity_types,
            entry_type=entry_type,
            name_entry=np.asarray(owners, dtype=np.int32),
            name_forms=forms,
            keys=KeyTable.from_lists(postings_lists, len(forms)),
            name_group=np.asarray(name_group, dtype=np.int32),
            rarity=rarity,
            config=config or load_config(),
        )

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def postings(self) -> Mapping[str, np.ndarray]:
        """Blocking key -> ids of the names bearing it."""
        return self.keys.postings

    @property
    def key_weight(self) -> Mapping[str, float]:
        """Blocking key -> its weight (inverse document frequency over the names)."""
        return self.keys.key_weight

    def candidate_names(
        self, record: MatchRecord, limit: int = CANDIDATE_NAMES, min_share: float | None = None
    ) -> np.ndarray:
        """Ids of the names sharing the most (rarity-weighted) keys with any query name.

        At most `limit` distinct names; a name several lists carry brings all its entries.
        Names sharing less than `min_share` of the key weight a query name could share are
        left out: one common word in common is not a candidate.
        """
        share = MIN_KEY_SHARE if min_share is None else min_share
        table = self.keys
        weight_of = table.weights
        shared, possible = self._query_keys(record)
        if not shared:
            return np.empty(0, dtype=np.int32)
        lengths = table.lengths
        found = sorted(shared, key=lambda n: (lengths[n], n))
        arrays: list[np.ndarray] = []
        spent = 0
        for number in found:
            if spent and spent + lengths[number] > POSTING_BUDGET:
                found = found[: len(arrays)]
                break
            spent += lengths[number]
            arrays.append(table.posting(number))
        # Each key's weight as the totals add it (float32, added in float64: a name's total
        # is exact). Rarest keys first: once the keys left could not lift a name they alone
        # bear to `need`, they only add to the names already found (`gather` below).
        weights32 = np.asarray([weight_of[n] for n in found], dtype=np.float32)
        weights = weights32.tolist()
        need = share * possible
        gather, rest = len(found), 0.0
        while gather and rest + weights[gather - 1] < need:
            gather -= 1
            rest += weights[gather]
        if not gather:  # no name could share enough
            return np.empty(0, dtype=np.int32)
        unique: np.ndarray
        totals: np.ndarray
        if gather == 1:  # one key: its names, each sharing just that key's weight
            unique = arrays[0]
            totals = np.full(len(unique), weights[0], dtype=np.float64)
        else:
            ids = np.concatenate(arrays[:gather])
            scores = weights32[:gather].repeat([lengths[n] for n in found[:gather]])
            unique, totals = _summed_by_id(ids, scores)
        for posting, weight in zip(arrays[gather:], weights[gather:], strict=True):
            at = posting.searchsorted(unique)
            np.minimum(at, len(posting) - 1, out=at)
            # added where found, as `totals[mask] += weight` adds it, without the mask's copies
            np.add(totals, weight, out=totals, where=posting[at] == unique)
        if share > 0:
            kept = totals >= need
            unique, totals = unique[kept], totals[kept]
        if len(unique) <= limit:
            return unique
        if len(self.name_group) != len(self.name_forms):
            return unique[np.argpartition(-totals, limit)[:limit]]
        # The best `limit` distinct names, with every entry that bears one of them.
        order = (-totals).argsort(kind="stable")
        ranked = self.name_group[unique[order]]
        chosen = np.sort(_first_distinct(ranked, limit))
        # Looked up in the few chosen groups, not marked in an array as long as the index's
        # names: at 1M entries that array was 2 MB written and read for each such query.
        groups = self.name_group[unique]
        at = chosen.searchsorted(groups)
        at[at == len(chosen)] = 0
        return unique[chosen[at] == groups]

    def _query_keys(self, record: MatchRecord) -> tuple[set[int], float]:
        """The numbers of the index's keys that the query's names bear, and the most key
        weight one of those names could share. A word's keys are looked up once per index
        (`_word_numbers`): a batch repeats its first names and surnames. Skeleton keys count
        only for names written without vowels, so only those names work them out."""
        numbers, weight_of = self.keys.numbers, self.keys.weights
        cache = self._word_numbers
        shared: set[int] = set()
        possible = 0.0
        for form in record.names:
            abjad = form.script in ABJADS
            own: set[int] = set()
            for word in zip(form.tokens, form.phonetic, strict=True):
                found = cache.get(word)
                if found is None:
                    if len(cache) >= WORDS_REMEMBERED:
                        cache.clear()
                    keys = word_keys(*word, skeleton=False)
                    found = cache[word] = tuple(n for n in map(numbers.get, keys) if n is not None)
                own.update(found)
                if abjad and (skeleton := numbers.get(skeleton_key(word[0]) or "")) is not None:
                    own.add(skeleton)
            extra = (
                ["o" + token for token in form.original_tokens] if form.script != "latin" else []
            )
            if len(form.tokens) > 1 and len(form.joined) >= MIN_AFFIX_WORD:
                extra += ["a" + form.joined[:AFFIX], "z" + form.joined[-AFFIX:]]
            own.update(n for n in map(numbers.get, extra) if n is not None)
            # summed in key order: the same weight whatever order the set holds them in
            possible = max(possible, sum([weight_of[n] for n in sorted(own)]))
            shared |= own
        return shared, possible

    def _types_meeting(self, schema: str) -> np.ndarray:
        """Entity type number -> whether an entry of that type meets a query of `schema`."""
        found = self._meets.get(schema)
        if found is None:
            table = load_schema_table()
            found = self._meets[schema] = np.asarray(
                [table.compatible(schema, t) for t in self.entity_types], dtype=bool
            )
        return found

    def search(
        self,
        query: Query | MatchRecord,
        limit: int = 10,
        threshold: float | None = None,
        *,
        kind: str | None = None,
        candidates: int = CANDIDATE_NAMES,
        explain: bool = True,
    ) -> list[Match]:
        """The entries scoring at or above `threshold` (default: the review threshold), best first.

        `kind` keeps only persons or organisations; one match per entry, using the entry's
        best-scoring name.
        """
        record = query.record() if isinstance(query, Query) else query
        if not record.names:
            return []
        floor = self.config.review_threshold if threshold is None else threshold
        wanted = schema_kind(kind) if kind else None
        by_entry: dict[int, list[NameForm]] = {}
        alignments: AlignmentCache = {}  # ids of this query's and the index's names: valid now
        ids = self.candidate_names(record, candidates)
        positions = self.name_entry[ids]
        if record.schema:  # a company query never meets a vessel (rules/matching/schemas.yaml)
            kept = self._types_meeting(record.schema)[self.entry_type[positions]]
            ids, positions = ids[kept], positions[kept]
        forms = self.name_forms
        # A kept index hands out its names several at a time (index_store._NameForms.picked).
        picked = getattr(forms, "picked", None)
        named = picked(ids.tolist()) if picked is not None else [forms[i] for i in ids.tolist()]
        for form, position in zip(named, positions.tolist(), strict=True):
            found = by_entry.get(position)
            if found is None:
                by_entry[position] = [form]
            else:
                found.append(form)
        scored: list[tuple[float, int, MatchScore]] = []
        scored_before: dict[tuple[int, ...], _ScoredByFacts] = {}
        # A kept index makes the narrowed record from the entry's facts alone, and without
        # them when the entry holds none that the score reads (index_store.KeptEntries).
        narrowed = getattr(self.entries, "narrowed", None)
        reads = facts_read(record)
        for position, names in by_entry.items():
            if narrowed is None:
                candidate = _with_names(self.entries[position].record, tuple(names))
            else:
                candidate = narrowed(position, tuple(names), reads)
            if wanted and not _kind_agrees(wanted, candidate.kind):
                continue
            # Candidates bringing the same names (one object each: a list republishing
            # another's entry, or a common name many entries bear) with the same facts the
            # score reads (`scored_facts`) score the same, and a quick score compares no
            # other fact (`algorithm._quick_features`). Looked up by the names first: most
            # candidates bring names no other one does, and their facts are then not
            # gathered to be compared.
            names_key = tuple(map(id, candidate.names))
            earlier = scored_before.get(names_key)
            facts, result = None, None
            if earlier is not None:
                facts = scored_facts(record, candidate)
                result = earlier.get(facts)
            if result is None:
                result = score_records(
                    record,
                    candidate,
                    config=self.config,
                    rarity=self.rarity,
                    explain=False,
                    alignments=alignments,
                    min_score=floor,
                )
                if earlier is None:
                    scored_before[names_key] = _ScoredByFacts(record, candidate, result)
                else:
                    earlier.add(facts, result)
            if result.score >= floor:
                scored.append((result.score, position, result))
        scored.sort(key=lambda item: (-item[0], item[1]))
        matches = []
        for _score, position, result in scored[:limit]:
            entry = self.entries[position]
            if explain:
                result = score_records(
                    record,
                    entry.record,
                    config=self.config,
                    rarity=self.rarity,
                    explain=True,
                    alignments=alignments,
                )
            matches.append(Match(entry, result))
        return matches


def _summed_by_id(ids: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each id once, ascending, with the sum of its weights (added in the order given).

    What `np.unique(ids, return_inverse=True)` and a `bincount` over the inverse give, in
    a fifth less time: at the few hundred ids a query collects, numpy's unique spends more
    on its own Python than on sorting."""
    order = ids.argsort(kind="stable")
    ranked = ids[order]
    first = np.empty(len(ranked), dtype=bool)
    first[:1] = True
    np.not_equal(ranked[1:], ranked[:-1], out=first[1:])
    inverse = np.empty(len(ranked), dtype=np.intp)
    inverse[order] = first.cumsum() - 1
    return ranked[first], np.bincount(inverse, weights=weights)


def _first_distinct(ranked: np.ndarray, limit: int) -> np.ndarray:
    """The first `limit` distinct values of `ranked`, in order: read from its head in Python
    when they are there (nearly always), else found with numpy's sort."""
    found: list[int] = []
    seen: set[int] = set()
    head = ranked[: 4 * limit].tolist()
    for value in head:
        if value not in seen:
            seen.add(value)
            found.append(value)
            if len(found) == limit:
                return np.asarray(found, dtype=ranked.dtype)
    if len(head) == len(ranked):
        return np.asarray(found, dtype=ranked.dtype)
    _, first = np.unique(ranked, return_index=True)
    return ranked[np.sort(first)[:limit]]


class _ScoredByFacts:
    """The scores of one query's candidates that bring the same names, by the facts the
    score reads (`scored_facts`).

    A dict, not a comparison with every earlier candidate: in a million-entry list a common
    name is borne by hundreds of entries with different facts, and those comparisons were an
    eighth of a batch worker's time (issue 19). The first candidate's facts are gathered
    only when a second one brings the same names: most never meet another."""

    def __init__(self, query: MatchRecord, first: MatchRecord, score: MatchScore) -> None:
        self._query = query
        self._first: tuple[MatchRecord, MatchScore] | None = (first, score)
        self._by_facts: dict[RecordFacts, MatchScore] = {}

    def get(self, facts: RecordFacts) -> MatchScore | None:
        if self._first is not None:
            first, score = self._first
            self._by_facts[scored_facts(self._query, first)] = score
            self._first = None
        return self._by_facts.get(facts)

    def add(self, facts: RecordFacts | None, score: MatchScore) -> None:
        """A score for facts `get` found none for."""
        assert facts is not None
        self._by_facts[facts] = score


def _with_names(record: MatchRecord, names: tuple[NameForm, ...]) -> MatchRecord:
    """The entry's record narrowed to the names that are candidates (as `dataclasses.replace`
    makes it, without reading the fields' descriptions for each of a batch's candidates)."""
    if len(names) == len(record.names):  # every name of the entry (they are distinct)
        return record
    return new_record(names, *record_facts(record), data=record.data)


def type_numbers(types: Iterable[str]) -> tuple[tuple[str, ...], np.ndarray]:
    """Each distinct entity type once, and each entry's type as its number among them."""
    numbers: dict[str, int] = {}
    codes = [numbers.setdefault(t, len(numbers)) for t in types]
    return tuple(numbers), np.asarray(codes, dtype=np.int16)


def _kind_agrees(wanted: str, kind: str | None) -> bool:
    if kind is None:
        return True
    return (wanted == PERSON) == (kind == PERSON)
