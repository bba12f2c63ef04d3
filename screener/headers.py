"""Which header a person probably meant: `party_name` for our `name`, `Full Name` for `name`.

A file typed by hand or exported from another system names its columns its own way. When a
column we need is missing, the useful error names the column the user most likely meant, so
the fix is one rename (or one choice in the column-mapping dialog) instead of a search.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable


def comparable(header: str) -> str:
    """`Party Name`, `party-name` and `party_name` compare as one."""
    return re.sub(r"[\s\-.]+", "_", header.strip().lower())


def suggest_column(wanted: str, headers: Iterable[str]) -> str | None:
    """The header that most likely holds `wanted`: one whose words contain it (`party_name`
    for `name`), else the closest spelling (`nmae`); None when nothing is close."""
    present = [h for h in headers if h and h.strip()]
    target = comparable(wanted)
    by_words = [h for h in present if target in comparable(h).split("_")]
    if by_words:
        return min(by_words, key=lambda h: len(comparable(h)))
    close = difflib.get_close_matches(target, [comparable(h) for h in present], n=1, cutoff=0.75)
    if not close:
        return None
    return next(h for h in present if comparable(h) == close[0])
