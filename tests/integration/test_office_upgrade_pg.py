"""An office set up before an upgrade keeps its rules on the tables a migration adds (PostgreSQL).

The database stops at revision 0003 and the office is set up there (as `screener office setup`
did before the upgrade); then Screener upgrades it to head, which adds the rule-pack
activations table (0004). With no second `office setup`, every group reads the new table,
only a rules admin adds to it (in its own name), and it is insert-only.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from alembic import command
from sqlalchemy import inspect, select

from screener.models import RulePackActivation
from screener.office import policies
from screener.paths import rules_dir
from screener.risk.activation import activate
from screener.risk.packs import load_pack
from screener.store import alembic_config, current_revision, head_revision, make_engine, open_store
from tests.office_logins import cli, create_login, drop_logins, login_url, raw

RULES_ADMIN, VIEWER, REVIEWER = "upgrade_rita", "upgrade_vic", "upgrade_rex"
NEW_TABLE = "rule_pack_activations"


@pytest.fixture
def postgres_url(postgres_url: str) -> Iterator[str]:
    yield postgres_url
    drop_logins(postgres_url, RULES_ADMIN, VIEWER, REVIEWER)


def test_a_migration_keeps_the_office_policies_on_the_table_it_adds(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    command.upgrade(alembic_config(engine), "0003")
    assert not inspect(engine).has_table(NEW_TABLE)
    with engine.begin() as connection:
        policies.install(connection)  # what `office setup` installed at revision 0003
    for login in (RULES_ADMIN, VIEWER, REVIEWER):
        create_login(postgres_url, login)
    engine.dispose()

    open_store(postgres_url).dispose()  # the upgrade, by the owner, as after a new release
    assert current_revision(make_engine(postgres_url)) == head_revision()
    # Memberships only: no `office setup` after the upgrade.
    for login, role in ((RULES_ADMIN, "rules_admin"), (VIEWER, "viewer"), (REVIEWER, "reviewer")):
        granted = cli(postgres_url, "office", "grant", login, role)
        assert granted.exit_code == 0, granted.output
    rules_admin = open_store(login_url(postgres_url, RULES_ADMIN), migrate=False)
    with rules_admin.unit_of_work() as session:
        activate(session, load_pack(rules_dir() / "sanctions.yaml"))
    viewer = open_store(login_url(postgres_url, VIEWER), migrate=False)
    with viewer.session() as session:
        (row,) = session.execute(select(RulePackActivation)).scalars()
    assert row.activated_by == RULES_ADMIN
    for login, statement in (
        (REVIEWER, f"INSERT INTO {NEW_TABLE} (pack_id, version, sha256, text, activated_by, "
                   "activated_at) VALUES ('x', '1', 'x', 'x', session_user, now())"),
        (VIEWER, f"DELETE FROM {NEW_TABLE}"),
        (RULES_ADMIN, f"UPDATE {NEW_TABLE} SET text = 'x'"),  # insert-only, for its writer too
        (RULES_ADMIN, f"INSERT INTO {NEW_TABLE} (pack_id, version, sha256, text, activated_by, "
                      "activated_at) VALUES ('x', '1', 'x', 'x', 'someone_else', now())"),
    ):  # fmt: skip
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw(postgres_url, login, statement)
    rules_admin.dispose()
    viewer.dispose()
