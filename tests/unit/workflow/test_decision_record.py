"""An officer's decision and a dismissal by decision memory write one audit shape.

Both name the party and the listed entry and carry the decision's and the match's state
(screener.workflow.decision_record); an officer's adds before it what the match was and the
reason, and after it the score; memory's adds the memory it came from. The order is the
order the History tab prints them in.
"""

from __future__ import annotations

from sqlalchemy import select

from screener.audit_state import STATE_KEY
from screener.models import AuditEvent, ListEntry
from screener.store import Store
from screener.workflow import adjudication, memory
from tests.factory import make_case, make_entry, make_match, make_version

PARTY = {"key": "acq", "name": "Northern Minerals Holding Ltd"}
NAMED = ["party_key", "source", "entry_key"]


def _screen(store: Store, case_id: str, entry_id: int) -> int:
    with store.unit_of_work() as session:
        case = make_case(session, case_id, parties=[PARTY])
        entry = session.get(ListEntry, entry_id)
        assert entry is not None
        match = make_match(session, case, entry)
        memory.apply_decision_memory(session, [match])
        return match.id


def test_an_officers_decision_and_memorys_dismissal_share_one_record_shape(store: Store) -> None:
    with store.unit_of_work() as session:
        entry_id = make_entry(session, make_version(session), "SDN-1", "NORTHERN MINERALS").id
    first = _screen(store, "C-1", entry_id)
    with store.unit_of_work() as session:
        adjudication.decide_match(session, first, "dismiss", "different company, other country")
    _screen(store, "C-2", entry_id)  # the same party and entry: dismissed again from memory
    with store.session() as session:
        events = {
            event.action: event
            for event in session.execute(
                select(AuditEvent).where(AuditEvent.object_type == "match")
            ).scalars()
        }
    officer, remembered = events["match.dismissed"], events["match.dismissed_from_memory"]
    assert list(officer.details) == ["from", "reason", *NAMED, "score", STATE_KEY]
    assert list(remembered.details) == [*NAMED, "memory_id", STATE_KEY]
    assert [officer.details[k] for k in NAMED] == [remembered.details[k] for k in NAMED]
    assert officer.details["from"] == "pending" and remembered.actor == memory.MEMORY_ACTOR
    assert officer.case_id == "C-1" and remembered.case_id == "C-2"
