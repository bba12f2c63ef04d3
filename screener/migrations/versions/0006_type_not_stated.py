"""entries whose publisher gives no type: 'unknown', not a guess

The importers guessed a type where the publisher gives none: the CSL's BIS and State lists
(Entity List, DPL, ITAR debarred, Unverified, ISN, MEU) became organisations, the BIS DPL's
names persons unless they carried a legal form, OpenSanctions' LegalEntity (FtM's "person
or organisation") an organisation. A query of the other kind never met them: a person's
screening missed the debarred person on the CSL, a company's missed "MAHAN AIRWAYS" on the
DPL. The importers now record `unknown` (screener.lists.base.TYPE_NOT_STATED), which meets
every query; this revision gives the versions already imported the same reading, so a
screening after the upgrade finds what a re-import would, and recounts their types.

A case screened before the upgrade may lack the hits the guesses hid. Its parties no longer
count as screened against a version whose entries were re-read, so its sign-off waits for a
new screening ("Screened against old lists: US-CSL ...; screen the case again").

Exact for the DPL (no entry has a stated type) and for FtM (the entry keeps its schema);
for the CSL, the rows whose source is not a Treasury list, which are the ones the CSL
leaves untyped.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOT_STATED = "unknown"
GUESSED = ("organization", "person")
versions = sa.table(
    "list_versions",
    sa.column("id", sa.Integer),
    sa.column("format", sa.String),
    sa.column("counts", sa.JSON),
)
parties = sa.table(
    "parties",
    sa.column("id", sa.Integer),
    sa.column("screened_versions", sa.JSON),
)
entries = sa.table(
    "list_entries",
    sa.column("id", sa.Integer),
    sa.column("version_id", sa.Integer),
    sa.column("entity_type", sa.String),
    sa.column("data", sa.JSON),
)


def upgrade() -> None:
    bind = op.get_bind()
    ids = {
        fmt: [v for (v,) in bind.execute(sa.select(versions.c.id).where(versions.c.format == fmt))]
        for fmt in ("bis-dpl", "us-csl", "ftm-json")
    }
    guessed = entries.c.entity_type.in_(GUESSED)
    untyped = {
        "bis-dpl": guessed,
        "us-csl": sa.and_(
            entries.c.entity_type == "organization",
            sa.not_(entries.c.data["source"].as_string().like("%Treasury Department")),
        ),
        "ftm-json": sa.and_(guessed, entries.c.data["schema"].as_string() == "LegalEntity"),
    }
    reread: set[int] = set()
    for fmt, version_ids in ids.items():
        for version_id in version_ids:
            changed = bind.execute(
                entries.update()
                .where(entries.c.version_id == version_id, untyped[fmt])
                .values(entity_type=NOT_STATED)
            )
            if changed.rowcount:
                reread.add(version_id)
        for version_id in version_ids:
            counted = bind.execute(
                sa.select(entries.c.entity_type, sa.func.count())
                .where(entries.c.version_id == version_id)
                .group_by(entries.c.entity_type)
            )
            bind.execute(
                versions.update()
                .where(versions.c.id == version_id)
                .values(counts=dict(sorted((str(t), int(n)) for t, n in counted)))
            )
    if reread:
        _screen_again(bind, reread)


def _screen_again(bind: sa.Connection, reread: set[int]) -> None:
    """Parties screened against a re-read version count as not screened against it."""
    screened = bind.execute(sa.select(parties.c.id, parties.c.screened_versions))
    for party_id, versions in list(screened):
        if versions and reread & set(versions):
            kept = [v for v in versions if v not in reread]
            bind.execute(
                parties.update().where(parties.c.id == party_id).values(screened_versions=kept)
            )


def downgrade() -> None:
    # The guesses are not worth restoring: an older release reads 'unknown' as a kind it
    # does not know, which its matcher lets meet every query, as this one does.
    pass
