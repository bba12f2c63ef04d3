"""listed entity links: list entries joined into one listed entity on evidence

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "listed_entity_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_a_id", sa.Integer(), nullable=False),
        sa.Column("entry_b_id", sa.Integer(), nullable=False),
        sa.Column("source_a", sa.String(length=80), nullable=False),
        sa.Column("key_a", sa.String(length=120), nullable=False),
        sa.Column("source_b", sa.String(length=80), nullable=False),
        sa.Column("key_b", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("evidence", sa.String(length=300), nullable=False),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(["entry_a_id"], ["list_entries.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["entry_b_id"], ["list_entries.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_a", "key_a", "source_b", "key_b"),
    )
    op.create_index("ix_listed_entity_links_entry_a_id", "listed_entity_links", ["entry_a_id"])
    op.create_index("ix_listed_entity_links_entry_b_id", "listed_entity_links", ["entry_b_id"])


def downgrade() -> None:
    op.drop_index("ix_listed_entity_links_entry_b_id", table_name="listed_entity_links")
    op.drop_index("ix_listed_entity_links_entry_a_id", table_name="listed_entity_links")
    op.drop_table("listed_entity_links")
