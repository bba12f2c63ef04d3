"""insert-only records on PostgreSQL

The audit log, decisions, sign-offs and status changes are records: a correction is a new
row, never an edit. On PostgreSQL the server enforces it for every role, the owner included:
a trigger refuses UPDATE, DELETE and TRUNCATE on those tables, and UPDATE, DELETE and TRUNCATE
are revoked from PUBLIC (what other roles get is INSERT and SELECT, granted by
`screener office setup`). Only a superuser or the owner dropping the trigger gets past it, and
that is what the hash chain, the replay and the anchors are for. SQLite has no roles: whoever
holds the file can change it, and `screener audit verify` is what notices.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INSERT_ONLY_TABLES = ("audit_events", "decisions", "sign_offs", "status_changes")

REFUSE = """
CREATE OR REPLACE FUNCTION screener_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'screener: % on % refused: its rows are insert-only records', TG_OP,
        TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(REFUSE)
    for table in INSERT_ONLY_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION screener_refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION screener_refuse_change()"
        )
        op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in INSERT_ONLY_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_insert_only ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    op.execute("DROP FUNCTION IF EXISTS screener_refuse_change()")
