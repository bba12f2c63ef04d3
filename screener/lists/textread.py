"""Reading a publisher's text file strictly as UTF-8, with the bad line named.

A list saved in the wrong encoding must not import with mangled names (a name that no
longer matches is a silent miss), so decoding is strict and the error says where.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from screener.lists.base import ListFormatError


def read_text(path: Path) -> str:
    """The whole file as text (UTF-8, a BOM allowed); ListFormatError naming the line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ListFormatError(path, "file", "file", f"cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ListFormatError(
            path,
            f"line {line}",
            "encoding",
            f"not UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start})",
        ) from None


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


def head_text(path: Path, size: int = 4096) -> str:
    """The start of a file for sniffing; '' when unreadable."""
    try:
        with path.open("rb") as handle:
            return handle.read(size).decode("utf-8-sig", errors="replace")
    except OSError:
        return ""
