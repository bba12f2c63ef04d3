"""Text cells a spreadsheet shows but never runs, and the way back to the text that was given.

Names and reasons come from lists, deal files and reviewers; a cell beginning with = + - @
(or a tab or carriage return) is run as a formula by Excel and LibreOffice (CSV injection,
OWASP). Every writer of XLSX or CSV passes text through `neutralise_cell`, which prefixes such
text with a single quote. A file Screener writes may come back (a deal file exported, edited
and imported again), so `restore_cell` removes exactly the quote `neutralise_cell` added:
text that already began with quotes before a trigger gets one more on the way out, so every
name survives the round trip unchanged. Kept at the bottom of the layers so the deal writer
(below `screener.exports`) and the exports share one rule.
"""

from __future__ import annotations

from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _needs_quote(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_TRIGGERS)


def neutralise_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert; other values unchanged."""
    if isinstance(value, str) and _needs_quote(value):
        return "'" + value
    return value


def restore_cell(value: Any) -> Any:
    """The value `neutralise_cell` was given, from what it returned (for re-imports)."""
    if isinstance(value, str) and value.startswith("'") and _needs_quote(value):
        return value[1:]
    return value
