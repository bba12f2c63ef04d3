"""The officer's session in the audit log: the sign-in, the role check, every refusal.

The application checks the signed-in officer's roles before it acts (so the refusal names
the role in words) and the server checks again whatever reaches it (a role revoked
meanwhile, a changed client). Either way nothing of the action is written, and the attempt
itself is an audit record of its own, written after the refused work was rolled back.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from screener import audit
from screener.identity import Identity, identify
from screener.office.roles import ACTIONS, RoleRefused
from screener.store import Store

REFUSED_PREFIX = "refused."


def check(store: Store, action_key: str) -> None:
    """Raise RoleRefused (and record the attempt) when the officer lacks the action's role."""
    with store.session() as session:
        who = identify(session)
    action = ACTIONS[action_key]
    if not action.allowed(who.roles):
        refusal = RoleRefused(action, who.actor)
        record(store, action_key, str(refusal))
        raise refusal


def record(store: Store, action_key: str, message: str) -> None:
    """One audit record of a refused attempt, in its own unit of work."""
    try:
        with store.unit_of_work() as session:
            audit.record(
                session,
                REFUSED_PREFIX + action_key,
                "action",
                action_key,
                details={"refusal": message[:500]},
            )
    except DBAPIError:
        pass  # a server that refuses even the record of the refusal: the message still shows


def server_refusal(error: BaseException, action_key: str | None = None) -> str | None:
    """The server's own words when it refused for lack of privilege, else None.

    A missing grant reads "permission denied for table ..."; when the action is known, the
    words name the role it needs, as the application's own check does.
    """
    if not isinstance(error, DBAPIError):
        return None
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate != "42501":  # insufficient_privilege: grants and Screener's triggers
        return None
    text = str(error.orig).strip().splitlines()[0]
    if text.startswith("permission denied"):  # a grant missing: the roles changed meanwhile
        if action_key in ACTIONS:
            return f"{ACTIONS[action_key].needs()} ({text})"
        return f"your roles on the server do not allow this ({text})"
    return text.removeprefix("screener: ")


SIGNED_IN = "session.signed_in"


def record_sign_in(store: Store, who: Identity) -> None:
    """The window's sign-in: who, how it was established, which roles."""
    try:
        with store.unit_of_work() as session:
            audit.record(
                session,
                SIGNED_IN,
                "login",
                who.actor,
                details={"method": who.method, "roles": sorted(who.roles), "note": who.note},
            )
    except DBAPIError:
        pass  # a read-only view of a database (an auditor's replica) still opens
