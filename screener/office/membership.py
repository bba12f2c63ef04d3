"""Which Screener groups a login holds on the server (read only, below the audit log).

Identity needs this to say who is signed in with which roles, and identity sits below the
audit log in the layers, so these queries stand apart from `accounts` (which writes).
"""

from __future__ import annotations

from sqlalchemy import text
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


def office_is_set_up(session: Session) -> bool:
    """True once `screener office setup` created the groups on this server."""
    found = session.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": group_name(ROLES[0])}
    )
    return found.first() is not None
