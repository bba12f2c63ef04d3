"""The demonstration case the window opens on at first run.

It is imported through the ordinary deal-file importer (so it exercises the same path a
user's file takes) and only into a database that has never held a case: an office database
with real cases must not receive fictional data.

Its dates are written relative to the first run: the file tells the story as of STORY_DAY
(filed ten days earlier, the filing deadline met, the review clock running), and every date
of the case, the deal and the ownership links is moved by the days between STORY_DAY and
the day the demo is imported. A demo opened in any year reads as it was meant to, never
overdue on its first day.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from screener.deals import DealFileError, ImportResult
from screener.deals.importer import import_transaction
from screener.deals.validate import DealFile, validate_deal_file
from screener.identity import mark_training
from screener.models import Case, Setting
from screener.paths import resources_dir
from screener.store import Store

DEMO_CASE_ID = "DEMO-2026-0001"
DEMO_SETTING = "demo_case_imported"
STORY_DAY = date(2026, 10, 30)  # the day the demo file's dates are written as of


def demo_case_path() -> Path:
    return resources_dir() / "demo" / "demo_case.json"


def ensure_demo_case(store: Store) -> str | None:
    """The demo case id if the demo is (now) in the database, else None.

    Imports the demo once, on the first run against an empty database; afterwards it is never
    imported again, even if the user deleted it.
    """
    with store.session() as session:
        if session.get(Case, DEMO_CASE_ID) is not None:
            return DEMO_CASE_ID
        already = session.get(Setting, DEMO_SETTING) is not None
        has_cases = session.execute(select(func.count()).select_from(Case)).scalar_one() > 0
    if already or has_cases:
        return None
    result = import_demo(store, date.today())
    with store.unit_of_work() as session:
        if session.get(Setting, DEMO_SETTING) is None:
            session.add(Setting(key=DEMO_SETTING, value=DEMO_CASE_ID))
            # A database that opens on the demo is for learning: declared names are accepted
            # there (SCREENER_USER), each marked "declared, not authenticated".
            mark_training(session)
    return result.case_ids[0] if result.case_ids else None


def import_demo(store: Store, today: date) -> ImportResult:
    """Import the demo file with its dates moved so that `today` is its story day."""
    deal_file = validate_deal_file(demo_case_path().resolve())
    if deal_file.errors:
        raise DealFileError(deal_file.issues)
    shift_dates(deal_file, today - STORY_DAY)
    with store.unit_of_work() as session:
        cases = [import_transaction(session, t, deal_file) for t in deal_file.transactions]
    return ImportResult(str(deal_file.path), cases, deal_file.warnings)


def shift_dates(deal_file: DealFile, delta: timedelta) -> None:
    """Move every date of the case, the deal and the ownership links by `delta`."""
    for transaction in deal_file.transactions:
        for values in (transaction.case, transaction.deal, *transaction.ownership):
            for key, value in values.items():
                values[key] = _shifted(value, delta)


def _shifted(value: Any, delta: timedelta) -> Any:
    return value + delta if isinstance(value, date) else value
