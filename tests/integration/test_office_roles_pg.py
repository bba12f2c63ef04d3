"""Officers' own logins on a real PostgreSQL server (scram-sha-256), roles the server enforces.

Two officers: alice (reviewer) and bob (reviewer and approver). The four-eyes rule, an
approver who neither decided a match of the case nor signed it as reviewer, holds through the
application, through the CLI with SCREENER_USER set to the other name, and through raw SQL
with the reviewer's own credentials; nothing refused is written and the chain still verifies.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from screener import audit
from screener.audit_state import state_of
from screener.audit_verify import verify_log
from screener.cli import main
from screener.models import AuditEvent, Case, Decision, MatchResult, SignOff
from screener.store import Store, open_store
from screener.workflow import adjudication, signoff
from screener.workflow.errors import WorkflowError
from screener.workflow.lifecycle import Outcome
from tests.factory import make_case, make_entry, make_match, make_version, mark_screened
from tests.office_logins import revoke_every_role

PASSWORDS = {"officer_alice": "alice-secret-1", "officer_bob": "bob-secret-2"}


@dataclass
class Office:
    owner_url: str
    urls: dict[str, str]
    dsns: dict[str, str]

    def store(self, login: str) -> Store:
        return open_store(self.urls[login], migrate=False)

    def cli(self, login: str, *args: str, env: dict[str, str] | None = None) -> object:
        return CliRunner().invoke(main, ["--db", self.urls[login], *args], env=env or {})


def _require_passwords(server: object) -> None:
    """Officers authenticate with scram-sha-256 over TCP; the owner keeps the test's trust."""
    hba = Path(server.data) / "pg_hba.conf"  # type: ignore[attr-defined]
    line = f"host all {','.join(PASSWORDS)} 127.0.0.1/32 scram-sha-256\n"
    current = hba.read_text()
    if line not in current:
        hba.write_text(line + current)
    with psycopg.connect(server.admin_url(), autocommit=True) as connection:  # type: ignore[attr-defined]
        connection.execute("SELECT pg_reload_conf()")
        for login, password in PASSWORDS.items():
            exists = connection.execute(
                "SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)
            ).fetchone()
            if exists is None:
                connection.execute(f'CREATE ROLE "{login}" LOGIN')
            connection.execute(f"ALTER ROLE \"{login}\" PASSWORD '{password}'")
    # The server reloads its configuration in the background: wait until it asks.
    dsn = f"host=127.0.0.1 port={server.port} dbname=postgres user=officer_alice"  # type: ignore[attr-defined]
    for _ in range(100):
        try:
            psycopg.connect(dsn).close()
        except psycopg.OperationalError:
            return
        time.sleep(0.05)
    raise AssertionError("the server does not ask the officers for a password")


@pytest.fixture
def office(postgres_server: object, postgres_url: str) -> Iterator[Office]:
    _require_passwords(postgres_server)
    revoke_every_role(postgres_url, *PASSWORDS)  # exactly the roles granted below, no others
    owner = open_store(postgres_url)
    setup = CliRunner().invoke(main, ["--db", postgres_url, "office", "setup"])
    assert setup.exit_code == 0, setup.output
    url = make_url(postgres_url)
    urls = {
        login: url.set(username=login, password=password).render_as_string(hide_password=False)
        for login, password in PASSWORDS.items()
    }
    dsns = {
        login: f"host=127.0.0.1 port={url.port} dbname={url.database} user={login} "
        f"password={password}"
        for login, password in PASSWORDS.items()
    }
    for login, roles in (
        ("officer_alice", ["reviewer"]),
        ("officer_bob", ["reviewer", "approver"]),
    ):
        granted = CliRunner().invoke(main, ["--db", postgres_url, "office", "grant", login, *roles])
        assert granted.exit_code == 0, granted.output
    with owner.unit_of_work() as session:
        case = make_case(session, "C-1")
        version = make_version(session)
        matches = [
            make_match(session, case, make_entry(session, version, f"E{n}", f"NAME {n}"))
            for n in range(2)
        ]
        session.flush()
        audit.record(session, "case.imported", "case", "C-1", case_id="C-1",
                     details=state_of([case, *matches]))  # fmt: skip
    owner.dispose()
    yield Office(postgres_url, urls, dsns)
    revoke_every_role(postgres_url, *PASSWORDS)  # the logins outlive the test; grants must not
    with psycopg.connect(postgres_server.admin_url(), autocommit=True) as connection:  # type: ignore[attr-defined]
        for login in PASSWORDS:
            connection.execute(f'REVOKE ALL ON DATABASE "{url.database}" FROM "{login}"')


def _screened_and_assessed(office: Office) -> None:
    """What screening and the risk assessment record, done by the owner after the decisions."""
    owner = open_store(office.owner_url, migrate=False)
    with owner.unit_of_work() as session:
        mark_screened(session, session.get_one(Case, "C-1"))
    owner.dispose()


def _match_ids(store: Store) -> list[int]:
    with store.session() as session:
        return list(session.execute(select(MatchResult.id).order_by(MatchResult.id)).scalars())


def _intact(office: Office) -> bool:
    owner = open_store(office.owner_url, migrate=False)
    try:
        with owner.session() as session:
            return verify_log(session).intact
    finally:
        owner.dispose()


def test_the_wrong_password_is_refused(office: Office) -> None:
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(office.dsns["officer_alice"].replace("alice-secret-1", "guess"))


def test_whoami_is_the_server_login_whatever_SCREENER_USER_says(office: Office) -> None:
    result = office.cli("officer_alice", "whoami", "--json", env={"SCREENER_USER": "officer_bob"})
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert json.loads(result.output) == {  # type: ignore[attr-defined]
        "actor": "officer_alice",
        "authenticated_by": "server login",
        "roles": ["reviewer"],
        "note": "",
    }
    users = CliRunner().invoke(main, ["--db", office.owner_url, "office", "users", "--json"])
    held = {u["login"]: u["roles"] for u in json.loads(users.output)}
    assert held == {"officer_alice": ["reviewer"], "officer_bob": ["reviewer", "approver"]}


def test_an_approver_who_decided_a_match_cannot_approve_through_the_app(office: Office) -> None:
    alice, bob = office.store("officer_alice"), office.store("officer_bob")
    first, second = _match_ids(alice)
    with bob.unit_of_work() as session:
        adjudication.decide_match(session, first, "dismiss", "other company")
    with alice.unit_of_work() as session:
        adjudication.decide_match(session, second, "dismiss", "other company")
    _screened_and_assessed(office)
    with alice.unit_of_work() as session:
        signoff.sign_as_reviewer(session, "C-1", Outcome.CLEARED, "no hit")
    with pytest.raises(WorkflowError, match="officer_bob decided a match of case C-1"):
        with bob.unit_of_work() as session:
            signoff.approve(session, "C-1")
    # The server says the same to a client that skips the application's check.
    with psycopg.connect(office.dsns["officer_bob"]) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="four eyes"):
            connection.execute(
                'INSERT INTO sign_offs (case_id, role, "user", signed_at, outcome, comment, '
                "dissent) VALUES ('C-1', 'approver', 'officer_bob', now(), 'cleared', '', '')"
            )
    with alice.session() as session:
        decided_by = set(session.execute(select(Decision.decided_by)).scalars())
        roles = [s.role for s in session.execute(select(SignOff)).scalars()]
    assert decided_by == {"officer_alice", "officer_bob"} and roles == ["reviewer"]
    assert _intact(office)
    alice.dispose()
    bob.dispose()


def test_the_cli_with_SCREENER_USER_set_to_the_approver_is_still_alice(office: Office) -> None:
    for match_id in _match_ids(office.store("officer_alice")):
        done = office.cli(
            "officer_alice", "case", "adjudicate", str(match_id), "--outcome", "dismiss",
            "--reason", "not the same", env={"SCREENER_USER": "officer_bob"},
        )  # fmt: skip
        assert done.exit_code == 0, done.output  # type: ignore[attr-defined]
    _screened_and_assessed(office)
    signed = office.cli(
        "officer_alice", "case", "sign", "C-1", "--as", "reviewer", "--outcome", "cleared",
        env={"SCREENER_USER": "officer_bob"},
    )  # fmt: skip
    assert signed.exit_code == 0, signed.output  # type: ignore[attr-defined]
    refused = office.cli(
        "officer_alice", "case", "sign", "C-1", "--as", "approver",
        env={"SCREENER_USER": "officer_bob"},
    )  # fmt: skip
    assert refused.exit_code == 2  # type: ignore[attr-defined]
    assert refused.output.strip().splitlines() == [  # type: ignore[attr-defined]
        "screener: error: Approving or returning a case needs the approver role; "
        "officer_alice does not hold it"
    ]
    with office.store("officer_alice").session() as session:
        signers = [(s.role, s.user) for s in session.execute(select(SignOff)).scalars()]
        refusals = [
            (e.actor, e.action)
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.action.like("refused.%"))
            ).scalars()
        ]
    assert signers == [("reviewer", "officer_alice")]
    assert refusals == [("officer_alice", "refused.approve")]
    approved = office.cli("officer_bob", "case", "sign", "C-1", "--as", "approver")
    assert approved.exit_code == 0, approved.output  # type: ignore[attr-defined]
    assert _intact(office)


RAW_AS_REVIEWER = [
    "UPDATE decisions SET outcome = 'confirmed'",
    "DELETE FROM audit_events",
    'INSERT INTO sign_offs (case_id, role, "user", signed_at, outcome, comment, dissent) '
    "VALUES ('C-1', 'reviewer', 'officer_bob', now(), 'cleared', '', '')",
    "INSERT INTO decisions (match_id, outcome, reason, decided_by, decided_at) "
    "VALUES ((SELECT min(id) FROM match_results), 'confirmed', 'x', 'officer_bob', now())",
    "INSERT INTO audit_events (id, at, actor, action, object_type, object_id, details, "
    "prev_hash, hash) VALUES (999, now(), 'officer_bob', 'x', 'x', 'x', '{}', 'x', 'y')",
    'INSERT INTO sign_offs (case_id, role, "user", signed_at, outcome, comment, dissent) '
    "VALUES ('C-1', 'approver', 'officer_alice', now(), 'cleared', '', '')",
    "UPDATE list_versions SET is_active = false",
]


def test_raw_sql_as_the_reviewer_is_refused_and_changes_nothing(office: Office) -> None:
    alice = office.store("officer_alice")
    with alice.unit_of_work() as session:
        adjudication.decide_match(session, _match_ids(alice)[0], "dismiss", "other company")
    alice.dispose()
    with psycopg.connect(office.dsns["officer_alice"]) as connection:
        before = connection.execute(
            "SELECT (SELECT count(*) FROM decisions), (SELECT count(*) FROM audit_events), "
            "(SELECT count(*) FROM sign_offs), (SELECT string_agg(outcome, ',') FROM decisions)"
        ).fetchone()
    for statement in RAW_AS_REVIEWER:
        with psycopg.connect(office.dsns["officer_alice"]) as connection:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
    with psycopg.connect(office.dsns["officer_alice"]) as connection:
        after = connection.execute(
            "SELECT (SELECT count(*) FROM decisions), (SELECT count(*) FROM audit_events), "
            "(SELECT count(*) FROM sign_offs), (SELECT string_agg(outcome, ',') FROM decisions)"
        ).fetchone()
    assert after == before
    assert _intact(office)


def test_grant_and_revoke_are_audit_records(office: Office) -> None:
    revoked = CliRunner().invoke(
        main, ["--db", office.owner_url, "office", "revoke", "officer_bob", "approver"]
    )
    assert revoked.exit_code == 0, revoked.output
    owner = open_store(office.owner_url, migrate=False)
    with owner.session() as session:
        records = [
            (e.action, e.object_id, e.details["roles"])
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.action.like("office.%")).order_by(AuditEvent.id)
            ).scalars()
        ]
        login = session.execute(text("SELECT session_user")).scalar_one()
    owner.dispose()
    assert records == [
        ("office.granted", "officer_alice", ["reviewer"]),
        ("office.granted", "officer_bob", ["reviewer", "approver"]),
        ("office.revoked", "officer_bob", ["approver"]),
    ]
    assert login == "postgres"
    refused = office.cli("officer_bob", "office", "grant", "officer_bob", "admin")
    assert refused.exit_code == 2  # type: ignore[attr-defined]
    assert "needs the admin role" in refused.output  # type: ignore[attr-defined]
