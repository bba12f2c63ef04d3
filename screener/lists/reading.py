"""Reading publisher files safely: text with the exact place of a bad byte, XML via defusedxml.

Every parser needs the same two guarantees: a file in the wrong encoding is reported with the
line and the field where the bad byte sits (not a bare UnicodeDecodeError), and XML is parsed
without entity expansion or external references (defusedxml refuses both). Shared by all the
format modules so the error messages read the same everywhere.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

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
    A UTF-8 byte-order mark and a DOS end-of-file byte (Ctrl-Z) are dropped.
    """
    raw = path.read_bytes() if data is None else data
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
        return "?"
    prefix = line[:offset].decode("latin-1")
    try:
        cells = next(csv.reader([prefix + "\x00"], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return "?"
    index = len(cells) - 1
    return columns[index] if 0 <= index < len(columns) else f"column {index + 1}"


def iter_elements(
    path: Path, wanted: set[str], source: IO[bytes] | None = None
) -> Iterator[tuple[str, ET.Element]]:
    """Stream (local name, element) for each closed element whose local name is `wanted`.

    For the big publications (OFAC's SDN Enhanced XML is over 100 MB) a full tree would
    take gigabytes; here each yielded element is cleared once the caller moves on, so
    memory stays at one record. Same protections and error messages as `parse_xml`.
    """
    events = SafeET.iterparse(
        source if source is not None else str(path), events=("start", "end"), forbid_dtd=True
    )
    depth_path: list[ET.Element] = []
    try:
        for event, element in events:
            if event == "start":
                depth_path.append(element)
                continue
            depth_path.pop()
            name = local_name(element.tag)
            if name in wanted:
                yield name, element
                element.clear()
                if depth_path:
                    depth_path[-1].remove(element)
    except DefusedXmlException as exc:
        raise ListFormatError(path, "document type declaration", "DTD", f"refused: {exc}") from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise ListFormatError(
            path, f"line {line}, column {column}", "XML", f"not well-formed XML ({exc})"
        ) from None


def sniff_bytes(path: Path, size: int = 4096) -> bytes:
    """The first bytes of a file, for format detection without reading it all."""
    with path.open("rb") as handle:
        return handle.read(size)


def local_name(tag: str) -> str:
    """`{namespace}name` -> `name`: publishers change namespaces between editions."""
    return tag.rsplit("}", 1)[-1]
