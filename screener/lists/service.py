"""Import a list file or folder: the one entry point for the desktop app and the CLI.

Parsing happens before the database is touched (for FtM, a first pass checks every line
and the entries are read again while they are written); writing happens in one unit of
work, so a parse error, a failure half way or a Cancel leaves the database exactly as it was.

The cyclic collector is paused for the whole import: parsing and writing a list make
millions of short-lived acyclic objects (a dict and lists per entry, rows, JSON), and the
collector walking them again and again took 43 % of an FtM import's time at 250,000 entries
and grew faster than the list (issue 19); reference counting frees them all the same.
"""

from __future__ import annotations

from pathlib import Path

from screener.collector import collector_paused
from screener.lists.detect import parser_for
from screener.lists.load import (
    CancelCheck,
    ImportCancelled,
    LoadResult,
    ProgressCallback,
    load_parsed_list,
)
from screener.store import Store

ImportResult = LoadResult

__all__ = ["ImportCancelled", "ImportResult", "import_path"]


def _no_progress(_done: int, _total: int, _stage: str) -> None:
    return None


def _never() -> bool:
    return False


def import_path(
    store: Store,
    path: str | Path,
    format: str | None = None,
    source: str | None = None,
    on_progress: ProgressCallback = _no_progress,
    is_cancelled: CancelCheck = _never,
    label: str | None = None,
) -> ImportResult:
    """Parse `path` (a file, or a folder holding a multi-file set) and store it as a version.

    `format` overrides detection; `source` overrides the list's source name. Progress is
    reported as (done, total, stage); `is_cancelled` is polled between batches and a True
    raises ImportCancelled after rolling everything back.
    Raises ListFormatError for bad input, naming the file, row or element and field.
    """
    target = Path(path).expanduser()
    parser = parser_for(target, format)
    with collector_paused():
        on_progress(0, 0, f"reading {target.name} as {parser.format_name}")
        parsed = parser.parse(target)
        if is_cancelled():
            raise ImportCancelled(f"import of {target.name} cancelled")
        on_progress(0, len(parsed.entries), "writing entries")
        # run again if another officer imported the same list at the same moment: the
        # second attempt finds their version and reports it as identical
        return store.write(
            lambda session: load_parsed_list(
                session,
                parsed,
                source_name=source,
                label=label or _default_label(parsed.publisher_date, target),
                on_progress=on_progress,
                is_cancelled=is_cancelled,
            )
        )


def _default_label(publisher_date: str | None, path: Path) -> str:
    """The publisher's date when the file has one, else the folder (and file) name.

    Publishers reuse file names every edition ('sdn.csv'), so a file's folder, where users
    tend to keep the download date, is part of the label.
    """
    if publisher_date:
        return publisher_date
    return f"{path.parent.name}/{path.name}" if path.is_file() and path.parent.name else path.name
