"""The built candidate index kept on disk, so each `screener search` or `screen` does not rebuild it.

Building the index over every list takes seconds, nearly all of it preparing 80,000 names
(transliteration, legal forms, phonetic keys); a command-line call used to pay that every
time. The prepared index is saved in the user's data directory and read back while the
same list versions are active.

Safety: the files are data only, never pickle. One JSON-lines file (a header, the blocking
keys and word frequencies in lines of a few thousand, then one line per prepared name and one
per entry) holds the names and the entries; one numpy `.npz`
(read with `allow_pickle=False`) holds the integer arrays (owners, groups, postings).
Neither format can run code when read. A manifest records a CRC-32 of the JSON-lines file and
the CRC-32 of each array in the `.npz` (`_checksums`); a file that does not match, or does not
have the expected shape, is ignored and the index is rebuilt.

Speed and memory: reading makes no per-name object. The file's bytes stay as they are read
and a name or an entry becomes a `NameForm` or an `IndexedEntry` when the matcher first asks
for it (`LazyRows`): a batch touches a few names per query, so a reader pays for those, and
forked batch workers share the bytes and arrays copy-on-write instead of each copying a
million small objects whose reference counts they write to.

Freshness: the file name is a key over everything the index is built from: the active
list versions (id, content hash, entry count and id range, so another database with other
row ids cannot reuse it), the name rules (rules/matching/names.yaml), the source of the
modules that read the entries, prepare names and build the index, and the versions of the
transliteration libraries. Anything else and the key differs; only the latest index is kept.
`SCREENER_INDEX_CACHE=0` turns the store off.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import sys
import tempfile
import zipfile
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

import numpy as np
import orjson

from screener.collector import collector_paused_then_frozen
from screener.matching.config import MatchConfig, load_config
from screener.matching.index import IndexedEntry, MatchIndex
from screener.matching.key_table import KeyTable
from screener.matching.rarity import TokenRarity
from screener.matching.records import (
    MatchRecord,
    RecordFacts,
    facts_held,
    new_record,
    record_facts,
    slot_setters,
)
from screener.names import NameForm, made_form, schema_kind
from screener.paths import rules_dir, user_data_dir

# 4: keys and word frequencies in lines, one line per name and per entry; 5: entity types;
# 6: every line's bounds kept in the .npz (read without looking for newlines), file mapped;
# 7: which facts each entry holds (`entry_facts`), so a search reads an entry's row only when
# the score reads one of them; 8: none (an index kept before migration 0006 holds the types
# guessed for entries whose publisher gives none, so it is built again)
FORMAT = 8
_SOURCES = (
    "names.py",
    "matching/records.py",
    "matching/wade_giles.py",
    "matching/hebrew.py",
    "matching/arabic_script.py",
    "matching/korean.py",
    "matching/katakana.py",
    "matching/index.py",
    "matching/db_index.py",
    "matching/index_store.py",
    "matching/index_build.py",
    "matching/key_table.py",
)
_LIBRARIES = ("anyascii", "doublemetaphone", "pypinyin", "pykakasi", "pycountry", "numpy")


class IndexFileError(ValueError):
    """A kept index file that is damaged, altered or of another format."""


def store_enabled() -> bool:
    return os.environ.get("SCREENER_INDEX_CACHE", "1").strip().lower() not in {"0", "off", "no"}


def index_dir() -> Path:
    return user_data_dir() / "index"


def index_key(versions: Sequence[Sequence[Any]]) -> str:
    """A key over the list versions (one row of facts each) and the code and rules that prepare names."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for row in versions:
        digest.update(json.dumps([str(x) for x in row]).encode() + b"\n")
    package = Path(__file__).resolve().parents[1]
    for name in _SOURCES:
        digest.update((package / name).read_bytes())
    for rules in ("names.yaml", "wade_giles.yaml", "korean_names.yaml", "katakana.yaml"):
        digest.update((rules_dir() / "matching" / rules).read_bytes())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} absent\n".encode())
    return digest.hexdigest()[:32]


def load_or_build(
    key: str,
    build: Callable[[], MatchIndex | KeptParts],
    config: MatchConfig | None = None,
) -> MatchIndex:
    """The kept index for `key`, or a new one (then kept). Storage trouble never stops a search.

    `build` may hand back the index in its kept form (screener/matching/index_build.py
    builds it so): it is written as it is and read back as a kept index is.
    """
    if not store_enabled():
        return _index_of(build(), config)
    try:
        folder = index_dir()
        # Reading makes a few million objects (keys, their numbers, word counts) that live as
        # long as the index: with the collector on, its collections walked them again and
        # again, more often the larger the index (0.05 CPU s at 250k entries, 0.1-0.4 at 1M).
        with collector_paused_then_frozen():
            return load_index(folder, key, config)
    except (OSError, IndexFileError):
        pass
    with collector_paused_then_frozen():
        built = build()
    try:
        with collector_paused_then_frozen():
            if isinstance(built, KeptParts):
                save_parts(built, index_dir(), key)
            else:
                save_index(built, index_dir(), key)
    except OSError:
        pass  # a read-only or full disk: the next call builds again
    return _index_of(built, config)


def _index_of(built: MatchIndex | KeptParts, config: MatchConfig | None) -> MatchIndex:
    if isinstance(built, MatchIndex):
        return built
    with collector_paused_then_frozen():
        return index_from_parts(built, config)


# --- writing -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class KeptParts:
    """An index as it is kept: the JSON lines (`data`: header, keys, word frequencies, one
    line per prepared name, one per entry) and the integer arrays of the `.npz`."""

    data: bytes
    bounds: np.ndarray  # int64: line n of `data` is data[bounds[n]:bounds[n + 1]] (its newline too)
    name_form: np.ndarray  # name id -> line of its prepared name
    name_entry: np.ndarray  # name id -> entry position
    name_group: np.ndarray  # name id -> spelling group
    entry_type: np.ndarray  # entry position -> number of its entity type (header's list)
    entry_facts: np.ndarray  # entry position -> the facts it holds (uint8, `facts_held`)
    flat: np.ndarray  # posting lists, key after key
    offsets: np.ndarray  # key n's names are flat[offsets[n]:offsets[n + 1]]


def save_index(index: MatchIndex, folder: Path, key: str) -> None:
    """Write the index as JSON lines + npz + manifest (each atomically), dropping older ones."""
    save_parts(kept_parts(index), folder, key)


def kept_parts(index: MatchIndex) -> KeptParts:
    """The index in its kept form (a name several entries share as one object: one line)."""
    table: list[NameForm] = []
    position: dict[int, int] = {}
    refs = np.empty(len(index.name_forms), dtype=np.int32)
    for name_id, form in enumerate(index.name_forms):
        ref = position.get(id(form))
        if ref is None:
            ref = position[id(form)] = len(table)
            table.append(form)
        refs[name_id] = ref
    keys = index.keys
    # Document frequency of each word over the names, as TokenRarity.from_token_lists counts.
    frequency: Counter[str] = Counter()
    for form in index.name_forms:
        frequency.update(set(form.tokens))
    data, bounds = kept_data(
        list(keys.numbers),
        [[word, count] for word, count in frequency.items()],
        [orjson.dumps(form_row(form)) + b"\n" for form in table],
        [orjson.dumps(entry_row(entry)) + b"\n" for entry in index.entries],
        names=len(index.name_forms),
        entity_types=index.entity_types,
    )
    return KeptParts(
        data,
        bounds,
        refs,
        np.asarray(index.name_entry, dtype=np.int32),
        np.asarray(index.name_group, dtype=np.int32),
        np.asarray(index.entry_type, dtype=np.int16),
        np.fromiter((facts_held(e.record) for e in index.entries), np.uint8, len(index.entries)),
        keys.flat.astype(np.int32),
        keys.offsets.astype(np.int64),
    )


def kept_data(
    keys: list[str],
    words: list[list[Any]],
    form_rows: Sequence[bytes],
    entry_rows: Sequence[bytes],
    *,
    names: int,
    entity_types: Sequence[str],
    form_lengths: np.ndarray | None = None,
    entry_lengths: np.ndarray | None = None,
) -> tuple[bytes, np.ndarray]:
    """The JSON-lines file and its lines' bounds. Rows are whole lines (ending in a
    newline), or blocks of lines whose lines' lengths `form_lengths` and `entry_lengths` give."""
    if form_lengths is None:
        form_lengths = np.fromiter(map(len, form_rows), np.int64, len(form_rows))
    if entry_lengths is None:
        entry_lengths = np.fromiter(map(len, entry_rows), np.int64, len(entry_rows))
    key_lines, word_lines = lines_of(keys), lines_of(words)
    header = {
        "format": FORMAT,
        "forms": len(form_lengths),
        "entries": len(entry_lengths),
        "documents": names,
        "key_lines": len(key_lines),
        "word_lines": len(word_lines),
        "entity_types": list(entity_types),
    }
    head = [orjson.dumps(header) + b"\n"]
    head.extend(orjson.dumps(line) + b"\n" for line in (*key_lines, *word_lines))
    lengths = [np.fromiter(map(len, head), np.int64, len(head)), form_lengths, entry_lengths]
    bounds = np.zeros(sum(map(len, lengths)) + 1, dtype=np.int64)
    np.cumsum(np.concatenate(lengths), out=bounds[1:])
    data = b"".join([*head, *form_rows, *entry_rows])
    if int(bounds[-1]) != len(data):
        raise ValueError(f"rows of {len(data)} bytes, their lengths add up to {bounds[-1]}")
    return data, bounds


def save_parts(parts: KeptParts, folder: Path, key: str) -> None:
    """Write the kept form (each file atomically, the manifest last), dropping older ones."""
    folder.mkdir(parents=True, exist_ok=True)
    json_path, npz_path = folder / f"{key}.json", folder / f"{key}.npz"
    _atomic(json_path, lambda p: p.write_bytes(parts.data))
    _atomic(
        npz_path,
        lambda p: np.savez(
            p,
            bounds=parts.bounds.astype(np.int64),
            name_form=parts.name_form.astype(np.int32),
            name_entry=parts.name_entry.astype(np.int32),
            name_group=parts.name_group.astype(np.int32),
            entry_type=parts.entry_type.astype(np.int16),
            entry_facts=parts.entry_facts.astype(np.uint8),
            flat=parts.flat.astype(np.int32),
            offsets=parts.offsets.astype(np.int64),
        ),
    )
    manifest = {"format": FORMAT, **_checksums(parts.data, npz_path)}
    _atomic(folder / f"{key}.manifest", lambda p: p.write_text(json.dumps(manifest), "utf-8"))
    for other in folder.iterdir():
        if other.stem != key and other.suffix in {".json", ".npz", ".manifest"}:
            other.unlink(missing_ok=True)


def index_from_parts(parts: KeptParts, config: MatchConfig | None = None) -> MatchIndex:
    """The index the parts hold, read as a kept index is read (names made when asked for)."""
    return _rebuilt(
        parts.data,
        parts.bounds,
        parts.name_form,
        parts.name_entry,
        parts.name_group,
        parts.entry_type,
        parts.entry_facts,
        parts.flat,
        parts.offsets,
        config,
    )


# Keys and word frequencies per line of the file. One orjson.loads call holds the interpreter
# lock from start to end: the 100,000 keys of every list in one line took 50 ms, long enough
# to be seen in the window's event loop; a line of this many takes a few milliseconds.
ROWS_PER_LINE = 5000


def lines_of(rows: list[Any]) -> list[list[Any]]:
    return [rows[start : start + ROWS_PER_LINE] for start in range(0, len(rows), ROWS_PER_LINE)]


def form_row(form: NameForm) -> list[Any]:
    same = form.original_tokens == form.tokens
    return [
        form.original,
        form.script,
        list(form.tokens),
        None if same else list(form.original_tokens),
        sorted(form.legal_forms),
        sorted(form.countries),
        list(form.phonetic),
    ]


def entry_row(entry: IndexedEntry) -> list[Any]:
    record = entry.record
    return [
        entry.entry_key,
        entry.primary_name,
        entry.entity_type,
        entry.source_name,
        entry.list_name,
        entry.entry_id,
        entry.list_version_id,
        list(entry.programs),
        record.kind,
        sorted(record.countries),
        sorted(record.years),
        sorted([list(pair) for pair in record.identifiers]),
        sorted(record.weak_names),
    ]


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent
    )
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _checksums(data: bytes | mmap.mmap, npz_path: Path) -> dict[str, Any]:
    """What the manifest vouches for: the JSON-lines file's CRC-32, and the CRC-32 the `.npz`
    (a zip archive) keeps of each of its arrays.

    Why not a SHA-256 of both files, as up to format 6's first builds: the manifest is not
    signed, so a hash in it guards against no one who can write the data directory (they
    can rewrite the manifest too); what it must catch is a file damaged (a bad disk, a copy
    cut short, a bit flipped) or replaced by another (an older build, a file from elsewhere).
    A CRC-32 catches every damage of up to 32 bits in a row and any other with a chance of
    one in four billion, and a replaced file shows as other checksums; it costs a fifth of a
    SHA-256 (1.4 ms against 5 ms for the 10 MB file over SDN + CSL + UN). The arrays' CRCs are
    the ones the archive's own directory keeps: zipfile checks each array's bytes against
    them as `np.load` reads it (`BadZipFile` otherwise, refused as a mismatch below), so the
    `.npz` is no longer read a second time to be hashed. `screener screen` reads the kept
    index before it forks its workers, on one core: hashing both files was 9-10 ms of it."""
    with zipfile.ZipFile(npz_path) as archive:
        arrays = {info.filename: info.CRC for info in archive.infolist()}
    return {"json_crc32": zlib.crc32(data), "npz_crc32": arrays}


# --- reading -------------------------------------------------------------------------------


def load_index(folder: Path, key: str, config: MatchConfig | None = None) -> MatchIndex:
    """The index kept under `key`; OSError if absent, IndexFileError if damaged or altered."""
    json_path, npz_path = folder / f"{key}.json", folder / f"{key}.npz"
    manifest = json.loads((folder / f"{key}.manifest").read_text(encoding="utf-8"))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise IndexFileError(f"{folder / key}.manifest: another format")
    data = _mapped(json_path)
    mismatch = IndexFileError(f"{folder / key}: contents do not match the manifest")
    try:
        found = _checksums(data, npz_path)
    except zipfile.BadZipFile as exc:
        raise mismatch from exc
    if found != {name: manifest.get(name) for name in found}:
        raise mismatch
    try:
        with np.load(npz_path, allow_pickle=False) as arrays:
            bounds = arrays["bounds"]
            refs, owners = arrays["name_form"], arrays["name_entry"]
            groups, flat, offsets = arrays["name_group"], arrays["flat"], arrays["offsets"]
            entry_type, entry_facts = arrays["entry_type"], arrays["entry_facts"]
        return _rebuilt(
            data, bounds, refs, owners, groups, entry_type, entry_facts, flat, offsets, config
        )
    except zipfile.BadZipFile as exc:  # an array's bytes against the CRC-32 its archive keeps
        if "CRC" in str(exc):
            raise mismatch from exc
        raise IndexFileError(f"{json_path}: unexpected contents ({exc})") from exc
    except (
        KeyError,
        IndexError,
        TypeError,
        ValueError,
        EOFError,
        orjson.JSONDecodeError,
    ) as exc:
        raise IndexFileError(f"{json_path}: unexpected contents ({exc})") from exc


def _mapped(path: Path) -> bytes | mmap.mmap:
    """The file's bytes, mapped rather than copied: the kernel's cached pages of a file of
    hundreds of MB are used as they are, where reading it copied each page into the
    process's own memory (a page fault and a copy per 4 KB, the kernel's time growing with
    the file). Only this code writes the file, whole and then renamed into place
    (`_atomic`), so a mapped file never changes under a reader. An empty file is read."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return b""
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _rebuilt(
    data: bytes | mmap.mmap,
    bounds: np.ndarray,
    refs: np.ndarray,
    owners: np.ndarray,
    groups: np.ndarray,
    entry_type: np.ndarray,
    entry_facts: np.ndarray,
    flat: np.ndarray,
    offsets: np.ndarray,
    config: MatchConfig | None,
) -> MatchIndex:
    _check_lines(data, bounds)
    header = orjson.loads(data[: int(bounds[1])])
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ValueError("another format")
    forms_count, entries_count = int(header["forms"]), int(header["entries"])
    key_lines, word_lines = int(header["key_lines"]), int(header["word_lines"])
    rows = forms_count + entries_count
    if len(bounds) != 2 + key_lines + word_lines + rows:
        announced = 1 + key_lines + word_lines + rows
        raise ValueError(f"{announced} lines announced, {len(bounds) - 1} bounded")
    lines = key_lines + word_lines  # after the header, before the rows
    starts, stops = bounds[1 : 1 + lines].tolist(), bounds[2 : 2 + lines].tolist()
    keys: list[str] = []
    frequency: dict[str, int] = {}
    for number, (start, stop) in enumerate(zip(starts, stops, strict=True)):
        line = orjson.loads(data[start:stop])
        if number < key_lines:
            keys.extend(map(str, line))
        else:
            frequency.update((str(word), int(count)) for word, count in line)
    row_bounds = _ints(bounds[1 + lines :])
    names = len(refs)
    if len(owners) != names or len(groups) != names:
        raise ValueError("arrays of different lengths")
    if names and (int(groups.min()) < 0 or int(groups.max()) >= names):
        raise ValueError("a name group out of range")
    if names and (int(refs.min()) < 0 or int(refs.max()) >= forms_count):
        raise ValueError("a name refers to no prepared name")
    if bool(np.any(owners[1:] < owners[:-1])) or (
        names and (int(owners[0]) < 0 or int(owners[-1]) >= entries_count)
    ):
        raise ValueError("names out of their entries' order")
    entity_types = tuple(map(str, header["entity_types"]))
    if len(entry_type) != entries_count or (
        entries_count and (int(entry_type.min()) < 0 or int(entry_type.max()) >= len(entity_types))
    ):
        raise ValueError("an entry of no entity type")
    if len(entry_facts) != entries_count or entry_facts.dtype != np.uint8:
        raise ValueError("entries' facts of another length or type")
    table = LazyRows(data, row_bounds[: forms_count + 1], _form)
    forms = _NameForms(table, _ints(refs))
    first_name = _ints(np.searchsorted(owners, np.arange(entries_count + 1)))
    entries = KeptEntries(
        data,
        row_bounds[forms_count:],
        lambda row, i: _entry(row, forms, first_name[i], first_name[i + 1]),
        entity_types,
        entry_type,
        entry_facts,
    )
    return MatchIndex(
        entries=entries,
        name_entry=owners.astype(np.int32),
        name_forms=forms,
        keys=KeyTable.from_arrays(keys, offsets, flat, names),
        rarity=TokenRarity(frequency, int(header["documents"])),
        config=config or load_config(),
        name_group=groups.astype(np.int32),
        entity_types=entity_types,
        entry_type=entry_type.astype(np.int16),
    )


def _check_lines(data: bytes | mmap.mmap, bounds: np.ndarray) -> None:
    """ValueError unless `bounds` cut the whole of `data` into lines, each ending in a newline."""
    if bounds.dtype != np.int64 or bounds.ndim != 1 or len(bounds) < 2:
        raise ValueError("no header")
    if int(bounds[0]) != 0 or int(bounds[-1]) != len(data):
        raise ValueError(f"lines bounded over {bounds[-1]} bytes, the file has {len(data)}")
    if not bool(np.all(bounds[1:] > bounds[:-1])):
        raise ValueError("lines out of order")
    if not bool(np.all(np.frombuffer(data, dtype=np.uint8)[bounds[1:] - 1] == ord("\n"))):
        raise ValueError("a line bounded elsewhere than at its newline")


def _ints(values: np.ndarray) -> array[int]:
    """Positions as a flat array of machine integers rather than a list of int objects.

    A batch worker forked from the reader shares its memory until it writes to a page, and
    reading an int from a list writes to it (its reference count): each row a worker made
    copied a page of each list it was looked up in, some 4 KB apiece. Read from an array the
    int is made in the worker's own memory; the arrays are also a fifth of the lists' size.
    """
    found = array("q")
    found.frombytes(np.ascontiguousarray(values, dtype=np.int64).tobytes())
    return found


T = TypeVar("T")


class LazyRows(Sequence[T], Generic[T]):
    """Rows of a kept file (one JSON line each), each made into an object when first read.

    `bounds[i]:bounds[i + 1]` are row i's bytes in `data`. A made row is kept, so a name
    shared by several entries stays one object (the matcher keys alignments on identity).
    Two threads reading one row at once may both make it; either object is equal and right.

    Made rows are kept in a dict that grows as rows are read, not in a list as long as the
    file: a batch worker forked from the reader writing a made row into the reader's list
    copied the list's page holding that slot (4 KB for every 512 rows) for each of the some
    20,000 rows it made at 1M entries; the dict's table is the worker's own memory.
    """

    def __init__(
        self, data: bytes | mmap.mmap, bounds: Sequence[int], make: Callable[[Any, int], T]
    ) -> None:
        self._data = data
        self._bounds = bounds
        self._make = make
        self._count = len(bounds) - 1
        self._made: dict[int, T] = {}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        found = self._made.get(index)
        if found is None:
            if index < 0:
                index += self._count
                found = self._made.get(index)
                if found is not None:
                    return found
            if not 0 <= index < self._count:
                raise IndexError("row index out of range")
            found = self._made[index] = self._make(self._row(index), index)
        return found

    def _row(self, index: int) -> Any:
        """Row `index` as parsed JSON (a fresh object each time)."""
        return orjson.loads(self._data[self._bounds[index] : self._bounds[index + 1]])


class _NameForms(Sequence[NameForm]):
    """Name id -> its prepared name: names several entries share are one row of the table."""

    def __init__(self, table: LazyRows[NameForm], refs: Sequence[int]) -> None:
        self._table = table
        self._refs = refs

    def __len__(self) -> int:
        return len(self._refs)

    @overload
    def __getitem__(self, index: int) -> NameForm: ...

    @overload
    def __getitem__(self, index: slice) -> list[NameForm]: ...

    def __getitem__(self, index: int | slice) -> NameForm | list[NameForm]:
        if isinstance(index, slice):
            return [self._table[r] for r in self._refs[index]]
        return self._table[self._refs[index]]

    def picked(self, ids: Iterable[int]) -> list[NameForm]:
        """`[self[i] for i in ids]` without two method calls a name: a batch query reads
        some twenty candidate names, most of them made before (`MatchIndex.search`)."""
        refs, table = self._refs, self._table
        made = table._made
        found: list[NameForm] = []
        for name_id in ids:
            ref = refs[name_id]
            form = made.get(ref)
            found.append(table[ref] if form is None else form)
        return found


class KeptEntries(LazyRows[IndexedEntry]):
    """The kept entries, with what a score needs of an entry made without making the entry.

    A query brings a name or two of each candidate entry. Scoring reads the entry's facts
    and those names only (`MatchIndex.search` narrows the record to them), so making the
    whole `IndexedEntry` (its other names, its keys and programs) for every candidate was a
    third of a batch worker's first touch of the index at 1M entries; the entry itself is
    made only for the few that are hits. Nor is the entry's row read for its facts when it
    holds none that the score reads (`entry_facts`, `algorithm.facts_read`): its kind comes
    from its entity type.
    """

    def __init__(
        self,
        data: bytes | mmap.mmap,
        bounds: Sequence[int],
        make: Callable[[Any, int], IndexedEntry],
        entity_types: Sequence[str],
        entry_type: np.ndarray,
        entry_facts: np.ndarray,
    ) -> None:
        super().__init__(data, bounds, make)
        self._facts: dict[int, RecordFacts] = {}  # a dict, as `LazyRows._made` is
        # Read an entry at a time as Python ints: from an array and bytes, not lists
        # (`_ints` says why), two bytes a type as the index's `entry_type` holds them.
        self._type = array("h", np.ascontiguousarray(entry_type, dtype=np.int16).tobytes())
        self._held = np.ascontiguousarray(entry_facts, dtype=np.uint8).tobytes()
        # An entry with no facts but its kind, by its type: (kind, none ..., schema), as
        # `_facts` reads them from a row holding none.
        self._bare: list[RecordFacts] = [
            (schema_kind(t or None), _NOTHING, _NOTHING, _NOTHING, _NOTHING, t or None)
            for t in entity_types
        ]

    def narrowed(
        self, position: int, names: tuple[NameForm, ...], reads: int = 0xFF
    ) -> MatchRecord:
        """The entry's record with only `names` (some of its names): equal to
        `index._with_names(self[position].record, names)`, its facts read once per entry.
        When the entry holds none of the facts in `reads` (`algorithm.facts_read`), a
        record that scores the same, its row unread: its kind, and no other fact."""
        made = self._made.get(position)
        if made is not None:
            record = made.record
            if len(names) == len(record.names):
                return record
            facts = record_facts(record)
        elif not self._held[position] & reads:
            facts = self._bare[self._type[position]]
        else:
            found = self._facts.get(position)
            if found is None:
                found = self._facts[position] = _facts(self._row(position))
            facts = found
        return new_record(names, *facts)


def _facts(row: list[Any]) -> RecordFacts:
    """An entry row's facts as its `MatchRecord` holds them (kind ... schema)."""
    kind, countries, years, identifiers, weak = row[8:]
    return (
        kind,
        _set(countries),
        _set(years),
        frozenset((t, v) for t, v in identifiers) if identifiers else _NOTHING,
        _set(weak),
        row[2] or None,  # as make_record keeps the schema it was given
    )


# Making rows through the slots' setters (`records.slot_setters`): for a `NameForm` the
# dataclass's `__init__` is 1.5 us of the 3.5 a kept name takes to make, paid for every name
# a batch touches. Names are made by `screener.names.made_form`, records by
# `records.new_record`, entries here.
_new = object.__new__
_ENTRY_SLOTS = slot_setters(
    IndexedEntry,
    ("entry_key", "primary_name", "entity_type", "source_name", "list_name", "entry_id")
    + ("list_version_id", "programs", "record"),
)


def _indexed_entry(
    entry_key: str,
    primary_name: str,
    entity_type: str,
    source_name: str,
    list_name: str,
    entry_id: int | None,
    list_version_id: int | None,
    programs: tuple[str, ...],
    record: MatchRecord,
) -> IndexedEntry:
    """`IndexedEntry(...)`."""
    if _ENTRY_SLOTS is None:
        return IndexedEntry(
            entry_key, primary_name, entity_type, source_name, list_name, entry_id,
            list_version_id, programs, record,
        )  # fmt: skip
    s0, s1, s2, s3, s4, s5, s6, s7, s8 = _ENTRY_SLOTS
    made = _new(IndexedEntry)
    s0(made, entry_key)
    s1(made, primary_name)
    s2(made, entity_type)
    s3(made, source_name)
    s4(made, list_name)
    s5(made, entry_id)
    s6(made, list_version_id)
    s7(made, programs)
    s8(made, record)
    return made  # type: ignore[no-any-return]


_NOTHING: frozenset[Any] = frozenset()


def _set(values: list[Any]) -> frozenset[Any]:
    return frozenset(values) if values else _NOTHING


def _form(row: list[Any], _number: int = 0) -> NameForm:
    """A prepared name as `screener.names.prepare_name` made it (types vouched for by the
    manifest's hash of the file this process or an earlier one wrote)."""
    original, script, tokens, original_tokens, legal, countries, phonetic = row
    words = tuple(map(_intern, tokens))
    sounds = tuple(map(_intern, phonetic))
    if len(sounds) != len(words):
        raise ValueError(f"name {original!r}: {len(words)} words, {len(sounds)} phonetic keys")
    return made_form(
        original,
        script,
        words,
        words if original_tokens is None else tuple(original_tokens),
        _set(legal),
        _set(countries),
        sounds,
        tuple(sorted(words)),
        "".join(words),
    )


_intern = sys.intern


def _entry(row: list[Any], forms: Sequence[NameForm], first: int, stop: int) -> IndexedEntry:
    (key, primary, entity_type, source, list_name, entry_id, version_id, programs) = row[:8]
    kind, countries, years, identifiers, weak = row[8:]
    names = tuple(forms[i] for i in range(first, stop))
    if not names:
        raise ValueError(f"entry {key!r} without names")
    return _indexed_entry(
        key,
        primary,
        entity_type,
        source,
        list_name,
        entry_id,
        version_id,
        tuple(programs),
        new_record(
            names,
            kind,
            _set(countries),
            _set(years),
            frozenset((t, v) for t, v in identifiers) if identifiers else _NOTHING,
            _set(weak),
            entity_type or None,  # as make_record keeps the schema it was given
        ),
    )
