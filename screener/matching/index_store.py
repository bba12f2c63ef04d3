"""The built candidate index kept on disk, so each `screener search` or `screen` does not rebuild it.

Building the index over every list takes seconds, nearly all of it preparing 80,000 names
(transliteration, legal forms, phonetic keys); a command-line call used to pay that every
time. The prepared index is saved in the user's data directory and read back while the
same list versions are active.

Safety: the files are data only, never pickle. One JSON file (a header, then lines of rows)
holds the prepared names and the entries; one numpy `.npz` (read with `allow_pickle=False`) holds the integer
arrays (owners, postings). Neither format can run code when read. A manifest records the
SHA-256 of both files; a file that does not match, or does not have the expected shape,
is ignored and the index is rebuilt.

Freshness: the file name is a key over everything the index is built from: the active
list versions (id, content hash, entry count and id range, so another database with other
row ids cannot reuse it), the name rules (rules/matching/names.yaml), the source of the
modules that read the entries, prepare names and build the index, and the versions of the
transliteration libraries. Anything else and the key differs; only the latest index is kept.
`SCREENER_INDEX_CACHE=0` turns the store off.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import os
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from screener.matching.config import MatchConfig, load_config
from screener.matching.index import IndexedEntry, MatchIndex
from screener.matching.rarity import TokenRarity
from screener.matching.records import MatchRecord
from screener.names import NameForm
from screener.paths import rules_dir, user_data_dir

FORMAT = 2  # 2: the JSON file in lines of rows
_SOURCES = (
    "names.py",
    "matching/records.py",
    "matching/index.py",
    "matching/db_index.py",
    "matching/index_store.py",
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
    digest.update((rules_dir() / "matching" / "names.yaml").read_bytes())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} absent\n".encode())
    return digest.hexdigest()[:32]


def load_or_build(
    key: str, build: Callable[[], MatchIndex], config: MatchConfig | None = None
) -> MatchIndex:
    """The kept index for `key`, or a new one (then kept). Storage trouble never stops a search."""
    if not store_enabled():
        return build()
    try:
        folder = index_dir()
        return load_index(folder, key, config)
    except (OSError, IndexFileError):
        pass
    with _collector_paused():
        index = build()
    try:
        with _collector_paused():
            save_index(index, index_dir(), key)
    except OSError:
        pass  # a read-only or full disk: the next call builds again
    return index


@contextmanager
def _collector_paused() -> Iterator[None]:
    """An index is millions of small objects and no cycles: the cyclic collector would walk
    them again and again while they are made (it more than doubles the time to read one)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # before enabling: else the first collection walks everything just made
        if was_enabled:
            gc.enable()


# --- writing -------------------------------------------------------------------------------


def save_index(index: MatchIndex, folder: Path, key: str) -> None:
    """Write the index as JSON + npz + manifest (each atomically), dropping older indexes."""
    folder.mkdir(parents=True, exist_ok=True)
    table: list[NameForm] = []
    position: dict[int, int] = {}
    refs = np.empty(len(index.name_forms), dtype=np.int32)
    for name_id, form in enumerate(index.name_forms):
        ref = position.get(id(form))
        if ref is None:
            ref = position[id(form)] = len(table)
            table.append(form)
        refs[name_id] = ref
    keys = list(index.postings)
    lengths = np.fromiter((len(index.postings[k]) for k in keys), dtype=np.int64, count=len(keys))
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    flat = (
        np.concatenate([index.postings[k] for k in keys]).astype(np.int32)
        if keys
        else np.empty(0, dtype=np.int32)
    )
    document = {
        "format": FORMAT,
        "forms": [_form_row(f) for f in table],
        "entries": [_entry_row(e) for e in index.entries],
        "keys": keys,
    }
    json_path, npz_path = folder / f"{key}.json", folder / f"{key}.npz"
    _atomic(json_path, lambda p: _write_chunked(p, document))
    _atomic(
        npz_path,
        lambda p: np.savez(
            p,
            name_form=refs,
            name_entry=index.name_entry.astype(np.int32),
            name_group=index.name_group.astype(np.int32),
            flat=flat,
            offsets=offsets,
        ),
    )
    manifest = {"format": FORMAT, "json": _sha256(json_path), "npz": _sha256(npz_path)}
    _atomic(folder / f"{key}.manifest", lambda p: p.write_text(json.dumps(manifest), "utf-8"))
    for other in folder.iterdir():
        if other.stem != key and other.suffix in {".json", ".npz", ".manifest"}:
            other.unlink(missing_ok=True)


def _form_row(form: NameForm) -> list[Any]:
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


def _entry_row(entry: IndexedEntry) -> list[Any]:
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


# Rows per line of the JSON file. One json.loads or json.dumps call holds the interpreter
# lock from start to end: over the whole 18 MB document that froze the window's event loop
# for 150-300 ms; a line of this many rows takes a few milliseconds.
ROWS_PER_LINE = 1000


def _write_chunked(path: Path, document: dict[str, Any]) -> None:
    """The header on the first line, then ["section", [rows...]] lines."""
    with open(path, "w", encoding="utf-8") as handle:
        header = {"format": document["format"]}
        header |= {name: len(document[name]) for name in ("forms", "entries", "keys")}
        handle.write(json.dumps(header) + "\n")
        for name in ("forms", "entries", "keys"):
            rows = document[name]
            for start in range(0, len(rows), ROWS_PER_LINE):
                handle.write(json.dumps([name, rows[start : start + ROWS_PER_LINE]]) + "\n")


def _read_chunked(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        header = json.loads(handle.readline())
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ValueError("another format")
        document: dict[str, Any] = {"format": FORMAT, "forms": [], "entries": [], "keys": []}
        for line in handle:
            name, rows = json.loads(line)
            document[name].extend(rows)
    for name in ("forms", "entries", "keys"):
        if len(document[name]) != header[name]:
            raise ValueError(f"{header[name]} {name} announced, {len(document[name])} read")
    return document


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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- reading -------------------------------------------------------------------------------


def load_index(folder: Path, key: str, config: MatchConfig | None = None) -> MatchIndex:
    """The index kept under `key`; OSError if absent, IndexFileError if damaged or altered."""
    json_path, npz_path = folder / f"{key}.json", folder / f"{key}.npz"
    manifest = json.loads((folder / f"{key}.manifest").read_text(encoding="utf-8"))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise IndexFileError(f"{folder / key}.manifest: another format")
    if _sha256(json_path) != manifest.get("json") or _sha256(npz_path) != manifest.get("npz"):
        raise IndexFileError(f"{folder / key}: contents do not match the manifest")
    try:
        with _collector_paused():
            document = _read_chunked(json_path)
            with np.load(npz_path, allow_pickle=False) as arrays:
                refs, owners = arrays["name_form"], arrays["name_entry"]
                groups, flat, offsets = arrays["name_group"], arrays["flat"], arrays["offsets"]
            return _rebuilt(document, refs, owners, groups, flat, offsets, config)
    except (KeyError, IndexError, TypeError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise IndexFileError(f"{json_path}: unexpected contents ({exc})") from exc


def _rebuilt(
    document: dict[str, Any],
    refs: np.ndarray,
    owners: np.ndarray,
    groups: np.ndarray,
    flat: np.ndarray,
    offsets: np.ndarray,
    config: MatchConfig | None,
) -> MatchIndex:
    if document["format"] != FORMAT:
        raise ValueError("another format")
    table = [_form(row) for row in document["forms"]]
    forms = [table[i] for i in refs.tolist()]
    owner_list = owners.tolist()
    if len(owner_list) != len(forms) or len(groups) != len(forms):
        raise ValueError("arrays of different lengths")
    names_of: list[list[NameForm]] = [[] for _ in document["entries"]]
    for form, owner in zip(forms, owner_list, strict=True):
        names_of[owner].append(form)
    entries = [
        _entry(row, tuple(names)) for row, names in zip(document["entries"], names_of, strict=True)
    ]
    keys: list[str] = document["keys"]
    if len(offsets) != len(keys) + 1 or int(offsets[-1]) != len(flat):
        raise ValueError("postings do not match their keys")
    if len(flat) and (int(flat.min()) < 0 or int(flat.max()) >= len(forms)):
        raise ValueError("a posting names no name")
    bounds = offsets.tolist()
    postings = {k: flat[bounds[i] : bounds[i + 1]] for i, k in enumerate(keys)}
    total = max(len(forms), 1)
    key_weight = {k: math.log(1 + total / (bounds[i + 1] - bounds[i])) for i, k in enumerate(keys)}
    return MatchIndex(
        entries=entries,
        name_entry=owners.astype(np.int32),
        name_forms=forms,
        postings=postings,
        key_weight=key_weight,
        rarity=TokenRarity.from_token_lists(f.tokens for f in forms),
        config=config or load_config(),
        name_group=groups.astype(np.int32),
    )


_NOTHING: frozenset[Any] = frozenset()


def _set(values: list[Any]) -> frozenset[Any]:
    return frozenset(values) if values else _NOTHING


def _form(row: list[Any]) -> NameForm:
    """A prepared name as `screener.names.prepare_name` made it (types vouched for by the
    manifest's hash of the file this process or an earlier one wrote)."""
    original, script, tokens, original_tokens, legal, countries, phonetic = row
    words = tuple(map(_intern, tokens))
    sounds = tuple(map(_intern, phonetic))
    if len(sounds) != len(words):
        raise ValueError(f"name {original!r}: {len(words)} words, {len(sounds)} phonetic keys")
    return NameForm(
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


def _entry(row: list[Any], names: tuple[NameForm, ...]) -> IndexedEntry:
    (key, primary, entity_type, source, list_name, entry_id, version_id, programs) = row[:8]
    kind, countries, years, identifiers, weak = row[8:]
    if not names:
        raise ValueError(f"entry {key!r} without names")
    return IndexedEntry(
        key,
        primary,
        entity_type,
        source,
        list_name,
        entry_id,
        version_id,
        tuple(programs),
        MatchRecord(
            names,
            kind,
            _set(countries),
            _set(years),
            frozenset((t, v) for t, v in identifiers) if identifiers else _NOTHING,
            _set(weak),
            entity_type or None,  # as make_record keeps the schema it was given
        ),
    )
