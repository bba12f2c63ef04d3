"""Alembic environment: runs migrations on the engine the Store hands over.

On an office server (`screener office setup` was run), an upgrade that applied any revision
puts the office's grants, triggers and policies back in the same transaction, so a table a
migration adds is readable by every group and writable only as the role table says from the
moment it exists (and a migration that replaced a function or trigger gets the office's
version back).
"""

from alembic import context

from screener.models import Base
from screener.office.membership import office_is_set_up
from screener.office.policies import install

target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            before = context.get_context().get_current_revision()
            context.run_migrations()
            moved = context.get_context().get_current_revision() != before
            if moved and connection.dialect.name == "postgresql" and office_is_set_up(connection):
                install(connection)


run_migrations_online()
