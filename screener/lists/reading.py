"""Reading a publisher's text file strictly, with the exact place of a bad byte named.

A list saved in the wrong encoding must not import with mangled names (a name that no longer
matches is a silent miss), so decoding is strict and the error names the line, the column and,
when the columns are known, the field where the bad byte sits, not a bare UnicodeDecodeError.
Shared by every text format (CSV, TSV, JSON) so the messages read the same everywhere; XML goes
through screener.lists.xmlread.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from screener.lists.base import ListFormatError

CTRL_Z = b"\x1a"


def read_text(
    path: Path,
    *,
    encodings: Sequence[str] = ("utf-8",),
    columns: Sequence[str] = (),
    delimiter: str = ",",
    data: bytes | None = None,
) -> str:
    """The file's text; a byte that fits none of `encodings` raises naming line and column.

    `columns` (the field names in order) lets the error name the field the byte falls in.
    A UTF-8 byte-order mark and a DOS end-of-file byte (Ctrl-Z) are dropped; an unreadable
    file is a ListFormatError too.
    """
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ListFormatError(path, "file", "file", f"cannot read: {exc.strerror}") from None
    raw = data
    raw = raw.rstrip(CTRL_Z) if raw.endswith(CTRL_Z) else raw
    first_error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            return raw.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
    assert first_error is not None
    raise _encoding_error(path, raw, first_error, columns, delimiter, encodings)


def _encoding_error(
    path: Path,
    raw: bytes,
    exc: UnicodeDecodeError,
    columns: Sequence[str],
    delimiter: str,
    encodings: Sequence[str],
) -> ListFormatError:
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    line_no = raw.count(b"\n", 0, exc.start) + 1
    line_end = raw.find(b"\n", exc.start)
    line = raw[line_start : line_end if line_end >= 0 else len(raw)]
    offset = exc.start - line_start
    field_name = _field_at(line, offset, columns, delimiter)
    problem = (
        f"byte 0x{raw[exc.start]:02x} at column {offset + 1} is not valid "
        f"{' or '.join(encodings)} (wrong encoding?)"
    )
    return ListFormatError(path, f"line {line_no}", field_name, problem)


def _field_at(line: bytes, offset: int, columns: Sequence[str], delimiter: str) -> str:
    """Which CSV field of `line` holds the byte at `offset` (by counting delimiters)."""
    if not columns:
        return "encoding"
    prefix = line[:offset].decode("latin-1")
    try:
        cells = next(csv.reader([prefix + "\x00"], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return "?"
    index = len(cells) - 1
    return columns[index] if 0 <= index < len(columns) else f"column {index + 1}"


def csv_rows(path: Path, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each record; the line is where the record starts."""
    reader = csv.reader(io.StringIO(read_text(path), newline=""), delimiter=delimiter)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ListFormatError(path, f"line {reader.line_num}", "csv", str(exc)) from None


def header_of(path: Path, reader: csv.DictReader[str]) -> list[str]:
    """The header a DictReader reads first; a header that is not valid CSV names line 1."""
    try:
        return list(reader.fieldnames or [])
    except csv.Error as exc:
        raise ListFormatError(path, "line 1 (header)", "?", f"bad CSV: {exc}") from None


def sniff_bytes(path: Path, size: int = 4096) -> bytes:
    """The first bytes of a file, for format detection without reading it all."""
    with path.open("rb") as handle:
        return handle.read(size)


def head_text(path: Path, size: int = 4096) -> str:
    """The start of a file as text, for format detection; '' when unreadable."""
    try:
        return sniff_bytes(path, size).decode("utf-8-sig", errors="replace")
    except OSError:
        return ""
