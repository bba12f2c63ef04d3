"""Rows of the first sheet of an XLSX workbook, read straight from its XML parts.

openpyxl builds a cell object for every value, which on OFSI's 18,796 x 36 sheet costs more
than everything else in the import. The list parsers only need text, so this reads the
shared-string table and the sheet with defusedxml's streaming parser (no entity expansion)
and places each value by its cell reference, since empty cells are simply absent.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from screener.lists.base import ListFormatError

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COLUMN = re.compile(r"[A-Z]+")


def first_sheet_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) for the first worksheet; gaps become ''."""
    try:
        with zipfile.ZipFile(path) as archive:
            strings = _shared_strings(archive)
            with archive.open(_first_sheet_name(archive)) as sheet:
                yield from _rows(sheet, strings)
    except (KeyError, zipfile.BadZipFile, EOFError, OSError) as exc:
        raise ListFormatError(path, "workbook", "xlsx", f"unreadable (truncated?): {exc}") from None
    except ParseError as exc:
        raise ListFormatError(path, "worksheet XML", "xlsx", f"not well-formed: {exc}") from None
    except DefusedXmlException:
        raise ListFormatError(path, "worksheet XML", "DOCTYPE", "entities are refused") from None


def _first_sheet_name(archive: zipfile.ZipFile) -> str:
    workbook = SafeET.fromstring(archive.read("xl/workbook.xml"))
    sheet = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
    if sheet is None:
        raise KeyError("no sheet in xl/workbook.xml")
    rel_id = sheet.get(f"{_REL}id")
    rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_PACKAGE_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    raise KeyError(f"sheet relationship {rel_id}")


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    with archive.open("xl/sharedStrings.xml") as handle:
        for _, elem in SafeET.iterparse(handle, forbid_dtd=True):
            if elem.tag == f"{_MAIN}si":
                strings.append("".join(t.text or "" for t in elem.iter(f"{_MAIN}t")))
                elem.clear()
    return strings


def _column_index(reference: str) -> int:
    letters = _COLUMN.match(reference)
    index = 0
    for char in letters.group(0) if letters else "A":
        index = index * 26 + ord(char) - 64
    return index - 1


def _rows(sheet: IO[bytes], strings: list[str]) -> Iterator[tuple[int, list[str]]]:
    row_tag, cell_tag = f"{_MAIN}row", f"{_MAIN}c"
    value_tag, inline_tag = f"{_MAIN}v", f"{_MAIN}is"
    for _, elem in SafeET.iterparse(sheet, forbid_dtd=True):
        if elem.tag != row_tag:
            continue
        cells: list[str] = []
        for cell in elem.iter(cell_tag):
            index = _column_index(cell.get("r", "")) if cell.get("r") else len(cells)
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
                text = strings[int(raw)] if kind == "s" and raw else raw
            if index >= len(cells):
                cells.extend([""] * (index + 1 - len(cells)))
            cells[index] = text
        yield int(elem.get("r", "0")), cells
        elem.clear()
