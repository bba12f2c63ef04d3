"""Who holds which role on the office server: grant, revoke, list.

An officer's login is created by the office's database administrator (`CREATE ROLE name
LOGIN PASSWORD '...'`, or Kerberos/certificates as the office configured); Screener only adds
it to, or removes it from, the group roles. Each change is an audit record.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from screener import audit
from screener.office.membership import office_is_set_up, roles_of
from screener.office.roles import ADMIN, GROUP_PREFIX, ROLES, group_name

__all__ = ["OfficeError", "grant", "office_is_set_up", "revoke", "roles_of", "users"]


class OfficeError(Exception):
    """The office command cannot be done as asked; the message says why."""


def require_server(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        raise OfficeError(
            "office roles need the office's PostgreSQL server; this database is SQLite "
            "(one workstation: the OS login holds every role)"
        )


def _login_exists(session: Session, login: str) -> bool:
    found = session.execute(
        text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :name"), {"name": login}
    ).first()
    return bool(found and found[0])


def _check(session: Session, login: str, roles: tuple[str, ...]) -> None:
    require_server(session)
    if not roles:
        raise OfficeError("name at least one role: " + ", ".join(ROLES))
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise OfficeError(f"unknown role {unknown[0]!r}; expected one of {', '.join(ROLES)}")
    if ADMIN in roles and not _holds_admin_option(session):
        raise OfficeError(
            "only the database owner grants or revokes the admin role (officers holding "
            "admin manage the other six)"
        )
    if not _login_exists(session, login):
        raise OfficeError(
            f"no login role {login!r} on this server: the database administrator creates it "
            "first (CREATE ROLE ... LOGIN)"
        )


def _granted_by(role: str) -> str:
    """Every grant is made in the admin group's name, so any officer holding admin (who acts
    through its ADMIN OPTION) can revoke what another admin or the owner granted. The admin
    role itself is granted by the database owner only (no group holds it with ADMIN OPTION).
    """
    return "" if role == ADMIN else f' GRANTED BY "{group_name(ADMIN)}"'


def _holds_admin_option(session: Session) -> bool:
    found = session.execute(
        text("SELECT pg_has_role(session_user, :group, 'MEMBER WITH ADMIN OPTION')"),
        {"group": group_name(ADMIN)},
    ).scalar()
    return bool(found)


def grant(session: Session, login: str, roles: tuple[str, ...]) -> None:
    _check(session, login, roles)
    for role in roles:
        session.execute(text(f'GRANT "{group_name(role)}" TO "{login}"{_granted_by(role)}'))
    audit.record(session, "office.granted", "login", login, details={"roles": list(roles)})


def revoke(session: Session, login: str, roles: tuple[str, ...]) -> None:
    _check(session, login, roles)
    for role in roles:
        session.execute(text(f'REVOKE "{group_name(role)}" FROM "{login}"{_granted_by(role)}'))
        left = _grantors(session, login, group_name(role))
        if left:
            raise OfficeError(
                f"{login} still holds {role}: granted by {', '.join(left)}, who must revoke "
                "it (nothing was revoked)"
            )
    audit.record(session, "office.revoked", "login", login, details={"roles": list(roles)})


def _grantors(session: Session, login: str, group: str) -> list[str]:
    """Who granted `group` to `login` directly (a membership PostgreSQL keeps per grantor)."""
    rows = session.execute(
        text(
            "SELECT gr.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member JOIN pg_roles gr ON gr.oid = a.grantor "
            "WHERE m.rolname = :login AND g.rolname = :group ORDER BY gr.rolname"
        ),
        {"login": login, "group": group},
    )
    return [str(name) for (name,) in rows]


@dataclass(frozen=True)
class OfficeUser:
    login: str
    roles: tuple[str, ...]
    can_login: bool


def users(session: Session) -> list[OfficeUser]:
    """Every role that is a direct member of a Screener group, with the groups it holds."""
    require_server(session)
    rows = session.execute(
        text(
            "SELECT m.rolname, m.rolcanlogin, g.rolname FROM pg_auth_members a "
            "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
            "WHERE g.rolname LIKE :prefix AND m.rolname NOT LIKE :prefix "
            "ORDER BY m.rolname, g.rolname"
        ),
        {"prefix": GROUP_PREFIX + "%"},
    )
    held: dict[str, tuple[bool, list[str]]] = {}
    for login, can_login, group in rows:
        role = group.removeprefix(GROUP_PREFIX)
        if role in ROLES:
            held.setdefault(login, (bool(can_login), []))[1].append(role)
    return [
        OfficeUser(login, tuple(r for r in ROLES if r in roles), can_login)
        for login, (can_login, roles) in held.items()
    ]
