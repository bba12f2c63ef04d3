"""Only rules admins activate a rule pack, and the server is what says so (PostgreSQL).

A rules admin activates an edited pack with `screener rules activate`: the activation is a
row in the database in its own name, and the next assessment, by anyone, scores with it. A
reviewer is refused by the CLI (exit 2, one line naming the rules_admin role, the attempt
recorded), by the application's own code without the CLI's check, and by its own SQL client;
a login handed a table grant by mistake is still refused by the server's trigger, which names
the role. Nothing refused is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from screener import audit
from screener.audit_state import state_of
from screener.audit_verify import verify_log
from screener.models import Assessment, AuditEvent, RulePackActivation
from screener.office.refusals import server_refusal
from screener.paths import rules_dir
from screener.risk.activation import activate
from screener.risk.packs import load_pack
from screener.risk.service import assess_case
from screener.store import open_store
from tests.factory import make_case, mark_screened
from tests.office_logins import cli, digest, drop_logins, login_url, raw, set_up_office

RULES_ADMIN, REVIEWER, MISGRANTED = "packs_rita", "packs_rex", "packs_misgranted"


@pytest.fixture
def office(postgres_url: str) -> Iterator[str]:
    owner = open_store(postgres_url)
    set_up_office(
        postgres_url, {RULES_ADMIN: ("rules_admin",), REVIEWER: ("reviewer",), MISGRANTED: ()}
    )
    with owner.unit_of_work() as session:
        case = make_case(session, "C-1")
        mark_screened(session, case, assessed=False)
        audit.record(session, "case.imported", "case", "C-1", case_id="C-1",
                     details=state_of([case]))  # fmt: skip
    owner.dispose()
    yield postgres_url
    drop_logins(postgres_url, RULES_ADMIN, REVIEWER, MISGRANTED)


@pytest.fixture
def edited_pack(tmp_path: Path) -> Path:
    text = (rules_dir() / "sanctions.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "sanctions.yaml"
    edited.write_text(text.replace("version:", "# tightened by the rules admin\nversion:", 1))
    return edited


def test_a_rules_admin_activates_and_every_assessment_uses_it(
    office: str, edited_pack: Path
) -> None:
    done = cli(login_url(office, RULES_ADMIN), "rules", "activate", str(edited_pack))
    assert done.exit_code == 0, done.output
    assert done.output.startswith("activated sanctions ")
    listed = cli(login_url(office, REVIEWER), "rules", "active")
    assert f"activated by {RULES_ADMIN}" in listed.output
    reviewer = open_store(login_url(office, REVIEWER), migrate=False)
    stored = assess_case(reviewer, "C-1")
    with reviewer.session() as session:
        (row,) = session.execute(select(RulePackActivation)).scalars()
        used = session.get_one(Assessment, stored.id).packs
        assert verify_log(session).intact
    assert row.activated_by == RULES_ADMIN
    assert row.sha256 == load_pack(edited_pack).sha256
    assert {"id": "sanctions", "sha256": row.sha256} in [
        {"id": p["id"], "sha256": p["sha256"]} for p in used
    ]
    reviewer.dispose()


def test_a_reviewer_is_refused_by_the_cli_the_application_and_the_server(
    office: str, edited_pack: Path
) -> None:
    owner = open_store(office, migrate=False)
    url = login_url(office, REVIEWER)
    refused = cli(url, "rules", "activate", str(edited_pack))
    assert refused.exit_code == 2
    assert refused.output.strip().splitlines() == [
        f"screener: error: Saving or activating a rule pack needs the rules_admin role; {REVIEWER} "
        "does not hold it"
    ]
    with owner.session() as session:
        refusals = list(
            session.execute(
                select(AuditEvent.actor).where(AuditEvent.action == "refused.activate_rules")
            ).scalars()
        )
    assert refusals == [REVIEWER]
    before = digest(owner)
    reviewer = open_store(url, migrate=False)
    with pytest.raises(DBAPIError) as caught:  # the application's code, its check skipped
        with reviewer.unit_of_work() as session:
            activate(session, load_pack(edited_pack))
    assert server_refusal(caught.value, "activate_rules") == (
        "Saving or activating a rule pack needs the rules_admin role (permission denied for "
        "table rule_pack_activations)"
    )
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        raw(office, REVIEWER, _INSERT, (REVIEWER,))
    assert digest(owner) == before
    reviewer.dispose()
    owner.dispose()


_INSERT = (
    "INSERT INTO rule_pack_activations (pack_id, version, sha256, text, activated_by, "
    "activated_at) VALUES ('sanctions', '9', 'x', 'rules: []', %s, now())"
)


def test_a_table_grant_given_by_mistake_still_meets_the_trigger(office: str) -> None:
    owner = open_store(office, migrate=False)
    with owner.engine.begin() as connection:
        connection.exec_driver_sql(
            f'GRANT INSERT ON rule_pack_activations TO "{MISGRANTED}"; '
            f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{MISGRANTED}"'
        )
    before = digest(owner)
    with pytest.raises(
        psycopg.errors.InsufficientPrivilege,
        match=f"activating a rule pack needs the rules_admin role; {MISGRANTED} does not hold it",
    ):
        raw(office, MISGRANTED, _INSERT, (MISGRANTED,))
    assert digest(owner) == before
    with owner.engine.begin() as connection:
        connection.exec_driver_sql(f'DROP OWNED BY "{MISGRANTED}"')
    owner.dispose()
