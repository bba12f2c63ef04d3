"""Problems found in a deal file, each with the place a user must go to fix it."""

from __future__ import annotations

from dataclasses import dataclass

from screener.words import counted

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One problem: errors block the import, warnings are shown and the import goes on.

    `sheet`/`row`/`column` name the spreadsheet cell (row numbers as Excel shows them, the
    header being row 1); for JSON files `json_path` names the property instead and `row` is
    the 1-based item number.
    """

    severity: str
    file: str
    sheet: str
    row: int | None
    column: str | None
    message: str
    json_path: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def place(self) -> str:
        """Sheet, row and column as far as known; a sheet only where the file has sheets
        (not a CSV file, not a problem with the file as a whole): never "sheet ''"."""
        if self.json_path is not None:
            return self.json_path or "(top level)"
        parts = []
        if self.sheet and not self.file.lower().endswith(".csv"):
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        place = self.place()
        where = f"{self.file}: {place}" if place else self.file
        return f"{self.severity}: {where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "json_path": self.json_path,
            "message": self.message,
        }


class DealFileError(Exception):
    """The file cannot be imported; `issues` holds every error and warning found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        errors = [i for i in issues if i.is_error]
        lines = "\n".join(str(i) for i in errors[:50])
        more = f"\n... and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{counted(len(errors), 'error')} in the deal file:\n{lines}{more}")
