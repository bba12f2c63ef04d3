"""Rows of the first sheet of an XLSX workbook, read straight from its XML parts.

openpyxl builds a cell object for every value, which on OFSI's 18,796 x 36 sheet costs more
than everything else in the import. The list parsers only need text, so this reads the
shared-string table and the sheet with defusedxml's streaming parser (no entity expansion)
and places each value by its cell reference, since empty cells are simply absent.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from defusedxml.ElementTree import ParseError

from screener.containers import MAX_SHEET_ROWS, ContainerError, SafeZip, open_zip
from screener.lists.base import ListFormatError

if TYPE_CHECKING:  # the type only: every parse goes through defusedxml
    from xml.etree.ElementTree import Element


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COLUMN = re.compile(r"[A-Z]{1,3}(?=\d*$)")
_MAX_COLUMNS = 16_384  # XFD, Excel's last column


class _Malformed(Exception):
    """A part of the workbook that is not what the XLSX format says; `where` names it."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(problem)
        self.where = where
        self.problem = problem


def first_sheet_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) for the first worksheet; gaps become ''."""
    part = "workbook"
    try:
        with open_zip(path) as archive:
            part = "xl/sharedStrings.xml"
            strings = _shared_strings(archive)
            part = "xl/workbook.xml"
            part = _first_sheet_name(archive)  # the sheet's part, named in any later error
            with archive.open(part) as sheet:
                yield from _rows(sheet, strings, part)
    except ContainerError as exc:
        raise ListFormatError(path, exc.where, "xlsx", exc.problem) from None
    except _Malformed as exc:
        raise ListFormatError(path, exc.where, "xlsx", exc.problem) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise ListFormatError(
            path, f"{part}, line {line}, column {column}", "xlsx", f"not well-formed XML: {exc}"
        ) from None
    except DefusedXmlException:
        raise ListFormatError(path, part, "DOCTYPE", "entities are refused") from None


def _first_sheet_name(archive: SafeZip) -> str:
    if not archive.has("xl/workbook.xml"):
        raise _Malformed("xl/workbook.xml", "missing: not an XLSX workbook (truncated?)")
    workbook = SafeET.fromstring(archive.read("xl/workbook.xml"))
    sheet = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
    if sheet is None:
        raise _Malformed("xl/workbook.xml", "the workbook lists no sheet")
    rel_id = sheet.get(f"{_REL}id")
    rels_name = "xl/_rels/workbook.xml.rels"
    if not archive.has(rels_name):
        raise _Malformed(rels_name, "missing: not an XLSX workbook (truncated?)")
    rels = SafeET.fromstring(archive.read(rels_name))
    for rel in rels.iter(f"{_PACKAGE_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            if not archive.has(name):
                raise _Malformed(rels_name, f"the first sheet {name} is missing")
            return name
    raise _Malformed(rels_name, f"no relationship {rel_id!r} for the first sheet")


def _shared_strings(archive: SafeZip) -> list[str]:
    if not archive.has("xl/sharedStrings.xml"):
        return []
    strings: list[str] = []
    with archive.open("xl/sharedStrings.xml") as handle:
        for _, elem in SafeET.iterparse(handle, forbid_dtd=True):
            if elem.tag == f"{_MAIN}si":
                strings.append("".join(t.text or "" for t in elem.iter(f"{_MAIN}t")))
                elem.clear()
    return strings


def _column_index(reference: str, where: str) -> int:
    letters = _COLUMN.match(reference)
    if letters is None:
        raise _Malformed(where, f"bad cell reference {reference[:20]!r}")
    index = 0
    for char in letters.group(0):
        index = index * 26 + ord(char) - 64
    if index > _MAX_COLUMNS:
        raise _Malformed(where, f"cell reference {reference[:20]!r} is beyond column XFD")
    return index - 1


def _row_number(elem: Element, previous: int, where: str) -> int:
    raw = elem.get("r")
    if raw is None:
        return previous + 1
    if not raw.isdigit() or not previous < int(raw) <= MAX_SHEET_ROWS:
        raise _Malformed(where, f"bad row number {raw[:20]!r} after row {previous}")
    return int(raw)


def _rows(sheet: Any, strings: list[str], part: str) -> Iterator[tuple[int, list[str]]]:
    row_tag, cell_tag = f"{_MAIN}row", f"{_MAIN}c"
    value_tag, inline_tag = f"{_MAIN}v", f"{_MAIN}is"
    number = 0
    for _, elem in SafeET.iterparse(sheet, forbid_dtd=True):
        if elem.tag != row_tag:
            continue
        number = _row_number(elem, number, f"{part}, after row {number}")
        where = f"{part}, row {number}"
        cells: list[str] = []
        for cell in elem.iter(cell_tag):
            index = _column_index(cell.get("r", ""), where) if cell.get("r") else len(cells)
            kind = cell.get("t")
            if kind == "inlineStr":
                inline = cell.find(inline_tag)
                text = (
                    "".join(t.text or "" for t in inline.iter(f"{_MAIN}t"))
                    if inline is not None
                    else ""
                )
            else:
                raw = cell.findtext(value_tag) or ""
                text = _shared(strings, raw, where) if kind == "s" and raw else raw
            if index >= len(cells):
                cells.extend([""] * (index + 1 - len(cells)))
            cells[index] = text
        yield number, cells
        elem.clear()


def _shared(strings: list[str], raw: str, where: str) -> str:
    """The shared string a cell points at; a bad index is a damaged file, said so."""
    if not raw.strip().isdigit() or int(raw) >= len(strings):
        raise _Malformed(where, f"shared-string index {raw[:20]!r} does not exist")
    return strings[int(raw)]
