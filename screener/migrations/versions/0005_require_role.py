"""one role check on PostgreSQL: screener_require_role(role, doing)

The office's row checks (`screener.office.triggers`) each spelled out the same test and the
same refusal: is the login a member of the role's group, else raise "<doing> needs the <role>
role; <login> does not hold it". Five copies could drift in wording or in the group's name.
This revision adds the one function they all call; `screener office setup` (and, on an office
server, the reinstall after this upgrade, see migrations/env.py) replaces the trigger bodies
with ones that call it, so the officer reads the same message as before, role named.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# session_user, not current_user: the login who connected, even inside a SECURITY DEFINER
# function. The group of a role word is screener_<word> (screener.office.roles.group_name).
REQUIRE_ROLE = """
CREATE OR REPLACE FUNCTION screener_require_role(role text, doing text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT pg_has_role(session_user, 'screener_' || role, 'MEMBER') THEN
        RAISE EXCEPTION 'screener: % needs the % role; % does not hold it', doing, role,
            session_user USING ERRCODE = 'insufficient_privilege';
    END IF;
END;
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(REQUIRE_ROLE)


def downgrade() -> None:
    # The function stays: the office's triggers installed by this release call it, and the
    # older release's `screener office setup` replaces them with bodies that do not.
    pass
