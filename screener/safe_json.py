"""Reading JSON that may come from anyone: size and nesting limits, errors with a place.

`json.loads` turns a document nested 100,000 levels deep into a `RecursionError` and a
5,000-digit number into a bare `ValueError` (Python's int-to-text limit); neither names the
file. BODS statements, FtM entities and deal files are never nested more than a dozen
levels, so nesting is capped at MAX_DEPTH (deeper than the parser can go is caught as it
fails), and every refusal is a `JsonError` that says which file, which line and column when
known, and what was wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MAX_DEPTH = 200
MAX_BYTES = 1 << 30


class JsonError(ValueError):
    """A JSON document we refuse: file, line and column when known, and the reason."""

    def __init__(self, source: str, line: int | None, column: int | None, message: str) -> None:
        self.source = source
        self.line = line
        self.column = column
        self.message = message
        where = f"line {line}, column {column}" if line else "document"
        super().__init__(f"{source}, {where}: {message}")


def _check_depth(document: Any, source: str) -> None:
    """Refuse nesting over MAX_DEPTH, walking the parsed value with a stack (no recursion).

    The parser itself stops at the interpreter's recursion limit (about 1,000 levels); code
    that later walks the value should not have to think about depth at all.
    """
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise JsonError(source, None, None, f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, dict):
            stack.extend(
                (item, depth + 1) for item in value.values() if isinstance(item, dict | list)
            )
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value if isinstance(item, dict | list))


def loads(text: str, source: str) -> Any:
    """Parse one JSON document; every refusal is a `JsonError` naming `source` and the place."""
    if len(text) > MAX_BYTES:
        raise JsonError(source, None, None, f"larger than {MAX_BYTES:,} characters")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonError(source, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise JsonError(source, None, None, "nested too deeply") from None
    except ValueError as exc:  # e.g. an integer longer than Python's 4,300-digit limit
        raise JsonError(source, None, None, f"value refused: {exc}") from None
    if text.count("{") + text.count("[") > MAX_DEPTH:
        # fewer opening brackets than MAX_DEPTH cannot nest deeper than it: the walk is
        # skipped for ordinary documents (it was a fifth of an FtM import, one per line)
        _check_depth(document, source)
    return document


def load_file(path: Path, *, encoding: str = "utf-8-sig") -> Any:
    """The JSON document in `path`; unreadable text is a `JsonError` too."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise JsonError(str(path), None, None, f"larger than {MAX_BYTES:,} bytes")
        raw = path.read_bytes()
    except OSError as exc:
        raise JsonError(str(path), None, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise JsonError(
            str(path), line, None, f"not UTF-8 text (byte {raw[exc.start]:#04x})"
        ) from None
    return loads(text, str(path))
