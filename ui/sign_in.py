"""Signing in to the office server: the password typed into a dialog, never kept on disk.

An officer's URL names their login (`postgresql+psycopg://alice@HOST/screener`). When the
server asks for a password that neither the URL nor libpq's own sources (a password file, a
service file) gave, the window asks for it, uses it for this session's connections only, and
asks again after a wrong one (three tries). Kerberos or certificates need no dialog at all.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit
from sqlalchemy.engine import make_url

from screener.store import Store, StoreError, default_url, open_store

TRIES = 3
_ASKS_PASSWORD = ("no password supplied", "password authentication failed", "wrong password")

PasswordPrompt = Callable[[str, str, bool], str | None]


def ask_password(login: str, server: str, again: bool) -> str | None:
    """The sign-in dialog; None when the officer cancels."""
    title = QCoreApplication.translate("SignIn", "Sign in to the office server")
    text = QCoreApplication.translate("SignIn", "Password for %1 on %2:")
    if again:
        text = QCoreApplication.translate("SignIn", "Wrong password. Password for %1 on %2:")
    password, ok = QInputDialog.getText(
        None, title, text.replace("%1", login).replace("%2", server), QLineEdit.EchoMode.Password
    )
    return password if ok else None


def open_with_sign_in(url: str | None, ask: PasswordPrompt = ask_password) -> Store | None:
    """Open the database, asking for the login's password if the server wants one.

    Raises StoreError for every other problem (the caller shows it); None if cancelled.
    """
    try:
        return open_store(url)
    except StoreError as exc:
        if not _wants_password(exc):
            raise
        failure = exc
    parsed = make_url(url or default_url())
    for attempt in range(TRIES):
        password = ask(parsed.username or "", parsed.host or "localhost", attempt > 0)
        if password is None:
            return None
        try:
            return open_store(parsed.set(password=password).render_as_string(hide_password=False))
        except StoreError as exc:
            if not _wants_password(exc):
                raise
            failure = exc
    raise failure


def _wants_password(exc: StoreError) -> bool:
    message = str(exc).lower()
    return any(phrase in message for phrase in _ASKS_PASSWORD)
