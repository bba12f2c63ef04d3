"""The memo's printed text, kept page by page, so a layout change that moves or loses words shows.

A `MemoData` is kept as JSON (tests/fixtures/memo/*.json: the demo case and the rich test case,
frozen at one moment), rendered by the real renderer, and read back with PDFium
(pypdfium2, a wheel pip installs, so no system tool is needed). The comparison folds runs of
spaces and drops blank lines, so spacing does not count as a change, while a word moved to
another line or page does.

`python scripts/memo_text_diff.py` shows the differences; `--update` keeps the current
rendering after an intended change.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from datetime import date, datetime
from pathlib import Path
from typing import Any

from screener.memo.data import MemoData
from screener.memo.render import memo_pdf_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "memo"
CASES = ("demo_case", "rich_case")
LANGUAGES = ("en", "ja")


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dict) and value.keys() == {"datetime"}:
        return datetime.fromisoformat(value["datetime"])
    if isinstance(value, dict) and value.keys() == {"date"}:
        return date.fromisoformat(value["date"])
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (hint,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(hint, value)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return hint(**{name: _decode(hints[name], v) for name, v in value.items()})
    return value


def memo_data_to_json(data: MemoData) -> str:
    return json.dumps(_encode(data), ensure_ascii=False, indent=1) + "\n"


def memo_data_from_json(text: str) -> MemoData:
    data = _decode(MemoData, json.loads(text))
    assert isinstance(data, MemoData)
    return data


def load_fixture(case: str) -> MemoData:
    return memo_data_from_json((FIXTURES / f"{case}.json").read_text(encoding="utf-8"))


def pdf_layout_text(pdf: bytes) -> str:
    """The text of each page as PDFium reads it; pages are separated by form feeds.

    PDFium comes with the pypdfium2 wheel that pip installs, so README's test command needs
    no system tool (poppler's pdftotext reads the same words, spaced in columns).
    """
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        texts = [page.get_textpage().get_text_bounded() for page in document]
    finally:
        document.close()
    return "\f".join(t.replace("\r\n", "\n").replace("\r", "\n") for t in texts)


def rendered_text(case: str, lang: str) -> str:
    return pdf_layout_text(memo_pdf_bytes(load_fixture(case), lang))


def kept_text_path(case: str, lang: str) -> Path:
    return FIXTURES / f"{case}.{lang}.txt"


def pages(text: str) -> list[list[str]]:
    """Each page's non-blank lines with runs of spaces folded to one."""
    folded = [
        [re.sub(r"\s+", " ", line).strip() for line in page.splitlines()]
        for page in text.rstrip("\f\n").split("\f")
    ]
    return [[line for line in page if line] for page in folded]
