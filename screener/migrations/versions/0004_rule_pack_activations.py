"""rule pack activations: the office's active rule packs, kept in the database

Activating a rule pack was a file written on one workstation; the server could not say who
may do it. Each activation is now an insert-only row (the pack's text, who, when), which the
office server lets only the rules_admin role add (`screener office setup`; this migration's
new table gets the office's grants at once, see migrations/env.py).

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "rule_pack_activations"


def upgrade() -> None:
    if not sa.inspect(op.get_bind()).has_table(TABLE):  # 0001 regenerated from the models
        op.create_table(
            TABLE,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("pack_id", sa.String(length=120), nullable=False),
            sa.Column("version", sa.String(length=40), nullable=False),
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("activated_by", sa.String(length=120), nullable=False),
            sa.Column("activated_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_rule_pack_activations_pack_id", TABLE, ["pack_id"])
    if op.get_bind().dialect.name != "postgresql":
        return
    # A record, like the audit log: the function comes from revision 0002.
    op.execute(
        f"CREATE TRIGGER {TABLE}_insert_only BEFORE UPDATE OR DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION screener_refuse_change()"
    )
    op.execute(
        f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION screener_refuse_change()"
    )
    op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {TABLE} FROM PUBLIC")


def downgrade() -> None:
    op.drop_index("ix_rule_pack_activations_pack_id", table_name=TABLE)
    op.drop_table(TABLE)
