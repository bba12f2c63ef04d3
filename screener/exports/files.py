"""Tables written as XLSX or CSV, safe to open in a spreadsheet.

Names and reasons come from lists, deal files and reviewers; a cell beginning with = + - @
(or a tab or carriage return) is run as a formula by Excel and LibreOffice (CSV injection,
OWASP). Every export path here passes each cell through `neutralise_cell` (screener.cells),
which prefixes such text with a single quote so it is shown, never run. XLSX sheets get a frozen header row, an
autofilter and column widths that fit their content; CSV is UTF-8 with a byte-order mark so
Excel reads CJK and Cyrillic names correctly.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from screener.cells import FORMULA_TRIGGERS, neutralise_cell, restore_cell

__all__ = [
    "FORMULA_TRIGGERS",
    "ExportError",
    "Sheet",
    "export_table",
    "neutralise_cell",
    "restore_cell",
    "write_atomically",
    "write_sheets",
]

EXPORT_SUFFIXES = (".xlsx", ".csv")
MAX_COLUMN_WIDTH = 60


class ExportError(Exception):
    """The export cannot be written as asked; the message names the file."""


@dataclass(frozen=True)
class Sheet:
    """One table of an export: a title (the XLSX sheet name) and its rows."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def frame(self) -> pd.DataFrame:
        import pandas as pd  # imported when a table is written: a JSON report needs none of it

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
    import pandas as pd

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


def export_table(
    path: str | Path, title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> Path:
    """Any results table (batch screening writes through here) to .xlsx or .csv."""
    sheet = Sheet(title, tuple(columns), tuple(tuple(r) for r in rows))
    return write_sheets(path, [sheet])


def _new_file_mode() -> int:
    """The permissions an ordinary new file gets (mkstemp's are owner-only)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
