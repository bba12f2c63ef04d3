"""Who is acting: the operating-system user unless configured otherwise."""

from __future__ import annotations

import getpass
import os


def current_user() -> str:
    """`SCREENER_USER` overrides the OS login, for shared workstations and tests."""
    configured = os.environ.get("SCREENER_USER", "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "unknown"
