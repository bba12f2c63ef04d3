"""Which Screener groups a login holds on the server (read only, below the audit log).

Identity needs this to say who is signed in with which roles, and identity sits below the
audit log in the layers, so these queries stand apart from `accounts` (which writes).
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from screener.office.roles import ROLES, group_name


def roles_of(session: Session, login: str) -> frozenset[str]:
    """The roles a login holds, directly or through admin (which holds them all)."""
    held = set()
    for role in ROLES:
        found = session.execute(
            text("SELECT pg_has_role(:login, oid, 'MEMBER') FROM pg_roles WHERE rolname = :group"),
            {"login": login, "group": group_name(role)},
        ).first()
        if found and found[0]:
            held.add(role)
    return frozenset(held)


SET_UP_MARK = "screener_actor_audit_events"  # a function `office setup` creates in the database


def office_is_set_up(session: Session | Connection) -> bool:
    """True once `screener office setup` ran on this database (group roles are server-wide,
    so their existence alone says nothing of this database's grants and triggers)."""
    found = session.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :name AND to_regproc(:mark) IS NOT NULL"),
        {"name": group_name(ROLES[0]), "mark": SET_UP_MARK},
    )
    return found.first() is not None
