"""On a real PostgreSQL server the records are insert-only for every role (migration 0002).

The owner of the tables, and a second login role given every table privilege there is, both
try UPDATE, DELETE and TRUNCATE on the audit log, decisions, sign-offs and status changes:
the server refuses each, the rows stay, the chain and the replay still verify. INSERT and
SELECT still work (the application appends).
"""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from screener import audit
from screener.audit_verify import verify_log
from screener.models import Case, MatchResult
from screener.store import Store, open_store
from screener.workflow import adjudication, signoff
from screener.workflow.lifecycle import Outcome
from tests.factory import make_case, make_entry, make_match, make_version, mark_screened

ATTEMPTS = [
    "UPDATE audit_events SET actor = 'mallory'",
    "DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)",
    "TRUNCATE audit_events",
    "UPDATE decisions SET outcome = 'confirmed'",
    "DELETE FROM decisions",
    "UPDATE sign_offs SET \"user\" = 'carol'",
    "DELETE FROM sign_offs",
    "UPDATE status_changes SET changed_by = 'carol'",
    "DELETE FROM status_changes",
]


@pytest.fixture
def worked(postgres_url: str) -> Store:
    store = open_store(postgres_url)
    with store.unit_of_work() as session:
        case = make_case(session, "C-1")
        match = make_match(session, case, make_entry(session, make_version(session), "E1", "X"))
        session.flush()
        # The factory writes rows directly; one record says what they are, as an import would.
        from screener.audit_state import state_of

        audit.record(session, "case.imported", "case", "C-1", case_id="C-1",
                     details=state_of([case, match]))  # fmt: skip
    with store.unit_of_work() as session:
        match_id = session.query(MatchResult.id).scalar()
        adjudication.decide_match(session, match_id, "dismiss", "other company", user="alice")
        case = session.get(Case, "C-1")
        assert case is not None
        mark_screened(session, case)  # a case is signed only after it was screened and assessed
        signoff.sign_as_reviewer(session, "C-1", Outcome.CLEARED, "no hit", user="alice")
    with store.unit_of_work() as session:
        signoff.approve(session, "C-1", user="bob")
    return store


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("audit_events", "decisions", "sign_offs", "status_changes")
        }


def _intact(store: Store) -> bool:
    with store.session() as session:
        return verify_log(session).intact


@pytest.mark.parametrize("statement", ATTEMPTS)
def test_the_owner_cannot_change_a_record(worked: Store, statement: str) -> None:
    before = _counts(worked)
    assert _intact(worked)
    with pytest.raises(Exception, match="insert-only records"):
        with worked.engine.begin() as connection:
            connection.execute(text(statement))
    assert _counts(worked) == before
    assert _intact(worked)


def test_a_role_with_every_table_privilege_cannot_either(worked: Store) -> None:
    url = make_url(worked.engine.url.render_as_string(hide_password=False))
    with worked.engine.begin() as connection:
        connection.execute(text("DROP ROLE IF EXISTS clerk"))
        connection.execute(text("CREATE ROLE clerk LOGIN"))
        connection.execute(text("GRANT ALL ON ALL TABLES IN SCHEMA public TO clerk"))
    dsn = f"host={url.host} port={url.port} dbname={url.database} user=clerk"
    before = _counts(worked)
    refused = 0
    for statement in ATTEMPTS:
        with psycopg.connect(dsn) as connection:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
            refused += 1
    assert refused == len(ATTEMPTS)
    with psycopg.connect(dsn) as connection:  # appending and reading still work
        assert (
            connection.execute("SELECT count(*) FROM audit_events").fetchone()[0]
            == before["audit_events"]
        )
    assert _counts(worked) == before
    assert _intact(worked)
    with worked.engine.begin() as connection:
        connection.execute(text("DROP OWNED BY clerk"))
        connection.execute(text("DROP ROLE clerk"))


def test_a_superuser_past_the_trigger_is_still_caught_by_the_replay(worked: Store) -> None:
    with worked.engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(text("UPDATE decisions SET outcome = 'confirmed'"))
    with worked.session() as session:
        report = verify_log(session)
    assert [(m.kind, m.problem) for m in report.state] == [
        ("decision", "outcome is 'confirmed', the log says 'dismissed'")
    ]
