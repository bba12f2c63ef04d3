"""Streaming, hardened XML reading for the list parsers.

Publisher files are downloaded from the internet, so an entity bomb or an external entity
in one must be refused, not expanded: everything goes through defusedxml with DTDs
forbidden (no publisher format here needs one). Records are handed out one at a time and
cleared after use, so a large consolidated list never sits in memory as one tree. Every
parse failure becomes a ListFormatError naming the file, the line and what was wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml import ElementTree as SafeET
from defusedxml.ElementTree import ParseError

from screener.lists.base import ListFormatError

if TYPE_CHECKING:  # the type only: every parse goes through defusedxml
    from xml.etree.ElementTree import Element


def local(tag: str) -> str:
    """The tag without its namespace: '{http://...}LEI' -> 'LEI'."""
    return tag.rsplit("}", 1)[-1]


def child(elem: Element, name: str) -> Element | None:
    for sub in elem:
        if local(sub.tag) == name:
            return sub
    return None


def children(elem: Element, name: str) -> list[Element]:
    return [sub for sub in elem if local(sub.tag) == name]


def text_of(elem: Element | None, name: str | None = None) -> str:
    """Stripped text of `elem` (or of its first child called `name`); '' when absent."""
    if elem is not None and name is not None:
        elem = child(elem, name)
    if elem is None or elem.text is None:
        return ""
    return elem.text.strip()


class XmlRecords:
    """Iterate over the record elements of an XML file, root attributes at hand.

    `record_tags` are local names; each record is yielded when its end tag is read and
    cleared afterwards. `root_attrib` and `root_tag` are set once the first tag is read.
    """

    def __init__(self, path: Path, record_tags: set[str]) -> None:
        self.path = path
        self.record_tags = record_tags
        self.root_tag = ""
        self.root_attrib: dict[str, str] = {}
        self.header: dict[str, str] = {}
        self.count = 0

    def __iter__(self) -> Iterator[tuple[str, Element]]:
        try:
            yield from self._records()
        except ListFormatError:
            raise
        except ParseError as exc:
            line, column = getattr(exc, "position", (0, 0))
            raise ListFormatError(
                self.path, f"line {line}, column {column}", "xml", _explain(exc)
            ) from None
        except (DTDForbidden, EntitiesForbidden) as exc:
            raise ListFormatError(
                self.path,
                f"line {getattr(exc, 'line', '?')}",
                "DOCTYPE",
                "document type declarations and entities are refused (possible entity bomb "
                "or external entity)",
            ) from None
        except DefusedXmlException as exc:
            raise ListFormatError(self.path, "document", "xml", f"refused: {exc}") from None

    def _records(self) -> Iterator[tuple[str, Element]]:
        events: Any = SafeET.iterparse(
            str(self.path), events=("start", "end"), forbid_dtd=True, forbid_entities=True
        )
        open_elements: list[Element] = []  # a cleared record is also taken off its parent,
        for event, elem in events:  # or a million empty records stay in the tree (issue 19)
            if event == "start":
                open_elements.append(elem)
                if len(open_elements) == 1:
                    self.root_tag = local(elem.tag)
                    self.root_attrib = dict(elem.attrib)
                continue
            open_elements.pop()
            depth = len(open_elements)
            name = local(elem.tag)
            if name in self.record_tags:
                self.count += 1
                yield name, elem
                elem.clear()
                if open_elements:
                    open_elements[-1].remove(elem)
            elif depth == 2 and len(elem) == 0 and elem.text:
                self.header[name] = elem.text.strip()

    def where(self, name: str) -> str:
        """'element <NAME> #n' for the record being read, for error messages."""
        return f"element <{name}> #{self.count}"


def _explain(exc: ParseError) -> str:
    message = str(exc)
    if "no element found" in message or "unclosed token" in message:
        return f"the file ends early (truncated?): {message}"
    if "not well-formed" in message or "encoding" in message:
        return f"not well-formed XML or wrong encoding: {message}"
    return message


def iter_elements(
    path: Path, wanted: set[str], source: IO[bytes] | None = None
) -> Iterator[tuple[str, Element]]:
    """Stream (local name, element) for each closed element whose local name is `wanted`.

    For the big publications (OFAC's SDN Enhanced XML is over 100 MB) a full tree would
    take gigabytes; here each yielded element is cleared once the caller moves on, so
    memory stays at one record. DTDs are refused, as in `XmlRecords`.
    """
    events = SafeET.iterparse(
        source if source is not None else str(path), events=("start", "end"), forbid_dtd=True
    )
    depth_path: list[Element] = []
    try:
        for event, element in events:
            if event == "start":
                depth_path.append(element)
                continue
            depth_path.pop()
            name = local(element.tag)
            if name in wanted:
                yield name, element
                element.clear()
                if depth_path:
                    depth_path[-1].remove(element)
    except DefusedXmlException as exc:
        raise ListFormatError(path, "document type declaration", "DTD", f"refused: {exc}") from None
    except ParseError as exc:
        line, column = exc.position
        raise ListFormatError(
            path, f"line {line}, column {column}", "XML", f"not well-formed XML ({exc})"
        ) from None
