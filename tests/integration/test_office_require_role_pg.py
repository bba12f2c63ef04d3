"""Every role check of the office server goes through one function, screener_require_role
(revision 0005), on a real PostgreSQL server, and the officer still reads which role is
missing: each trigger, met by a login that was given a table grant by mistake but holds none
of the roles, refuses with the same words it always had; a login holding the role passes.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from screener.store import open_store
from tests.office_logins import (
    create_login,
    driver_url,
    drop_logins,
    login_url,
    raw,
    set_up_office,
)

NO_ROLE, REVIEWER = "require_nora", "require_rex"
TABLES = ("decisions", "sign_offs", "status_changes", "rule_pack_activations")

REFUSALS = [
    ("INSERT INTO decisions (match_id, outcome, reason, decided_by, decided_at) "
     "VALUES (1, 'dismissed', 'x', session_user, now())",
     "deciding a match needs the reviewer role"),
    ("INSERT INTO sign_offs (case_id, role, \"user\", signed_at, comment, dissent) "
     "VALUES ('C-1', 'reviewer', session_user, now(), '', '')",
     "signing as reviewer needs the reviewer role"),
    ("INSERT INTO sign_offs (case_id, role, \"user\", signed_at, comment, dissent) "
     "VALUES ('C-1', 'approver', session_user, now(), '', '')",
     "approving needs the approver role"),
    ("INSERT INTO status_changes (case_id, from_status, to_status, changed_by, changed_at, "
     "reason) VALUES ('C-1', 'in_review', 'decided', session_user, now(), 'x')",
     "deciding a case needs the approver role"),
    ("INSERT INTO status_changes (case_id, from_status, to_status, changed_by, changed_at, "
     "reason) VALUES ('C-1', 'in_review', 'escalated', session_user, now(), 'x')",
     "moving a case needs the reviewer role"),
    ("INSERT INTO rule_pack_activations (pack_id, version, sha256, text, activated_by, "
     "activated_at) VALUES ('sanctions', '9', 'x', 'rules: []', session_user, now())",
     "activating a rule pack needs the rules_admin role"),
]  # fmt: skip


@pytest.fixture(scope="module")
def office(postgres_server: object) -> Iterator[str]:
    postgres_url = postgres_server.create_database("screener_require_role")  # type: ignore[attr-defined]
    open_store(postgres_url).dispose()
    set_up_office(postgres_url, {REVIEWER: ("reviewer",)})
    create_login(postgres_url, NO_ROLE)
    with psycopg.connect(driver_url(postgres_url)) as connection:
        for table in TABLES:  # the mistake: table grants without the role
            connection.execute(f'GRANT INSERT ON {table} TO "{NO_ROLE}"')
        connection.execute(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{NO_ROLE}"')
    yield postgres_url
    with psycopg.connect(driver_url(postgres_url)) as connection:
        connection.execute(f'DROP OWNED BY "{NO_ROLE}"')
    drop_logins(postgres_url, NO_ROLE, REVIEWER)


def test_only_screener_require_role_asks_the_server_for_a_membership(office: str) -> None:
    with psycopg.connect(driver_url(office)) as connection:
        asking = connection.execute(
            "SELECT proname FROM pg_proc WHERE proname LIKE 'screener%' "
            "AND prosrc LIKE '%pg_has_role%' ORDER BY proname"
        ).fetchall()
        callers = connection.execute(
            "SELECT count(*) FROM pg_proc WHERE proname LIKE 'screener%' "
            "AND prosrc LIKE '%screener_require_role(%'"
        ).fetchone()
    assert asking == [("screener_require_role",)]
    assert callers is not None and callers[0] >= 5  # the row checks and the own-event anchor


@pytest.mark.parametrize(("statement", "words"), REFUSALS)
def test_each_row_check_names_the_missing_role(office: str, statement: str, words: str) -> None:
    with pytest.raises(
        psycopg.errors.InsufficientPrivilege,
        match=f"^screener: {words}; {NO_ROLE} does not hold it",
    ):
        raw(office, NO_ROLE, statement)


def test_a_login_holding_the_role_passes_the_check(office: str) -> None:
    url = driver_url(login_url(office, REVIEWER))
    with psycopg.connect(url) as connection:
        connection.execute("SELECT screener_require_role('reviewer', 'deciding a match')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="needs the approver"):
            connection.execute("SELECT screener_require_role('approver', 'approving')")
