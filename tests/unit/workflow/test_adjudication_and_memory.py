"""Adjudication with required reasons, and decision memory across cases."""

from __future__ import annotations

import pytest

from screener import audit
from screener.identity import os_login
from screener.models import Decision, DecisionMemory, ListEntry, MatchResult, Party
from screener.store import Store
from screener.workflow import adjudication, memory
from screener.workflow.errors import ConcurrentEditError, WorkflowError
from tests.factory import make_case, make_entry, make_match, make_version

PARTY = {
    "key": "acq",
    "name": "Northern Minerals Holding Ltd",
    "identifiers": {"lei": "529900T8BM49AURSDO55"},
}


def _screen(store: Store, case_id: str, entry_id: int, party: dict | None = None) -> int:
    """What the screening code does: create the match, then apply decision memory."""
    with store.unit_of_work() as session:
        case = make_case(session, case_id, parties=[party or PARTY])
        entry = session.get(ListEntry, entry_id)
        assert entry is not None
        match = make_match(session, case, entry)
        memory.apply_decision_memory(session, [match])
        return match.id


def _entry(store: Store, name: str = "NORTHERN MINERALS HOLDING", **fields: object) -> int:
    with store.unit_of_work() as session:
        version = make_version(session)
        return make_entry(session, version, "SDN-1001", name, **fields).id


def _match(store: Store, match_id: int) -> MatchResult:
    with store.session() as session:
        match = session.get(MatchResult, match_id)
        assert match is not None
        match.decisions  # noqa: B018 (load before the session closes)
        return match


def test_a_reason_is_required(store: Store) -> None:
    match_id = _screen(store, "C-1", _entry(store))
    with pytest.raises(WorkflowError, match="reason is required"):
        with store.unit_of_work() as session:
            adjudication.decide_match(session, match_id, "confirm", "   ")


def test_confirm_dismiss_unsure_are_recorded_and_audited(store: Store) -> None:
    match_id = _screen(store, "C-1", _entry(store))
    with store.unit_of_work() as session:
        adjudication.decide_match(session, match_id, "unsure", "Need the registry extract")
        adjudication.decide_match(session, match_id, "confirm", "Same LEI", user="bo")
    match = _match(store, match_id)
    assert match.status == "confirmed" and not match.is_new
    assert [(d.outcome, d.decided_by) for d in match.decisions] == [
        ("unsure", os_login()),
        ("confirmed", "bo"),
    ]
    with store.session() as session:
        actions = [e.action for e in audit.events_for_case(session, "C-1")]
    assert actions == ["match.unsure", "match.confirmed"]


def test_unknown_outcome_is_refused(store: Store) -> None:
    match_id = _screen(store, "C-1", _entry(store))
    with pytest.raises(WorkflowError, match="confirm, dismiss or unsure"):
        with store.unit_of_work() as session:
            adjudication.decide_match(session, match_id, "maybe", "hm")


def test_bulk_dismiss_uses_one_reason_and_is_all_or_nothing(store: Store) -> None:
    with store.unit_of_work() as session:
        version = make_version(session)
        case = make_case(session, "C-1")
        ids = [
            make_match(session, case, make_entry(session, version, f"E{n}", f"Name {n}")).id
            for n in range(3)
        ]
        seen = {i: 1 for i in ids}
    with store.unit_of_work() as session:
        adjudication.decide_match(session, ids[2], "confirm", "real hit")  # someone else acts
    with pytest.raises(ConcurrentEditError):
        with store.unit_of_work() as session:
            adjudication.bulk_dismiss(session, ids, "Common words only", expected_versions=seen)
    assert [_match(store, i).status for i in ids] == ["pending", "pending", "confirmed"]
    with store.unit_of_work() as session:
        adjudication.bulk_dismiss(session, ids[:2], "Common words only")
    assert {d.reason for i in ids[:2] for d in _match(store, i).decisions} == {"Common words only"}


def test_an_unchanged_dismissed_pair_stays_dismissed_in_another_case(store: Store) -> None:
    entry_id = _entry(store)
    first = _screen(store, "C-1", entry_id)
    with store.unit_of_work() as session:
        adjudication.decide_match(
            session, first, "dismiss", "Different company, AU registry", user="ana"
        )
    second = _screen(store, "C-2", entry_id)
    match = _match(store, second)
    assert match.status == "dismissed" and match.changed_since_dismissed is None
    assert "Different company, AU registry" in match.decisions[0].reason
    assert "ana" in match.decisions[0].reason


def test_a_changed_party_brings_the_match_back_with_what_changed(store: Store) -> None:
    entry_id = _entry(store)
    first = _screen(store, "C-1", entry_id)
    with store.unit_of_work() as session:
        adjudication.decide_match(session, first, "dismiss", "Different company")
    moved = {**PARTY, "country_incorporation": "CN"}
    second = _screen(store, "C-2", entry_id, party=moved)
    match = _match(store, second)
    assert match.status == "pending"
    changed = match.changed_since_dismissed
    assert changed is not None
    assert changed["party"] == {"country_incorporation": {"before": "AU", "after": "CN"}}
    assert changed["entry"] == {} and changed["reason"] == "Different company"


def test_a_renamed_party_with_the_same_identifier_is_recognised_as_changed(store: Store) -> None:
    entry_id = _entry(store)
    first = _screen(store, "C-1", entry_id)
    with store.unit_of_work() as session:
        adjudication.decide_match(session, first, "dismiss", "Different company")
    renamed = {**PARTY, "name": "Northern Rare Earths Holding Ltd"}
    match = _match(store, _screen(store, "C-2", entry_id, party=renamed))
    assert match.status == "pending"
    assert match.changed_since_dismissed is not None
    assert set(match.changed_since_dismissed["party"]) == {"name"}


def test_a_changed_list_entry_brings_the_match_back_with_what_changed(store: Store) -> None:
    old_entry = _entry(store)
    first = _screen(store, "C-1", old_entry)
    with store.unit_of_work() as session:
        adjudication.decide_match(session, first, "dismiss", "Different company")
    new_entry = _entry(store, programs=["CMIC-EO13959"])
    match = _match(store, _screen(store, "C-2", new_entry))
    assert match.status == "pending"
    assert match.changed_since_dismissed is not None
    assert match.changed_since_dismissed["entry"] == {
        "programs": {"before": [], "after": ["CMIC-EO13959"]}
    }


def test_a_type_the_publisher_never_stated_taken_back_is_no_change(store: Store) -> None:
    """Screener 0.1 guessed 'organization' for the CSL's untyped rows; after the upgrade
    (migration 0006) the next file's entry says 'unknown'. A dismissal made on the guess
    stays dismissed; a type the publisher now states otherwise brings it back."""
    guessed = _entry(store, entity_type="organization", content_hash="0.1 digest")
    first = _screen(store, "C-1", guessed)
    with store.unit_of_work() as session:
        adjudication.decide_match(session, first, "dismiss", "Different company")
    untyped = _entry(store, entity_type="unknown", content_hash="digest now")
    assert _match(store, _screen(store, "C-2", untyped)).status == "dismissed"
    person = _entry(store, entity_type="person", content_hash="digest, a person")
    changed = _match(store, _screen(store, "C-3", person)).changed_since_dismissed
    assert changed is not None
    assert changed["entry"] == {"entity_type": {"before": "organization", "after": "person"}}


def test_confirming_a_remembered_pair_withdraws_the_memory(store: Store) -> None:
    entry_id = _entry(store)
    first = _screen(store, "C-1", entry_id)
    with store.unit_of_work() as session:
        adjudication.decide_match(session, first, "dismiss", "Different company")
    with store.unit_of_work() as session:
        adjudication.decide_match(session, first, "confirm", "Registry shows same owner")
    with store.session() as session:
        assert session.query(DecisionMemory).count() == 0
    assert _match(store, _screen(store, "C-2", entry_id)).status == "pending"


def test_party_snapshot_ignores_alias_order_and_case() -> None:
    one = Party(key="a", name="X", aliases=["Foo Ltd", "bar"], identifiers={})
    two = Party(key="a", name="X", aliases=["BAR", "foo ltd"], identifiers={})
    assert memory.party_snapshot(one) == memory.party_snapshot(two)


def test_decisions_are_never_lost(store: Store) -> None:
    match_id = _screen(store, "C-1", _entry(store))
    with store.unit_of_work() as session:
        adjudication.decide_match(session, match_id, "dismiss", "a")
        adjudication.decide_match(session, match_id, "confirm", "b")
    with store.session() as session:
        assert session.query(Decision).filter_by(match_id=match_id).count() == 2


def test_matches_of_a_decided_case_cannot_be_changed(store: Store) -> None:
    match_id = _screen(store, "C-1", _entry(store))
    with store.unit_of_work() as session:
        case = session.get(MatchResult, match_id).case  # type: ignore[union-attr]
        case.status, case.decision = "decided", "cleared"
    with pytest.raises(WorkflowError, match="reopen it"):
        with store.unit_of_work() as session:
            adjudication.decide_match(session, match_id, "confirm", "late change")
    assert _match(store, match_id).status == "pending"
