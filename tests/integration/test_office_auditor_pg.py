"""Auditors read everything and write nothing, on a real PostgreSQL server.

An auditor-only login tries every kind of write with its own SQL client: appending to the
audit log (in its own name too), moving the chain-head setting, a note, a rule pack, taking
a sequence number, and the own-event function with anything but its own sign-in, refusal or
anchor. The server refuses each and every table is as it was. Through Screener the auditor
still verifies and anchors the log, and its sign-in, anchor and a refused attempt are audit
records in its own name (appended by the server's own-event function, which is all it may
call); the chain verifies after all of it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from screener import audit
from screener.audit_state import state_of
from screener.audit_verify import verify_log
from screener.identity import identify
from screener.models import AuditEvent, utcnow
from screener.office.refusals import record_sign_in
from screener.store import open_store
from tests.factory import make_case
from tests.office_logins import (
    cli,
    digest,
    driver_url,
    drop_logins,
    login_url,
    raw,
    set_up_office,
)

AUDITOR = "audit_only_ann"
NO_ROLE = "audit_nobody"

RAW_WRITES = [
    "INSERT INTO audit_events (id, at, actor, action, object_type, object_id, details, "
    "prev_hash, hash) VALUES ((SELECT max(id) + 1 FROM audit_events), now(), "
    f"'{AUDITOR}', 'audit.anchored', 'audit', '1', '{{}}', 'x', 'y')",
    "UPDATE settings SET value = 'x' WHERE key = 'audit.chain_head'",
    "INSERT INTO settings (key, value) VALUES ('database.purpose', 'training')",
    "INSERT INTO notes (case_id, author, created_at, text) "
    f"VALUES ('C-1', '{AUDITOR}', now(), 'x')",
    "INSERT INTO rule_pack_activations (pack_id, version, sha256, text, activated_by, "
    f"activated_at) VALUES ('sanctions', '9', 'x', 'x', '{AUDITOR}', now())",
    "UPDATE cases SET title = 'x'",
    "DELETE FROM parties",
    "SELECT nextval(pg_get_serial_sequence('notes', 'id'))",
    "CREATE TABLE auditor_scratch (a int)",
]


def _own_event(connection: psycopg.Connection, login: str = AUDITOR, **changes: object) -> None:
    """Call the own-event function as Screener does, with some fields changed."""
    head = connection.execute("SELECT * FROM screener_chain_head()")
    head_id, head_hash = head.fetchone()  # type: ignore[misc]
    payload = {
        "id": head_id + 1,
        "at": utcnow().isoformat(timespec="microseconds"),
        "actor": login,
        "action": "session.signed_in",
        "object_type": "login",
        "object_id": login,
        "case_id": None,
        "details": {},
        "prev_hash": head_hash,
    } | changes
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    connection.execute("SELECT screener_record_own_event(%s, NULL)", (canonical,))


FORGED_OWN_EVENTS = [
    {"action": "case.status_changed"},  # not its own sign-in, refusal or anchor
    {"action": "office.granted"},
    {"actor": "officer_bob"},  # in another name
    {"case_id": "C-1"},  # about a case
    {"prev_hash": "0" * 64},  # not after the chain head
    {"at": (utcnow() - timedelta(days=3)).isoformat(timespec="microseconds")},  # backdated
]


@pytest.fixture
def office(postgres_url: str) -> Iterator[str]:
    owner = open_store(postgres_url)
    set_up_office(postgres_url, {AUDITOR: ("auditor",), NO_ROLE: ()})
    with owner.unit_of_work() as session:
        case = make_case(session, "C-1")
        session.flush()
        audit.record(session, "case.imported", "case", "C-1", case_id="C-1",
                     details=state_of([case]))  # fmt: skip
    owner.dispose()
    yield postgres_url
    drop_logins(postgres_url, AUDITOR, NO_ROLE)


def test_an_auditor_writes_nothing_with_its_own_sql_client(office: str) -> None:
    owner = open_store(office, migrate=False)
    before = digest(owner)
    for statement in RAW_WRITES:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw(office, AUDITOR, statement)
    for forged in FORGED_OWN_EVENTS:
        with psycopg.connect(driver_url(login_url(office, AUDITOR))) as connection:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="screener: "):
                _own_event(connection, **forged)
    assert digest(owner) == before
    # The function's one door: its own sign-in, in its own name, after the head.
    with psycopg.connect(driver_url(login_url(office, AUDITOR))) as connection:
        _own_event(connection)
    with owner.session() as session:
        assert verify_log(session).intact
    owner.dispose()


def test_through_screener_an_auditor_verifies_anchors_and_is_recorded(
    office: str, tmp_path: Path
) -> None:
    url = login_url(office, AUDITOR)
    auditor = open_store(url, migrate=False)
    with auditor.session() as session:
        who = identify(session)
    assert who.roles == frozenset({"auditor"})
    record_sign_in(auditor, who)
    assert cli(url, "audit", "verify").exit_code == 0
    anchored = cli(url, "audit", "anchor", "--out", str(tmp_path / "head.json"))
    assert anchored.exit_code == 0, anchored.output
    refused = cli(url, "case", "note", "C-1", "I was here")
    assert refused.exit_code == 2
    assert refused.output.strip().splitlines() == [
        f"screener: error: Adding a note needs the reviewer or approver role; {AUDITOR} does "
        "not hold it"
    ]
    with auditor.session() as session:
        own = [
            (e.actor, e.action)
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.actor == AUDITOR).order_by(AuditEvent.id)
            ).scalars()
        ]
        anchor = json.loads((tmp_path / "head.json").read_text())
        newest = session.execute(
            select(AuditEvent).where(AuditEvent.action == "audit.anchored")
        ).scalar_one()
        assert verify_log(session).intact
    assert own == [
        (AUDITOR, "session.signed_in"),
        (AUDITOR, "audit.anchored"),
        (AUDITOR, "refused.add_note"),
    ]
    # The anchor names the record the server appended, with the hash the server computed.
    assert (anchor["record"], anchor["hash"]) == (newest.id, newest.hash)
    assert newest.hash == hashlib.sha256(audit._canonical(newest).encode()).hexdigest()
    verified = cli(url, "audit", "verify", "--anchor", str(tmp_path / "head.json"))
    assert verified.exit_code == 0, verified.output
    auditor.dispose()


def test_a_login_with_no_role_is_refused_and_its_attempt_recorded(office: str) -> None:
    owner = open_store(office, migrate=False)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        raw(office, NO_ROLE, "SELECT count(*) FROM audit_events")  # it reads nothing either
    refused = cli(login_url(office, NO_ROLE), "case", "note", "C-1", "let me in")
    assert refused.exit_code == 2
    assert refused.output.strip().splitlines() == [
        f"screener: error: Adding a note needs the reviewer or approver role; {NO_ROLE} does "
        "not hold it"
    ]
    with owner.session() as session:
        newest = session.execute(select(AuditEvent).order_by(AuditEvent.id.desc())).scalars()
        event = next(iter(newest))
        assert (event.actor, event.action) == (NO_ROLE, "refused.add_note")
    with psycopg.connect(driver_url(login_url(office, NO_ROLE))) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="needs the auditor role"):
            _own_event(connection, NO_ROLE, action="audit.anchored")
    with owner.session() as session:
        assert verify_log(session).intact
    owner.dispose()
