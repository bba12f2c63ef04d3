"""Case results and batch screening results as XLSX or CSV, safe to open in a spreadsheet.

Names and reasons come from lists, deal files and reviewers; a cell beginning with = + - @
(or a tab or carriage return) is run as a formula by Excel and LibreOffice (CSV injection,
OWASP). Every export path here passes each cell through `neutralise_cell`, which prefixes such
text with a single quote so it is shown, never run. XLSX sheets get a frozen header row, an
autofilter and column widths that fit their content; CSV is UTF-8 with a byte-order mark so
Excel reads CJK and Cyrillic names correctly.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from screener.memo.model import MemoData, load_memo_data
from screener.store import Store

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_SUFFIXES = (".xlsx", ".csv")
MAX_COLUMN_WIDTH = 60


class ExportError(Exception):
    """The export cannot be written as asked; the message names the file."""


def neutralise_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Sheet:
    """One table of an export: a title (the XLSX sheet name) and its rows."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def frame(self) -> pd.DataFrame:
        cleaned = [[neutralise_cell(v) for v in row] for row in self.rows]
        return pd.DataFrame(cleaned, columns=list(self.columns), dtype=object)


def check_export_path(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in EXPORT_SUFFIXES:
        raise ExportError(f"{path}: the export must end in .xlsx or .csv")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path}: the folder {folder} does not exist")
    return path


def write_sheets(path: str | Path, sheets: Sequence[Sheet]) -> Path:
    """XLSX holds every sheet; CSV holds the first (the primary results table)."""
    path = check_export_path(path)
    if path.suffix.lower() == ".csv":
        return write_atomically(path, lambda tmp: _write_csv(tmp, sheets[0]))
    return write_atomically(path, lambda tmp: _write_xlsx(tmp, sheets))


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    """Write beside the target, then rename: an interrupted export leaves no half file."""
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent or "."
    )
    os.close(handle)
    try:
        write(Path(temporary))
        os.chmod(temporary, _new_file_mode())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _write_csv(path: Path, sheet: Sheet) -> None:
    sheet.frame().to_csv(path, index=False, encoding="utf-8-sig")


def _write_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for sheet in sheets:
            title = sheet.title[:31]
            sheet.frame().to_excel(writer, sheet_name=title, index=False)
            _finish_worksheet(writer.sheets[title], sheet)


def _finish_worksheet(worksheet: Any, sheet: Sheet) -> None:
    """Frozen header, filter buttons, header in bold, widths sized to the longest value."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    worksheet.freeze_panes = "A2"
    if sheet.columns:
        last = get_column_letter(len(sheet.columns))
        worksheet.auto_filter.ref = f"A1:{last}{max(len(sheet.rows) + 1, 1)}"
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, column in enumerate(sheet.columns):
        values = [column, *(row[index] for row in sheet.rows[:2000])]
        width = max((_display_width(v) for v in values), default=8)
        worksheet.column_dimensions[get_column_letter(index + 1)].width = min(
            width + 2, MAX_COLUMN_WIDTH
        )


def _display_width(value: Any) -> int:
    """East Asian characters take two columns in a spreadsheet."""
    if value is None:
        return 0
    text = str(value).split("\n", 1)[0]
    return sum(2 if ord(c) >= 0x1100 and not 0xFF61 <= ord(c) <= 0xFFDC else 1 for c in text)


# ----- case results ---------------------------------------------------------------------------
MATCH_COLUMNS = (
    "case_id", "party", "list", "sub_list", "entry_id", "listed_name", "score", "strength",
    "status", "decision", "reason", "decided_by", "decided_at", "programmes", "explanation",
)  # fmt: skip


def case_sheets(data: MemoData) -> list[Sheet]:
    """Screening results first (the CSV), then rule hits, ownership and the case summary."""
    return [
        Sheet("Screening results", MATCH_COLUMNS, tuple(_match_rows(data))),
        Sheet(
            "Rule hits",
            ("case_id", "rule", "category", "title", "points", "outcome", "facts", "source"),
            tuple(_hit_rows(data)),
        ),
        Sheet(
            "Ownership links",
            (
                "case_id",
                "holder",
                "held",
                "equity_pct",
                "voting_pct",
                "control",
                "source",
                "confidence",
            ),
            tuple(_link_rows(data)),
        ),
        Sheet("Case", ("field", "value"), tuple(_case_rows(data))),
    ]


def _match_rows(data: MemoData) -> Iterable[tuple[Any, ...]]:
    for m in data.matches:
        yield (
            data.case_id, m.party_name, m.source_name, m.list_name, m.entry_key, m.matched_name,
            round(m.score, 4), "strong" if m.is_strong else "weak", m.status, m.decision or "",
            m.reason, m.decided_by or "", m.decided_at, ", ".join(m.programs), m.explanation,
        )  # fmt: skip


def _hit_rows(data: MemoData) -> Iterable[tuple[Any, ...]]:
    if data.assessment is None:
        return
    for h in data.assessment.hits:
        facts = "; ".join(f"{k}: {v}" if k else v for k, v in h.facts)
        yield (
            data.case_id,
            h.rule_id,
            h.category,
            h.title,
            h.points,
            h.outcome or "",
            facts,
            h.source,
        )


def _link_rows(data: MemoData) -> Iterable[tuple[Any, ...]]:
    names = {n.key: n.name for n in data.ownership.nodes}
    for e in data.ownership.edges:
        yield (
            data.case_id, names.get(e.holder_key, e.holder_key), names.get(e.held_key, e.held_key),
            e.equity_pct, e.voting_pct, e.control_type or "", e.source, e.confidence,
        )  # fmt: skip


def _case_rows(data: MemoData) -> Iterable[tuple[Any, ...]]:
    a = data.assessment
    yield from (
        ("case_id", data.case_id),
        ("title", data.title),
        ("status", data.status),
        ("decision", data.decision or ""),
        ("jurisdictions", ", ".join(data.jurisdictions)),
        ("filing_deadline", data.filing_deadline),
        ("risk_tier", a.tier if a else ""),
        ("total_score", a.total_score if a else None),
        ("pack_hash", a.pack_hash if a else ""),
        ("handling_marking", data.handling_marking),
        ("exported_at", data.generated_at),
        ("app_version", data.app_version),
    )


def export_case(store: Store, case_id: str, path: str | Path) -> Path:
    """One case's results to .xlsx (all sheets) or .csv (the screening results)."""
    path = check_export_path(path)
    return write_sheets(path, case_sheets(load_memo_data(store, case_id)))


# ----- batch screening ------------------------------------------------------------------------
def export_table(
    path: str | Path, title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> Path:
    """Any results table (batch screening writes through here) to .xlsx or .csv."""
    sheet = Sheet(title, tuple(columns), tuple(tuple(r) for r in rows))
    return write_sheets(path, [sheet])


def export_batch_results(path: str | Path, results: Sequence[Any]) -> Path:
    """Batch screening results (screener.batch) as one line per hit, in input order."""
    from screener.batch.writer import TABLE_HEADER, table_rows

    return export_table(path, "Batch screening", TABLE_HEADER, table_rows(results))


def _new_file_mode() -> int:
    """The permissions an ordinary new file gets (mkstemp's are owner-only)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
