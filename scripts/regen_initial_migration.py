"""Regenerate the first migration from screener/models.py.

Only while no database outside development exists (before the first release): afterwards
every schema change gets a new revision with `alembic revision --autogenerate`. Later
revisions written by hand (0002: the PostgreSQL insert-only triggers) are set aside while
0001 is regenerated and put back after.
"""

import shutil
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from screener.store import MIGRATIONS_DIR, alembic_config

versions = MIGRATIONS_DIR / "versions"
kept = Path(tempfile.mkdtemp(prefix="screener-migrations-"))
for old in versions.glob("*.py"):
    if old.name.startswith("0001_"):
        old.unlink()
    else:
        shutil.move(old, kept / old.name)
try:
    engine = create_engine("sqlite://")
    config = alembic_config(engine)
    command.revision(config, message="initial schema", autogenerate=True, rev_id="0001")
finally:
    for later in kept.glob("*.py"):
        shutil.move(later, versions / later.name)
    kept.rmdir()
print("wrote", sorted(p.name for p in Path(versions).glob("*.py")))
