"""Who is acting: a login something checked, never a name from a variable.

- PostgreSQL (the office server): the server's `session_user`, the login the officer
  authenticated as (password typed into the sign-in dialog, a password or service file,
  Kerberos, certificates: whatever the office configured libpq for). `SCREENER_USER` has no
  effect. Roles are the Screener groups the login is a member of (`screener.office`).
- SQLite (one workstation): the operating-system login. `SCREENER_USER` is accepted only in a
  database marked for demo/training (the demo database is), and every name taken from it
  carries the words "declared, not authenticated", so History and the memo say so. There is
  no server to enforce roles: the OS login holds every role.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from screener.models import Setting

USER_VARIABLE = "SCREENER_USER"
DECLARED = " (declared, not authenticated)"
PURPOSE_SETTING = "database.purpose"
TRAINING = "training"
SERVER_LOGIN = "server login"
OS_LOGIN = "OS login"
DECLARED_NAME = "declared name"


def os_login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "unknown"


def is_declared(actor: str | None) -> bool:
    return bool(actor and actor.endswith(DECLARED))


@dataclass(frozen=True)
class Identity:
    """The signed-in officer: the name records carry, how it was established, the roles."""

    actor: str
    method: str
    roles: frozenset[str]
    note: str = ""

    @property
    def declared(self) -> bool:
        return self.method == DECLARED_NAME


def is_training(session: Session) -> bool:
    setting = session.get(Setting, PURPOSE_SETTING)
    return setting is not None and setting.value == TRAINING


def mark_training(session: Session) -> None:
    """A demo or training database: declared names (SCREENER_USER) are accepted, marked."""
    setting = session.get(Setting, PURPOSE_SETTING)
    if setting is None:
        session.add(Setting(key=PURPOSE_SETTING, value=TRAINING))
    else:
        setting.value = TRAINING


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def server_login(session: Session) -> str:
    """The connection's login; asked once per connection (it cannot change on it)."""
    info = session.connection().info
    login = info.get("screener.session_user")
    if login is None:
        login = info["screener.session_user"] = str(
            session.execute(text("SELECT session_user")).scalar_one()
        )
    return str(login)


def current_user(session: Session) -> str:
    """The name this session's records carry (see the module docstring)."""
    if _on_server(session):
        return server_login(session)
    declared = os.environ.get(USER_VARIABLE, "").strip()
    if declared and is_training(session):
        return declared + DECLARED
    return os_login()


def identify(session: Session) -> Identity:
    """The signed-in officer with the roles the server grants (for whoami and the window)."""
    from screener.office.roles import ROLES

    if _on_server(session):
        from screener.office.membership import office_is_set_up, roles_of

        login = server_login(session)
        if not office_is_set_up(session):
            return Identity(
                login,
                SERVER_LOGIN,
                frozenset(ROLES),
                "office setup has not been run on this server: it enforces no roles",
            )
        return Identity(login, SERVER_LOGIN, roles_of(session, login))
    actor = current_user(session)
    everything = frozenset(ROLES)
    if is_declared(actor):
        return Identity(actor, DECLARED_NAME, everything, "training database: names are declared")
    note = ""
    if os.environ.get(USER_VARIABLE, "").strip():
        note = f"{USER_VARIABLE} ignored: this database is not marked for demo/training"
    return Identity(actor, OS_LOGIN, everything, note)
