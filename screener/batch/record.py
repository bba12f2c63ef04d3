"""The audit record of a finished batch: who screened which file against which list versions.

A batch result can be challenged months later; the record keeps the input file's checksum,
the threshold, the list versions and the counts, so the screening can be repeated exactly.
Only finished batches are recorded: a cancelled one leaves no trace but the user's memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from screener import audit
from screener.batch.engine import ScreenerDescription
from screener.batch.model import BatchCounts, BatchResult
from screener.lists.load import file_sha256


def record_batch(
    session: Session,
    input_file: Path,
    output_file: Path | None,
    results: Sequence[BatchResult],
    description: ScreenerDescription,
    elapsed_seconds: float,
) -> None:
    record_counts(
        session, input_file, output_file, BatchCounts.of(results), description, elapsed_seconds
    )


def record_counts(
    session: Session,
    input_file: Path,
    output_file: Path | None,
    counts: BatchCounts,
    description: ScreenerDescription,
    elapsed_seconds: float,
) -> None:
    """`record_batch` from the results' counts (what `screener screen`'s database helper
    is sent: screener/batch/db_side.py)."""
    checksum = file_sha256(input_file)
    audit.record(
        session,
        "batch.screen",
        "batch_file",
        checksum[:16],
        details={
            "file": input_file.name,
            "sha256": checksum,
            "output": output_file.name if output_file else None,
            "names": counts.names,
            "alerting": counts.alerting,
            "hits": counts.hits,
            "threshold": description.threshold,
            "list_versions": description.versions,
            "seconds": round(elapsed_seconds, 2),
        },
    )
