"""Building the candidate index on every core, straight into its kept form.

At a million list entries the index has about two million names, and preparing each one
(transliteration, legal forms, phonetic keys: `make_record`) is Python work of tens of
microseconds: most of the build, on one core. Holding the result as Python objects took
more still: a `NameForm`, its tuples and strings for every name, a list of name ids per
blocking key, 6 GB at 1M entries.

So entries are read from the database a chunk at a time and each chunk is prepared by one
of a pool of worker processes while the parent reads the next; each chunk comes back
compact: its prepared names and entries already as the kept index's JSON
lines (`index_store`'s rows), and numpy arrays for the rest (each name's entry, its row, a
digest of its spelling group, its blocking keys' posting lists). The parent numbers keys,
names and spelling groups in the order the one-process build (`MatchIndex.from_entries`)
does, joins the rows, and reads the result as a kept index is read (`index_store`), making a
name or entry into an object only when the matcher first asks for it. The same parts are
what `kept_index` writes to disk, so what is built is exactly what is read back.

The word frequencies the rarity weights use are the posting lengths of the word keys ('t' +
word: each name bearing a word once), so they need no count of their own.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson

from screener.collector import collector_paused
from screener.matching.index import EntrySource, indexed_entry, name_keys, type_numbers
from screener.matching.index_store import KeptParts, entry_row, form_row, kept_data
from screener.matching.records import facts_held
from screener.pools import WorkerPool, default_workers, start_method

# Entries per task: large enough that a task's overhead (and the parent's merge of its key
# list) is small, small enough that both workers finish together and progress moves.
CHUNK_ENTRIES = 10_000
# Below this many entries a pool costs more than it saves (process start, a second copy of
# the transliteration dictionaries): the parent prepares them itself.
MIN_ENTRIES_FOR_POOL = 40_000
DIGEST = 16  # bytes of BLAKE2b per spelling group and per prepared name's row


@dataclass(frozen=True, slots=True)
class _Chunk:
    """One task's entries, prepared: local numbers (entry, row, name) start at 0."""

    entries: int  # entries with at least one name
    entity_types: tuple[str, ...]  # distinct, in the order the chunk's entries first bear them
    entry_type: np.ndarray  # int16 entry -> its entity type's number among `entity_types`
    entry_facts: np.ndarray  # uint8 entry -> the facts it holds (`records.facts_held`)
    entry_rows: bytes  # one JSON line each
    entry_lengths: np.ndarray  # bytes of each entry row
    form_rows: bytes  # one JSON line per distinct prepared name (by object)
    form_lengths: np.ndarray  # bytes of each form row
    form_digests: np.ndarray  # S16 digest of each form row
    name_entry: np.ndarray  # int32
    name_form: np.ndarray  # int32
    group_digests: np.ndarray  # S16 digest of each name's spelling group
    keys: list[str]  # distinct blocking keys, in the order names first bear them
    key_lengths: np.ndarray  # int32 names bearing each key
    key_names: np.ndarray  # int32 local name ids, key after key


def prepare_chunk(sources: Sequence[EntrySource]) -> _Chunk:
    """Prepare the entries of one chunk as `MatchIndex.from_entries` does, kept compact."""
    entry_rows: list[bytes] = []
    form_rows: list[bytes] = []
    row_of: dict[int, int] = {}
    name_entry: list[int] = []
    name_form: list[int] = []
    groups: list[bytes] = []
    postings: dict[str, list[int]] = {}
    types: list[str] = []
    held: list[int] = []
    for source in sources:
        entry = indexed_entry(source)
        if entry is None:
            continue
        position = len(entry_rows)
        record = entry.record
        entry_rows.append(orjson.dumps(entry_row(entry)))
        types.append(source.entity_type)
        held.append(facts_held(record))
        for form in record.names:
            name_id = len(name_entry)
            name_entry.append(position)
            row = row_of.get(id(form))
            if row is None:  # a name several entries share (lists repeat names) is one row
                row = row_of[id(form)] = len(form_rows)
                form_rows.append(orjson.dumps(form_row(form)))
            name_form.append(row)
            groups.append(_digest("\0".join(form.sorted_tokens + form.original_tokens)))
            for key in name_keys(form):
                found = postings.get(key)
                if found is None:
                    postings[key] = [name_id]
                else:
                    found.append(name_id)
    keys = list(postings)
    entity_types, entry_type = type_numbers(types)
    return _Chunk(
        entries=len(entry_rows),
        entity_types=entity_types,
        entry_type=entry_type,
        entry_facts=np.asarray(held, dtype=np.uint8),
        entry_rows=b"".join(row + b"\n" for row in entry_rows),
        entry_lengths=np.fromiter((len(r) + 1 for r in entry_rows), np.int64, len(entry_rows)),
        form_rows=b"".join(row + b"\n" for row in form_rows),
        form_lengths=np.fromiter((len(r) + 1 for r in form_rows), np.int64, len(form_rows)),
        form_digests=np.array([_digest_bytes(r) for r in form_rows], dtype=f"S{DIGEST}"),
        name_entry=np.asarray(name_entry, dtype=np.int32),
        name_form=np.asarray(name_form, dtype=np.int32),
        group_digests=np.array(groups, dtype=f"S{DIGEST}"),
        keys=keys,
        key_lengths=np.fromiter((len(postings[k]) for k in keys), np.int32, len(keys)),
        key_names=np.fromiter(
            (i for k in keys for i in postings[k]),
            np.int32,
            sum(len(v) for v in postings.values()),
        ),
    )


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=DIGEST).digest()


def _digest_bytes(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=DIGEST).digest()


def build_kept(
    sources: Sequence[EntrySource],
    *,
    workers: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> KeptParts:
    """The index over `sources`, prepared on `workers` processes (default: every core)."""
    chunks = (
        sources[start : start + CHUNK_ENTRIES] for start in range(0, len(sources), CHUNK_ENTRIES)
    )
    return build_kept_from(chunks, len(sources), workers=workers, on_progress=on_progress)


def build_kept_from(
    chunks: Iterable[Sequence[EntrySource]],
    total: int,
    *,
    workers: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> KeptParts:
    """The index over the entries of `chunks` (`total` of them), each chunk prepared by one
    of `workers` processes while the next is read: `chunks` may read them from the database
    as they are asked for, and at most two chunks per worker are held at once."""
    workers = default_workers() if workers is None else max(1, workers)
    merge = _Merge(total, on_progress)
    if workers == 1 or total < MIN_ENTRIES_FOR_POOL:
        with collector_paused():
            for chunk in chunks:
                merge.add(prepare_chunk(chunk), len(chunk))
        return merge.parts()
    context = multiprocessing.get_context(start_method())
    pool = WorkerPool(context, workers, prepare_chunk, _install, (), role="index build worker")
    with _ended(pool):
        sizes: list[int] = []
        waiting: dict[int, _Chunk] = {}
        for chunk in chunks:
            pool.submit([(len(sizes), chunk)])
            sizes.append(len(chunk))
            while len(sizes) - merge.chunks > 2 * workers:
                _merge_answered(pool, waiting, merge, sizes)
        while merge.chunks < len(sizes):
            _merge_answered(pool, waiting, merge, sizes)
    return merge.parts()


def build_kept_read(
    ranges: Sequence[tuple[int, int, int]],
    read: Callable[[int, int], Sequence[EntrySource]],
    *,
    reopen: Callable[[], None] | None,
    workers: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> KeptParts:
    """The index over the entries `read(low, high)` gives for each (low id, high id, count)
    of `ranges`, in order. Forked workers each read their own chunks, after `reopen()` has
    given them database connections of their own, so the parent neither reads the entries
    nor pickles them over to the workers: it only joins what comes back. At a million
    entries the parent's reading and pickling (7 CPU s at 250k, 34 at 1M) was the part of
    the build growing faster than the list, and the workers idled waiting for it.

    Without fork (macOS, Windows), without `reopen` (a database in memory, which another
    process cannot open), or below `MIN_ENTRIES_FOR_POOL`, the parent reads each chunk and
    hands it over (`build_kept_from`)."""
    workers = default_workers() if workers is None else max(1, workers)
    total = sum(count for _low, _high, count in ranges)
    method = start_method()
    if reopen is None or method != "fork" or workers == 1 or total < MIN_ENTRIES_FOR_POOL:
        chunks = (read(low, high) for low, high, _count in ranges)
        return build_kept_from(chunks, total, workers=workers, on_progress=on_progress)
    merge = _Merge(total, on_progress)
    context = multiprocessing.get_context(method)
    pool = WorkerPool(
        context, workers, _read_and_prepare, _reader_started, (read, reopen),
        role="index build worker",
    )  # fmt: skip
    with _ended(pool):
        tasks = [(low, high) for low, high, _count in ranges]
        for chunk, (_low, _high, count) in zip(pool.in_order(tasks), ranges, strict=True):
            merge.add(chunk, count)
    return merge.parts()


def _merge_answered(
    pool: WorkerPool, waiting: dict[int, _Chunk], merge: _Merge, sizes: list[int]
) -> None:
    """Wait for answers; merge those next in order (keys, names and groups are numbered as
    one process numbers them)."""
    for task_id, chunk in pool.answers(None):
        waiting[task_id] = chunk
    while merge.chunks in waiting:
        merge.add(waiting.pop(merge.chunks), sizes[merge.chunks])


class _ended:
    """The pool closed once its work is done, its workers stopped if it fails or is cut
    short (Ctrl-C, a dead worker)."""

    def __init__(self, pool: WorkerPool) -> None:
        self.pool = pool

    def __enter__(self) -> WorkerPool:
        return self.pool

    def __exit__(self, kind: type[BaseException] | None, *_rest: object) -> None:
        if kind is None:
            self.pool.close()
        else:
            self.pool.terminate()


class _Merge:
    """Chunks joined in order: global numbers for entries, names, rows, keys and groups."""

    def __init__(self, total: int, on_progress: Callable[[int, int], None] | None) -> None:
        self.total = total
        self.report = on_progress or (lambda _done, _total: None)
        self.done = 0  # entries merged, of `total`
        self.chunks = 0  # chunks merged
        self.report(0, total)
        self.entries = 0
        self.names = 0
        self.entry_rows: list[bytes] = []
        self.entry_lengths: list[np.ndarray] = []
        self.form_rows: list[bytes] = []
        self.form_lengths: list[np.ndarray] = []
        self.form_digests: list[np.ndarray] = []
        self.forms = 0
        self.name_entry: list[np.ndarray] = []
        self.name_form: list[np.ndarray] = []
        self.group_digests: list[np.ndarray] = []
        self.numbers: dict[str, int] = {}
        self.types: dict[str, int] = {}
        self.entry_type: list[np.ndarray] = []
        self.entry_facts: list[np.ndarray] = []
        # per chunk: its keys' global numbers (distinct), their posting lengths, the names
        self.chunk_keys: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def add(self, chunk: _Chunk, size: int) -> None:
        """Join the next chunk (`size` entries read, some perhaps without names)."""
        numbers = self.numbers
        setdefault = numbers.setdefault
        global_keys = np.fromiter(
            (setdefault(k, len(numbers)) for k in chunk.keys), np.int32, len(chunk.keys)
        )
        self.chunk_keys.append(
            (global_keys, chunk.key_lengths, chunk.key_names + np.int32(self.names))
        )
        self.name_entry.append(chunk.name_entry + np.int32(self.entries))
        types = self.types
        known = np.asarray(
            [types.setdefault(t, len(types)) for t in chunk.entity_types], dtype=np.int16
        )
        self.entry_type.append(known[chunk.entry_type] if len(known) else chunk.entry_type)
        self.entry_facts.append(chunk.entry_facts)
        self.name_form.append(chunk.name_form + np.int32(self.forms))
        self.group_digests.append(chunk.group_digests)
        self.entry_rows.append(chunk.entry_rows)
        self.entry_lengths.append(chunk.entry_lengths)
        self.form_rows.append(chunk.form_rows)
        self.form_lengths.append(chunk.form_lengths)
        self.form_digests.append(chunk.form_digests)
        self.entries += chunk.entries
        self.names += len(chunk.name_entry)
        self.forms += len(chunk.form_lengths)
        self.chunks += 1
        self.done += size
        self.report(self.done, self.total)

    def parts(self) -> KeptParts:
        name_entry = _joined(self.name_entry, np.int32)
        offsets, flat = self._postings()
        name_group = _first_seen(_joined(self.group_digests, f"S{DIGEST}"))
        # Rows of prepared names: equal rows from different chunks kept once.
        form_digests = _joined(self.form_digests, f"S{DIGEST}")
        row_ref = _first_seen(form_digests)
        kept = _first_appearances(row_ref)
        name_form = row_ref[_joined(self.name_form, np.int32)]
        rows = np.frombuffer(b"".join(self.form_rows), dtype=np.uint8)
        self.form_rows.clear()
        lengths = _joined(self.form_lengths, np.int64)
        form_bytes = rows[np.repeat(kept, lengths)].tobytes()
        del rows
        keys = list(self.numbers)
        words = [
            [key[1:], length]
            for key, length in zip(keys, np.diff(offsets).tolist(), strict=True)
            if key.startswith("t")
        ]
        data, bounds = kept_data(
            keys,
            words,
            [form_bytes],
            self.entry_rows,
            names=self.names,
            entity_types=list(self.types),
            form_lengths=lengths[kept],
            entry_lengths=_joined(self.entry_lengths, np.int64),
        )
        self.entry_rows.clear()
        entry_type = _joined(self.entry_type, np.int16)
        entry_facts = _joined(self.entry_facts, np.uint8)
        return KeptParts(
            data, bounds, name_form, name_entry, name_group, entry_type, entry_facts, flat, offsets
        )

    def _postings(self) -> tuple[np.ndarray, np.ndarray]:
        """Every key's posting list, one after the other: each chunk's block of a key's names
        goes after the earlier chunks' blocks (so names stay ascending), placed, not sorted."""
        counts = np.zeros(len(self.numbers), dtype=np.int64)
        for keys, lengths, _names in self.chunk_keys:
            counts[keys] += lengths  # a key once per chunk
        offsets = np.zeros(len(self.numbers) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        flat = np.empty(int(offsets[-1]), dtype=np.int32)
        cursor = offsets[:-1].copy()
        for keys, lengths, names in self.chunk_keys:
            starts = cursor[keys]
            cursor[keys] += lengths
            local = np.zeros(len(lengths), dtype=np.int64)
            np.cumsum(lengths[:-1], out=local[1:])
            flat[np.repeat(starts - local, lengths) + np.arange(len(names))] = names
        self.chunk_keys.clear()
        return offsets, flat


def _joined(arrays: list[np.ndarray], dtype: object) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.empty(0, dtype=dtype)  # type: ignore[call-overload]


def _first_seen(values: np.ndarray) -> np.ndarray:
    """Each value's number, values numbered in the order they first appear (int32).

    Digests (16 bytes) are numbered by their first 8 bytes in a hash table (`pd.factorize`
    numbers in that order), and their other 8 bytes are checked equal within each number:
    sorting the 16-byte strings (`np.unique`) took 1.1 s of the parent's own time at 1M
    entries, 4.4x that of 250k. Two digests sharing their first half only (some 2**-64 a
    pair) fall back to the sort, which numbers them apart."""
    if not len(values):
        return np.empty(0, dtype=np.int32)
    if values.dtype == np.dtype(f"S{DIGEST}") and DIGEST == 16:
        import pandas as pd  # here: only a build's parent needs it

        halves = np.ascontiguousarray(values).view(np.uint64).reshape(-1, 2)
        codes = pd.factorize(np.ascontiguousarray(halves[:, 0]))[0]
        firsts = np.flatnonzero(_first_appearances(codes))
        if np.array_equal(halves[firsts[codes], 1], halves[:, 1]):
            return codes.astype(np.int32)
    return _sorted_first_seen(values)


def _sorted_first_seen(values: np.ndarray) -> np.ndarray:
    """`_first_seen` by sorting the values themselves."""
    _, first, inverse = np.unique(values, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int32)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first), dtype=np.int32)
    return rank[inverse.reshape(-1)]


def _first_appearances(numbers: np.ndarray) -> np.ndarray:
    """Where each number first appears (a mask), for numbers given in order of first
    appearance (0, 1, 2, ...): exactly where a number exceeds every number before it."""
    before = np.maximum.accumulate(np.concatenate(([-1], numbers[:-1])))
    return np.asarray(numbers > before)


# --- the pool -----------------------------------------------------------------------------


def _install() -> None:
    """A worker makes no cyclic garbage worth collecting (Ctrl-C is the pool's parent's)."""
    gc.disable()


_reader: list[Callable[[int, int], Sequence[EntrySource]]] = []  # a forked worker's `read`


def _reader_started(read: Callable[[int, int], Sequence[EntrySource]], reopen: Any) -> None:
    _install()
    reopen()
    _reader.append(read)


def _read_and_prepare(task: tuple[int, int]) -> _Chunk:
    low, high = task
    return prepare_chunk(_reader[0](low, high))
