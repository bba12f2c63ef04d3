"""Regenerate the first migration from screener/models.py.

Only while no database outside development exists (before the first release): afterwards
every schema change gets a new revision with `alembic revision --autogenerate`.
"""

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from screener.store import MIGRATIONS_DIR, alembic_config

versions = MIGRATIONS_DIR / "versions"
for old in versions.glob("*.py"):
    old.unlink()
engine = create_engine("sqlite://")
config = alembic_config(engine)
command.revision(config, message="initial schema", autogenerate=True, rev_id="0001")
print("wrote", sorted(p.name for p in Path(versions).glob("*.py")))
