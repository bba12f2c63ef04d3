"""Which parser reads a file or folder: sniffed from content, with an explicit override.

Users pick files by hand and publishers rename them (`sdn (3).csv`, `CONS_ENHANCED.XML`
inside a zip), so each parser's `detect(path)` looks at the content: header rows, CSV shape,
XML root elements, JSON keys. The first parser in REGISTRY that claims the path wins, so
specific formats come before generic ones.

Adding a parser is one line: a module under `screener/lists/` that defines `PARSER`, an
object with `format_name`, `detect(path) -> bool` and `parse(path) -> ParsedList` (the
`ListParser` protocol in base.py), and its dotted path appended to REGISTRY below, e.g.
    "screener.lists.un_xml:PARSER",
Modules are imported lazily, so a broken or slow import in one format does not stop the
others, and the CLI starts fast.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

from screener.file_kind import EMPTY, kind_of, not_a_workbook
from screener.lists.base import ListFormatError, ListParser

REGISTRY: list[str] = [
    "screener.lists.ofac_csv:PARSER",
    "screener.lists.ofac_sdnlist_xml:PARSER",
    "screener.lists.ofac_advanced_xml:PARSER",
    "screener.lists.ofac_enhanced_xml:PARSER",
    "screener.lists.csl:PARSER",
    "screener.lists.dpl:PARSER",
    "screener.lists.us_csv:PARSER",
    "screener.lists.un:PARSER",
    "screener.lists.uk:PARSER",
    "screener.lists.eu_fsf:PARSER",
    "screener.lists.eu:PARSER",
    "screener.lists.ftm:PARSER",
    "screener.lists.bods:PARSER",
    "screener.lists.gleif:PARSER",
    # Other formats (UN, UK, EU, FtM, BODS, GLEIF, ...) are added here, one line each.
]


MAPPABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")


class UnrecognisedList(ListFormatError):
    """No parser claims the file: said as a person would ("not a list Screener recognises",
    "not an Excel workbook (it is a PDF document)"), with no command-line options in it, so
    the window can show it as it is and offer the column mapping when `mappable`; the CLI
    adds its own hint (--format)."""

    def __init__(self, path: Path) -> None:
        kind = kind_of(path) if path.is_file() else None
        suffix = path.suffix.lower()
        # another kind of file altogether (a PDF, an image): no format or mapping reads it
        self.other_kind = kind is not None and kind != "a text file" and "ZIP" not in kind
        if self.other_kind and suffix in (".xlsx", ".xlsm"):
            problem = not_a_workbook(path)
        elif self.other_kind:
            problem = f"not a list: it is {kind}"
        else:
            problem = "not a list layout Screener recognises"
        self.mappable = not self.other_kind and path.is_file() and suffix in MAPPABLE_SUFFIXES
        super().__init__(path, "", "", problem)


@cache
def _load(spec: str) -> ListParser:
    module_name, _, attribute = spec.partition(":")
    module = importlib.import_module(module_name)
    parser: ListParser = getattr(module, attribute or "PARSER")
    return parser


def parsers() -> list[ListParser]:
    """Every registered parser whose module imports; the order is the detection order."""
    found: list[ListParser] = []
    for spec in REGISTRY:
        try:
            found.append(_load(spec))
        except ModuleNotFoundError as exc:
            if exc.name != spec.partition(":")[0]:
                raise
            # a format module listed by a parallel branch that is not merged yet
    return found


def format_names() -> list[str]:
    return [parser.format_name for parser in parsers()]


def parser_for(path: Path, format_name: str | None = None) -> ListParser:
    """The parser named `format_name`, or the first that recognises the content of `path`."""
    if not path.exists():
        raise ListFormatError(path, "path", "PATH", "does not exist")
    if format_name:
        for parser in parsers():
            if parser.format_name == format_name:
                return parser
        known = ", ".join(format_names())
        raise ListFormatError(
            path, "--format", "format", f"unknown format {format_name!r}; known: {known}"
        )
    if path.is_file() and kind_of(path) == EMPTY:
        raise ListFormatError(path, "", "", "the file is empty")
    for parser in parsers():
        if _claims(parser, path):
            return parser
    if path.is_dir():
        sets = [
            child.name for child in sorted(path.iterdir()) if child.is_dir() and _any_claims(child)
        ]
        if sets:
            raise ListFormatError(
                path,
                "folder",
                "PATH",
                f"holds {len(sets)} list sets in sub-folders ({', '.join(sets)}): import each one",
            )
    raise UnrecognisedList(path)


def _any_claims(path: Path) -> bool:
    return any(_claims(parser, path) for parser in parsers())


def _claims(parser: ListParser, path: Path) -> bool:
    """A detector that trips over unreadable content simply does not claim the path."""
    try:
        return parser.detect(path)
    except (OSError, ValueError, UnicodeError, ListFormatError):
        return False
