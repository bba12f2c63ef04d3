"""Reading a JSON-lines file one line at a time, so a file of several GB is never held whole.

OpenSanctions publishes its full collection as one FtM entity per line, several GB of it;
decoding the file at once (`reading.read_text`) and keeping every line's JSON needs about
eleven times the file in memory. Here each line is decoded and parsed as it is read, with
the same strictness and the same error places: a byte that is not UTF-8 names its line and
column, a line that is not JSON names its line.

A parser that reads a file more than once (a first pass for cross-references, a second to
yield entries) checks with `FileStamp` that the file did not change in between: a file
replaced half way through an import must fail, not import half of each edition.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener import safe_json
from screener.lists.base import ListFormatError

BOM = b"\xef\xbb\xbf"
CTRL_Z = b"\x1a"


@dataclass(frozen=True)
class FileStamp:
    """A file's size and modification time: equal stamps mean the bytes read are the same."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp:
        try:
            status = os.stat(path)
        except OSError as exc:
            raise ListFormatError(path, "file", "file", f"cannot read: {exc.strerror}") from None
        return cls(status.st_size, status.st_mtime_ns)

    def check(self, path: Path) -> None:
        if FileStamp.of(path) != self:
            raise ListFormatError(
                path, "file", "file", "the file changed while it was being imported"
            )


def json_objects(
    path: Path, wanted: Callable[[int], bool] | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; `wanted(n)` False skips line n unread.

    Skipped lines are neither decoded nor parsed, which is what makes a second pass over
    a large file cheap when the first pass noted which lines matter.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ListFormatError(path, "file", "file", f"cannot read: {exc.strerror}") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            if wanted is not None and not wanted(number):
                continue
            if number == 1:
                raw = raw.removeprefix(BOM)
            raw = raw.rstrip(b"\r\n").rstrip(CTRL_Z)
            if not raw.strip():
                continue
            yield number, _object(path, number, _decoded(path, number, raw))


def _decoded(path: Path, number: int, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problem = (
            f"byte 0x{raw[exc.start]:02x} at column {exc.start + 1} is not valid utf-8 "
            "(wrong encoding?)"
        )
        raise ListFormatError(path, f"line {number}", "encoding", problem) from None


def _object(path: Path, number: int, line: str) -> dict[str, Any]:
    try:
        value = safe_json.loads(line, str(path))
    except safe_json.JsonError as exc:
        raise ListFormatError(path, f"line {number}", "json", exc.message) from None
    if not isinstance(value, dict):
        raise ListFormatError(path, f"line {number}", "entity", "not a JSON object")
    return value
