"""The printed review memo: read a case (model, ownership_view) into plain values (data), lay
them out one section at a time (sections/, assembled by render, with the page furniture in page).

Everything below `data` draws values only and never touches the store (an import-linter
contract in pyproject.toml), so a memo can be laid out from a MemoData alone.

Officers hand the memo up the chain, so it says only what the case holds: every section with
nothing recorded says so, and the provenance section names the list and rule versions used.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from screener.memo.model import MemoData, MemoError, build_memo_data, load_memo_data
from screener.memo.render import memo_pdf_bytes, render_memo
from screener.store import Store


def write_case_memo(
    store: Store, case_id: str, out: str | Path | BinaryIO, lang: str = "en"
) -> int:
    """Build and write one case's memo; returns the page count."""
    return render_memo(load_memo_data(store, case_id), out, lang)


__all__ = [
    "MemoData",
    "MemoError",
    "build_memo_data",
    "load_memo_data",
    "memo_pdf_bytes",
    "render_memo",
    "write_case_memo",
]
