"""When a listing ends, as the list says: a denial order's expiry, a row's end date.

A BIS denial order runs to its expiration date, a CSL row has an end date, an OpenSanctions
sanction an end. A list from 2023 still names a person whose order ran out in March 2026;
the reviewer, and the memo's reader, must see that before taking him for a denied person.
Pure: reads an entry's `data` as the importers keep it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from screener.lists.dates import normalise_date


def listing_ends(data: Mapping[str, Any] | None) -> list[str]:
    """The end dates an entry's publisher gives, ISO where they can be read, earliest first."""
    data = data or {}
    found = [str(o.get("Expiration_Date") or "") for o in data.get("orders") or ()]
    found += [str(s.get("end") or "") for s in data.get("sanctions") or ()]
    found.append(str(data.get("end_date") or ""))
    return sorted({normalise_date(d) for d in found if d.strip()})


def has_passed(end: str, today: date) -> bool:
    """Whether an end date ('2026-03-13', or a year or month alone) is over by `today`."""
    now = today.isoformat()
    return end < now and not now.startswith(end)


_PASSED = {"en": "{end} (passed)", "ja": "{end}（終了済み）"}


def end_shown(end: str, today: date, lang: str = "en") -> str:
    """An end as a reader is shown it: '2026-03-13 (passed)' once the day is over."""
    return _PASSED.get(lang, _PASSED["en"]).format(end=end) if has_passed(end, today) else end


def ends_shown(data: Mapping[str, Any] | None, today: date, lang: str = "en") -> list[str]:
    return [end_shown(end, today, lang) for end in listing_ends(data)]
