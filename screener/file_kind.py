"""What a file really is, in the words a person uses: "empty", "a PDF document", "an old
Excel 97-2003 workbook (.xls)".

Officers pick files by hand and files get renamed: a PDF saved as `.xlsx`, an `.xls` renamed
`.xlsx`, a download that came back empty. The readers' own errors then speak of zip central
directories; this module reads the first bytes, so a refusal can say what the file is instead
("report.xlsx: not an Excel workbook (it is a PDF document)"). Pure: it never raises on a file
it cannot read, it just knows less.
"""

from __future__ import annotations

from pathlib import Path

EMPTY = "empty"
# (leading bytes, what a person calls such a file)
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-format Office file (Excel 97-2003 .xls or Word .doc)"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)


def kind_of(path: str | Path) -> str | None:
    """EMPTY, a phrase from SIGNATURES, "a web page", "a text file", or None if unknown."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(512)
    except OSError:
        return None
    if not head:
        return EMPTY
    for signature, phrase in SIGNATURES:
        if head.startswith(signature):
            return phrase
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")):
        return "a web page (HTML)"
    if _looks_like_text(head):
        return "a text file"
    return None


def not_a_workbook(path: str | Path) -> str:
    """Why an .xlsx cannot be opened, said as a person would."""
    kind = kind_of(path)
    if kind == EMPTY:
        return "the file is empty"
    if kind is None or kind.endswith("ZIP archive"):
        return "not an Excel workbook"
    return f"not an Excel workbook (it is {kind})"


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a character cut at the 512th byte is still text
            return False
    return b"\x00" not in head
