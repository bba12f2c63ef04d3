"""A count with its noun: '1 match', '4 matches'.

The window words its counts with Qt's plural forms; the commands and the core's messages
(sign-off refusals, bad files) wrote 'match(es)' and 'part(ies)', which an officer reads.
"""

from __future__ import annotations


def counted(number: int, one: str, many: str | None = None) -> str:
    """'1 party', '6 parties' (`many` defaults to `one` + 's')."""
    return f"{number} {one if number == 1 else (many or one + 's')}"
