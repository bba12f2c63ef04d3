"""An officer holding admin (not the database owner) manages the office (PostgreSQL).

The owner grants admin to dana once. Dana then grants and revokes the other roles, including
a role the owner granted, and each change is an audit record in her name. The admin role
itself stays the owner's to give (refused with one line). A reviewer running `office grant`
or `office revoke` exits 2 with one line naming the admin role, and nothing changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from screener.audit_verify import verify_log
from screener.models import AuditEvent
from screener.store import open_store
from tests.office_logins import cli, drop_logins, login_url, set_up_office

ADMIN, OFFICER, REVIEWER = "admins_dana", "admins_erin", "admins_rex"


@pytest.fixture
def office(postgres_url: str) -> Iterator[str]:
    open_store(postgres_url).dispose()
    set_up_office(postgres_url, {ADMIN: ("admin",), OFFICER: ("viewer",), REVIEWER: ("reviewer",)})
    yield postgres_url
    drop_logins(postgres_url, ADMIN, OFFICER, REVIEWER)


def _held(url: str) -> dict[str, list[str]]:
    users = cli(url, "office", "users", "--json")
    assert users.exit_code == 0, users.output
    return {u["login"]: u["roles"] for u in json.loads(users.output)}


def test_an_admin_officer_grants_and_revokes(office: str) -> None:
    dana = login_url(office, ADMIN)
    granted = cli(dana, "office", "grant", OFFICER, "reviewer", "approver")
    assert granted.exit_code == 0, granted.output
    assert _held(dana)[OFFICER] == ["viewer", "reviewer", "approver"]
    # viewer was granted by the owner; dana takes it back all the same
    revoked = cli(dana, "office", "revoke", OFFICER, "viewer", "approver")
    assert revoked.exit_code == 0, revoked.output
    assert _held(dana)[OFFICER] == ["reviewer"]
    whoami = cli(login_url(office, OFFICER), "whoami", "--json")
    assert json.loads(whoami.output)["roles"] == ["reviewer"]
    refused = cli(dana, "office", "grant", OFFICER, "admin")
    assert refused.exit_code == 2
    assert refused.output.strip().splitlines() == [
        "screener: error: only the database owner grants or revokes the admin role (officers "
        "holding admin manage the other six)"
    ]
    owner = open_store(office, migrate=False)
    with owner.session() as session:
        records = [
            (e.actor, e.action, e.details["roles"])
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.object_id == OFFICER).order_by(AuditEvent.id)
            ).scalars()
        ]
        assert verify_log(session).intact
    owner.dispose()
    assert records == [
        ("postgres", "office.granted", ["viewer"]),
        (ADMIN, "office.granted", ["reviewer", "approver"]),
        (ADMIN, "office.revoked", ["viewer", "approver"]),
    ]


@pytest.mark.parametrize("verb", ["grant", "revoke"])
def test_a_non_admin_is_refused_naming_the_admin_role(office: str, verb: str) -> None:
    before = _held(office)
    refused = cli(login_url(office, REVIEWER), "office", verb, OFFICER, "viewer")
    assert refused.exit_code == 2
    assert refused.output.strip().splitlines() == [
        f"screener: error: Granting and revoking roles needs the admin role; {REVIEWER} does "
        "not hold it"
    ]
    assert _held(office) == before
