"""pykakasi's kanji dictionary kept in the user's data directory, read one character at a time.

pykakasi reads a kanji through its kanwa dictionary: one table per first character (the
words starting with it and their readings), 6,800 tables in one 10 MB pickle that it loads
in full the first time a process meets Japanese or Han text: a third of a CPU second, in
every `screener screen` with such a name (batch/ahead.py), every worker that reads one,
every window that searches one. A batch's names use a few hundred of those characters.

So the dictionary is kept once as JSON lines (one line per character, the lines' offsets in
a header line), and pykakasi is handed a mapping that parses a character's line when it
first asks for it (`Kanwa.load` asks only `.get(character code)`): the same words and
readings, in the same order, so every name reads as it did. The keys of the kept file
name pykakasi's version and its dictionary file (size, modification time); another
dictionary and the kept file is made again. Storage trouble, or a file that does not fit,
never stops a reading: pykakasi then loads its own dictionary as before.

A character's line is not parsed whole either: a name asks its table for a few words (the
name's own prefixes, `screener.kakasi_lookup`), so the table (`CharTable`) finds each asked
word's key in the line's text and parses that word's readings alone; the whole line is parsed
only when pykakasi walks the table itself. Each line's CRC-32 is in the header and checked
when the line is first read, so a line damaged since it was written is still found at once.

Safety: JSON only (orjson), never pickle: reading a kept file cannot run code.
`SCREENER_INDEX_CACHE=0` (no kept files) turns it off as it turns off the kept index.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import pickle
import tempfile
import zlib
from collections.abc import Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson

from screener.paths import user_data_dir

FORMAT = 2
Table = dict[str, list[Any]]  # word -> [(reading, okurigana condition)], pykakasi's order


class KeptKanwa:
    """Character code -> its table, read from the kept file when first asked for."""

    def __init__(
        self,
        data: mmap.mmap,
        codes: list[int],
        offsets: list[int],
        checks: list[int],
        base: int,
        source: Path,
    ) -> None:
        self._data = data
        self._source = source
        self._whole: dict[int, Table] | None = None
        self._line = dict(zip(codes, range(len(codes)), strict=True))
        self._offsets = offsets
        self._checks = checks
        self._base = base
        self._read: dict[int, CharTable | None] = {}

    def get(
        self, code: int, default: Mapping[str, list[Any]] | None = None
    ) -> Mapping[str, list[Any]] | None:
        if self._whole is not None:
            return self._whole.get(code, default)
        found = self._read.get(code, self)
        if found is self:
            line = self._line.get(code)
            if line is None:
                found = None
            else:
                start, end = self._offsets[line], self._offsets[line + 1]
                raw = self._data[self._base + start : self._base + end]
                try:
                    if zlib.crc32(raw) != self._checks[line]:
                        raise ValueError("a line changed since it was written")
                    found = CharTable(raw.decode("utf-8"))
                except ValueError:  # damaged since it was written: pykakasi's own
                    self._whole = _load_pickle(self._source)
                    return self._whole.get(code, default)
            self._read[code] = found
        return default if found is None else found  # type: ignore[return-value]


_ESCAPED = frozenset('"\\' + "".join(map(chr, range(0x20))))  # what JSON writes escaped
_DECODER = json.JSONDecoder()


class CharTable(Mapping[str, list[Any]]):
    """One character's words and readings, from its line of the kept file (one JSON object,
    as orjson writes it: no spaces, no character past ASCII escaped). `get` finds the word's
    key in the text and parses its readings alone: a key is the only string in the line
    followed by a colon, and a word holds no character JSON escapes (else the line is parsed
    whole). Walked (items, values, len), the line is parsed whole once."""

    __slots__ = ("_text", "_found", "_whole")

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[str, list[Any] | None] = {}
        self._whole: dict[str, list[Any]] | None = None

    def get(self, word: str, default: Any = None) -> Any:  # type: ignore[override]
        found = self._found.get(word, _UNREAD)
        if found is _UNREAD:
            found = self._found[word] = self._readings(word)
        return default if found is None else found

    def _readings(self, word: str) -> list[Any] | None:
        if self._whole is not None or not _ESCAPED.isdisjoint(word):
            return self._parsed().get(word)
        key = f'"{word}":'
        at = self._text.find(key)
        if at < 0:
            return None
        readings: list[Any] = _DECODER.raw_decode(self._text, at + len(key))[0]
        return readings

    def _parsed(self) -> dict[str, list[Any]]:
        if self._whole is None:
            self._whole = orjson.loads(self._text)
        return self._whole

    def __getitem__(self, word: str) -> list[Any]:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._parsed())

    def __len__(self) -> int:
        return len(self._parsed())

    def items(self):  # type: ignore[no-untyped-def,override]
        return self._parsed().items()

    def values(self):  # type: ignore[no-untyped-def,override]
        return self._parsed().values()


_UNREAD: Any = object()


def install() -> None:
    """Hand pykakasi the kept dictionary before it loads its own (at most once a process);
    keep it first when there is none yet. Does nothing when pykakasi already has one."""
    try:
        from pykakasi import kanji
    except ImportError:
        return
    state = getattr(kanji.Kanwa, "_shared_state", None)
    if not isinstance(state, dict) or state.get("_jisyo_table") is not None:
        return  # another pykakasi than the one this was written for, or already loaded
    if os.environ.get("SCREENER_INDEX_CACHE", "1").strip().lower() in {"0", "off", "no"}:
        return
    where: Any = kanji.Configurations  # pykakasi's settings object: where its data lives
    source = Path(where.dictpath(where.jisyo_kanwa))
    try:
        path = _kept_path(source)
        table: KeptKanwa | dict[int, Table] = _opened(path, source) if path.exists() else {}
    except (OSError, ValueError):
        return  # pykakasi loads its own dictionary
    if not table:
        try:
            table = _load_pickle(source)
        except Exception:  # noqa: BLE001 - pykakasi, loading it itself, says what is wrong
            return
        try:
            _write(path, table)
        except OSError:
            pass  # a read-only or full disk: made again next time
    state["_jisyo_table"] = table


def _kept_path(source: Path) -> Path:
    """The kept file for this pykakasi and this dictionary file; older kept files go."""
    facts = source.stat()
    key = hashlib.sha256(
        f"{FORMAT} {metadata.version('pykakasi')} {facts.st_size} {facts.st_mtime_ns}".encode()
    ).hexdigest()[:24]
    return user_data_dir() / "dictionaries" / f"kanwa{FORMAT}-{key}.jsonl"


def _load_pickle(source: Path) -> dict[int, Table]:
    """pykakasi's own dictionary, read as pykakasi reads it (a file it ships)."""
    with source.open("rb") as handle:
        table = pickle.load(handle)  # noqa: S301 - pykakasi's shipped data, read as pykakasi does
    if not isinstance(table, dict):
        raise ValueError("pykakasi's kanwa dictionary is not a table")
    return table


def _write(path: Path, table: dict[int, Table]) -> None:
    """One line per character, a header line with the codes and the lines' offsets;
    written to a temporary file and moved into place, so no reader sees half a file."""
    lines = [orjson.dumps(words) + b"\n" for words in table.values()]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    checks = [zlib.crc32(line) for line in lines]
    header = (
        orjson.dumps({"format": FORMAT, "codes": list(table), "offsets": offsets, "checks": checks})
        + b"\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    # Kept files of this format for another pykakasi go; a file of another format is left
    # to the version of Screener that reads it (named kanwa-*.jsonl by the first format).
    for old in path.parent.glob(f"kanwa{FORMAT}-*.jsonl"):
        if old != path:
            old.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".kanwa-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(header)
            out.writelines(lines)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _opened(path: Path, source: Path) -> KeptKanwa | dict[int, Table]:
    """The kept file, mapped; an empty dict (make it again) when it does not fit its header."""
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return {}
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    end = data.find(b"\n")
    try:
        header = orjson.loads(data[:end]) if end > 0 else None
    except orjson.JSONDecodeError:
        header = None
    if not _fits(header, len(data) - end - 1):
        data.close()
        return {}
    assert isinstance(header, dict)
    return KeptKanwa(data, header["codes"], header["offsets"], header["checks"], end + 1, source)


def _fits(header: object, body: int) -> bool:
    """The header names as many lines as it has offsets for, ending where the file ends."""
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return False
    codes, offsets, checks = header.get("codes"), header.get("offsets"), header.get("checks")
    return (
        isinstance(codes, list)
        and isinstance(offsets, list)
        and isinstance(checks, list)
        and len(offsets) == len(codes) + 1
        and len(checks) == len(codes)
        and offsets[0] == 0
        and offsets[-1] == body
        and all(isinstance(code, int) for code in codes)
    )
