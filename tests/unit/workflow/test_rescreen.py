"""Delta re-screen: a new list version reaches open cases through its added and changed entries."""

from __future__ import annotations

from sqlalchemy import update

from screener.matching.db_index import build_index
from screener.models import Case, CaseStatus, ListVersion, MatchResult
from screener.store import Store
from screener.workflow import adjudication, rescreen
from screener.workflow.screening import screen_case
from tests.factory import make_case, make_entry, make_version

PARTY = {"key": "acq", "name": "Northern Minerals Holding Ltd", "party_type": "company"}


def _v1(store: Store) -> int:
    with store.unit_of_work() as session:
        v1 = make_version(session, label="v1")
        make_entry(session, v1, "E1", "NORTHERN MINERALS HOLDING LTD", countries=["AU"])
        make_entry(session, v1, "E2", "SOUTHERN SHIPPING COMPANY")
        make_case(session, "OPEN-1", parties=[PARTY])
        make_case(session, "DONE-1", parties=[PARTY], status=CaseStatus.DECIDED, decision="cleared")
        return v1.id


def _v2(store: Store, v1: int) -> int:
    """E1 changed (a programme added), E2 unchanged, E3 added (same name family), E4 added."""
    with store.unit_of_work() as session:
        v2 = make_version(session, label="v2")
        make_entry(
            session, v2, "E1", "NORTHERN MINERALS HOLDING LTD", countries=["AU"], programs=["SDGT"]
        )
        make_entry(session, v2, "E2", "SOUTHERN SHIPPING COMPANY")
        make_entry(session, v2, "E3", "NORTHERN MINERALS HOLDINGS LIMITED")
        make_entry(session, v2, "E4", "EASTERN TIMBER TRADING")
        session.execute(update(ListVersion).where(ListVersion.id == v1).values(is_active=False))
        return v2.id


def _matches(store: Store, case_id: str) -> dict[str, MatchResult]:
    with store.session() as session:
        rows = session.query(MatchResult).filter_by(case_id=case_id).all()
        return {row.entry_key: row for row in rows}


def test_only_added_and_changed_entries_reach_open_cases(store: Store) -> None:
    v1 = _v1(store)
    with store.session() as session:
        index = build_index(session)
    screen_case(store, "OPEN-1", index)
    first = _matches(store, "OPEN-1")
    assert set(first) == {"E1"}
    with store.unit_of_work() as session:
        adjudication.decide_match(session, first["E1"].id, "dismiss", "Different company")
    v2 = _v2(store, v1)

    with store.unit_of_work() as session:
        summary = rescreen.rescreen_open_cases(session, v2)

    assert (summary.added_entries, summary.changed_entries) == (2, 1)
    assert summary.previous_version_id == v1
    assert summary.cases_with_new_hits == ["OPEN-1"]
    after = _matches(store, "OPEN-1")
    assert set(after) == {"E1", "E3"}
    assert after["E3"].status == "pending" and after["E3"].is_new
    reopened = after["E1"]
    assert reopened.status == "pending" and reopened.is_new
    assert reopened.list_version_id == v2
    assert reopened.changed_since_dismissed is not None
    assert reopened.changed_since_dismissed["entry"]["programs"] == {
        "before": [],
        "after": ["SDGT"],
    }
    assert _matches(store, "DONE-1") == {}  # decided cases are left alone
    with store.session() as session:
        case = session.get(Case, "OPEN-1")
        assert case is not None and case.has_new_hits
        assert [m.entry_key for m in rescreen.new_since_last_review(session, "OPEN-1")] == [
            "E1",
            "E3",
        ]


def test_an_unchanged_list_version_brings_nothing_new(store: Store) -> None:
    v1 = _v1(store)
    with store.session() as session:
        index = build_index(session)
    screen_case(store, "OPEN-1", index)
    with store.unit_of_work() as session:
        v2 = make_version(session, label="same again")
        make_entry(session, v2, "E1", "NORTHERN MINERALS HOLDING LTD", countries=["AU"])
        make_entry(session, v2, "E2", "SOUTHERN SHIPPING COMPANY")
        session.execute(update(ListVersion).where(ListVersion.id == v1).values(is_active=False))
        v2_id = v2.id
    with store.unit_of_work() as session:
        summary = rescreen.rescreen_open_cases(session, v2_id)
    assert (summary.added_entries, summary.changed_entries, summary.new_matches) == (0, 0, 0)
    assert _matches(store, "OPEN-1")["E1"].list_version_id == v1  # untouched


def test_deciding_the_new_hits_clears_the_flag_and_mark_reviewed_clears_the_rest(
    store: Store,
) -> None:
    v1 = _v1(store)
    v2 = _v2(store, v1)
    with store.unit_of_work() as session:
        rescreen.rescreen_open_cases(session, v2)
    found = _matches(store, "OPEN-1")
    with store.unit_of_work() as session:
        adjudication.bulk_dismiss(session, [m.id for m in found.values()], "Different company")
    with store.session() as session:
        case = session.get(Case, "OPEN-1")
        assert case is not None and not case.has_new_hits
    with store.unit_of_work() as session:
        assert rescreen.mark_reviewed(session, "OPEN-1") == 0


def test_new_versions_are_rescreened_once(store: Store) -> None:
    v1 = _v1(store)
    v2 = _v2(store, v1)
    with store.unit_of_work() as session:
        assert [v.id for v in rescreen.versions_not_rescreened(session)] == [v2]
        summaries = rescreen.rescreen_new_versions(session)
    assert [s.list_version_id for s in summaries] == [v2]
    assert summaries[0].cases_with_new_hits == ["OPEN-1"]
    with store.unit_of_work() as session:
        assert rescreen.rescreen_new_versions(session) == []
