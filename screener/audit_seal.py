"""The office key: an HMAC over each audit record's hash, with a key kept outside the database.

The hash chain can be rebuilt from scratch by anyone who can write the database: change a
record, recompute every hash after it, move the head. A seal (HMAC-SHA256 of the record's hash
under a secret key) cannot be recomputed without the key. The key lives in a file the office
keeps away from the database (`SCREENER_AUDIT_KEY_FILE` names it on the workstations that
write; `screener audit verify --key FILE` checks with it). Whoever holds the key can still
forge, so it belongs to the office, not to every user of the database.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

KEY_FILE_VARIABLE = "SCREENER_AUDIT_KEY_FILE"
MIN_KEY_BYTES = 16


class AuditKeyError(Exception):
    """The key file cannot be used; the message names it."""


def read_key(path: str | Path) -> bytes:
    """The key's bytes (surrounding whitespace ignored); at least 16 bytes of secret."""
    path = Path(path)
    try:
        key = path.read_bytes().strip()
    except OSError as exc:
        raise AuditKeyError(f"{path}: cannot read the audit key file: {exc.strerror}") from None
    if len(key) < MIN_KEY_BYTES:
        raise AuditKeyError(
            f"{path}: the audit key must hold at least {MIN_KEY_BYTES} bytes of secret "
            f"(it holds {len(key)})"
        )
    return key


def configured_key() -> bytes | None:
    """The key this workstation seals with, if the office configured one."""
    path = os.environ.get(KEY_FILE_VARIABLE, "").strip()
    return read_key(path) if path else None


def seal(key: bytes, record_hash: str) -> str:
    return hmac.new(key, record_hash.encode("ascii"), hashlib.sha256).hexdigest()


def seal_matches(key: bytes, record_hash: str, found: str | None) -> bool:
    return found is not None and hmac.compare_digest(seal(key, record_hash), found)
