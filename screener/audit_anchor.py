"""Anchors outside the database: the chain head written where the database cannot reach it.

Everything inside the database can be rewritten by whoever can write the file or the server:
the records, their hashes, the chain-head setting. A head copied out (printed on a memo,
carried in an export, or kept in an anchor file by the office) pins the log as it was: a later
log must still hold that record with that hash. `anchor_text` is how a head is printed
("record 57 sha256:3f2a..."), `write_anchor_file` is what `screener audit anchor` keeps, and
`check_anchor` is what `screener audit verify --anchor` proves.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener import audit_seal
from screener.models import AuditEvent

ANCHOR_FORMAT = "screener-audit-anchor/1"
_HEAD_TEXT = re.compile(r"^\s*(?:record\s+)?(\d+)(?:\s*:\s*|\s+)(?:sha256:)?([0-9a-f]{64})\s*$")
_HASH_ONLY = re.compile(r"^\s*(?:sha256:)?([0-9a-f]{64})\s*$")


class AnchorError(Exception):
    """The anchor given cannot be read; the message names it."""


@dataclass(frozen=True)
class ChainHead:
    """One record of the chain, by number and hash (record 0 is the empty log)."""

    record: int
    hash: str

    def text(self) -> str:
        return f"record {self.record} sha256:{self.hash}"


def chain_head(session: Session) -> ChainHead:
    """The newest record as the log holds it now."""
    row = session.execute(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    if row is None:
        return ChainHead(0, "0" * 64)
    return ChainHead(int(row[0]), str(row[1]))


def anchor_text(session: Session) -> str:
    """The head for a memo or an export: the words a reviewer can check against the log."""
    return chain_head(session).text()


@dataclass(frozen=True)
class Anchor:
    """A head kept outside the database; `record` is None when only a hash was given."""

    record: int | None
    hash: str
    made_by: str = ""
    made_at: str = ""
    seal: str | None = None
    origin: str = ""


def anchor_document(
    head: ChainHead, made_by: str, made_at: datetime, key: bytes | None
) -> dict[str, Any]:
    return {
        "format": ANCHOR_FORMAT,
        "record": head.record,
        "hash": head.hash,
        "made_by": made_by,
        "made_at": made_at.isoformat(timespec="seconds") + "Z",
        "seal": audit_seal.seal(key, head.hash) if key else None,
    }


def write_anchor_file(path: Path, document: dict[str, Any]) -> Path:
    """Refuses to overwrite: an office keeps every anchor, one file each."""
    try:
        with path.open("x", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2)
            handle.write("\n")
    except FileExistsError:
        raise AnchorError(f"{path}: exists already; anchors are kept, never overwritten") from None
    except OSError as exc:
        raise AnchorError(f"{path}: cannot write the anchor: {exc.strerror}") from None
    return path


def read_anchor(value: str) -> Anchor:
    """An anchor file, or a head as printed on a memo ("record N sha256:H", "N:H" or H)."""
    text_match = _HEAD_TEXT.match(value)
    if text_match:
        return Anchor(int(text_match[1]), text_match[2], origin=value.strip())
    hash_match = _HASH_ONLY.match(value)
    if hash_match:
        return Anchor(None, hash_match[1], origin=value.strip())
    path = Path(value)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnchorError(
            f"{value}: neither an anchor file nor a chain head (record N sha256:HASH)"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AnchorError(f"{path}: not an anchor file: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != ANCHOR_FORMAT:
        raise AnchorError(f"{path}: not an anchor file (format {ANCHOR_FORMAT!r} expected)")
    record, digest = document.get("record"), document.get("hash")
    if not isinstance(record, int) or not isinstance(digest, str) or not _HASH_ONLY.match(digest):
        raise AnchorError(f"{path}: field 'record' or 'hash' is missing or malformed")
    return Anchor(
        record,
        digest,
        made_by=str(document.get("made_by", "")),
        made_at=str(document.get("made_at", "")),
        seal=document.get("seal"),
        origin=str(path),
    )


def check_anchor(session: Session, anchor: Anchor, key: bytes | None = None) -> list[str]:
    """Why the log does not extend the anchored head; empty when it does.

    The chain check proves every later record links back to this one; here it is enough
    that the anchored record is still in the log with the anchored hash.
    """
    problems: list[str] = []
    if (
        key is not None
        and anchor.seal is not None
        and not audit_seal.seal_matches(key, anchor.hash, anchor.seal)
    ):
        problems.append(f"anchor {anchor.origin}: its seal does not match the office key")
    if anchor.record == 0:
        return problems
    if anchor.record is None:
        found = session.execute(select(AuditEvent.id).where(AuditEvent.hash == anchor.hash)).first()
        if found is None:
            problems.append(
                f"anchor {anchor.origin}: no record of the log has hash {anchor.hash[:16]}...: "
                "the log was rewritten or cut below it"
            )
        return problems
    held = session.execute(
        select(AuditEvent.hash).where(AuditEvent.id == anchor.record)
    ).scalar_one_or_none()
    if held is None:
        last = chain_head(session).record
        problems.append(
            f"anchor {anchor.origin}: record {anchor.record} is gone (the log ends at record "
            f"{last}): records were deleted"
        )
    elif held != anchor.hash:
        problems.append(
            f"anchor {anchor.origin}: record {anchor.record} holds a different hash: the log "
            "was rewritten at or before that record"
        )
    return problems
