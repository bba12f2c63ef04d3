"""The demonstration case the window opens on at first run.

It is imported through the ordinary deal-file importer (so it exercises the same path a
user's file takes) and only into a database that has never held a case: an office database
with real cases must not receive fictional data.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from screener.deals import import_deal_file
from screener.identity import mark_training
from screener.models import Case, Setting
from screener.paths import resources_dir
from screener.store import Store

DEMO_CASE_ID = "DEMO-2026-0001"
DEMO_SETTING = "demo_case_imported"


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
    result = import_deal_file(store, demo_case_path())
    with store.unit_of_work() as session:
        if session.get(Setting, DEMO_SETTING) is None:
            session.add(Setting(key=DEMO_SETTING, value=DEMO_CASE_ID))
            # A database that opens on the demo is for learning: declared names are accepted
            # there (SCREENER_USER), each marked "declared, not authenticated".
            mark_training(session)
    return result.case_ids[0] if result.case_ids else None
