"""Publisher dates to ISO 8601 without inventing precision.

Lists give '31 Aug 1960', 'Aug 1960', '1960', 'circa 1960', '1960 to 1962', '08/31/1960'.
A birth year is a matching signal, and a made-up day would make two different people look
alike, so partial dates stay partial ('1960-08'), ranges stay ranges ('1960/1962', ISO 8601
interval) and approximate dates are marked with '~' (the EDTF convention). Text that is not
a date is returned unchanged rather than dropped, so the reviewer still sees it.
"""

from __future__ import annotations

import re

MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?[ -](\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_US_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_RANGE = re.compile(r"^(.+?)\s*(?:\bto\b|-|–)\s*(.+)$")
_CIRCA = re.compile(r"^(?:circa|ca\.?|approximately|approx\.?)\s+(.+)$", re.IGNORECASE)


def _month(name: str) -> int | None:
    return MONTHS.get(name[:3].lower())


def normalise_date(text: str) -> str:
    """The ISO form of one published date, range or approximate date; unknown text unchanged."""
    value = text.strip().rstrip(".").strip()
    return _recognised(value) or value


def _recognised(value: str) -> str | None:
    circa = _CIRCA.match(value)
    if circa:
        inner = _recognised(circa.group(1).strip())
        return f"{inner}~" if inner else None
    single = _single(value)
    if single:
        return single
    ranged = _RANGE.match(value)
    if ranged:
        low, high = _single(ranged.group(1)), _single(ranged.group(2))
        if low and high:
            return f"{low}/{high}"
    return None


def _single(value: str) -> str | None:
    value = value.strip()
    if match := _ISO.match(value):
        year, month, day = match.groups()
        return f"{year}-{month}-{day}" if day else f"{year}-{month}"
    if match := _DAY_MONTH_YEAR.match(value):
        month = _month(match.group(2))
        if month:
            return f"{match.group(3)}-{month:02d}-{int(match.group(1)):02d}"
    if match := _MONTH_YEAR.match(value):
        month = _month(match.group(1))
        if month:
            return f"{match.group(2)}-{month:02d}"
    if match := _MONTH_DAY_YEAR.match(value):
        month = _month(match.group(1))
        if month:
            return f"{match.group(3)}-{month:02d}-{int(match.group(2)):02d}"
    if match := _YEAR.match(value):
        return match.group(1)
    if match := _US_SLASH.match(value):
        month_no, day, year = (int(g) for g in match.groups())
        if 1 <= month_no <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month_no:02d}-{day:02d}"
    return None
