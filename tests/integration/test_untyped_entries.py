"""Entries whose publisher does not say person or organisation meet every party.

The CSL leaves the type empty on BIS's and State's lists (Entity List, DPL, ITAR debarred
...), the BIS DPL on every row. Typed by a guess, they were out of reach of a party of the
other kind: a person screened against the real CSL missed his ITAR debarment and the CSL's
copy of his denial order, and "Mahan Airways" screened as a company missed the DPL, which
a name without a legal form had made a person. The real CSL and DPL, a case of a person and
a company, the screening an officer runs; then the same lists as Screener 0.1 left them
in a database, upgraded to this release's schema.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text, update

from screener.lists.delta import compute_delta
from screener.lists.entity_links import entity_map
from screener.lists.service import import_path
from screener.matching.db_index import build_index
from screener.matching.match_fields import match_fields
from screener.memo import load_memo_data
from screener.memo.render import render_memo
from screener.models import Case, ListEntry, ListVersion, MatchResult, utcnow
from screener.store import Store, alembic_config, make_engine, open_store
from screener.workflow.entity_hits import group_matches
from screener.workflow.screening import record_screened, screen_case
from screener.workflow.screening_state import screening_state
from tests.conftest import SHARED_DATA
from tests.factory import make_case
from tests.unit.test_memo import flat, pdf_text

CSL = SHARED_DATA / "us-trade-csl" / "consolidated.csv"
DPL = SHARED_DATA / "us-bis-denied-persons" / "dpl.txt"
SAIDI_DPL = "DPL:052223cc40b48ea89f1703ec473848b2dc81f725"  # order 2020-10-30 to 2026-03-13
SAIDI_ITAR = "ITAR Debarred (DTC):682851d0391b2219bccaa0e1cffc483f9870db7d"
PARTIES = [
    {"key": "PER", "name": "Abdul Majid Saidi", "party_type": "person", "role": "owner",
     "country_incorporation": "US"},
    {"key": "AIR", "name": "Mahan Airways", "party_type": "company", "role": "owner",
     "country_incorporation": "IR"},
]  # fmt: skip


def _screened(store: Store) -> list[MatchResult]:
    with store.unit_of_work() as session:
        make_case(session, "US-1", parties=PARTIES)
    with store.session() as session:
        index = build_index(session)
    screen_case(store, "US-1", index)
    with store.session() as session:
        return list(session.execute(select(MatchResult)).scalars())


def test_a_person_and_a_company_meet_the_entries_that_have_no_type(store: Store) -> None:
    import_path(store, CSL)
    import_path(store, DPL)
    rows = _screened(store)
    found = {(m.party_key, m.source_name, m.entry_key) for m in rows}
    assert ("PER", "US-CSL", SAIDI_ITAR) in found
    assert ("PER", "US-CSL", SAIDI_DPL) in found and (
        "PER",
        "US-BIS-DPL",
        "ABDUL MAJID SAIDI",
    ) in found
    assert ("AIR", "US-BIS-DPL", "MAHAN AIRWAYS") in found
    with store.session() as session:
        # the CSL's copy of the denial order and the DPL's entry are one listed entity, one
        # decision; the ITAR debarment is another list's finding
        hits = group_matches(
            rows, entity_map(session, {(m.source_name, m.entry_key) for m in rows})
        )
        saidi = sorted(
            sorted(m.entry_key for m in hit.matches) for hit in hits if hit.party_key == "PER"
        )
        assert saidi == [["ABDUL MAJID SAIDI", SAIDI_DPL], [SAIDI_ITAR]]
        denial = next(m for m in rows if m.entry_key == "ABDUL MAJID SAIDI")
        _, fields = match_fields(session, denial.id)
        _, fields_ja = match_fields(session, denial.id, "ja")  # the Japanese window's words
    assert next(f.entry for f in fields if f.label == "Type") == "not stated"
    assert next(f.entry for f in fields_ja if f.label == "Type") == "記載なし"
    if date.today() > date(2026, 3, 13):
        assert next(f.entry for f in fields_ja if f.label == "Listing ends") == (
            "2026-03-13（終了済み）"
        )
    ends = next(f.entry for f in fields if f.label == "Listing ends")
    assert ends == ("2026-03-13 (passed)" if date.today() > date(2026, 3, 13) else "2026-03-13")
    # the printed memo says it too, under the hit, in each language
    memo = load_memo_data(store, "US-1")
    (denial,) = [m for m in memo.matches if m.entry_key in (SAIDI_DPL, "ABDUL MAJID SAIDI")]
    assert denial.listing_ends == ("2026-03-13",)
    for lang, line in (
        ("en", "Listing ends 2026-03-13 (passed)"),
        ("ja", "掲載終了日 2026-03-13（終了済み）"),
    ):
        pdf = io.BytesIO()
        render_memo(replace(memo, generated_at=datetime(2026, 12, 7, 12)), pdf, lang)
        assert line in flat(pdf_text(pdf.getvalue())), lang


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, sqlite_url: str) -> Iterator[str]:
    yield sqlite_url if request.param == "sqlite" else request.getfixturevalue("postgres_url")


def test_an_upgrade_takes_back_the_types_guessed_before(database_url: str, tmp_path: Path) -> None:
    engine = make_engine(database_url)
    command.upgrade(alembic_config(engine), "0005")
    engine.dispose()
    before = open_store(database_url, migrate=False)
    import_path(before, CSL)
    import_path(before, DPL)
    with before.unit_of_work() as session:  # as Screener 0.1 typed them
        csl, dpl = (
            session.execute(select(ListVersion.id).where(ListVersion.format == f)).scalar_one()
            for f in ("us-csl", "bis-dpl")
        )
        session.execute(
            update(ListEntry)
            .where(ListEntry.version_id == csl, ListEntry.entity_type == "unknown")
            .values(entity_type="organization")
        )
        session.execute(  # and digested them with the guessed type
            update(ListEntry)
            .where(ListEntry.version_id == dpl)
            .values(entity_type="person", content_hash="digest of 0.1")
        )
        session.execute(
            update(ListEntry)
            .where(ListEntry.version_id == dpl, ListEntry.primary_name.like("%LTD%"))
            .values(entity_type="organization")
        )
        for version in session.execute(select(ListVersion)).scalars():
            version.counts = {"organization": 1}  # any old count
        case = make_case(session, "US-OLD", parties=PARTIES)  # screened before the upgrade
        for party in case.parties:
            record_screened(party, [csl, dpl], utcnow())
    before.dispose()

    after = open_store(database_url)  # the upgrade, as the first start of this release does
    with after.session() as session:
        types = {
            (version, kind): count
            for version, kind, count in session.execute(
                text("SELECT version_id, entity_type, count(*) FROM list_entries GROUP BY 1, 2")
            )
        }
        counts = {v.format: v.counts for v in session.execute(select(ListVersion)).scalars()}
        # its screening could not meet the entries it now meets: it must be screened again
        state = screening_state(session.get_one(Case, "US-OLD"), session)
    after.dispose()
    assert state.newer_lists == ("US-BIS-DPL", "US-CSL") and not state.is_screened
    assert types[(dpl, "unknown")] == 545 and (dpl, "person") not in types
    assert types[(csl, "unknown")] == 3625
    assert types[(csl, "person")] == 5206 + 78 + 2 and types[(csl, "organization")] == 4532
    assert counts["bis-dpl"] == {"unknown": 545}
    # the publisher's next file, one order fewer: one entry changed, not the 545 re-read
    lines = DPL.read_text(encoding="utf-8").splitlines(keepends=True)
    gone = next(csv.reader([lines[-1]], delimiter="\t"))[0]
    (tmp_path / "dpl.txt").write_text("".join(lines[:-1]), encoding="utf-8")
    store = open_store(database_url)
    newer = import_path(store, tmp_path / "dpl.txt").version_id
    with store.session() as session:
        delta = compute_delta(session, dpl, newer)
    store.dispose()
    assert [c.entry_key for c in delta.changed] + [r.entry_key for r in delta.removed] == [
        " ".join(gone.split()).upper()
    ]
    assert counts["us-csl"] == {
        "aircraft": 283, "organization": 4532, "person": 5286, "unknown": 3625, "vessel": 433
    }  # fmt: skip
