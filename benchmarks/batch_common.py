"""Shared set-up for the batch benchmarks: every list in ../shared/data, the 10,000 names.

`import_every_list` walks ../shared/data and imports each folder the lists service
recognises as one set (multi-file OFAC CSV sets), else each file in it; what no parser reads
is reported, not hidden. `write_benchmark_batch` writes the issue's 10,000 names as a batch
file: the first rows of the synthetic negatives, then the 341 damaged UN rows.
"""

from __future__ import annotations

import csv
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from screener.lists.base import ListFormatError
from screener.lists.service import import_path
from screener.store import Store

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """../shared beside the checkout, or beside a folder above it (a git worktree in wt/)."""
    for folder in REPO.parents:
        if (folder / "shared" / "eval").is_dir():
            return folder / "shared"
    return REPO.parent / "shared"


SHARED = shared_dir()
SHARED_DATA = SHARED / "data"
SHARED_EVAL = SHARED / "eval"
NEGATIVES = SHARED_EVAL / "screen_negatives_dev.csv"
UN_TREATED = SHARED_EVAL / "screen_positives_un_treated_dev.csv"
UN_UNTREATED = SHARED_EVAL / "screen_positives_un_untreated_dev.csv"
BATCH_SIZE = 10_000
SKIP = {"PROVENANCE.md", "README.md", "SHA256SUMS"}


@dataclass
class ImportReport:
    imported: list[tuple[str, str, int]] = field(default_factory=list)  # path, source, entries
    unread: list[tuple[str, str]] = field(default_factory=list)  # path, why
    seconds: float = 0.0


def import_every_list(store: Store, data: Path = SHARED_DATA) -> ImportReport:
    report = ImportReport()
    started = time.perf_counter()
    folders = [data, *(p for p in data.rglob("*") if p.is_dir())]
    for folder in sorted(folders, key=_oldest_first):
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.name not in SKIP)
        if not files:
            continue
        if _try(store, folder, data, report):
            continue
        for path in files:
            if not _try(store, path, data, report):
                report.unread.append((str(path.relative_to(data)), "no parser recognises it"))
    report.seconds = time.perf_counter() - started
    return report


def _oldest_first(folder: Path) -> tuple[str, str]:
    """Editions of one list in dated folders: the newest is imported last, so it is active."""
    found = re.search(r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}", folder.name)
    return (str(folder.parent), found.group(0) if found else "")


def _try(store: Store, path: Path, data: Path, report: ImportReport) -> bool:
    try:
        result = import_path(store, path)
    except ListFormatError as exc:
        if "not a list format" in str(exc) or path.is_dir():
            return False
        report.unread.append((str(path.relative_to(data)), str(exc)[:160]))
        return True
    report.imported.append((str(path.relative_to(data)), result.source_name, result.entry_count))
    return True


def write_benchmark_batch(path: Path, size: int = BATCH_SIZE) -> tuple[int, int]:
    """(negatives, positives) written: negatives first, then every UN treated row."""
    with UN_TREATED.open(encoding="utf-8") as handle:
        positives = list(csv.DictReader(handle))
    with NEGATIVES.open(encoding="utf-8") as handle:
        negatives = list(csv.DictReader(handle))[: max(0, size - len(positives))]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "type", "country", "date"])
        for number, row in enumerate(negatives, start=1):
            writer.writerow(
                [
                    f"neg-{number}",
                    row["full_name"],
                    "person",
                    row["nationality"],
                    _date(row),
                ]
            )
        for number, row in enumerate(positives, start=1):
            writer.writerow(
                [
                    f"un-{number}",
                    row["full_name"],
                    "person",
                    row["nationality"],
                    _date(row),
                ]
            )
    return len(negatives), len(positives)


def _date(row: dict[str, str]) -> str:
    """The date as given; a damaged one that is no calendar date ('1974-01-32') keeps its year.

    The batch reader refuses impossible dates (a row-level error); the engine compares only
    years, so keeping the year screens the row exactly as the raw value would.
    """
    value = row["date_of_birth"].strip()
    try:
        date.fromisoformat(value)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
            return value[:4]
    return value


def untreated_names() -> dict[str, str]:
    """Batch id of each UN row -> the name as the UN publishes it (row for row)."""
    with UN_UNTREATED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {f"un-{number}": row["full_name"] for number, row in enumerate(rows, start=1)}


def same_name(left: str, right: str) -> bool:
    return " ".join(left.casefold().split()) == " ".join(right.casefold().split())
